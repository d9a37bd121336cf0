import { describe, expect, it } from 'vitest';
import {
  prizePoolBalance,
  tournamentDetails,
  tournamentSummaries,
  userTournamentEntries,
} from '../../src/db/queries/tournament-queries.js';
import { auditLedger } from '../../src/ledger/audit.js';
import { shardOf } from '../../src/ledger/shards.js';
import type { TournamentLedger } from '../../src/ledger/tournament-transactions.js';
import type { Ledger } from '../../src/ledger/transactions.js';
import { Money } from '../../src/money/index.js';
import type { TestDatabase } from '../support/database.js';
import { createUsers, fund, walletBalance, withAuditedLedger } from '../support/ledger-fixtures.js';
import {
  accepted,
  createTournament,
  entryStatuses,
  expectRefusedWithoutEffect,
  prizePool,
  sumOfBalances,
  testTournamentLedger,
  tournamentTransfers,
} from '../support/tournament-fixtures.js';

let db: TestDatabase;
let ledger: Ledger;
let tournaments: TournamentLedger;
withAuditedLedger('ledger_tournaments', (fixture) => {
  ({ db, ledger } = fixture);
  tournaments = testTournamentLedger(db.database);
});

const m = (value: string | number) => new Money(value);
let keys = 0;
const key = (label = 'k') => `${label}-${++keys}`;

/** `count` funded players. */
async function players(count: number, balance: string | number = 500): Promise<string[]> {
  const users = await createUsers(db, count);
  for (const user of users) await fund(ledger, user, balance);
  return users;
}

/** `directorEpoch`: a late entry, which only the tournament's director (at its epoch) may take. */
async function register(tournamentId: string, userId: string, directorEpoch?: bigint): Promise<string> {
  return accepted(
    await tournaments.registerForTournament({
      tournamentId,
      userId,
      idempotencyKey: key('reg'),
      directorEpoch,
    }),
  ).entryId;
}

async function houseShard(userOrTournamentId: string): Promise<Money> {
  const { rows } = await db.pool.query<{ balance: string }>(
    `SELECT balance::text FROM accounts WHERE kind = 'HOUSE' AND shard = $1::int`,
    [shardOf(userOrTournamentId)],
  );
  return m(rows[0]!.balance);
}

