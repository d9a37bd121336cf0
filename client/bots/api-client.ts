import type { z } from 'zod';
import { HouseResponse } from '../../src/protocol/http-admin.js';
import { LoginResponse } from '../../src/protocol/http-auth.js';
import { CashierMovementResponse } from '../../src/protocol/http-cashier.js';
import { ErrorBody } from '../../src/protocol/http-common.js';
import { HandListResponse } from '../../src/protocol/http-hands.js';
import {
  type CreateTableBody,
  TableListResponse,
  type TableOut,
  TableResponse,
} from '../../src/protocol/http-tables.js';
import {
  type CreateTournamentBody,
  TournamentDetailResponse,
  TournamentRegistrationResponse,
  TournamentResponse,
  type TournamentSummaryOut,
} from '../../src/protocol/http-tournaments.js';
import { WalletResponse } from '../../src/protocol/http-wallet.js';
import { httpLimitHint } from './limit-hints.js';

/**
 * The HTTP API as the bots use it: register and log in, the cashier's deposits, the admin's tables
 * and tournaments, tournament entries, wallets, and the server's /metrics. Every request has a timeout and a bounded number of attempts;
 * only requests that are safe to repeat are retried (reads, logins, and deposits, which carry an
 * Idempotency-Key so that a retry can never pay twice). Every answer is checked with the
 * protocol's HTTP schemas (src/protocol/http-*.ts), as the browser client does.
 */

const REQUEST_TIMEOUT_MS = 15_000;
const RETRY_AFTER_CAP_MS = 10_000;

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(`${status} ${code}: ${message}`);
    this.name = 'ApiError';
  }
}

export type TableInfo = TableOut;

export interface Session {
  readonly userId: string;
  readonly username: string;
  readonly token: string;
}

export type CreateTableRequest = CreateTableBody;

interface RequestOptions {
  readonly method?: 'GET' | 'POST';
  readonly token?: string;
  readonly body?: unknown;
  readonly headers?: Record<string, string>;
  /** Whether a network failure or a 5xx may be retried (the request is idempotent). */
  readonly retryable: boolean;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function retryAfterMs(response: Response, attempt: number): number {
  const header = Number(response.headers.get('retry-after'));
  const fallback = 200 * 2 ** attempt;
  return Math.min(RETRY_AFTER_CAP_MS, Number.isFinite(header) && header > 0 ? header * 1000 : fallback);
}

export class ApiClient {
  /** Requests that were retried (after a network error, a 429 or a 5xx). */
  retries = 0;

  constructor(
    readonly baseUrl: string,
    private readonly attempts = 5,
  ) {}

  private async request<T>(path: string, schema: z.ZodType<T>, options: RequestOptions): Promise<T> {
    const response = await this.send(path, options);
    const text = await response.text();
    let body: unknown;
    try {
      body = text === '' ? null : JSON.parse(text);
    } catch {
      throw new ApiError(
        response.status,
        'bots/not-json',
        `${path} answered with something that is not JSON`,
      );
    }
    if (!response.ok) {
      const error = ErrorBody.safeParse(body);
      const hint = response.status === 429 ? ` (${httpLimitHint(path)})` : '';
      throw error.success
        ? new ApiError(response.status, error.data.error.code, `${path}: ${error.data.error.message}${hint}`)
        : new ApiError(
            response.status,
            'bots/unexpected-error-body',
            `${path} failed with status ${response.status}`,
          );
    }
    const parsed = schema.safeParse(body);
    if (!parsed.success)
      throw new ApiError(response.status, 'bots/invalid-response', `${path}: ${parsed.error.message}`);
    return parsed.data;
  }

  /** Sends with bounded retries; returns the last response (ok or not) or throws the last network error. */
  private async send(path: string, options: RequestOptions): Promise<Response> {
    const headers: Record<string, string> = { ...options.headers };
    if (options.token !== undefined) headers.authorization = `Bearer ${options.token}`;
    if (options.body !== undefined) headers['content-type'] = 'application/json';
    let lastError: unknown;
    for (let attempt = 0; attempt < this.attempts; attempt++) {
      if (attempt > 0) this.retries += 1;
      let response: Response;
      try {
        response = await fetch(`${this.baseUrl}${path}`, {
          method: options.method ?? 'GET',
          headers,
          ...(options.body !== undefined && { body: JSON.stringify(options.body) }),
          signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
        });
      } catch (error) {
        lastError = error;
        if (!options.retryable) break;
        await sleep(100 * 2 ** attempt);
        continue;
      }
      const last = attempt === this.attempts - 1;
      // A 429 is refused before any work is done, so any request may be repeated after it.
      if (response.status === 429 && !last) {
        await response.body?.cancel();
        await sleep(retryAfterMs(response, attempt));
        continue;
      }
      if (response.status >= 500 && options.retryable && !last) {
        await response.body?.cancel();
        await sleep(100 * 2 ** attempt);
        continue;
      }
      return response;
    }
    const reason = lastError instanceof Error ? lastError.message : String(lastError);
    throw new ApiError(0, 'bots/network', `${options.method ?? 'GET'} ${path} failed: ${reason}`);
  }

