import { describe, expect, it } from 'vitest';
import type { TournamentLedger } from '../../src/ledger/tournament-transactions.js';
import type { Ledger } from '../../src/ledger/transactions.js';
import { Money } from '../../src/money/index.js';
import type { TestDatabase } from '../support/database.js';
import { createUsers, fund, withAuditedLedger } from '../support/ledger-fixtures.js';
import {
  accepted,
  createTournament,
  expectRefusedWithoutEffect,
  testTournamentLedger,
} from '../support/tournament-fixtures.js';

let db: TestDatabase;
let ledger: Ledger;
let tournaments: TournamentLedger;
withAuditedLedger('ledger_tournament_director', (fixture) => {
  ({ db, ledger } = fixture);
  tournaments = testTournamentLedger(db.database);
});

describe('the director of a tournament', () => {
  it('claims it with a fencing epoch, and an older director can no longer write state or money', async () => {
    const users = await createUsers(db, 2);
    const tournamentId = await createTournament(tournaments);
    for (const userId of users) {
      await fund(ledger, userId, 200);
      accepted(
        await tournaments.registerForTournament({ tournamentId, userId, idempotencyKey: `d-${userId}` }),
      );
    }
    const first = accepted(await tournaments.claimTournament(tournamentId, 1n));
    expect(first).toMatchObject({ directorEpoch: 1n, status: 'REGISTERING', state: null, stateVersion: 0n });
    const saved = accepted(
      await tournaments.saveTournamentState({
        tournamentId,
        directorEpoch: 1n,
        expectedVersion: 0n,
        state: { level: 1, stacks: [1500, 1500] },
      }),
    );
    expect(saved.stateVersion).toBe(1n);
    const conflict = await tournaments.saveTournamentState({
      tournamentId,
      directorEpoch: 1n,
      expectedVersion: 0n,
      state: { level: 2 },
    });
    expect(conflict.ok ? 'saved' : conflict.error.code).toBe('ledger/tournament-state-conflict');

    // A new node takes over: it resumes from the state saved, and the old one is fenced off.
    const second = accepted(await tournaments.claimTournament(tournamentId, 2n));
    expect(second.state).toEqual({ level: 1, stacks: [1500, 1500] });
    expect(second.stateVersion).toBe(1n);
    const stale = await tournaments.saveTournamentState({
      tournamentId,
      directorEpoch: 1n,
      expectedVersion: 1n,
      state: { level: 9 },
    });
    expect(stale.ok ? 'saved' : stale.error.code).toBe('ledger/stale-epoch');
    const older = await tournaments.claimTournament(tournamentId, 1n);
    expect(older.ok ? 'claimed' : older.error.code).toBe('ledger/stale-epoch');
    await expectRefusedWithoutEffect(db, 'ledger/stale-epoch', () =>
      tournaments.startTournament({ tournamentId, directorEpoch: 1n }),
    );
    const started = accepted(await tournaments.startTournament({ tournamentId, directorEpoch: 2n }));
    expect(started.prizePool.equals(new Money(200))).toBe(true);
    const unknown = await tournaments.claimTournament('00000000-0000-4000-8000-000000000000', 1n);
    expect(unknown.ok ? 'claimed' : unknown.error.code).toBe('ledger/unknown-tournament');
  });
});