describe('registering and unregistering', () => {
  it('moves the buy-in to the prize pool and the fee to the house, and gives both back exactly', async () => {
    const [alice] = await players(1, '250.55');
    const tournamentId = await createTournament(tournaments, { buyIn: m('100.25'), fee: m('9.75') });
    const houseBefore = await houseShard(alice!);
    const registered = accepted(
      await tournaments.registerForTournament({ tournamentId, userId: alice!, idempotencyKey: key() }),
    );
    expect(registered).toMatchObject({ entryNumber: 1, status: 'REGISTERED' });
    expect(registered.walletBalance.toFixed()).toBe('140.55');
    expect(registered.prizePool.toFixed()).toBe('100.25');
    expect((await prizePool(db, tournamentId)).toFixed()).toBe('100.25');
    expect((await houseShard(alice!)).minus(houseBefore).toFixed()).toBe('9.75');

    const refund = accepted(
      await tournaments.unregisterFromTournament({ tournamentId, userId: alice!, idempotencyKey: key() }),
    );
    expect(refund.entryId).toBe(registered.entryId);
    expect([refund.buyIn.toFixed(), refund.fee.toFixed(), refund.walletBalance.toFixed()]).toEqual([
      '100.25',
      '9.75',
      '250.55',
    ]);
    expect((await walletBalance(db, alice!)).toFixed()).toBe('250.55');
    expect((await prizePool(db, tournamentId)).isZero()).toBe(true);
    expect((await houseShard(alice!)).equals(houseBefore)).toBe(true);
    const entry = registered.entryId;
    expect(await tournamentTransfers(db, tournamentId)).toEqual([
      `TOURNAMENT_BUY_IN ${entry} 100.25`,
      `TOURNAMENT_FEE ${entry} 9.75`,
      `TOURNAMENT_REFUND ${entry} 100.25`,
      `TOURNAMENT_FEE_REFUND ${entry} 9.75`,
    ]);
    expect(await entryStatuses(db, tournamentId)).toEqual(['UNREGISTERED']);
    // Registering again after unregistering is a new entry, not a re-entry.
    const again = accepted(
      await tournaments.registerForTournament({ tournamentId, userId: alice!, idempotencyKey: key() }),
    );
    expect(again.entryNumber).toBe(2);
  });

  it('answers a repeated request with the first result, and refuses the key for another request', async () => {
    const [alice, bob] = await players(2);
    const tournamentId = await createTournament(tournaments);
    const request = { tournamentId, userId: alice!, idempotencyKey: key() };
    const first = await tournaments.registerForTournament(request);
    const repeat = await tournaments.registerForTournament(request);
    expect(first.ok && !first.replayed).toBe(true);
    expect(repeat.ok && repeat.replayed).toBe(true);
    expect(accepted(repeat)).toEqual(accepted(first));
    expect((await walletBalance(db, alice!)).toFixed()).toBe('390');
    await expectRefusedWithoutEffect(db, 'ledger/idempotency-conflict', () =>
      tournaments.registerForTournament({ ...request, userId: bob! }),
    );
    const unregister = { tournamentId, userId: alice!, idempotencyKey: key() };
    accepted(await tournaments.unregisterFromTournament(unregister));
    const unregisterAgain = await tournaments.unregisterFromTournament(unregister);
    expect(unregisterAgain.ok && unregisterAgain.replayed).toBe(true);
    expect((await walletBalance(db, alice!)).toFixed()).toBe('500');
  });

  it('refuses, without any effect, what the tournament or the wallet does not allow', async () => {
    const [rich, bob, other] = await players(3);
    await fund(ledger, bob!, '0.01');
    const tournamentId = await createTournament(tournaments, { buyIn: m(450), fee: m('50.01') });
    const request = (userId: string) => ({ tournamentId, userId, idempotencyKey: key() });
    await expectRefusedWithoutEffect(db, 'ledger/insufficient-funds', () =>
      tournaments.registerForTournament(request(rich!)),
    );
    await fund(ledger, rich!, '0.01');
    accepted(await tournaments.registerForTournament(request(rich!)));
    expect((await walletBalance(db, rich!)).isZero()).toBe(true);
    await expectRefusedWithoutEffect(db, 'ledger/tournament-already-registered', () =>
      tournaments.registerForTournament(request(rich!)),
    );
    await expectRefusedWithoutEffect(db, 'ledger/tournament-not-registered', () =>
      tournaments.unregisterFromTournament(request(other!)),
    );
    await expectRefusedWithoutEffect(db, 'ledger/unknown-tournament', () =>
      tournaments.registerForTournament({
        ...request(rich!),
        tournamentId: '00000000-0000-4000-8000-000000000000',
      }),
    );
    await expectRefusedWithoutEffect(db, 'ledger/tournament-too-few-entrants', () =>
      tournaments.startTournament({ tournamentId }),
    );
    accepted(await tournaments.registerForTournament(request(bob!)));
    accepted(await tournaments.startTournament({ tournamentId }));
    await expectRefusedWithoutEffect(db, 'ledger/tournament-registration-closed', () =>
      tournaments.registerForTournament(request(other!)),
    );
    await expectRefusedWithoutEffect(db, 'ledger/tournament-registration-closed', () =>
      tournaments.unregisterFromTournament(request(rich!)),
    );
    const restart = await tournaments.startTournament({ tournamentId });
    expect(restart.ok && restart.replayed).toBe(true);
    await expectRefusedWithoutEffect(db, 'ledger/tournament-wrong-status', () =>
      tournaments.cancelTournament({ tournamentId }),
    );
  });

  it('gives the last seat to exactly one of the players racing for it', async () => {
    const racers = await players(8);
    const seated = await players(2);
    const tournamentId = await createTournament(tournaments, { maxEntrants: 3 });
    for (const user of seated) await register(tournamentId, user);
    const results = await Promise.all(
      racers.map((userId) =>
        tournaments.registerForTournament({ tournamentId, userId, idempotencyKey: key() }),
      ),
    );
    const winners = results.filter((result) => result.ok);
    expect(winners).toHaveLength(1);
    expect(results.filter((result) => !result.ok).map((result) => !result.ok && result.error.code)).toEqual(
      Array(7).fill('ledger/tournament-full'),
    );
    const balances = await Promise.all(racers.map((user) => walletBalance(db, user)));
    expect(balances.map((balance) => balance.toFixed()).sort()).toEqual(['390', ...Array(7).fill('500')]);
    expect((await prizePool(db, tournamentId)).toFixed()).toBe('300');
  });

  it('registers twin requests under one key once, however they interleave', async () => {
    const [alice] = await players(1);
    const tournamentId = await createTournament(tournaments);
    const request = { tournamentId, userId: alice!, idempotencyKey: key('twin') };
    const results = await Promise.all(
      Array.from({ length: 6 }, () => tournaments.registerForTournament(request)),
    );
    const values = results.map(accepted);
    expect(new Set(values.map((value) => value.entryId)).size).toBe(1);
    expect(results.filter((result) => result.ok && !result.replayed)).toHaveLength(1);
    expect((await walletBalance(db, alice!)).toFixed()).toBe('390');
    expect(await entryStatuses(db, tournamentId)).toEqual(['REGISTERED']);
  });

  it('lets a player re-enter during late registration, up to the limit, each entry a new buy-in', async () => {
    const [alice, bob] = await players(2);
    const tournamentId = await createTournament(tournaments, {
      kind: 'MTT',
      maxEntriesPerPlayer: 2,
      lateRegistrationLevel: 4,
    });
    const first = await register(tournamentId, alice!);
    await register(tournamentId, bob!);
    const started = accepted(await tournaments.startTournament({ tournamentId }));
    expect(started).toMatchObject({ entrants: 2, overlay: null });
    await expectRefusedWithoutEffect(db, 'ledger/tournament-already-registered', () =>
      tournaments.registerForTournament({
        tournamentId,
        userId: alice!,
        idempotencyKey: key(),
        directorEpoch: 0n,
      }),
    );
    const bust = (entryId: string, place: number) =>
      tournaments.payTournamentPrizes({
        tournamentId,
        idempotencyKey: key(),
        prizes: [{ entryId, place, amount: m(0), outcome: 'eliminated' }],
      });
    accepted(await bust(first, 3));
    // A late entry is the director's to take: without its epoch, or at a stale one, nothing moves.
    await expectRefusedWithoutEffect(db, 'ledger/tournament-registration-closed', () =>
      tournaments.registerForTournament({ tournamentId, userId: alice!, idempotencyKey: key() }),
    );
    await expectRefusedWithoutEffect(db, 'ledger/stale-epoch', () =>
      tournaments.registerForTournament({
        tournamentId,
        userId: alice!,
        idempotencyKey: key(),
        directorEpoch: 7n,
      }),
    );
    const reentry = accepted(
      await tournaments.registerForTournament({
        tournamentId,
        userId: alice!,
        idempotencyKey: key(),
        directorEpoch: 0n,
      }),
    );
    expect(reentry).toMatchObject({ entryNumber: 2, status: 'PLAYING' });
    expect(reentry.prizePool.toFixed()).toBe('300');
    accepted(await bust(reentry.entryId, 2));
    await expectRefusedWithoutEffect(db, 'ledger/tournament-entry-limit', () =>
      tournaments.registerForTournament({
        tournamentId,
        userId: alice!,
        idempotencyKey: key(),
        directorEpoch: 0n,
      }),
    );
    expect((await walletBalance(db, alice!)).toFixed()).toBe('280');
    const mine = await userTournamentEntries(db.database, alice!, 10);
    expect(mine.map((entry) => [entry.entryNumber, entry.status, entry.finishingPlace])).toEqual([
      [2, 'ELIMINATED', 2],
      [1, 'ELIMINATED', 3],
    ]);
  });
});

