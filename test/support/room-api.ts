import { randomUUID } from 'node:crypto';
import type { LoginResponse } from '../../src/protocol/http-auth.js';
import type { CreateTableBody, TableResponse } from '../../src/protocol/http-tables.js';

/**
 * A running server driven over its HTTP API, as an operator's script would: accounts, chips,
 * tables. For end-to-end tests that need a room set up before the browser looks at it.
 */
export class RoomApi {
  constructor(readonly url: string) {}

  async call<T>(method: string, path: string, token: string | null, body?: unknown): Promise<T> {
    const response = await fetch(new URL(path, this.url), {
      method,
      headers: {
        ...(body !== undefined && { 'content-type': 'application/json' }),
        ...(token && { authorization: `Bearer ${token}` }),
        ...(method === 'POST' && path.startsWith('/api/cashier') && { 'idempotency-key': randomUUID() }),
      },
      ...(body !== undefined && { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`${method} ${path} answered ${response.status}: ${text}`);
    return JSON.parse(text) as T;
  }

  async register(username: string, password = `${username}-password-1`): Promise<LoginResponse> {
    return this.call<LoginResponse>('POST', '/api/auth/register', null, { username, password });
  }

  async login(username: string, password: string): Promise<LoginResponse> {
    return this.call<LoginResponse>('POST', '/api/auth/login', null, { username, password });
  }

  async deposit(cashierToken: string, username: string, amount: string): Promise<void> {
    await this.call('POST', '/api/cashier/deposits', cashierToken, { username, amount });
  }

  async createTable(adminToken: string, body: CreateTableBody): Promise<string> {
    return (await this.call<TableResponse>('POST', '/api/admin/tables', adminToken, body)).table.id;
  }
}
