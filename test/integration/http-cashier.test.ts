import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLedger } from '../../src/ledger/audit.js';
import {
  bearer,
  errorCode,
  type HttpHarness,
  moneySnapshot,
  postCashierMovement,
  startHttpHarness,
  userWithToken,
} from '../support/http-app.js';

let harness: HttpHarness;
let cashier: { token: string; username: string };

beforeAll(async () => {
  harness = await startHttpHarness('http_cashier');
  cashier = await userWithToken(harness, 'cashier');
});
afterAll(async () => {
  await harness?.close();
});

/** `key` null sends no Idempotency-Key header. */
function deposit(payload: Record<string, unknown>, key: string | null = randomUUID(), token = cashier.token) {
  return postCashierMovement(harness, { url: '/api/cashier/deposits', token, payload, key });
}

function withdraw(payload: Record<string, unknown>, key: string | null = randomUUID()) {
  return postCashierMovement(harness, {
    url: '/api/cashier/withdrawals',
    token: cashier.token,
    payload,
    key,
  });
}

async function balanceOf(token: string): Promise<string> {
  const response = await harness.app.inject({ method: 'GET', url: '/api/wallet', headers: bearer(token) });
  expect(response.statusCode).toBe(200);
  return response.json().balance as string;
}

async function expectAuditClean() {
  const report = await auditLedger(harness.db.database);
  expect(report.discrepancies).toEqual([]);
  expect(report.ok).toBe(true);
}