describe('the guarantee', () => {
  it('has the house pay the overlay once, as a transfer of its own, when registration closes at the start', async () => {
    const users = await players(3);
    const tournamentId = await createTournament(tournaments, { guarantee: m(1000) });
    for (const user of users) await register(tournamentId, user);
    const houseBefore = await houseShard(tournamentId);
    const started = accepted(await tournaments.startTournament({ tournamentId }));
    expect([started.overlay?.toFixed(), started.prizePool.toFixed()]).toEqual(['700', '1000']);
    const again = await tournaments.startTournament({ tournamentId });
    expect(again.ok && again.replayed).toBe(true);
    const overlay = await tournaments.payTournamentOverlay({ tournamentId });
    expect(overlay.ok && overlay.replayed && overlay.value.overlay.toFixed()).toBe('700');
    expect((await prizePool(db, tournamentId)).toFixed()).toBe('1000');
    expect(houseBefore.minus(await houseShard(tournamentId)).toFixed()).toBe('700');
    const lines = await tournamentTransfers(db, tournamentId);
    expect(lines.filter((line) => line.startsWith('TOURNAMENT_OVERLAY'))).toEqual([
      'TOURNAMENT_OVERLAY - 700',
    ]);
    expect((await tournamentDetails(db.database, tournamentId, 10))?.overlay?.toFixed()).toBe('700');
  });

  it('waits for the end of late registration, and pays nothing when the buy-ins cover the guarantee', async () => {
    const [late, ...users] = await players(5);
    const tournamentId = await createTournament(tournaments, {
      kind: 'MTT',
      guarantee: m(300),
      lateRegistrationLevel: 6,
    });
    for (const user of users.slice(0, 2)) await register(tournamentId, user);
    expect(accepted(await tournaments.startTournament({ tournamentId })).overlay).toBeNull();
    await register(tournamentId, users[2]!, 0n);
    await register(tournamentId, users[3]!, 0n);
    const overlay = accepted(await tournaments.payTournamentOverlay({ tournamentId }));
    expect([overlay.overlay.toFixed(), overlay.prizePool.toFixed()]).toEqual(['0', '400']);
    await expectRefusedWithoutEffect(db, 'ledger/tournament-registration-closed', () =>
      tournaments.registerForTournament({
        tournamentId,
        userId: late!,
        idempotencyKey: key(),
        directorEpoch: 0n,
      }),
    );
    expect((await tournamentTransfers(db, tournamentId)).some((line) => line.includes('OVERLAY'))).toBe(
      false,
    );
  });
});

