import { describe, expect, it } from 'vitest';
import { auditLedger } from '../../src/ledger/audit.js';
import type { TournamentLedger } from '../../src/ledger/tournament-transactions.js';
import type { Ledger } from '../../src/ledger/transactions.js';
import { Money } from '../../src/money/index.js';
import type { TestDatabase } from '../support/database.js';
import { createUsers, fund, withAuditedLedger } from '../support/ledger-fixtures.js';
import { seededInt, seededRandom } from '../support/seeded-random.js';
import { createTournament, sumOfBalances, testTournamentLedger } from '../support/tournament-fixtures.js';

let db: TestDatabase;
let ledger: Ledger;
let tournaments: TournamentLedger;
withAuditedLedger('ledger_tournament_conservation', (fixture) => {
  ({ db, ledger } = fixture);
  tournaments = testTournamentLedger(db.database);
});

/** Refusals a random caller may get; any other (a constraint, a failure) is a bug. */
const EXPECTED = new Set([
  'ledger/insufficient-funds',
  'ledger/tournament-registration-closed',
  'ledger/tournament-already-registered',
  'ledger/tournament-not-registered',
  'ledger/tournament-entry-limit',
  'ledger/tournament-full',
  'ledger/tournament-wrong-status',
  'ledger/tournament-too-few-entrants',
]);

describe('tournament money under random play', () => {
  it('creates and loses nothing: every balance sums to zero after each step, and the audit is clean', async () => {
    const random = seededRandom(17);
    const users = await createUsers(db, 10);
    for (const user of users) await fund(ledger, user, 600);
    const ids: string[] = [];
    for (let t = 0; t < 6; t++) {
      ids.push(
        await createTournament(tournaments, {
          buyIn: new Money(50 + 25 * t),
          fee: new Money(5),
          guarantee: new Money(t % 2 === 0 ? 400 : 0),
          maxEntrants: 4 + t,
          maxEntriesPerPlayer: 2,
          lateRegistrationLevel: t % 3 === 0 ? 2 : null,
        }),
      );
    }
    const unexpected: string[] = [];
    let keys = 0;
    /** One random registration or unregistration; `registerShare` of 10 register. */
    const randomStep = async (registerShare: number) => {
      const tournamentId = ids[seededInt(random, ids.length)]!;
      const userId = users[seededInt(random, users.length)]!;
      const idempotencyKey = `random-${++keys}`;
      const result =
        seededInt(random, 10) < registerShare
          ? await tournaments.registerForTournament({ tournamentId, userId, idempotencyKey })
          : await tournaments.unregisterFromTournament({ tournamentId, userId, idempotencyKey });
      if (!result.ok && !EXPECTED.has(result.error.code)) unexpected.push(`${keys}: ${result.error.code}`);
      expect((await sumOfBalances(db)).toFixed()).toBe('0');
    };
    for (let step = 0; step < 100; step++) await randomStep(7);
    // Every other tournament is cancelled (in bounded calls, as after crashes), the rest start.
    for (const [index, tournamentId] of ids.entries()) {
      const started = index % 2 === 0 ? await tournaments.startTournament({ tournamentId }) : undefined;
      if (started?.ok) continue;
      while (true) {
        const cancelled = await tournaments.cancelTournament({ tournamentId, batchSize: 2, maxBatches: 1 });
        expect((await sumOfBalances(db)).toFixed()).toBe('0');
        if (!cancelled.ok || cancelled.value.status === 'CANCELLED') break;
      }
    }
    // Late registrations, and attempts everywhere else.
    for (let step = 0; step < 40; step++) await randomStep(10);
    expect(unexpected).toEqual([]);
    // Each running tournament is played out: its pool to its entries, by place, the winner taking the
    // rest; then every one that has not started is cancelled.
    for (const tournamentId of ids) {
      await tournaments.payTournamentOverlay({ tournamentId });
      const { rows } = await db.pool.query<{ id: string; pool: string }>(
        `SELECT e.id::text, a.balance::text AS pool FROM tournament_entries e JOIN accounts a ON a.tournament_id = e.tournament_id
          WHERE e.tournament_id = $1::uuid AND e.status = 'PLAYING' ORDER BY e.id`,
        [tournamentId],
      );
      if (rows.length > 0) {
        const pool = new Money(rows[0]!.pool);
        const second = pool.mul('0.35').toDecimalPlaces(2, Money.ROUND_DOWN);
        const prizes = rows.map((row, index) => {
          const place = rows.length - index;
          const amount =
            place === 1 ? pool.minus(rows.length > 1 ? second : 0) : place === 2 ? second : new Money(0);
          return {
            entryId: row.id,
            place,
            amount,
            outcome: place === 1 ? ('finished' as const) : ('eliminated' as const),
          };
        });
        const paid = await tournaments.payTournamentPrizes({
          tournamentId,
          idempotencyKey: `end-${tournamentId}`,
          prizes,
        });
        expect(paid.ok ? 'paid' : paid.error.code).toBe('paid');
        const finished = await tournaments.finishTournament({ tournamentId });
        expect(finished.ok ? 'finished' : finished.error.code).toBe('finished');
      } else {
        await tournaments.cancelTournament({ tournamentId });
      }
    }
    const { rows } = await db.pool.query<{ status: string; pool: string }>(
      `SELECT t.status::text, a.balance::text AS pool FROM tournaments t JOIN accounts a ON a.tournament_id = t.id ORDER BY t.created_at`,
    );
    for (const row of rows) {
      expect(['FINISHED', 'CANCELLED']).toContain(row.status);
      expect(row.pool).toBe('0.00000000');
    }
    expect((await sumOfBalances(db)).toFixed()).toBe('0');
    const report = await auditLedger(db.database);
    expect(report.discrepancies).toEqual([]);
    expect(report.totals.map((total) => total.kind)).toContain('PRIZE_POOL');
  });
});