describe('deposits and the wallet', () => {
  it('a cashier deposits to a player, who then sees the balance and the ledger entry', async () => {
    const player = await userWithToken(harness, 'player');
    expect(await balanceOf(player.token)).toBe('0');

    const response = await deposit({ username: player.username, amount: '250.75' });
    expect(response.statusCode).toBe(201);
    expect(response.json()).toMatchObject({
      username: player.username,
      amount: '250.75',
      walletBalance: '250.75',
    });
    expect(await balanceOf(player.token)).toBe('250.75');

    const ledger = await harness.app.inject({
      method: 'GET',
      url: '/api/wallet/ledger',
      headers: bearer(player.token),
    });
    expect(ledger.statusCode).toBe(200);
    expect(ledger.json()).toMatchObject({
      entries: [{ kind: 'deposit', direction: 'credit', amount: '250.75', tableId: null }],
      nextCursor: null,
    });
    await expectAuditClean();
  });

  it('a duplicate deposit with the same idempotency key returns the first result and moves nothing', async () => {
    const player = await userWithToken(harness, 'player');
    const key = randomUUID();
    const first = await deposit({ username: player.username, amount: '40' }, key);
    expect(first.statusCode).toBe(201);
    expect(first.headers['idempotent-replayed']).toBeUndefined();
    const before = await moneySnapshot(harness);

    const again = await deposit({ username: player.username, amount: '40' }, key);
    expect(again.statusCode).toBe(201);
    expect(again.json()).toEqual(first.json());
    expect(again.headers['idempotent-replayed']).toBe('true');
    // The key may also come in the body.
    const inBody = await deposit({ username: player.username, amount: '40', idempotencyKey: key }, null);
    expect(inBody.json()).toEqual(first.json());

    expect(await moneySnapshot(harness)).toBe(before);
    expect(await balanceOf(player.token)).toBe('40');
    await expectAuditClean();
  });

  it('the same key with a different request is refused (422 ledger/idempotency-conflict)', async () => {
    const player = await userWithToken(harness, 'player');
    const key = randomUUID();
    expect((await deposit({ username: player.username, amount: '10' }, key)).statusCode).toBe(201);
    const before = await moneySnapshot(harness);
    const conflict = await deposit({ username: player.username, amount: '11' }, key);
    expect(conflict.statusCode).toBe(422);
    expect(errorCode(conflict)).toBe('ledger/idempotency-conflict');
    expect(await moneySnapshot(harness)).toBe(before);
  });

  it('simultaneous duplicates of one deposit credit it once', async () => {
    const player = await userWithToken(harness, 'player');
    const key = randomUUID();
    const answers = await Promise.all(
      Array.from({ length: 6 }, () => deposit({ username: player.username, amount: '5' }, key)),
    );
    for (const answer of answers) expect(answer.statusCode).toBe(201);
    expect(new Set(answers.map((answer) => answer.json().transferId)).size).toBe(1);
    expect(await balanceOf(player.token)).toBe('5');
    await expectAuditClean();
  });

  it('withdrawals debit the wallet and never take it below zero', async () => {
    const player = await userWithToken(harness, 'player');
    await deposit({ username: player.username, amount: '100' });
    const paid = await withdraw({ username: player.username, amount: '60.5' });
    expect(paid.statusCode).toBe(201);
    expect(paid.json()).toMatchObject({ amount: '60.5', walletBalance: '39.5' });

    const before = await moneySnapshot(harness);
    const tooMuch = await withdraw({ username: player.username, amount: '39.51' });
    expect(tooMuch.statusCode).toBe(409);
    expect(errorCode(tooMuch)).toBe('ledger/insufficient-funds');
    expect(await moneySnapshot(harness)).toBe(before);
    expect(await balanceOf(player.token)).toBe('39.5');

    const ledger = await harness.app.inject({
      method: 'GET',
      url: '/api/wallet/ledger',
      headers: bearer(player.token),
    });
    expect(
      ledger
        .json()
        .entries.map((entry: { kind: string; direction: string }) => [entry.kind, entry.direction]),
    ).toEqual([
      ['withdrawal', 'debit'],
      ['deposit', 'credit'],
    ]);
    await expectAuditClean();
  });

  it('pages through the ledger with a cursor, newest first', async () => {
    const player = await userWithToken(harness, 'player');
    for (const amount of ['1', '2', '3', '4', '5']) await deposit({ username: player.username, amount });
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const url: string = `/api/wallet/ledger?limit=2${cursor ? `&cursor=${cursor}` : ''}`;
      const page = await harness.app.inject({ method: 'GET', url, headers: bearer(player.token) });
      expect(page.statusCode).toBe(200);
      const body = page.json() as { entries: { amount: string }[]; nextCursor: string | null };
      expect(body.entries.length).toBeLessThanOrEqual(2);
      seen.push(...body.entries.map((entry) => entry.amount));
      cursor = body.nextCursor;
      pages += 1;
    } while (cursor !== null && pages < 10);
    expect(seen).toEqual(['5', '4', '3', '2', '1']);
    expect(pages).toBe(3);

    const tooBig = await harness.app.inject({
      method: 'GET',
      url: `/api/wallet/ledger?limit=${harness.config.PAGE_LIMIT_MAX + 1}`,
      headers: bearer(player.token),
    });
    expect(tooBig.statusCode).toBe(400);
    expect(errorCode(tooBig)).toBe('validation/invalid-request');
    const badCursor = await harness.app.inject({
      method: 'GET',
      url: '/api/wallet/ledger?cursor=abc',
      headers: bearer(player.token),
    });
    expect(badCursor.statusCode).toBe(400);
  });

  it('a player sees only their own wallet', async () => {
    const rich = await userWithToken(harness, 'player');
    const poor = await userWithToken(harness, 'player');
    await deposit({ username: rich.username, amount: '1000' });
    expect(await balanceOf(poor.token)).toBe('0');
    const ledger = await harness.app.inject({
      method: 'GET',
      url: '/api/wallet/ledger',
      headers: bearer(poor.token),
    });
    expect(ledger.json().entries).toEqual([]);
  });

  it('a cashier finds players by part of the username, with balances', async () => {
    const player = await userWithToken(harness, 'player', 'findable_fred');
    await deposit({ username: player.username, amount: '12' });
    const response = await harness.app.inject({
      method: 'GET',
      url: '/api/cashier/players?query=ABLE_F',
      headers: bearer(cashier.token),
    });
    expect(response.statusCode).toBe(200);
    expect(response.json().players).toEqual([
      expect.objectContaining({ username: 'findable_fred', balance: '12', id: player.id }),
    ]);
    const staff = await harness.app.inject({
      method: 'GET',
      url: `/api/cashier/players?query=${cashier.username}`,
      headers: bearer(cashier.token),
    });
    expect(staff.json().players).toEqual([]);
    const bad = await harness.app.inject({
      method: 'GET',
      url: '/api/cashier/players?query=%25',
      headers: bearer(cashier.token),
    });
    expect(bad.statusCode).toBe(400);
  });
});
