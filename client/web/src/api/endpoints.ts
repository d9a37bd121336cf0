import type { MoneyString } from '../../../../src/protocol/money-string.js';
import { currentToken } from '../state/session.js';
import { requestJson, requestText } from './http.js';
import type {
  CashierMovement,
  CreateTableRequest,
  HandListResponse,
  HandResponse,
  LedgerPage,
  LoginResponse,
  MeResponse,
  PlayerSummary,
  TableRecord,
  WalletResponse,
} from './types.js';

/** Every HTTP call the client makes, one function each. */

const auth = () => ({ token: currentToken() });

export function register(username: string, password: string): Promise<LoginResponse> {
  return requestJson('POST', '/api/auth/register', { body: { username, password } });
}

export function login(username: string, password: string): Promise<LoginResponse> {
  return requestJson('POST', '/api/auth/login', { body: { username, password } });
}

export function logout(): Promise<{ loggedOut: true }> {
  return requestJson('POST', '/api/auth/logout', { ...auth(), body: {} });
}

export function me(): Promise<MeResponse> {
  return requestJson('GET', '/api/me', auth());
}

export function wallet(): Promise<WalletResponse> {
  return requestJson('GET', '/api/wallet', auth());
}

export function walletLedger(cursor: string | null, limit = 20): Promise<LedgerPage> {
  const query = new URLSearchParams({ limit: String(limit) });
  if (cursor) query.set('cursor', cursor);
  return requestJson('GET', `/api/wallet/ledger?${query}`, auth());
}

export function findPlayers(query: string): Promise<{ players: PlayerSummary[] }> {
  return requestJson('GET', `/api/cashier/players?${new URLSearchParams({ query })}`, auth());
}

export type CashierDirection = 'deposit' | 'withdrawal';

/** A deposit (sell chips) or a withdrawal (pay out). The key makes a retry safe: it never pays twice. */
export function cashierMovement(
  direction: CashierDirection,
  username: string,
  amount: MoneyString,
  idempotencyKey: string,
): Promise<CashierMovement> {
  const path = direction === 'deposit' ? '/api/cashier/deposits' : '/api/cashier/withdrawals';
  return requestJson('POST', path, { ...auth(), body: { username, amount }, idempotencyKey });
}

export function hands(cursor: string | null, limit = 20): Promise<HandListResponse> {
  const query = new URLSearchParams({ limit: String(limit) });
  if (cursor) query.set('cursor', cursor);
  return requestJson('GET', `/api/hands?${query}`, auth());
}

export function hand(id: string): Promise<HandResponse> {
  return requestJson('GET', `/api/hands/${encodeURIComponent(id)}`, auth());
}

export function handPhh(id: string): Promise<string> {
  return requestText(`/api/hands/${encodeURIComponent(id)}.phh`, auth());
}

export function createTable(request: CreateTableRequest): Promise<{ table: TableRecord }> {
  return requestJson('POST', '/api/admin/tables', { ...auth(), body: request });
}
