import type {
  DeckProofWire,
  HandPlayerWire,
  HandViewWire,
  LegalActionsWire,
  SeatPlayerView,
  TableStakes,
  TableStatusWire,
  TournamentViewWire,
} from './table-view.js';

/**
 * What the server pushes after every change of a table (`table:update`): only what changed since
 * the previous sequence number, so one small message, encoded once, goes to everyone watching.
 * A client holds a whole TableView (from the ack of table:join, table:sit or table:sync) and
 * applies updates in order with TableViewAssembler (table-view-assembler.ts); `seq` must be the
 * held view's seq + 1, and any other number means an update was missed: ask for table:sync.
 *
 * The public part is what a spectator sees. A player's own part (their cards, what they may do,
 * the proof of the cards they saw) travels in `private`, only in the copy sent to that player.
 */
export interface TableUpdate {
  readonly tableId: string;
  readonly seq: number;
  readonly serverTimeMs: number;
  readonly status?: TableStatusWire;
  /** The stakes, whole, when they changed: a tournament table's blinds go up between hands. */
  readonly stakes?: TableStakes;
  /** Seats whose occupant changed, keyed by seat number: the whole occupant, or null once free. */
  readonly seats?: Readonly<Record<string, SeatPlayerView | null>>;
  /** A new hand (the whole public hand), or null when there is none to show. */
  readonly hand?: HandViewWire | null;
  /** The same hand moved on: only the fields that changed. */
  readonly handChanges?: HandChanges;
  /** A tournament table's block, whole, when it changed; its yourRank is null (a client derives its own). */
  readonly tournament?: TournamentViewWire;
  /** For the receiving player only. */
  readonly private?: TablePrivate;
}

/**
 * The fields of the public hand that change while it is played. A hand's number, deck commitment,
 * button and blinds never change: a different hand comes whole in `hand`. `legal` is never public.
 */
export interface HandChanges {
  readonly phase?: HandViewWire['phase'];
  readonly board?: readonly string[];
  readonly secondBoard?: HandViewWire['secondBoard'];
  readonly runout?: HandViewWire['runout'];
  readonly equity?: HandViewWire['equity'];
  readonly pot?: HandViewWire['pot'];
  /** Changed players, keyed by their index in hand.players: the whole entry. */
  readonly players?: Readonly<Record<string, HandPlayerWire>>;
  readonly toActSeat?: number | null;
  readonly turn?: number;
  readonly clock?: HandViewWire['clock'];
  readonly result?: HandViewWire['result'];
  readonly proof?: HandViewWire['proof'];
}

/** One player's own part of a hand. It holds until the next one for the same player. */
export interface TablePrivate {
  readonly handNumber: number;
  /** The seat this player was dealt in at (they may have left it since). */
  readonly seat: number;
  /** The turn `legal` is for: it is offered only while the hand is at this turn. */
  readonly turn: number;
  readonly holeCards: readonly string[] | null;
  readonly legal: LegalActionsWire | null;
  /** Once the hand is recorded: the proof of every card this player saw, their own included. */
  readonly proof: DeckProofWire | null;
}

/** The fields of HandChanges, in a fixed order (the differ and the schema both use it). */
export const HAND_CHANGE_FIELDS = [
  'phase',
  'board',
  'secondBoard',
  'runout',
  'equity',
  'pot',
  'players',
  'toActSeat',
  'turn',
  'clock',
  'result',
  'proof',
] as const satisfies readonly (keyof HandChanges)[];
