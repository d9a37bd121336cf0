import { ackOk } from '../protocol/ack.js';
import { startGracePeriod } from './seat-commands.js';
import { clockOf } from './table-config.js';
import type { TableCore } from './table-core.js';
import { type TableResult, tableError } from './table-errors.js';
import { newSeat } from './table-state.js';
import {
  infoProblem,
  levelProblem,
  type TournamentInfo,
  type TournamentLevel,
  type TournamentPause,
  tableInfoOf,
} from './tournament-state.js';

/**
 * The tournament director's commands to a table (through its mailbox, like every command): seat a
 * player with the stack they bring, remove one between hands with the stack they take away, set
 * the level, pause and resume the dealing, and tell the table what its viewers see of the
 * tournament. Players themselves can neither sit down nor leave here.
 */

export interface TournamentSeating {
  readonly userId: string;
  readonly username: string;
  readonly seat: number;
  /** Tournament chips, a whole number above zero. */
  readonly stack: number;
}

function notATournament(): TableResult<never> {
  return tableError('table/not-a-tournament', 'this is not a tournament table');
}

/**
 * Seats a player (a new entrant, or one moved here) with their stack. Allowed during a hand: they
 * are dealt into the next one. They count as disconnected until their client joins this table, and
 * so become absent after the disconnect grace, like anyone whose connection dropped.
 */
export function seatTournamentPlayer(core: TableCore, request: TournamentSeating): TableResult<null> {
  if (!core.tournament) return notATournament();
  const { config, settings } = core.deps;
  if (core.halted) return tableError('table/halted', 'this table is stopped');
  if (core.closing) return tableError('table/closing', 'this table is closing');
  if (!Number.isInteger(request.seat) || request.seat < 1 || request.seat > config.maxSeats)
    return tableError('table/invalid-seat', `seats are numbered 1 to ${config.maxSeats}`);
  if (!Number.isSafeInteger(request.stack) || request.stack < 1)
    return tableError('table/invalid-tournament-value', 'a stack is a whole number of chips above 0');
  if (core.seatOf(request.userId)) return tableError('table/already-seated', 'already seated at this table');
  if (core.seats.has(request.seat)) return tableError('table/seat-taken', 'this seat is taken');
  const seat = newSeat(
    request.seat,
    request.userId,
    request.username,
    null,
    clockOf(config, settings).timeBankInitialMs,
  );
  seat.stack = request.stack;
  seat.waitingForBigBlind = false;
  seat.connected = false;
  core.seats.set(seat.seat, seat);
  startGracePeriod(core, seat);
  core.dirty = true;
  return ackOk(null);
}

/**
 * Unseats a player and answers the stack they take with them (to another table, or out of the
 * tournament). Refused while they are dealt into the hand being played: a move happens between
 * hands (pause the table, wait for it to stand idle, then move).
 */
export function removeTournamentPlayer(core: TableCore, userId: string): TableResult<{ stack: number }> {
  if (!core.tournament) return notATournament();
  const seat = core.seatOf(userId);
  if (!seat) return tableError('table/not-seated', 'this player has no seat at this table');
  if (core.inLiveHand(seat))
    return tableError('table/player-in-hand', 'this player is in the hand being played: wait for its end');
  core.seats.delete(seat.seat);
  core.cancelTimer(`grace:${userId}`);
  core.dirty = true;
  return ackOk({ stack: seat.stack });
}

/** The blinds and big-blind ante of every hand dealt from now on; the hand being played keeps its own. */
export function setTournamentLevel(core: TableCore, level: TournamentLevel): TableResult<null> {
  const tournament = core.tournament;
  if (!tournament) return notATournament();
  const problem = levelProblem(level);
  if (problem) return tableError('table/invalid-tournament-value', problem);
  tournament.nextLevel = { ...level };
  core.dirty = true;
  return ackOk(null);
}

/** The hand being played finishes; no new hand is dealt until resumeDealing. */
export function pauseBetweenHands(core: TableCore, reason: TournamentPause): TableResult<null> {
  const tournament = core.tournament;
  if (!tournament) return notATournament();
  if (reason !== 'hand-for-hand' && reason !== 'break')
    return tableError('table/invalid-tournament-value', 'a pause is for hand-for-hand play or a break');
  tournament.pause = reason;
  core.cancelTimer('next-hand');
  core.dirty = true;
  return ackOk(null);
}

/**
 * The director deals one hand at a table that deals when told: the level it is dealt at, and the
 * hold lifted until that hand is dealt (after the usual pause between hands).
 */
export function dealWhenTold(
  core: TableCore,
  level: TournamentLevel,
  userIds?: readonly string[],
): TableResult<null> {
  const tournament = core.tournament;
  if (!tournament) return notATournament();
  if (!tournament.dealsWhenTold)
    return tableError('table/invalid-tournament-value', 'this table deals by itself');
  const problem = levelProblem(level);
  if (problem) return tableError('table/invalid-tournament-value', problem);
  tournament.nextLevel = { ...level };
  tournament.held = false;
  tournament.dealOnly = userIds === undefined ? null : new Set(userIds);
  tournament.idleReported = false;
  core.dirty = true;
  return ackOk(null);
}

/** Deals again (after the usual pause between hands, when two players have chips). */
export function resumeDealing(core: TableCore): TableResult<null> {
  const tournament = core.tournament;
  if (!tournament) return notATournament();
  tournament.pause = null;
  tournament.idleReported = false;
  core.dirty = true;
  return ackOk(null);
}

export function setTournamentInfo(core: TableCore, info: TournamentInfo): TableResult<null> {
  const tournament = core.tournament;
  if (!tournament) return notATournament();
  const problem = infoProblem(info);
  if (problem) return tableError('table/invalid-tournament-value', problem);
  tournament.info = tableInfoOf(
    info,
    [...core.seats.values()].map((seat) => seat.userId),
  );
  core.dirty = true;
  return ackOk(null);
}

/**
 * Tells the director, once, that the table stands idle: between hands, and dealing nothing until
 * the director acts (it is paused, or fewer than two players have chips). Runs after every command.
 */
export function reportIfIdle(core: TableCore): void {
  const tournament = core.tournament;
  const port = core.deps.tournament;
  if (!tournament || !port) return;
  const idle =
    !core.halted &&
    !core.closing &&
    !core.liveHand() &&
    (tournament.pause !== null || tournament.held || core.dealableSeats().length < 2);
  if (!idle) {
    tournament.idleReported = false;
    return;
  }
  if (tournament.idleReported) return;
  tournament.idleReported = true;
  port.tableIdle({
    tournamentId: tournament.tournamentId,
    tableId: core.tableId,
    handNumber: core.handNumber,
    reason: tournament.pause !== null || tournament.held ? 'paused' : 'short-handed',
    seats: [...core.seats.values()]
      .sort((a, b) => a.seat - b.seat)
      .map((seat) => ({ seat: seat.seat, userId: seat.userId, stack: seat.stack })),
  });
}
