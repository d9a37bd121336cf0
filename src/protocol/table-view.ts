import type { ActionKindWire } from './client-payloads.js';
import type { MoneyString } from './money-string.js';

/**
 * A table as one viewer sees it: whole in the ack of table:join, table:sit, table:sit-out,
 * table:sit-in, table:post-blind and table:sync, then moved on by `table:update` messages (table-update.ts).
 * Amounts are decimal strings; cards are text
 * ("As", "Td"). Hidden information is simply absent: another player's hole cards are null until
 * shown, and the deck never appears.
 */
export interface TableView {
  readonly tableId: string;
  /** Increases by one with every update of this table; a gap means an update was missed. */
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
  /** Only at a tournament table: where the tournament stands. */
  readonly tournament?: TournamentViewWire;
}

/**
 * A tournament as its table's viewers see it. Amounts are tournament chips (whole numbers, not
 * money). The level, blinds and ante are those of the hand being played (a new level shows from
 * the next hand on); the rest comes from the tournament's director, null until it has said.
 */
export interface TournamentViewWire {
  readonly tournamentId: string;
  readonly level: number;
  readonly smallBlind: MoneyString;
  readonly bigBlind: MoneyString;
  /** The big-blind ante: posted by the big blind for the whole table. */
  readonly ante: MoneyString;
  /** When the level (or the break) ends, ms since the epoch (see serverTimeMs); null when not counting. */
  readonly levelEndsAtMs: number | null;
  readonly playersLeft: number | null;
  readonly averageStack: MoneyString | null;
  /** The tournament rank of each player seated here, by seat (ranks are public in a tournament). */
  readonly ranks: readonly { readonly seat: number; readonly rank: number }[];
  /** The viewer's own rank, from `ranks` and their seat; null for a viewer not seated here. */
  readonly yourRank: number | null;
  /** Why no new hand is dealt (the hand being played finishes first); null while dealing. */
  readonly paused: TournamentPauseWire | null;
}

/** Hand-for-hand play on the bubble (one hand at a time on every table), or a break. */
export type TournamentPauseWire = 'hand-for-hand' | 'break';

/** running: dealing hands. waiting: fewer than two players. halted: stopped by a fault. closing: shutdown. */
export type TableStatusWire = 'running' | 'waiting' | 'halted' | 'closing';

/** The game, by PHH's codes: No-Limit Texas Hold'em (2 hole cards) or Pot-Limit Omaha (4). */
export type GameVariantWire = 'NT' | 'PO';

/** The game a table deals and its stakes. */
export interface TableStakes {
  readonly variant: GameVariantWire;
  /** The players all-in may agree to deal the rest of the board twice. */
  readonly runItTwice: boolean;
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
  /**
   * Disconnected past the grace period, and so sitting out: when the seat is released (the chips
   * go back to the wallet) unless the player comes back first (ms since the epoch). Otherwise null.
   */
  readonly awayUntilMs: number | null;
}

export type PhaseWire = 'preflop' | 'flop' | 'turn' | 'river' | 'complete';

export interface HandViewWire {
  readonly number: number;
  /**
   * The commitment to the shuffled deck (hex), published before any card is dealt: SHA-256 over the
   * 52 per-card leaf hashes (scheme: src/tables/deck-commitment.ts).
   */
  readonly deckCommitment: string;
  readonly buttonSeat: number;
  readonly smallBlindSeat: number;
  readonly bigBlindSeat: number;
  readonly phase: PhaseWire;
  readonly board: readonly string[];
  /** The second board of a hand run twice, once dealt; null otherwise. */
  readonly secondBoard: readonly string[] | null;
  /** Betting is over with cards to come; null otherwise. */
  readonly runout: RunoutWire | null;
  /** All-in equity while the board waits to run out; null otherwise. */
  readonly equity: EquityWire | null;
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
  /** Once the hand is over and recorded: the proof that the cards this viewer saw were committed. */
  readonly proof: DeckProofWire | null;
}

export interface HandPlayerWire {
  readonly seat: number;
  readonly stack: MoneyString;
  readonly streetCommitted: MoneyString;
  readonly totalCommitted: MoneyString;
  readonly folded: boolean;
  readonly allIn: boolean;
  /** The viewer's own cards (2 in Hold'em, 4 in Omaha), or cards shown; otherwise null. */
  readonly holeCards: readonly string[] | null;
  /** What this player did last in this hand (a post, or an action), or null before anything. */
  readonly lastAction: LastActionWire | null;
}

export type StreetWire = Exclude<PhaseWire, 'complete'>;

