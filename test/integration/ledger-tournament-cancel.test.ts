import { describe, expect, it } from 'vitest';
import { cancellingTournamentIds } from '../../src/db/queries/tournament-queries.js';
import { type TransactionRunner, transactionRunnerOf } from '../../src/db/transaction-runner.js';
import { auditLedger } from '../../src/ledger/audit.js';
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
withAuditedLedger('ledger_tournament_cancel', (fixture) => {
  ({ db, ledger } = fixture);
  tournaments = testTournamentLedger(db.database);
});

let keys = 0;
const key = () => `cancel-test-${++keys}`;

/** A registering tournament with `count` entrants who started with 500 each; the last unregistered. */
async function registeringTournament(count: number): Promise<{ tournamentId: string; users: string[] }> {
  const users = await createUsers(db, count);
  const tournamentId = await createTournament(tournaments, {
    buyIn: new Money('33.33'),
    fee: new Money('3.34'),
  });
  for (const userId of users) {
    await fund(ledger, userId, 500);
    accepted(await tournaments.registerForTournament({ tournamentId, userId, idempotencyKey: key() }));
  }
  accepted(
    await tournaments.unregisterFromTournament({
      tournamentId,
      userId: users.at(-1)!,
      idempotencyKey: key(),
    }),
  );
  return { tournamentId, users };
}

/** Every entry refunded once and only once, every wallet whole, the pool empty, the ledger clean. */
async function expectEveryoneRefundedOnce(tournamentId: string, users: readonly string[]): Promise<void> {
  const lines = await tournamentTransfers(db, tournamentId);
  const count = (kind: string) => lines.filter((line) => line.startsWith(`${kind} `)).length;
  expect([count('TOURNAMENT_BUY_IN'), count('TOURNAMENT_REFUND'), count('TOURNAMENT_FEE_REFUND')]).toEqual([
    users.length,
    users.length,
    users.length,
  ]);
  for (const user of users) expect((await walletBalance(db, user)).toFixed()).toBe('500');
  expect((await prizePool(db, tournamentId)).isZero()).toBe(true);
  expect(await entryStatuses(db, tournamentId)).toEqual([
    ...Array(users.length - 1).fill('REFUNDED'),
    'UNREGISTERED',
  ]);
  expect((await sumOfBalances(db)).isZero()).toBe(true);
  expect((await auditLedger(db.database)).discrepancies).toEqual([]);
}

/** The same runner, except that transaction number `crashAt` and every later one do their work and
 * then die before they commit, as a server killed mid-transaction would. */
function crashingRunner(runner: TransactionRunner, crashAt: number): TransactionRunner {
  let count = 0;
  return {
    ...runner,
    transaction(work, settings) {
      if (++count < crashAt) return runner.transaction(work, settings);
      return runner.transaction(async (tx) => {
        await work(tx);
        throw new Error('the server was killed before the commit');
      }, settings);
    },
  };
}

describe('cancelling a tournament', () => {
  it('refunds every entry exactly once and ends CANCELLED; calling again moves nothing', async () => {
    const { tournamentId, users } = await registeringTournament(7);
    const cancelled = accepted(await tournaments.cancelTournament({ tournamentId, batchSize: 4 }));
    expect(cancelled).toEqual({ status: 'CANCELLED', refunded: 6, sharesPaid: 0 });
    await expectEveryoneRefundedOnce(tournamentId, users);
    const again = await tournaments.cancelTournament({ tournamentId });
    expect(again.ok && again.replayed && again.value).toEqual({
      status: 'CANCELLED',
      refunded: 0,
      sharesPaid: 0,
    });
    await expectEveryoneRefundedOnce(tournamentId, users);
    await expectRefusedWithoutEffect(db, 'ledger/tournament-registration-closed', () =>
      tournaments.registerForTournament({ tournamentId, userId: users[0]!, idempotencyKey: key() }),
    );
  });

  it('is bounded per call: between calls it is CANCELLING, takes no registration, and the ledger is clean', async () => {
    const { tournamentId, users } = await registeringTournament(6);
    const partial = accepted(
      await tournaments.cancelTournament({ tournamentId, batchSize: 2, maxBatches: 1 }),
    );
    expect(partial).toEqual({ status: 'CANCELLING', refunded: 2, sharesPaid: 0 });
    expect(await cancellingTournamentIds(db.database, 10)).toContain(tournamentId);
    expect((await prizePool(db, tournamentId)).toFixed()).toBe('99.99');
    expect((await auditLedger(db.database)).discrepancies).toEqual([]);
    await expectRefusedWithoutEffect(db, 'ledger/tournament-registration-closed', () =>
      tournaments.unregisterFromTournament({ tournamentId, userId: users[4]!, idempotencyKey: key() }),
    );
    await expectRefusedWithoutEffect(db, 'ledger/tournament-wrong-status', () =>
      tournaments.startTournament({ tournamentId }),
    );
    const rest = accepted(await tournaments.cancelTournament({ tournamentId, batchSize: 2 }));
    expect(rest).toEqual({ status: 'CANCELLED', refunded: 3, sharesPaid: 0 });
    expect(await cancellingTournamentIds(db.database, 10)).not.toContain(tournamentId);
    await expectEveryoneRefundedOnce(tournamentId, users);
  });

  it('carries on after a crash inside a batch, refunding each entry once', async () => {
    const { tournamentId, users } = await registeringTournament(6);
    // Transactions: 1 marks it CANCELLING; then per batch, one reads the candidates and one refunds.
    // The fifth, the second batch's refund, dies before its commit.
    const crashing = testTournamentLedger(crashingRunner(transactionRunnerOf(db.database), 5));
    const crashed = await crashing.cancelTournament({ tournamentId, batchSize: 2 });
    expect(crashed.ok ? 'accepted' : crashed.error.code).toBe('ledger/failed');
    expect(await entryStatuses(db, tournamentId)).toEqual([
      'REFUNDED',
      'REFUNDED',
      'REGISTERED',
      'REGISTERED',
      'REGISTERED',
      'UNREGISTERED',
    ]);
    expect((await auditLedger(db.database)).discrepancies).toEqual([]);
    // The restarted server finds the interrupted cancellation and calls again.
    expect(await cancellingTournamentIds(db.database, 10)).toContain(tournamentId);
    const resumed = accepted(await tournaments.cancelTournament({ tournamentId, batchSize: 2 }));
    expect(resumed).toEqual({ status: 'CANCELLED', refunded: 3, sharesPaid: 0 });
    await expectEveryoneRefundedOnce(tournamentId, users);
  });

  it('refunds each entry once when two cancellations run at the same time', async () => {
    const { tournamentId, users } = await registeringTournament(9);
    const both = await Promise.all([
      tournaments.cancelTournament({ tournamentId, batchSize: 1 }),
      tournaments.cancelTournament({ tournamentId, batchSize: 2 }),
    ]);
    const refunded = both.map((result) => accepted(result).refunded);
    expect(refunded[0]! + refunded[1]!).toBe(8);
    // The one that finished last closed the cancellation; the other may have ended just before.
    expect(both.some((result) => result.ok && result.value.status === 'CANCELLED')).toBe(true);
    await expectEveryoneRefundedOnce(tournamentId, users);
  });
});
