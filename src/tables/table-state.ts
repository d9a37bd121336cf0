import type { HandEvent, HandState } from '../engine/hand-types.js';
import type { CommittedDeck } from '../fairness/deck-commitment.js';
import type { SeatStatusWire } from '../protocol/table-view.js';
import type { HandSeating } from './hand-seating.js';

/**
 * The actor's own state. It is mutable, but only the actor touches it, one command at a time;
 * what leaves the actor is a copy (see table-snapshot.ts).
 */

export interface SeatReservation {
  readonly id: string;
  readonly untilMs: number;
}

export interface SeatState {
  readonly seat: number;
  readonly userId: string;
  readonly username: string;
  /** While set, the buy-in is running and the seat holds no chips yet. */
  reservation: SeatReservation | null;
  /** Chips as of the last settled hand: what the database holds for this seat. */
  stack: number;
  sittingOut: boolean;
  /** Not dealt into this game yet: joined it in progress (or came back), and waits for the big blind. */
  waitingForBigBlind: boolean;
  /** Chose not to wait: is dealt into the next hand, posting a live big blind (table:post-blind). */
  postsBigBlindNow: boolean;
  /** Cash out when the current hand ends. */
  leaving: boolean;
  connected: boolean;
  /**
   * Set when the disconnect grace ran out: the player is sat out, their turns are played for them,
   * and the seat is released at this time unless they come back (then they are told, and it clears).
   */
  awayUntilMs: number | null;
  timeBankMs: number;
  /** Consecutive turns that ran out of time. */
  missedTurns: number;
  /** A top-up asked for during a hand, applied after it. */
  pendingTopUp: number;
  /**
   * A top-up asked for between hands is moving through the ledger right now. The seat is not dealt
   * in until it is back: its stack in the database is changing.
   */
  topUpInFlight: boolean;
}

/** A hand's all-in equity at the runout, by position (the snapshot maps positions to seats). */
export interface RunoutEquity {
  readonly players: readonly {
    readonly position: number;
    readonly winPercent: number;
    readonly tiePercent: number;
    readonly sharePercent: number;
  }[];
  readonly pots: readonly {
    readonly amount: number;
    readonly shares: readonly { readonly position: number; readonly percent: number }[];
  }[];
}

/** Betting is over with cards to come: the pause before the board runs out. */
export interface RunoutState {
  /** When the board runs out, unless the decisions come in earlier. */
  readonly deadlineMs: number;
  /** The table allows running it twice: the players still in decide. */
  readonly runItTwice: boolean;
  /** By position, the answers so far of the players still in (only when runItTwice). */
  readonly decisions: Map<number, boolean>;
  equity: RunoutEquity | null;
}

export interface ActionClock {
  readonly seat: number;
  readonly position: number;
  readonly turn: number;
  readonly startedAtMs: number;
  readonly deadlineMs: number;
  readonly timeBankDeadlineMs: number;
  usingTimeBank: boolean;
}

export interface LiveHand {
  readonly number: number;
  readonly seating: HandSeating;
  /**
   * The players dealt in, by position. Views find a viewer's cards by user, never by seat: a seat
   * freed at the end of the hand may be taken by someone else while the hand is still on display.
   */
  readonly userIds: readonly string[];
  /** The deck with its salts and leaves: secret, never copied into a snapshot whole. */
  readonly committed: CommittedDeck;
  readonly startingStacks: readonly number[];
  readonly startedAtMs: number;
  state: HandState;
  /** Every event the engine returned for this hand, in order: its history is written from them. */
  readonly events: HandEvent[];
  /** Actions applied so far; a client quotes it so stale and doubled actions are refused. */
  turn: number;
  clock: ActionClock | null;
  /** Set once settled: the hand stays on display until the next one starts. */
  settled: boolean;
  /** Betting is over with cards to come and the board waits to run out; null otherwise. */
  runout: RunoutState | null;
}

/**
 * A seat's status as players see it. Waiting for the big blind means something only while a game
 * is in progress: otherwise the next hand starts a game, and everyone seated is dealt into it.
 */
export function seatStatusOf(seat: SeatState, gameInProgress: boolean): SeatStatusWire {
  if (seat.reservation) return 'reserved';
  if (seat.leaving) return 'leaving';
  if (seat.sittingOut) return 'sitting-out';
  if (seat.waitingForBigBlind && !seat.postsBigBlindNow && gameInProgress) return 'waiting-for-big-blind';
  return 'active';
}

export function newSeat(
  seat: number,
  userId: string,
  username: string,
  reservation: SeatReservation | null,
  timeBankMs: number,
): SeatState {
  return {
    seat,
    userId,
    username,
    reservation,
    stack: 0,
    sittingOut: false,
    waitingForBigBlind: true,
    postsBigBlindNow: false,
    leaving: false,
    connected: true,
    awayUntilMs: null,
    timeBankMs,
    missedTurns: 0,
    pendingTopUp: 0,
    topUpInFlight: false,
  };
}
