import type { BlindLevel, TournamentStructure } from '../protocol/tournament-structure.js';

/**
 * The tournament director's data: its settings, its state (plain JSON, so a runner can store it
 * after every event and load it back), the events it consumes and the commands it issues.
 * Chips are tournament chips: whole numbers in the tournament's own state, never money. Money
 * amounts are decimal strings.
 */

export interface TournamentConfig {
  /** A Sit & Go starts when `capacity` players have registered; a multi-table one on `start`. */
  readonly kind: 'sit-and-go' | 'multi-table';
  /** 2..10 */
  readonly seatsPerTable: number;
  readonly structure: TournamentStructure;
  /** The part of one entry's buy-in that goes to the prize pool (the fee is the ledger's). */
  readonly buyIn: string;
  /** The money unit prizes are counted in ("0.01" for cents). */
  readonly moneyUnit: string;
  /** A guaranteed prize pool ("0" for none): the house pays any overlay. */
  readonly guarantee: string;
  /** Sit & Go: how many start it. Multi-table: the most entries (re-entries count). */
  readonly capacity: number;
  /** Multi-table: fewer registered players at `start` cancel the tournament (at least 2). */
  readonly minEntrants: number;
  /** Multi-table: registration stays open until this blind level (1-based) ends; 0 for none. */
  readonly lateRegistrationLevels: number;
  /** Entries one player may buy (1: no re-entry); re-entering is possible during late registration. */
  readonly maxEntriesPerPlayer: number;
}

export type EntryStatus = 'registered' | 'unregistered' | 'playing' | 'busted';

export interface EntryState {
  readonly entryId: number;
  readonly userId: string;
  status: EntryStatus;
  stack: number;
  /** 0 when not seated. */
  tableId: number;
  seat: number;
  /** 0 until known; players who tie share the best place of their group. */
  place: number;
  /** How many players share the place (1 when nobody ties). */
  tiedWith: number;
  /** Money won (decimal string), from the place and any deal. */
  prize: string;
}

export type TableStatus = 'idle' | 'in-hand' | 'broken';

export interface TableState {
  readonly tableId: number;
  /** Entry id per seat (seat n at index n-1), -1 for an empty seat. */
  readonly seats: number[];
  players: number;
  status: TableStatus;
  /** Marked to break: deals no more hands, its players go elsewhere when its hand ends. */
  breaking: boolean;
  /** The seat that posted the big blind last (0 before the first hand). */
  lastBigBlindSeat: number;
  hands: number;
  /** The entries dealt into the hand in play (their report must match). */
  dealt: number[];
  /** Players this table owes: one moves to each of these tables when its hand ends (balancing). */
  outgoing: number[];
  /** The tables that owe this one a player. */
  incomingFrom: number[];
}

export interface DirectorStats {
  hands: number;
  moves: number;
  /** Hands whose chips were checked: each report's stacks against the director's, and in = out. */
  chipChecks: number;
  chipCheckFailures: number;
  balancingSteps: number;
  /**
   * The largest difference between table sizes after any balancing step, counting the players
   * already told to move at their table's next hand end (a table in a hand cannot move anyone
   * until it ends, and the TDA lets it finish).
   */
  maxTableSizeDiff: number;
  invariantFailures: number;
}

export interface TournamentState {
  readonly version: 1;
  readonly config: TournamentConfig;
  phase: 'registering' | 'running' | 'finished' | 'cancelled' | 'halted';
  /** Play time since the start, in ms, as the caller has counted it. */
  clockMs: number;
  /** The structure step in force (a blind level or a break). */
  stepIndex: number;
  registrationOpen: boolean;
  /** By entry id (its index). */
  entries: EntryState[];
  /** By table id - 1. */
  tables: TableState[];
  /** Entries registered and not unregistered. */
  entrants: number;
  alive: number;
  tablesInHand: number;
  /** Tables neither broken nor breaking. */
  activeTables: number;
  chipsIssued: number;
  /** The sum of every stack, kept by every change: it must equal chipsIssued. */
  chipsInPlay: number;
  /** Fixed when registration closes; until then empty. */
  prizePool: string;
  prizes: string[];
  handForHand: boolean;
  /** The final table is talking about a deal: no hand is dealt until it is agreed or declined. */
  dealPending: boolean;
  /** Busts of the hand-for-hand round in play, placed when every table has finished it. */
  roundBusts: { entryId: number; tableId: number; startStack: number }[];
  /** Tie groups of busts before the field was known (late registration), each bust's groups best first. */
  earlyBusts: number[][][];
  /**
   * Active tables by planned size (players - outgoing + incoming): buckets[size] lists table ids,
   * bucketSlot[tableId - 1] is the table's index in its bucket (-1 when not in one). Kept in the
   * state, not rebuilt, so the director's choices are the same after a reload.
   */
  buckets: number[][];
  bucketSlot: number[];
  stats: DirectorStats;
}