describe('prizes', () => {
  /** A running Sit & Go of `count` players; returns the tournament and its entries in order. */
  async function runningTournament(
    count: number,
    guarantee = 0,
  ): Promise<{ tournamentId: string; entries: string[] }> {
    const users = await players(count);
    const tournamentId = await createTournament(tournaments, { guarantee: m(guarantee) });
    const entries: string[] = [];
    for (const user of users) entries.push(await register(tournamentId, user));
    accepted(await tournaments.startTournament({ tournamentId }));
    return { tournamentId, entries };
  }

  it('pays each prize exactly once, refuses more than the pool, and finishes only at zero', async () => {
    const { tournamentId, entries } = await runningTournament(4, 1000);
    const [a, b, c, d] = entries as [string, string, string, string];
    const pay = (
      prizes: { entryId: string; place: number; amount: string; outcome?: 'eliminated' | 'finished' }[],
    ) =>
      tournaments.payTournamentPrizes({
        tournamentId,
        idempotencyKey: key('prizes'),
        prizes: prizes.map((prize) => ({ outcome: 'eliminated', ...prize, amount: m(prize.amount) })),
      });
    accepted(await pay([{ entryId: d, place: 4, amount: '0' }]));
    await expectRefusedWithoutEffect(db, 'ledger/tournament-pool-short', () =>
      pay([{ entryId: c, place: 3, amount: '1000.01' }]),
    );
    await expectRefusedWithoutEffect(db, 'ledger/invalid-amount', () =>
      pay([{ entryId: c, place: 3, amount: '0.001' }]),
    );
    const third = accepted(await pay([{ entryId: c, place: 3, amount: '200.01' }]));
    expect(third.prizePool.toFixed()).toBe('799.99');
    // The same prize again, under a new key: a no-op answering the first payment.
    const repeat = accepted(await pay([{ entryId: c, place: 3, amount: '200.01' }]));
    expect(repeat.prizes[0]?.alreadyPaid).toBe(true);
    expect(repeat.prizePool.toFixed()).toBe('799.99');
    await expectRefusedWithoutEffect(db, 'ledger/tournament-prize-conflict', () =>
      pay([{ entryId: c, place: 3, amount: '300' }]),
    );
    await expectRefusedWithoutEffect(db, 'ledger/tournament-entries-in-play', () =>
      tournaments.finishTournament({ tournamentId }),
    );
    accepted(await pay([{ entryId: b, place: 2, amount: '299.99' }]));
    // Every entry has its place, but the prizes leave a unit in the pool: it cannot finish.
    accepted(await pay([{ entryId: a, place: 1, amount: '499.99', outcome: 'finished' }]));
    expect((await prizePool(db, tournamentId)).toFixed()).toBe('0.01');
    await expectRefusedWithoutEffect(db, 'ledger/tournament-pool-not-empty', () =>
      tournaments.finishTournament({ tournamentId }),
    );
  });

  it('pays a prize once when directors race to pay it under different keys', async () => {
    const { tournamentId, entries } = await runningTournament(2);
    const results = await Promise.all(
      Array.from({ length: 5 }, () =>
        tournaments.payTournamentPrizes({
          tournamentId,
          idempotencyKey: key('race'),
          prizes: [{ entryId: entries[1]!, place: 2, amount: m(50), outcome: 'eliminated' }],
        }),
      ),
    );
    const paid = results.map(accepted);
    expect(paid.filter((result) => !result.prizes[0]!.alreadyPaid)).toHaveLength(1);
    expect(paid.map((result) => result.prizePool.toFixed())).toEqual(Array(5).fill('150'));
    const prizes = (await tournamentTransfers(db, tournamentId)).filter((line) => line.includes('PRIZE'));
    expect(prizes).toEqual([`TOURNAMENT_PRIZE ${entries[1]} 50`]);
  });

  it('finishes a tournament whose prizes add up to the pool, and keeps every chip accounted for', async () => {
    const { tournamentId, entries } = await runningTournament(3);
    const result = accepted(
      await tournaments.payTournamentPrizes({
        tournamentId,
        idempotencyKey: key(),
        prizes: [
          { entryId: entries[2]!, place: 3, amount: m(0), outcome: 'eliminated' },
          { entryId: entries[1]!, place: 2, amount: m(90), outcome: 'eliminated' },
          { entryId: entries[0]!, place: 1, amount: m(210), outcome: 'finished' },
        ],
      }),
    );
    expect(result.prizePool.isZero()).toBe(true);
    await expectRefusedWithoutEffect(db, 'ledger/stale-epoch', () =>
      tournaments.finishTournament({ tournamentId, directorEpoch: 7n }),
    );
    accepted(await tournaments.finishTournament({ tournamentId }));
    const again = await tournaments.finishTournament({ tournamentId });
    expect(again.ok && again.replayed).toBe(true);
    expect(await entryStatuses(db, tournamentId)).toEqual(['FINISHED', 'ELIMINATED', 'ELIMINATED']);
    expect((await prizePoolBalance(db.database, tournamentId))?.isZero()).toBe(true);
    expect((await sumOfBalances(db)).isZero()).toBe(true);
    expect((await auditLedger(db.database)).discrepancies).toEqual([]);
  });

  it('pays a deal at the final table all or nothing, once per entry, and plays for the rest', async () => {
    const { tournamentId, entries } = await runningTournament(3);
    const [a, b, c] = entries as [string, string, string];
    const deal = (shares: [string, string][]) =>
      tournaments.payTournamentDeal({
        tournamentId,
        idempotencyKey: key('deal'),
        shares: shares.map(([entryId, amount]) => ({ entryId, amount: m(amount) })),
      });
    await expectRefusedWithoutEffect(db, 'ledger/unknown-entry', () =>
      deal([
        [a, '80'],
        ['999999999', '80'],
      ]),
    );
    await expectRefusedWithoutEffect(db, 'ledger/tournament-pool-short', () =>
      deal([
        [a, '150'],
        [b, '150.01'],
      ]),
    );
    const agreed = accepted(
      await deal([
        [a, '100'],
        [b, '80'],
        [c, '60'],
      ]),
    );
    expect(agreed.prizePool.toFixed()).toBe('60');
    await expectRefusedWithoutEffect(db, 'ledger/tournament-prize-conflict', () => deal([[a, '10']]));
    accepted(
      await tournaments.payTournamentPrizes({
        tournamentId,
        idempotencyKey: key(),
        prizes: [
          { entryId: c, place: 3, amount: m(0), outcome: 'eliminated' },
          { entryId: b, place: 2, amount: m(0), outcome: 'eliminated' },
          { entryId: a, place: 1, amount: m(60), outcome: 'finished' },
        ],
      }),
    );
    accepted(await tournaments.finishTournament({ tournamentId }));
    const lines = await tournamentTransfers(db, tournamentId);
    expect(lines.filter((line) => /DEAL|PRIZE/.test(line))).toEqual([
      `TOURNAMENT_DEAL ${a} 100`,
      `TOURNAMENT_DEAL ${b} 80`,
      `TOURNAMENT_DEAL ${c} 60`,
      `TOURNAMENT_PRIZE ${a} 60`,
    ]);
    const details = await tournamentDetails(db.database, tournamentId, 10);
    expect(details?.entries.map((entry) => [entry.finishingPlace, entry.dealAmount?.toFixed()])).toEqual([
      [1, '100'],
      [2, '80'],
      [3, '60'],
    ]);
  });
});

