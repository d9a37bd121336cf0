import { describe, expect, it } from 'vitest';
import { cancellingTournamentIds } from '../../src/db/queries/tournament-queries.js';
import { type TransactionRunner, transactionRunnerOf } from '../../src/db/transaction-runner.js';
import { auditLedger } from '../../src/ledger/audit.js';
import type { TournamentLedger } from '../../src/ledger/tournament-transactions.js';
import type { Ledger } from '../../src/ledger/transactions.js';
import { Money } from '../../src/money/index.js';
import { chipChopUnits } from '../../src/tournaments/deal-offers.js';
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

/**
 * Cancelling a RUNNING tournament in the ledger: the director's decision (every player still in
 * and their chip-chop share of what the pool holds) is recorded with CANCELLING, fenced by its
 * epoch; the shares are paid in batches, each entry once, and the tournament ends CANCELLED with
 * its pool at zero. Prizes already paid stand; fees are not refunded.
 */

let db: TestDatabase;
let ledger: Ledger;
let tournaments: TournamentLedger;
withAuditedLedger('ledger_tournament_cancel_running', (fixture) => {
  ({ db, ledger } = fixture);
  tournaments = testTournamentLedger(db.database);
});

let keys = 0;
const key = () => `cancel-running-${++keys}`;
const CENT = new Money('0.01');

/**
 * A Sit & Go of five (buy-in 33.33, fee 3.34; each player funded 500) started at epoch 1; the
 * first entry busted in 5th with a prize of 10.00 (the ledger takes the director's word). The pool
 * holds 5 x 33.33 - 10.00 = 156.65, to share among four players.
 */
async function runningTournament(): Promise<{ tournamentId: string; users: string[]; entries: string[] }> {
  const users = await createUsers(db, 5);
  const tournamentId = await createTournament(tournaments, {
    buyIn: new Money('33.33'),
    fee: new Money('3.34'),
    maxEntrants: 5,
  });
  const entries: string[] = [];
  for (const userId of users) {
    await fund(ledger, userId, 500);
    const bought = accepted(
      await tournaments.registerForTournament({ tournamentId, userId, idempotencyKey: key() }),
    );
    entries.push(bought.entryId);
  }
  accepted(await tournaments.claimTournament(tournamentId, 1n));
  accepted(await tournaments.startTournament({ tournamentId, directorEpoch: 1n }));
  accepted(
    await tournaments.payTournamentPrizes({
      tournamentId,
      directorEpoch: 1n,
      idempotencyKey: key(),
      prizes: [{ entryId: entries[0]!, place: 5, amount: new Money('10.00'), outcome: 'eliminated' }],
    }),
  );
  return { tournamentId, users, entries };
}

/** The chip chop of 156.65 over stacks whose shares leave an odd remainder of units to place. */
const STACKS = [3_001, 2_999, 1_000, 1_000];
function sharesOf(entries: readonly string[]): { entryId: string; amount: Money }[] {
  const units = chipChopUnits(STACKS, 15_665n);
  return entries
    .slice(1)
    .map((entryId, index) => ({ entryId, amount: CENT.times(units[index]!.toString()) }));
}

async function expectPaidOnce(tournamentId: string, users: readonly string[], entries: readonly string[]) {
  const shares = sharesOf(entries);
  const lines = await tournamentTransfers(db, tournamentId);
  expect(lines.filter((line) => line.startsWith('TOURNAMENT_CANCEL_SHARE ')).sort()).toEqual(
    shares
      .map(
        (share) => `TOURNAMENT_CANCEL_SHARE ${share.entryId} ${share.amount.toFixed().replace(/\.?0+$/, '')}`,
      )
      .sort(),
  );
  // No refund of buy-in or fee once it started; the prize paid stands.
  expect(lines.some((line) => line.includes('REFUND'))).toBe(false);
  expect((await walletBalance(db, users[0]!)).toFixed(2)).toBe('473.33');
  for (const [index, share] of shares.entries())
    expect((await walletBalance(db, users[index + 1]!)).toFixed(2)).toBe(
      new Money('463.33').plus(share.amount).toFixed(2),
    );
  expect((await prizePool(db, tournamentId)).isZero()).toBe(true);
  expect(await entryStatuses(db, tournamentId)).toEqual([
    'ELIMINATED',
    'CANCELLED',
    'CANCELLED',
    'CANCELLED',
    'CANCELLED',
  ]);
  expect((await sumOfBalances(db)).isZero()).toBe(true);
  expect((await auditLedger(db.database)).discrepancies).toEqual([]);
}

/** Transaction number `crashAt` and every later one do their work, then die before the commit. */
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

