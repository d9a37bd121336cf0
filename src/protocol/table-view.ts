import type { ActionKindWire } from './client-payloads.js';
import type { MoneyString } from './money-string.js';

/**
 * A table as one viewer sees it, sent whole after every change (`table:view`) and in the ack of
 * table:join, table:sit, table:act and table:sync. Amounts are decimal strings; cards are text
 * ("As", "Td"). Hidden information is simply absent: another player's hole cards are null until
 * shown, and the deck never appears.
 */
export interface TableView {
  readonly tableId: string;
  /** Increases by one with every broadcast of this table; a gap means a view was missed. */
  readonly seq: number;
  readonly name: string;
  readonly stakes: TableStakes;
  readonly maxSeats: number;
  readonly status: TableStatusWire;
  readonly seats: readonly SeatView[];
  /** The hand in progress, or the last one while the table pauses between hands. */
  readonly hand: HandViewWire | null;
  /** The viewer's own seat, if any. */
  readonly you: { readonly userId: string | null; readonly seat: number | null };
  /** The server's clock when this view was made (ms since the epoch), to correct deadlines. */
  readonly serverTimeMs: number;
}

/** running: dealing hands. waiting: fewer than two players. halted: stopped by a fault. closing: shutdown. */
export type TableStatusWire = 'running' | 'waiting' | 'halted' | 'closing';

export interface TableStakes {
  readonly smallBlind: MoneyString;
  readonly bigBlind: MoneyString;
  readonly ante: MoneyString;
  readonly chipUnit: MoneyString;
  readonly minBuyIn: MoneyString;
  readonly maxBuyIn: MoneyString;
}

export type SeatStatusWire =
  /** Held for a short while during the buy-in. */
  | 'reserved'
  /** Dealt in (or will be at the next hand). */
  | 'active'
  /** Seated, will be dealt in when the big blind reaches them. */
  | 'waiting-for-big-blind'
  | 'sitting-out'
  /** Leaves (cashes out) at the end of the current hand. */
  | 'leaving';

export interface SeatView {
  readonly seat: number;
  readonly player: SeatPlayerView | null;
}

export interface SeatPlayerView {
  readonly userId: string;
  readonly username: string;
  /** Chips behind, as of the last settled hand (live stacks during a hand are in hand.players). */
  readonly stack: MoneyString;
  readonly status: SeatStatusWire;
  readonly connected: boolean;
  readonly timeBankMs: number;
}

export type PhaseWire = 'preflop' | 'flop' | 'turn' | 'river' | 'complete';

export interface HandViewWire {
  readonly number: number;
  /** sha256(deck || salt), hex, published before any card is dealt. */
  readonly deckCommitment: string;
  readonly buttonSeat: number;
  readonly smallBlindSeat: number;
  readonly bigBlindSeat: number;
  readonly phase: PhaseWire;
  readonly board: readonly string[];
  /** Chips in the middle from completed streets. */
  readonly pot: MoneyString;
  readonly players: readonly HandPlayerWire[];
  readonly toActSeat: number | null;
  /** Number of actions taken so far in this hand; table:act must quote it. */
  readonly turn: number;
  readonly clock: ActionClockView | null;
  /** What the viewer may do: present only when the viewer is the player to act. */
  readonly legal: LegalActionsWire | null;
  readonly result: HandResultWire | null;
}

export interface HandPlayerWire {
  readonly seat: number;
  readonly stack: MoneyString;
  readonly streetCommitted: MoneyString;
  readonly totalCommitted: MoneyString;
  readonly folded: boolean;
  readonly allIn: boolean;
  /** The viewer's own cards, or cards shown at showdown; otherwise null. */
  readonly holeCards: readonly string[] | null;
}

export interface ActionClockView {
  readonly seat: number;
  /** When the regular time to act runs out (ms since the epoch). */
  readonly deadlineMs: number;
  /** When the player's time bank, used after the deadline, runs out. */
  readonly timeBankDeadlineMs: number;
  readonly usingTimeBank: boolean;
}

export interface LegalActionsWire {
  readonly actions: readonly ActionKindWire[];
  readonly callAmount: MoneyString | null;
  readonly betOrRaise: {
    readonly kind: 'bet' | 'raise';
    readonly minTo: MoneyString;
    readonly maxTo: MoneyString;
  } | null;
}

export interface HandResultWire {
  readonly pots: readonly {
    readonly amount: MoneyString;
    readonly rake: MoneyString;
    readonly winners: readonly { readonly seat: number; readonly amount: MoneyString }[];
  }[];
  readonly rake: MoneyString;
  readonly uncalled: { readonly seat: number; readonly amount: MoneyString } | null;
  readonly shown: readonly { readonly seat: number; readonly cards: readonly string[] }[];
}