describe('reading tournaments', () => {
  it('lists tournaments with their entrants and prize pool, and one with its entries', async () => {
    const [alice, bob] = await players(2);
    const soon = new Date(Date.UTC(2000, 0, 1));
    const tournamentId = await createTournament(tournaments, { name: 'the early one', scheduledStart: soon });
    await register(tournamentId, alice!);
    await register(tournamentId, bob!);
    accepted(
      await tournaments.unregisterFromTournament({ tournamentId, userId: bob!, idempotencyKey: key() }),
    );
    const listed = await tournamentSummaries(db.database, { statuses: ['REGISTERING'], limit: 5 });
    expect(listed[0]).toMatchObject({
      id: tournamentId,
      name: 'the early one',
      entrants: 1,
      status: 'REGISTERING',
    });
    expect(listed[0]?.prizePoolBalance.toFixed()).toBe('100');
    expect(listed[0]?.scheduledStart?.toISOString()).toBe(soon.toISOString());
    const [one] = await tournamentSummaries(db.database, { tournamentId, limit: 1 });
    expect({ id: one?.id, entrants: one?.entrants, playersLeft: one?.playersLeft }).toEqual({
      id: tournamentId,
      entrants: 1,
      playersLeft: 1,
    });
    expect(
      (await tournamentSummaries(db.database, { statuses: ['FINISHED'], limit: 50 })).map((t) => t.id),
    ).not.toContain(tournamentId);
    const details = await tournamentDetails(db.database, tournamentId, 10);
    expect(details?.entries.map((entry) => [entry.userId, entry.status])).toEqual([
      [alice, 'REGISTERED'],
      [bob, 'UNREGISTERED'],
    ]);
    expect(details).toMatchObject({ startingChips: 1500, tableSize: 9, structure: { preset: 'turbo' } });
    expect(await tournamentDetails(db.database, '00000000-0000-4000-8000-000000000000', 10)).toBeUndefined();
  });
});