  private session(body: LoginResponse): Session {
    return { userId: body.user.id, username: body.user.username, token: body.session.token };
  }

  /** With an admin's token, the server does not hold the registration to its per-address limit. */
  async register(username: string, password: string, adminToken: string | null = null): Promise<Session> {
    const body = await this.request('/api/auth/register', LoginResponse, {
      method: 'POST',
      body: { username, password },
      ...(adminToken !== null && { token: adminToken }),
      retryable: false,
    });
    return this.session(body);
  }

  async login(username: string, password: string): Promise<Session> {
    const body = await this.request('/api/auth/login', LoginResponse, {
      method: 'POST',
      body: { username, password },
      retryable: true,
    });
    return this.session(body);
  }

  /** Buys chips for a player; the same key always means the same deposit, so retries are safe. */
  async deposit(cashierToken: string, username: string, amount: string, idempotencyKey: string) {
    return this.request('/api/cashier/deposits', CashierMovementResponse, {
      method: 'POST',
      token: cashierToken,
      body: { username, amount },
      headers: { 'idempotency-key': idempotencyKey },
      retryable: true,
    });
  }

  async wallet(token: string): Promise<string> {
    return (await this.request('/api/wallet', WalletResponse, { token, retryable: true })).balance;
  }

  async createTable(adminToken: string, table: CreateTableRequest): Promise<TableInfo> {
    const body = await this.request('/api/admin/tables', TableResponse, {
      method: 'POST',
      token: adminToken,
      body: table,
      retryable: false,
    });
    return body.table;
  }

  /** Closes a table the run created (every bot gone from it); closing a closed table is a no-op. */
  async closeTable(adminToken: string, tableId: string): Promise<TableInfo> {
    const body = await this.request(`/api/admin/tables/${tableId}/close`, TableResponse, {
      method: 'POST',
      token: adminToken,
      retryable: true,
    });
    return body.table;
  }

  async createTournament(
    adminToken: string,
    tournament: CreateTournamentBody,
  ): Promise<TournamentSummaryOut> {
    const body = await this.request('/api/admin/tournaments', TournamentResponse, {
      method: 'POST',
      token: adminToken,
      body: tournament,
      retryable: false,
    });
    return body.tournament;
  }

  /** The tournament's detail; with a player's token, its `you` block too. */
  async tournament(id: string, token?: string): Promise<TournamentDetailResponse> {
    return this.request(`/api/tournaments/${id}`, TournamentDetailResponse, {
      retryable: true,
      ...(token !== undefined && { token }),
    });
  }

  /** Buys an entry; the request id makes a retry buy nothing more. */
  async registerTournament(token: string, id: string, requestId: string) {
    return this.request(`/api/tournaments/${id}/register`, TournamentRegistrationResponse, {
      method: 'POST',
      token,
      body: { requestId },
      retryable: true,
    });
  }

  /** Cancels a tournament (every entry refunded, or the prizes settled by the director). */
  async cancelTournament(adminToken: string, id: string): Promise<TournamentSummaryOut> {
    const body = await this.request(`/api/admin/tournaments/${id}/cancel`, TournamentResponse, {
      method: 'POST',
      token: adminToken,
      retryable: true,
    });
    return body.tournament;
  }

  /** The house's movement totals by kind (the tournament fees among them). */
  async houseFlows(adminToken: string): Promise<HouseResponse['flows']> {
    return (
      await this.request('/api/admin/house?days=1', HouseResponse, { token: adminToken, retryable: true })
    ).flows;
  }

  async listTables(): Promise<TableInfo[]> {
    return (await this.request('/api/tables', TableListResponse, { retryable: true })).tables;
  }

  /** One page of a player's settled hands, newest first (used to find the rake of hands a bot missed). */
  async hands(token: string, cursor: string | null): Promise<HandListResponse> {
    const query = `?limit=100${cursor === null ? '' : `&cursor=${encodeURIComponent(cursor)}`}`;
    return this.request(`/api/hands${query}`, HandListResponse, { token, retryable: true });
  }

  /** The Prometheus text of GET /metrics, or null when the server has no such route. */
  async metricsText(): Promise<string | null> {
    const response = await this.send('/metrics', { retryable: true });
    if (response.status === 404) {
      await response.body?.cancel();
      return null;
    }
    const text = await response.text();
    if (!response.ok)
      throw new ApiError(response.status, 'bots/metrics', `GET /metrics answered ${response.status}`);
    return text;
  }

  /** GET of a path that may not exist: the parsed JSON and the status, or null for a 404. */
  async probe(path: string, token?: string): Promise<{ status: number; body: unknown } | null> {
    const response = await this.send(path, { retryable: true, ...(token !== undefined && { token }) });
    if (response.status === 404) {
      await response.body?.cancel();
      return null;
    }
    const text = await response.text();
    let body: unknown = text;
    try {
      body = JSON.parse(text);
    } catch {
      // not JSON: keep the text
    }
    return { status: response.status, body };
  }
}
