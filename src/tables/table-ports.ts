import type { Card } from '../engine/cards.js';
import type { Money } from '../money/index.js';
import type { ErrorCode } from '../protocol/error-codes.js';
import type { LobbyTable } from '../protocol/lobby.js';
import type { TableNotice } from '../protocol/notices.js';
import type { TableView } from '../protocol/table-view.js';

/**
 * What a table actor needs from the outside world, as interfaces: the ledger (money), the
 * broadcaster (sockets), the observer (metrics) and the deck source (randomness). The actor imports
 * neither Prisma nor Socket.IO, and tests can substitute any of them.
 */

export type LedgerOutcome<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly error: { readonly code: string; readonly message: string } };

export interface SeatedStack {
  readonly seat: number;
  readonly stack: Money;
}

export interface HandSettlement {
  readonly tableId: string;
  readonly handNumber: number;
  readonly ownerEpoch: bigint;
  /** Every seat dealt into the hand with its stack after the hand. */
  readonly stacks: readonly SeatedStack[];
  readonly rake: Money;
  readonly deckCommitment: string;
  /** The 52 cards as text, in dealing order. */
  readonly deck: string;
  /** The 52 per-card salts, hex, concatenated in deck order (deck-commitment.ts). */
  readonly salt: string;
  /** PHH text. */
  readonly history: string;
  readonly result: unknown;
}

export interface HandVoid {
  readonly tableId: string;
  readonly handNumber: number;
  readonly ownerEpoch: bigint;
  readonly deckCommitment: string;
  /** The 52 cards as text, in dealing order. */
  readonly deck: string;
  /** The 52 per-card salts, hex, concatenated in deck order (deck-commitment.ts). */
  readonly salt: string;
  readonly reason: string;
}

export interface TableLedger {
  /** Wallet to escrow, and the seat holds `amount`. Fails if the seat is not free for this user. */
  buyIn(request: {
    tableId: string;
    seat: number;
    userId: string;
    amount: Money;
    reservationId: string;
  }): Promise<LedgerOutcome<{ stack: Money }>>;
  topUp(request: {
    tableId: string;
    seat: number;
    userId: string;
    amount: Money;
    requestId: string;
  }): Promise<LedgerOutcome<{ stack: Money }>>;
  /** Escrow to wallet for the seat's whole stack, and the seat is free. Idempotent per hand number. */
  cashOut(request: {
    tableId: string;
    seat: number;
    userId: string;
    handNumber: number;
  }): Promise<LedgerOutcome<{ amount: Money }>>;
  settleHand(settlement: HandSettlement): Promise<LedgerOutcome<void>>;
  /** Records a hand that was not played out (a fault): stacks stay as they were. Best effort. */
  voidHand(record: HandVoid): Promise<LedgerOutcome<void>>;
}

/** A view of the table that renders itself for one viewer (null: a spectator without a session). */
export interface TableSnapshot {
  readonly tableId: string;
  readonly seq: number;
  viewFor(userId: string | null): TableView;
}

export interface TableBroadcaster {
  publishView(snapshot: TableSnapshot): void;
  /** To one user, or to everyone watching the table when userId is null. */
  publishNotice(tableId: string, userId: string | null, notice: TableNotice): void;
  publishSummary(summary: LobbyTable): void;
}

export interface TableObserver {
  handStarted(tableId: string): void;
  handSettled(tableId: string, settlementMs: number): void;
  actionApplied(tableId: string, latencyMs: number): void;
  mailboxDepth(tableId: string, depth: number): void;
  commandRejected(code: ErrorCode): void;
  tableHalted(tableId: string, reason: string): void;
}

export interface DealtDeck {
  readonly deck: readonly Card[];
  /** A fresh secret 32-byte salt (hex) per deck position, for the per-card commitments. */
  readonly salts: readonly string[];
}

export type DeckSource = () => DealtDeck;

export const silentBroadcaster: TableBroadcaster = {
  publishView: () => {},
  publishNotice: () => {},
  publishSummary: () => {},
};

export const silentObserver: TableObserver = {
  handStarted: () => {},
  handSettled: () => {},
  actionApplied: () => {},
  mailboxDepth: () => {},
  commandRejected: () => {},
  tableHalted: () => {},
};