export interface HandReportLine {
  readonly entryId: number;
  readonly stackBefore: number;
  readonly stackAfter: number;
}

export type DirectorEvent =
  | { readonly type: 'register'; readonly userId: string }
  | { readonly type: 'unregister'; readonly userId: string }
  /** A multi-table tournament's scheduled start (the caller's clock said so). */
  | { readonly type: 'start' }
  | { readonly type: 'cancel' }
  /** Play time passed (the caller leaves out downtime). */
  | { readonly type: 'timePassed'; readonly ms: number }
  /** A table finished the hand it was dealt: every dealt player's stack before and after it. */
  | {
      readonly type: 'handFinished';
      readonly tableId: number;
      readonly bigBlindSeat: number;
      readonly stacks: readonly HandReportLine[];
    }
  /**
   * A table's hand was void (its server stopped mid-hand): every stack is as at the start of that
   * hand, which the director still holds; the table may deal again.
   */
  | { readonly type: 'handVoided'; readonly tableId: number }
  /** The players at the final table want to talk about a deal: it stops dealing between hands. */
  | { readonly type: 'dealProposed' }
  | { readonly type: 'dealDeclined' }
  /**
   * Every player left accepted a deal (deal-offers.ts), once no hand is in play: these amounts
   * now, the rest played for.
   */
  | {
      readonly type: 'dealAgreed';
      readonly shares: readonly { readonly entryId: number; readonly amount: string }[];
      readonly leftToPlayFor: string;
    };

export type DirectorCommand =
  | { readonly type: 'openTable'; readonly tableId: number }
  | {
      readonly type: 'seatPlayer';
      readonly tableId: number;
      readonly seat: number;
      readonly entryId: number;
      readonly userId: string;
      readonly stack: number;
    }
  /** Between hands at the table it leaves; the player keeps their stack. */
  | {
      readonly type: 'movePlayer';
      readonly entryId: number;
      readonly userId: string;
      readonly fromTableId: number;
      readonly fromSeat: number;
      readonly toTableId: number;
      readonly toSeat: number;
      readonly stack: number;
    }
  /** Its players have been moved by the commands before this one. */
  | { readonly type: 'breakTable'; readonly tableId: number }
  /** Deal the next hand at this level. A table deals only when told to. */
  | {
      readonly type: 'dealHand';
      readonly tableId: number;
      readonly handNumber: number;
      readonly stepIndex: number;
      readonly level: BlindLevel;
    }
  /** The clock reached a new step: a level (for hands dealt from now on) or a break (level null). */
  | {
      readonly type: 'levelChanged';
      readonly stepIndex: number;
      readonly level: BlindLevel | null;
      readonly endsAtMs: number | null;
    }
  | { readonly type: 'handForHand'; readonly active: boolean }
  /** The field is known: the pool (buy-ins plus any overlay) and the prize of each place. */
  | {
      readonly type: 'registrationClosed';
      readonly entries: number;
      readonly buyInsTotal: string;
      readonly overlay: string;
      readonly prizePool: string;
      readonly prizes: readonly string[];
    }
  | {
      readonly type: 'eliminated';
      readonly entryId: number;
      readonly userId: string;
      readonly place: number;
      readonly tiedWith: number;
    }
  /** Pay once: (entryId, reason) identifies the payment. */
  | {
      readonly type: 'payPrize';
      readonly entryId: number;
      readonly userId: string;
      readonly place: number;
      readonly reason: 'place' | 'deal';
      readonly amount: string;
    }
  | { readonly type: 'finished' }
  | { readonly type: 'cancelled' }
  /** An invariant broke (chips not conserved, a report that does not match): nothing more is dealt. */
  | { readonly type: 'halted'; readonly reason: string };
