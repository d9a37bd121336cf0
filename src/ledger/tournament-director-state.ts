import type { TournamentStatus } from '../db/column-types.js';
import { type LedgerResult, ledgerError, refuse } from './ledger-errors.js';
import { type LedgerContext, run } from './transactions.js';

/**
 * Where a tournament's director keeps its pure state, and who may write it. As with tables, one
 * node directs a tournament at a time, under a fencing epoch: claiming bumps the tournament's
 * `director_epoch`, and from then on a write (of state here, or of money: the director's operations
 * in tournament-transactions.ts take the epoch) from an older epoch is refused. The state itself is
 * saved by compare-and-swap on `state_version`, so a director never overwrites a state it has not
 * read. No money moves here; it lives beside the money because the epoch fences both.
 */

/** The largest state saved, as JSON text (a 100,000-entrant tournament's state fits well within it). */
export const TOURNAMENT_STATE_CHARS_MAX = 64 * 1024 * 1024;

export interface TournamentClaim {
  readonly tournamentId: string;
  readonly directorEpoch: bigint;
  readonly status: TournamentStatus;
  /** The last state saved (null before the first), and its version, to resume from. */
  readonly state: unknown;
  readonly stateVersion: bigint;
}

/** Takes the direction of a tournament at `epoch`: succeeds when it is at least the stored one. */
export async function claimTournament(
  ledger: LedgerContext,
  tournamentId: string,
  epoch: bigint,
): Promise<LedgerResult<TournamentClaim>> {
  if (epoch < 0n) return ledgerError('ledger/invalid-request', 'a director epoch is not negative');
  return run(ledger, async (tx) => {
    // One conditional UPDATE is the compare-and-swap; it waits for a money operation in flight.
    const rows = await tx.query<{ status: TournamentStatus; state: unknown; state_version: string }>(
      `UPDATE tournaments SET director_epoch = $2::bigint WHERE id = $1::uuid AND director_epoch <= $2::bigint
        RETURNING status::text, state, state_version::text`,
      [tournamentId, epoch.toString()],
    );
    const row = rows[0];
    if (!row) {
      const existing = await tx.query<{ director_epoch: string }>(
        `SELECT director_epoch::text FROM tournaments WHERE id = $1::uuid`,
        [tournamentId],
      );
      if (!existing[0]) refuse('ledger/unknown-tournament', 'no such tournament');
      refuse('ledger/stale-epoch', `the tournament is directed at epoch ${existing[0].director_epoch}`);
    }
    return {
      value: {
        tournamentId,
        directorEpoch: epoch,
        status: row.status,
        state: row.state,
        stateVersion: BigInt(row.state_version),
      },
      replayed: false,
    };
  });
}

export interface TournamentStateWrite {
  readonly tournamentId: string;
  readonly directorEpoch: bigint;
  /** The version the director read (or last saved); the write is refused if it moved since. */
  readonly expectedVersion: bigint;
  readonly state: unknown;
}

/** Saves the director's state if the epoch is the tournament's and the version is the one expected. */
export async function saveTournamentState(
  ledger: LedgerContext,
  write: TournamentStateWrite,
): Promise<LedgerResult<{ stateVersion: bigint }>> {
  const json = JSON.stringify(write.state ?? null);
  if (json.length > TOURNAMENT_STATE_CHARS_MAX) {
    return ledgerError(
      'ledger/invalid-request',
      `a tournament's state holds at most ${TOURNAMENT_STATE_CHARS_MAX} characters`,
    );
  }
  return run(ledger, async (tx) => {
    const rows = await tx.query<{ state_version: string }>(
      `UPDATE tournaments SET state = $4::jsonb, state_version = state_version + 1
        WHERE id = $1::uuid AND director_epoch = $2::bigint AND state_version = $3::bigint
        RETURNING state_version::text`,
      [write.tournamentId, write.directorEpoch.toString(), write.expectedVersion.toString(), json],
    );
    if (rows[0]) return { value: { stateVersion: BigInt(rows[0].state_version) }, replayed: false };
    const current = await tx.query<{ director_epoch: string; state_version: string }>(
      `SELECT director_epoch::text, state_version::text FROM tournaments WHERE id = $1::uuid`,
      [write.tournamentId],
    );
    const row = current[0] ?? refuse('ledger/unknown-tournament', 'no such tournament');
    if (row.director_epoch !== write.directorEpoch.toString()) {
      refuse('ledger/stale-epoch', `the tournament is directed at epoch ${row.director_epoch}`);
    }
    refuse(
      'ledger/tournament-state-conflict',
      `the state is at version ${row.state_version}, not ${write.expectedVersion}`,
    );
  });
}
