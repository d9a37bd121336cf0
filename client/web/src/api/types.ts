import type { MoneyString } from '../../../../src/protocol/money-string.js';

/**
 * Shapes of the HTTP API's answers, as the OpenAPI document (/api/openapi.json) describes them.
 * The server's zod schemas live in src/http, which the client may not import (only src/protocol
 * and src/money are shared), so they are restated here; the end-to-end tests exercise every one.
 */

export type Role = 'player' | 'cashier' | 'admin';

export interface User {
  readonly id: string;
  readonly username: string;
  readonly role: Role;
  readonly createdAt: string;
}

export interface LoginResponse {
  readonly user: User;
  readonly session: { readonly token: string; readonly expiresAt: string };
}

export interface MeResponse {
  readonly user: User;
  readonly sessionExpiresAt: string;
}

export interface WalletResponse {
  readonly balance: MoneyString;
  readonly currency: 'chips';
}

export type TransferKind = 'deposit' | 'withdrawal' | 'buy-in' | 'top-up' | 'cash-out' | 'rake' | 'refund';

export interface LedgerEntry {
  readonly id: string;
  readonly kind: TransferKind;
  readonly direction: 'credit' | 'debit';
  readonly amount: MoneyString;
  readonly tableId: string | null;
  readonly handNumber: number | null;
  readonly seat: number | null;
  readonly createdAt: string;
}

export interface LedgerPage {
  readonly entries: readonly LedgerEntry[];
  readonly nextCursor: string | null;
}

export interface PlayerSummary {
  readonly id: string;
  readonly username: string;
  readonly balance: MoneyString;
  readonly createdAt: string;
}

export interface CashierMovement {
  readonly transferId: string;
  readonly username: string;
  readonly amount: MoneyString;
  readonly walletBalance: MoneyString;
}

export interface HandSummary {
  readonly id: string;
  readonly tableId: string;
  readonly tableName: string;
  readonly number: number;
  readonly seat: number;
  readonly buttonSeat: number;
  readonly players: number;
  readonly startingStack: MoneyString;
  readonly finalStack: MoneyString;
  /** Signed ("-2.5"). */
  readonly net: string;
  readonly rake: MoneyString;
  readonly deckCommitment: string;
  readonly playedAt: string;
}

export interface HandListResponse {
  readonly hands: readonly HandSummary[];
  readonly nextCursor: string | null;
}

export interface HandResponse {
  readonly hand: HandSummary & { readonly history: string };
}

export interface CreateTableRequest {
  readonly name: string;
  readonly smallBlind: MoneyString;
  readonly bigBlind: MoneyString;
  readonly ante?: MoneyString;
  readonly minBuyIn: MoneyString;
  readonly maxBuyIn: MoneyString;
  readonly chipUnit?: MoneyString;
  readonly maxSeats: number;
  readonly rakeBasisPoints?: number;
  readonly rakeCap?: MoneyString;
}

export interface TableRecord {
  readonly id: string;
  readonly name: string;
  readonly status: 'open' | 'closed';
  readonly smallBlind: MoneyString;
  readonly bigBlind: MoneyString;
  readonly maxSeats: number;
  readonly seatsTaken: number;
}

export interface ErrorBody {
  readonly error: { readonly code: string; readonly message: string };
}
