import {
  AuditResponse,
  ForceLogoutResponse,
  HaltTableResponse,
  HouseResponse,
  TableSeatsResponse,
  type UserChangeBody,
  UserChangeResponse,
  UserListResponse,
} from '../../../../src/protocol/http-admin.js';
import { LoginResponse, LogoutResponse, MeResponse } from '../../../../src/protocol/http-auth.js';
import { CashierMovementResponse, PlayerSearchResponse } from '../../../../src/protocol/http-cashier.js';
import { HandListResponse, HandResponse } from '../../../../src/protocol/http-hands.js';
import {
  type CreateTableBody,
  TableListResponse,
  TableResponse,
} from '../../../../src/protocol/http-tables.js';
import {
  type CreateTournamentBody,
  type TournamentDealAnswerBody,
  type TournamentDealProposeBody,
  TournamentDealResponse,
  TournamentDetailResponse,
  TournamentListResponse,
  TournamentRegistrationResponse,
  TournamentResponse,
} from '../../../../src/protocol/http-tournaments.js';
import { LedgerPage, WalletResponse } from '../../../../src/protocol/http-wallet.js';
import type { MoneyString } from '../../../../src/protocol/money-string.js';
import { currentToken } from '../state/session.js';
import { newIdempotencyKey, requestJson, requestText } from './http.js';

/** Every HTTP call the client makes, one function each; every JSON answer is checked by its schema. */

const auth = () => ({ token: currentToken() });

export function register(username: string, password: string): Promise<LoginResponse> {
  return requestJson(LoginResponse, 'POST', '/api/auth/register', { body: { username, password } });
}

export function login(username: string, password: string): Promise<LoginResponse> {
  return requestJson(LoginResponse, 'POST', '/api/auth/login', { body: { username, password } });
}

export function logout(): Promise<LogoutResponse> {
  return requestJson(LogoutResponse, 'POST', '/api/auth/logout', { ...auth(), body: {} });
}

export function me(): Promise<MeResponse> {
  return requestJson(MeResponse, 'GET', '/api/me', auth());
}

export function wallet(): Promise<WalletResponse> {
  return requestJson(WalletResponse, 'GET', '/api/wallet', auth());
}

export function walletLedger(cursor: string | null, limit = 20): Promise<LedgerPage> {
  const query = new URLSearchParams({ limit: String(limit) });
  if (cursor) query.set('cursor', cursor);
  return requestJson(LedgerPage, 'GET', `/api/wallet/ledger?${query}`, auth());
}

export function findPlayers(query: string): Promise<PlayerSearchResponse> {
  return requestJson(
    PlayerSearchResponse,
    'GET',
    `/api/cashier/players?${new URLSearchParams({ query })}`,
    auth(),
  );
}

export type CashierDirection = 'deposit' | 'withdrawal';

/** A deposit (sell chips) or a withdrawal (pay out). The key makes a retry safe: it never pays twice. */
export function cashierMovement(
  direction: CashierDirection,
  username: string,
  amount: MoneyString,
  idempotencyKey: string,
): Promise<CashierMovementResponse> {
  const path = direction === 'deposit' ? '/api/cashier/deposits' : '/api/cashier/withdrawals';
  return requestJson(CashierMovementResponse, 'POST', path, {
    ...auth(),
    body: { username, amount },
    idempotencyKey,
  });
}

export function hands(cursor: string | null, limit = 20): Promise<HandListResponse> {
  const query = new URLSearchParams({ limit: String(limit) });
  if (cursor) query.set('cursor', cursor);
  return requestJson(HandListResponse, 'GET', `/api/hands?${query}`, auth());
}

export function hand(id: string): Promise<HandResponse> {
  return requestJson(HandResponse, 'GET', `/api/hands/${encodeURIComponent(id)}`, auth());
}

export function handPhh(id: string): Promise<string> {
  return requestText(`/api/hands/${encodeURIComponent(id)}.phh`, auth());
}

export function createTable(request: CreateTableBody): Promise<TableResponse> {
  return requestJson(TableResponse, 'POST', '/api/admin/tables', { ...auth(), body: request });
}

