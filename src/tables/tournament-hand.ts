import { cardsToString } from '../engine/cards.js';
import type { HandResult } from '../engine/hand-types.js';
import { joinSalts } from '../fairness/deck-commitment.js';
import { callLedger } from './ledger-call.js';
import { settlementRecord } from './settlement-record.js';
import type { TableCore } from './table-core.js';
import { haltIfNotOwner, haltTable } from './table-halt.js';
import type { TournamentHandReport } from './table-ports.js';
import type { LiveHand, SeatState } from './table-state.js';
import type { TournamentLevel } from './tournament-state.js';

/**
 * The end of a hand at a tournament table: recorded (with its deck and history) through the
 * tournament's port instead of settled in the ledger, the busted players unseated, and the
 * director told. And the level a new hand is dealt at.
 */

/** The level of the hand about to be dealt: a level set since the last deal takes effect now. Null at a cash table. */
export function tournamentLevelForDeal(core: TableCore): TournamentLevel | null {
  const tournament = core.tournament;
  if (!tournament) return null;
  if (tournament.nextLevel) {
    tournament.level = tournament.nextLevel;
    tournament.nextLevel = null;
  }
  return tournament.level;
}

function reportOf(
  core: TableCore,
  tournamentId: string,
  hand: LiveHand,
  seats: readonly SeatState[],
  result: HandResult,
): TournamentHandReport {
  const stacksAtStart: Record<string, number> = {};
  const stacksAfter: Record<string, number> = {};
  seats.forEach((seat, position) => {
    stacksAtStart[seat.userId] = hand.startingStacks[position]!;
    stacksAfter[seat.userId] = result.finalStacks[position]!;
  });
  // Who started the hand with more finishes higher (TDA); equal stacks stay in seat order and tie.
  const busted = seats
    .filter((seat) => stacksAfter[seat.userId] === 0)
    .sort((a, b) => stacksAtStart[b.userId]! - stacksAtStart[a.userId]! || a.seat - b.seat)
    .map((seat) => seat.userId);
  return {
    tournamentId,
    tableId: core.tableId,
    handNumber: hand.number,
    bigBlindSeat: hand.seating.bigBlindSeat,
    stacksAtStart,
    stacksAfter,
    busted,
  };
}

/**
 * Records the hand and answers its report; null when that failed (the table is halted: it may not
 * deal on stacks nobody recorded).
 */
export async function recordTournamentHand(
  core: TableCore,
  hand: LiveHand,
  seats: readonly SeatState[],
  result: HandResult,
  history: string,
): Promise<TournamentHandReport | null> {
  const port = core.deps.tournament!;
  const report = reportOf(core, core.tournament!.tournamentId, hand, seats, result);
  const startedAt = performance.now();
  const outcome = await callLedger(() =>
    port.recordTournamentHand({
      ...report,
      ownerEpoch: core.deps.ownerEpoch,
      deckCommitment: hand.committed.commitment,
      deck: cardsToString(hand.committed.deck),
      salt: joinSalts(hand.committed.salts),
      history,
      result: settlementRecord(hand, seats, result),
    }),
  );
  await haltIfNotOwner(core, outcome);
  if (!outcome.ok) {
    await haltTable(
      core,
      `recording tournament hand ${hand.number} failed: ${outcome.error.code} ${outcome.error.message}`,
    );
    return null;
  }
  core.deps.observer.handSettled(core.tableId, performance.now() - startedAt);
  return report;
}

/** After the hand is recorded and its stacks taken: the busted leave the table, and the director hears. */
export function afterTournamentHand(core: TableCore, report: TournamentHandReport): void {
  for (const userId of report.busted) {
    const seat = core.seatOf(userId);
    if (!seat) continue;
    core.seats.delete(seat.seat);
    core.cancelTimer(`grace:${userId}`);
  }
  core.dirty = true;
  core.deps.tournament!.handEnded(report);
}
