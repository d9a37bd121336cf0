import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Money } from '../../src/money/decimal.js';
import { testLedger } from '../support/database.js';
import { bearer, errorCode, type HttpHarness, startHttpHarness, userWithToken } from '../support/http-app.js';

let harness: HttpHarness;
let admin: { token: string };

beforeAll(async () => {
  harness = await startHttpHarness('http_tables');
  admin = await userWithToken(harness, 'admin');
});
afterAll(async () => {
  await harness?.close();
});

async function createTable(payload: Record<string, unknown>) {
  const response = await harness.app.inject({
    method: 'POST',
    url: '/api/admin/tables',
    headers: bearer(admin.token),
    payload,
  });
  expect(response.statusCode).toBe(201);
  return response.json().table as { id: string; [key: string]: unknown };
}

describe('tables', () => {
  it('an admin opens a table; the public lobby lists it with string amounts', async () => {
    const table = await createTable({
      name: 'Cents table',
      smallBlind: '0.01',
      bigBlind: '0.02',
      minBuyIn: '1',
      maxBuyIn: '4',
      chipUnit: '0.01',
      maxSeats: 9,
      rakeBasisPoints: 500,
      rakeCap: '0.5',
    });
    expect(table).toMatchObject({
      name: 'Cents table',
      status: 'open',
      smallBlind: '0.01',
      bigBlind: '0.02',
      ante: '0',
      minBuyIn: '1',
      maxBuyIn: '4',
      chipUnit: '0.01',
      maxSeats: 9,
      seatsTaken: 0,
      rakeBasisPoints: 500,
      rakeCap: '0.5',
    });
    const lobby = await harness.app.inject({ method: 'GET', url: '/api/tables' });
    expect(lobby.statusCode).toBe(200);
    expect(lobby.json().tables).toContainEqual(
      expect.objectContaining({ id: table.id, name: 'Cents table' }),
    );
  });

  it('closing an empty table removes it from the lobby; closing again is a no-op', async () => {
    const table = await createTable({
      name: 'Short lived',
      smallBlind: '1',
      bigBlind: '2',
      minBuyIn: '40',
      maxBuyIn: '200',
      maxSeats: 2,
    });
    const close = () =>
      harness.app.inject({
        method: 'POST',
        url: `/api/admin/tables/${table.id}/close`,
        headers: bearer(admin.token),
      });
    const closed = await close();
    expect(closed.statusCode).toBe(200);
    expect(closed.json().table.status).toBe('closed');
    expect((await close()).statusCode).toBe(200);
    const lobby = await harness.app.inject({ method: 'GET', url: '/api/tables' });
    expect(lobby.json().tables.map((entry: { id: string }) => entry.id)).not.toContain(table.id);
  });

  it('a table with a seated player cannot close: 409 ledger/table-not-empty', async () => {
    const table = await createTable({
      name: 'Busy',
      smallBlind: '1',
      bigBlind: '2',
      minBuyIn: '40',
      maxBuyIn: '200',
      maxSeats: 6,
    });
    const player = await userWithToken(harness, 'player');
    const ledger = testLedger(harness.db);
    const deposit = await ledger.buyChips({
      userId: player.id,
      amount: new Money(100),
      reference: randomUUID(),
    });
    expect(deposit.ok).toBe(true);
    const seated = await ledger.buyIn({
      tableId: table.id,
      seat: 3,
      userId: player.id,
      amount: new Money(50),
      reservationId: randomUUID(),
    });
    expect(seated.ok).toBe(true);
    const lobby = await harness.app.inject({ method: 'GET', url: '/api/tables' });
    expect(lobby.json().tables).toContainEqual(expect.objectContaining({ id: table.id, seatsTaken: 1 }));

    const refused = await harness.app.inject({
      method: 'POST',
      url: `/api/admin/tables/${table.id}/close`,
      headers: bearer(admin.token),
    });
    expect(refused.statusCode).toBe(409);
    expect(errorCode(refused)).toBe('ledger/table-not-empty');
  });
});