export function closeTable(tableId: string): Promise<TableResponse> {
  return requestJson(TableResponse, 'POST', `/api/admin/tables/${encodeURIComponent(tableId)}/close`, auth());
}

export function adminTables(): Promise<TableListResponse> {
  return requestJson(TableListResponse, 'GET', '/api/admin/tables', auth());
}

export function tableSeats(tableId: string): Promise<TableSeatsResponse> {
  return requestJson(
    TableSeatsResponse,
    'GET',
    `/api/admin/tables/${encodeURIComponent(tableId)}/seats`,
    auth(),
  );
}

export function haltTable(tableId: string, reason: string): Promise<HaltTableResponse> {
  return requestJson(HaltTableResponse, 'POST', `/api/admin/tables/${encodeURIComponent(tableId)}/halt`, {
    ...auth(),
    body: { reason },
  });
}

export function findUsers(query: string): Promise<UserListResponse> {
  return requestJson(UserListResponse, 'GET', `/api/admin/users?${new URLSearchParams({ query })}`, auth());
}

export function changeUser(userId: string, change: UserChangeBody): Promise<UserChangeResponse> {
  return requestJson(UserChangeResponse, 'POST', `/api/admin/users/${encodeURIComponent(userId)}`, {
    ...auth(),
    body: change,
  });
}

export function forceLogout(userId: string): Promise<ForceLogoutResponse> {
  return requestJson(
    ForceLogoutResponse,
    'POST',
    `/api/admin/users/${encodeURIComponent(userId)}/logout`,
    auth(),
  );
}

export function house(days = 30): Promise<HouseResponse> {
  return requestJson(HouseResponse, 'GET', `/api/admin/house?days=${days}`, auth());
}

export function runAudit(): Promise<AuditResponse> {
  return requestJson(AuditResponse, 'GET', '/api/admin/audit', auth());
}

const tournamentPath = (id: string) => `/api/tournaments/${encodeURIComponent(id)}`;

export function tournaments(): Promise<TournamentListResponse> {
  return requestJson(TournamentListResponse, 'GET', '/api/tournaments', auth());
}

export function tournament(id: string, signal?: AbortSignal): Promise<TournamentDetailResponse> {
  return requestJson(TournamentDetailResponse, 'GET', tournamentPath(id), {
    ...auth(),
    ...(signal && { signal }),
  });
}

/** Registers (buys an entry) or unregisters (refund); a fresh request id each click, reused by no retry. */
export function tournamentRegistration(
  id: string,
  action: 'register' | 'unregister',
): Promise<TournamentRegistrationResponse> {
  return requestJson(TournamentRegistrationResponse, 'POST', `${tournamentPath(id)}/${action}`, {
    ...auth(),
    body: { requestId: newIdempotencyKey() },
  });
}

export function tournamentDeal(id: string, signal?: AbortSignal): Promise<TournamentDealResponse> {
  return requestJson(TournamentDealResponse, 'GET', `${tournamentPath(id)}/deal`, {
    ...auth(),
    ...(signal && { signal }),
  });
}

export function proposeTournamentDeal(
  id: string,
  body: TournamentDealProposeBody,
): Promise<TournamentDealResponse> {
  return requestJson(TournamentDealResponse, 'POST', `${tournamentPath(id)}/deal`, { ...auth(), body });
}

export function answerTournamentDeal(
  id: string,
  body: TournamentDealAnswerBody,
): Promise<TournamentDealResponse> {
  return requestJson(TournamentDealResponse, 'POST', `${tournamentPath(id)}/deal/answer`, {
    ...auth(),
    body,
  });
}

export function createTournament(request: CreateTournamentBody): Promise<TournamentResponse> {
  return requestJson(TournamentResponse, 'POST', '/api/admin/tournaments', { ...auth(), body: request });
}

export function cancelTournament(id: string): Promise<TournamentResponse> {
  return requestJson(
    TournamentResponse,
    'POST',
    `/api/admin/tournaments/${encodeURIComponent(id)}/cancel`,
    auth(),
  );
}