/**
 * One player's latest move in a hand, for the seat's label ("Raise to 160") and the dealer log: each
 * new move of a player replaces the previous one, with a higher `index`.
 */
export interface LastActionWire {
  readonly kind: 'ante' | 'blind' | 'fold' | 'check' | 'call' | 'bet' | 'raise';
  /** ante, blind, call: the chips put in; bet, raise: the street total after it ("to"); else null. */
  readonly amount: MoneyString | null;
  /** The move put the player's last chips in. */
  readonly allIn: boolean;
  readonly street: StreetWire;
  /** Its place among the hand's posts and actions, from 0: two alike moves are told apart. */
  readonly index: number;
}

/**
 * Betting is over with cards to come: every hand still in is face up, and the board runs out after
 * a pause. Where the table allows it, each player still in decides whether to run it twice; it
 * runs twice only if every one of them agrees before `deadlineMs`.
 */
export interface RunoutWire {
  readonly runItTwice: boolean;
  /** When the board runs out (ms since the epoch), unless every decision is in earlier. */
  readonly deadlineMs: number;
  /** Only when the table allows running it twice: each player still in, and their answer so far. */
  readonly decisions: readonly { readonly seat: number; readonly agree: boolean | null }[];
}

/**
 * All-in equity at the runout, exact over every way the board can be completed, from the cards
 * every player can see (folded cards count as unknown). Percentages are for display only.
 */
export interface EquityWire {
  /** By player still in: wins alone, ties, and their share of all the chips in play. */
  readonly players: readonly {
    readonly seat: number;
    readonly winPercent: number;
    readonly tiePercent: number;
    readonly sharePercent: number;
  }[];
  /** Each pot (main pot first) and each eligible player's share of it. */
  readonly pots: readonly {
    readonly amount: MoneyString;
    readonly shares: readonly { readonly seat: number; readonly percent: number }[];
  }[];
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
    /** A hand run twice: each run's half of the pot (the first takes the odd chip) and its winners. */
    readonly runs?: readonly {
      readonly amount: MoneyString;
      readonly winners: readonly { readonly seat: number; readonly amount: MoneyString }[];
    }[];
  }[];
  readonly rake: MoneyString;
  readonly uncalled: { readonly seat: number; readonly amount: MoneyString } | null;
  readonly shown: readonly ShownHandWire[];
}

export interface ShownHandWire {
  readonly seat: number;
  readonly cards: readonly string[];
  /** The hand the cards make with the board ("a flush, ace high") and its five cards; null if none. */
  readonly hand: { readonly name: string; readonly cards: readonly string[] } | null;
}

/**
 * What one viewer needs to check, on their own, that the cards they saw dealt were fixed before the
 * deal: the 52 leaf hashes (they reveal nothing) and the openings of exactly the cards this viewer
 * saw: the board, the cards shown at showdown, and their own hole cards. Mucked and undealt cards
 * stay hidden. Check it with `npm run verify:deck -- --proof <file.json>`; the scheme is described
 * in src/tables/deck-commitment.ts.
 */
export interface DeckProofWire {
  readonly scheme: DeckProofScheme;
  readonly tableId: string;
  readonly handNumber: number;
  /** Equals the hand's deckCommitment, published before the deal. */
  readonly commitment: string;
  /** leaf_0 .. leaf_51, hex, in deck order. */
  readonly leaves: readonly string[];
  /** The seats dealt in, in dealing order: first clockwise from the button, the button last. */
  readonly seats: readonly number[];
  readonly buttonSeat: number;
  /**
   * The game, which fixes the dealing layout: h hole cards each (2 in 'NT', 4 in 'PO'), player p
   * holding deck positions h*p .. h*p+h-1, the board from h*n on. Absent: 'NT'.
   */
  readonly variant?: GameVariantWire;
  readonly board: readonly string[];
  /**
   * A hand run twice: the cards only the second board has (the ones after the board both runs
   * share), dealt from the deck positions after the first board's five. Absent otherwise.
   */
  readonly secondRun?: readonly string[];
  /** The hole cards this viewer saw: their own and those shown at showdown. */
  readonly holeCards: readonly { readonly seat: number; readonly cards: readonly string[] }[];
  /** One per card above, by deck position. */
  readonly openings: readonly DeckOpeningWire[];
}

export type DeckProofScheme = 'sha256-card-leaves-v1';

/** The secret of one deck position, revealed: enough to recompute that position's leaf. */
export interface DeckOpeningWire {
  /** 0..51, the place in the deck (dealing order). */
  readonly position: number;
  readonly card: string;
  /** 32 bytes, hex. */
  readonly salt: string;
}