describe('the audit of tournaments', () => {
  it('finds a finished tournament whose pool is not zero, and an entry whose status disagrees with its transfers', async () => {
    const users = await players(2);
    const tournamentId = await createTournament(tournaments);
    const entries = [];
    for (const user of users) entries.push(await register(tournamentId, user));
    accepted(await tournaments.startTournament({ tournamentId }));
    accepted(
      await tournaments.payTournamentPrizes({
        tournamentId,
        idempotencyKey: key(),
        prizes: [
          { entryId: entries[1]!, place: 2, amount: m(0), outcome: 'eliminated' },
          { entryId: entries[0]!, place: 1, amount: m(200), outcome: 'finished' },
        ],
      }),
    );
    accepted(await tournaments.finishTournament({ tournamentId }));
    expect((await auditLedger(db.database)).ok).toBe(true);
    // Planted: a unit moved into the finished pool by a well-formed transfer (balances still agree).
    const plant = async (sign: 1 | -1) => {
      const { rows } = await db.pool.query<{ pool: string; cashier: string }>(
        `SELECT (SELECT id::text FROM accounts WHERE tournament_id = $1::uuid) AS pool,
                (SELECT id::text FROM accounts WHERE kind = 'CASHIER' AND shard = 0) AS cashier`,
        [tournamentId],
      );
      const [from, to] = sign === 1 ? [rows[0]!.cashier, rows[0]!.pool] : [rows[0]!.pool, rows[0]!.cashier];
      await db.pool.query(
        `WITH t AS (INSERT INTO transfers (debit_account_id, credit_account_id, amount, kind, idempotency_key, request_hash)
                    VALUES ($1::bigint, $2::bigint, 1, 'DEPOSIT', $3::text, 'planted'))
         UPDATE accounts SET balance = balance + CASE WHEN id = $2::bigint THEN 1 ELSE -1 END WHERE id IN ($1::bigint, $2::bigint)`,
        [from, to, key('planted')],
      );
    };
    await plant(1);
    const planted = await auditLedger(db.database);
    expect(planted.discrepancies.map((found) => found.check)).toEqual(['tournament-pool']);
    expect(planted.discrepancies[0]?.message).toContain(tournamentId);
    await plant(-1);
    // Planted: an entry marked refunded that was never refunded.
    await db.pool.query(
      `UPDATE tournament_entries SET status = 'REFUNDED', finishing_place = NULL, prize = NULL WHERE id = $1::bigint`,
      [entries[1]],
    );
    const refunded = await auditLedger(db.database);
    expect(refunded.discrepancies.map((found) => found.check)).toEqual(['tournament-entry']);
    expect(refunded.discrepancies[0]?.message).toContain('TOURNAMENT_REFUND 0x0 (expected 100');
    await db.pool.query(
      `UPDATE tournament_entries SET status = 'ELIMINATED', finishing_place = 2, prize = 0 WHERE id = $1::bigint`,
      [entries[1]],
    );
    expect((await auditLedger(db.database)).ok).toBe(true);
  });

  it('is refused by the database when a second prize or overlay is written for the same entry or tournament', async () => {
    const { rows } = await db.pool.query<{ id: string; tournament_id: string; pool: string; wallet: string }>(
      `SELECT e.id::text, e.tournament_id::text, p.id::text AS pool, w.id::text AS wallet
         FROM tournament_entries e JOIN accounts p ON p.tournament_id = e.tournament_id
         JOIN accounts w ON w.user_id = e.user_id
        WHERE e.prize > 0 LIMIT 1`,
    );
    const entry = rows[0]!;
    await expect(
      db.pool.query(
        `INSERT INTO transfers (debit_account_id, credit_account_id, amount, kind, idempotency_key, request_hash,
           tournament_id, tournament_entry_id)
         VALUES ($1::bigint, $2::bigint, 1, 'TOURNAMENT_PRIZE', 'second-prize', 'h', $3::uuid, $4::bigint)`,
        [entry.pool, entry.wallet, entry.tournament_id, entry.id],
      ),
    ).rejects.toThrow(/transfers_tournament_entry_id_kind_key/);
    await expect(
      db.pool.query(`UPDATE accounts SET balance = -1 WHERE id = $1::bigint`, [entry.pool]),
    ).rejects.toThrow(/accounts_balance_non_negative/);
  });
});