describe('cancelling a running tournament', () => {
  it('shares what the pool holds exactly, by the chip chop with its odd units placed', () => {
    const units = chipChopUnits(STACKS, 15_665n);
    // 15,665 units over 8,000 chips: 5,876.33 / 5,872.42 / 1,958.13 / 1,958.13, rounded down,
    // leave one unit: it goes to the largest fraction cut off (the 2,999 stack, not the largest).
    expect(units).toEqual([5_876n, 5_873n, 1_958n, 1_958n]);
    expect(units.reduce((sum, share) => sum + share, 0n)).toBe(15_665n);
  });

  it('refuses a stale epoch and shares that do not add up to the pool or miss a player, changing nothing', async () => {
    const { tournamentId, entries } = await runningTournament();
    const shares = sharesOf(entries);
    await expectRefusedWithoutEffect(db, 'ledger/stale-epoch', () =>
      tournaments.cancelRunningTournament({ tournamentId, directorEpoch: 0n, shares }),
    );
    const short = shares.map((share, index) =>
      index === 0 ? { ...share, amount: share.amount.minus(CENT) } : share,
    );
    await expectRefusedWithoutEffect(db, 'ledger/tournament-pool-short', () =>
      tournaments.cancelRunningTournament({ tournamentId, directorEpoch: 1n, shares: short }),
    );
    await expectRefusedWithoutEffect(db, 'ledger/tournament-prize-conflict', () =>
      tournaments.cancelRunningTournament({ tournamentId, directorEpoch: 1n, shares: shares.slice(1) }),
    );
    await expectRefusedWithoutEffect(db, 'ledger/invalid-amount', () =>
      tournaments.cancelRunningTournament({
        tournamentId,
        directorEpoch: 1n,
        shares: shares.map((share, index) => ({
          ...share,
          amount: share.amount.plus(index === 0 ? '0.005' : index === 1 ? '-0.005' : 0),
        })),
      }),
    );
    // The pre-start cancellation is not for a running tournament.
    await expectRefusedWithoutEffect(db, 'ledger/tournament-wrong-status', () =>
      tournaments.cancelTournament({ tournamentId }),
    );
  });

  it('pays each share once, ends CANCELLED with the pool at zero, and a repeat moves nothing', async () => {
    const { tournamentId, users, entries } = await runningTournament();
    const shares = sharesOf(entries);
    const cancelled = accepted(
      await tournaments.cancelRunningTournament({ tournamentId, directorEpoch: 1n, shares, batchSize: 3 }),
    );
    expect(cancelled).toEqual({ status: 'CANCELLED', refunded: 0, sharesPaid: 4 });
    await expectPaidOnce(tournamentId, users, entries);
    const again = await tournaments.cancelRunningTournament({ tournamentId, directorEpoch: 1n, shares });
    expect(again.ok && again.replayed && again.value).toEqual({
      status: 'CANCELLED',
      refunded: 0,
      sharesPaid: 0,
    });
    const restart = await tournaments.cancelTournament({ tournamentId });
    expect(restart.ok && restart.value).toEqual({ status: 'CANCELLED', refunded: 0, sharesPaid: 0 });
    await expectPaidOnce(tournamentId, users, entries);
    await expectRefusedWithoutEffect(db, 'ledger/tournament-wrong-status', () =>
      tournaments.finishTournament({ tournamentId, directorEpoch: 1n }),
    );
  });

  it('carries on after a crash between batches, without the director, paying each entry once', async () => {
    const { tournamentId, users, entries } = await runningTournament();
    const shares = sharesOf(entries);
    // Transactions: 1 decides (CANCELLING, shares recorded); 2 reads refund candidates (none);
    // then per batch one reads candidates and one pays. The fifth, the second batch's payment, dies.
    const crashing = testTournamentLedger(crashingRunner(transactionRunnerOf(db.database), 6));
    const crashed = await crashing.cancelRunningTournament({
      tournamentId,
      directorEpoch: 1n,
      shares,
      batchSize: 2,
    });
    expect(crashed.ok ? 'accepted' : crashed.error.code).toBe('ledger/failed');
    expect(await entryStatuses(db, tournamentId)).toEqual([
      'ELIMINATED',
      'CANCELLED',
      'CANCELLED',
      'PLAYING',
      'PLAYING',
    ]);
    expect((await auditLedger(db.database)).discrepancies).toEqual([]);
    // Decided: no director may decide otherwise now, nor play on.
    expect(await cancellingTournamentIds(db.database, 10)).toContain(tournamentId);
    await expectRefusedWithoutEffect(db, 'ledger/tournament-wrong-status', () =>
      tournaments.payTournamentPrizes({
        tournamentId,
        directorEpoch: 1n,
        idempotencyKey: key(),
        prizes: [{ entryId: entries[4]!, place: 1, amount: new Money(1), outcome: 'finished' }],
      }),
    );
    // The restarted server carries on as for any interrupted cancellation.
    const resumed = accepted(await tournaments.cancelTournament({ tournamentId, batchSize: 2 }));
    expect(resumed).toEqual({ status: 'CANCELLED', refunded: 0, sharesPaid: 2 });
    await expectPaidOnce(tournamentId, users, entries);
  });
});
