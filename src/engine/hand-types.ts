import type { CodeIn } from '../errors/error-codes.js';
import type { DomainError, Result } from '../errors/result.js';
import type { Card } from './cards.js';

/**
 * The contract of the hand state machine. Every amount here is a whole number of the table's chip
 * units (a JavaScript safe integer): exact, and fast. Conversion to and from Decimal amounts happens
 * only at the engine's boundary (src/money/chip-unit.ts).
 *
 * Players are identified by their POSITION in the hand: index 0 is the first player clockwise from
 * the button (the small blind, or the big blind heads-up), the last index is the button. This is
 * PHH's order, so hand histories map one to one. Each player also carries the table seat number.
 */

export type Street = 'preflop' | 'flop' | 'turn' | 'river';
export type Phase = Street | 'complete';

/**
 * The game, by PHH's variant codes: No-Limit Texas Hold'em (two hole cards, the best five of seven)
 * or Pot-Limit Omaha (four hole cards, exactly two of them with exactly three of the board; a bet or
 * raise may not exceed the pot).
 */
export type GameVariant = 'NT' | 'PO';

export const GAME_VARIANTS: readonly GameVariant[] = ['NT', 'PO'];

/** Hole cards per player, by game. */
export const HOLE_CARDS: Readonly<Record<GameVariant, number>> = { NT: 2, PO: 4 };

export interface RakeRules {
  /** Rake in basis points of each pot (500 = 5%). 0 disables rake. */
  readonly basisPoints: number;
  /** Most rake taken from one hand, in chip units. */
  readonly capUnits: number;
  /** No rake when the hand ends before the flop is dealt. */
  readonly noFlopNoDrop: boolean;
}

export interface HandPlayerSetup {
  /** Table seat number (for display and history); positions are what the rules use. */
  readonly seat: number;
  /** Stack at the start of the hand, in chip units, before antes and blinds. Must be > 0. */
  readonly stack: number;
}

export interface HandSetup {
  /** The game; No-Limit Hold'em when absent. */
  readonly variant?: GameVariant;
  /** Players in position order: first clockwise from the button first, the button last. 2..10. */
  readonly players: readonly HandPlayerSetup[];
  /**
   * PHH `antes`, per position. Heads-up, PHH assigns the first two entries in reverse (the button
   * posts entry 0, the big blind at position 0 posts entry 1), and so do we. A big-blind ante is
   * therefore [0, A, 0, ...] at any table size, heads-up included. Missing entries count as 0.
   */
  readonly antes: readonly number[];
  /**
   * PHH `blinds_or_straddles`, per position: [SB, BB] or [SB, BB, straddle, ...]. Heads-up the first
   * two are assigned in reverse, as in PHH: the button posts the small blind. Missing entries count as
   * 0. The first to act before the flop is the player after the largest blind or straddle.
   */
  readonly blindsOrStraddles: readonly number[];
  /**
   * Live blinds posted out of position, per position (no heads-up reversal; missing entries are 0):
   * a player who joins a game posts a big blind at once instead of waiting for the big blind to
   * reach them. A live post is that player's bet of the preflop round, posted after the blinds: it
   * counts towards their call, and they keep the option to raise when the action reaches them.
   * Unlike a straddle it moves neither the first action nor the minimum raise, so it may not exceed
   * the largest blind, and a position that posts a blind or straddle posts no live blind.
   * PHH has no field for it: the hand history carries it as the `_live_posts` user field.
   */
  readonly livePosts?: readonly number[];
  /**
   * A player short of their blind and their ante posts the blind first and the ante from what is
   * left: the TDA's rule (2019) for the big-blind ante. Without it the ante comes first, as PHH
   * readers (PokerKit) replay it. Allowed only when a single position antes (a big-blind ante):
   * the hand history carries it as the `_blind_before_ante` user field.
   */
  readonly blindBeforeAnte?: boolean;
  /** Smallest opening bet, in chip units (usually the big blind). */
  readonly minBet: number;
  readonly rake: RakeRules;
  /**
   * When betting is over with cards still to come (someone is all-in), stop there instead of
   * dealing them at once: every hand still in is shown, and the caller (a table) may show the
   * players their equity and ask whether to run the board twice, then calls `runOut`. Without it,
   * the board runs out in the same step, once.
   */
  readonly pauseForRunout?: boolean;
  /** The players may agree to deal the rest of the board twice (see `runOut`). */
  readonly runItTwice?: boolean;
  /**
   * The shuffled deck: 52 distinct cards. The engine deals without burns, h hole cards each (2 in
   * Hold'em, 4 in Omaha): player i receives deck[h*i .. h*i+h-1]; the board follows the hole cards
   * (with n players: the flop deck[hn..hn+2], the turn deck[hn+3], the river deck[hn+4]). A second
   * run takes the next positions after the first run's last card.
   */
  readonly deck: readonly Card[];
}

export type ActionKind = 'fold' | 'check' | 'call' | 'bet' | 'raise' | 'all-in';

/**
 * `to` is the player's total for this street after the action (PHH `cbr` semantics); it is required
 * for 'bet' and 'raise' and ignored otherwise. 'all-in' becomes the call, bet or raise that puts the
 * player's whole stack in. The engine records actions in that resolved form (see actionsOf).
 */
export interface PlayerAction {
  readonly player: number;
  readonly kind: ActionKind;
  readonly to?: number;
}

export interface LegalActions {
  readonly player: number;
  /** Folding is allowed only when facing a bet; a player who may check checks instead. */
  readonly canFold: boolean;
  readonly canCheck: boolean;
  /** Chips the player adds to call (less than the bet if calling all-in), or null if no call. */
  readonly callAmount: number | null;
  /**
   * Whether 'all-in' is accepted now: a bet or raise of the whole stack (in Pot-Limit Omaha only
   * while the stack is within the pot limit), or a call that takes the whole stack.
   */
  readonly canAllIn: boolean;
  /**
   * The `to` range for a bet or raise (inclusive), or null when betting is closed to this player.
   * In Pot-Limit Omaha the maximum is the pot limit (or all-in when that is less).
   */
  readonly betOrRaise: {
    readonly kind: 'bet' | 'raise';
    readonly minTo: number;
    readonly maxTo: number;
  } | null;
}

export type RuleViolationCode = CodeIn<'engine'>;

export type RuleViolation = DomainError<RuleViolationCode>;

/** Who may see an event: everyone at the table, or only the player in that position. */
export type Visibility = { readonly to: 'table' } | { readonly to: 'player'; readonly player: number };

export type HandEvent =
  | { readonly type: 'HandStarted'; readonly visibility: Visibility }
  | {
      readonly type: 'AntePosted';
      readonly player: number;
      readonly amount: number;
      readonly visibility: Visibility;
    }
  | {
      readonly type: 'BlindPosted';
      readonly player: number;
      readonly amount: number;
      readonly visibility: Visibility;
    }
  | {
      readonly type: 'HoleCardsDealt';
      readonly player: number;
      readonly cards: readonly Card[];
      readonly visibility: Visibility;
    }
  | {
      readonly type: 'BoardDealt';
      readonly street: Street;
      readonly cards: readonly Card[];
      /** 2 for the second board of a hand run twice; absent for the first (the only one usually). */
      readonly run?: 2;
      readonly visibility: Visibility;
    }
  | {
      /** Betting is over with cards to come: the hand waits for `runOut` (HandSetup.pauseForRunout). */
      readonly type: 'RunoutPending';
      /** Whether the players may run it twice. */
      readonly runItTwice: boolean;
      readonly visibility: Visibility;
    }
  | { readonly type: 'PlayerFolded'; readonly player: number; readonly visibility: Visibility }
  | { readonly type: 'PlayerChecked'; readonly player: number; readonly visibility: Visibility }
  | {
      readonly type: 'PlayerCalled';
      readonly player: number;
      readonly amount: number;
      readonly allIn: boolean;
      readonly visibility: Visibility;
    }
  | {
      readonly type: 'PlayerBet';
      readonly player: number;
      readonly to: number;
      readonly allIn: boolean;
      readonly visibility: Visibility;
    }
  | {
      readonly type: 'PlayerRaised';
      readonly player: number;
      readonly to: number;
      readonly allIn: boolean;
      readonly visibility: Visibility;
    }
  | {
      readonly type: 'UncalledBetReturned';
      readonly player: number;
      readonly amount: number;
      readonly visibility: Visibility;
    }
  | {
      readonly type: 'CardsShown';
      readonly player: number;
      readonly cards: readonly Card[];
      readonly visibility: Visibility;
    }
  | { readonly type: 'CardsMucked'; readonly player: number; readonly visibility: Visibility }
  | {
      readonly type: 'PotAwarded';
      readonly pot: number;
      readonly amount: number;
      readonly rake: number;
      readonly winners: readonly PotShare[];
      readonly visibility: Visibility;
    }
  | { readonly type: 'HandCompleted'; readonly visibility: Visibility };

export interface PotShare {
  readonly player: number;
  readonly amount: number;
}

export interface PotResult {
  /** Chips in the pot before rake. */
  readonly amount: number;
  readonly rake: number;
  /** Positions eligible to win it: contributed to this level and did not fold. */
  readonly eligible: readonly number[];
  /**
   * Shares after rake; they add up to amount - rake exactly (odd chips left of the button first).
   * A pot run twice lists each winner once, with what they won over both runs.
   */
  readonly winners: readonly PotShare[];
  /**
   * A hand run twice: each run's half of the pot after rake (the first run takes the odd chip) and
   * its winners. Absent when the board ran once.
   */
  readonly runs?: readonly { readonly amount: number; readonly winners: readonly PotShare[] }[];
}

export interface HandResult {
  readonly pots: readonly PotResult[];
  readonly rakeTotal: number;
  readonly uncalled: PotShare | null;
  /** Stacks by position at the end of the hand. sum(final) + rake = sum(starting stacks). */
  readonly finalStacks: readonly number[];
  /** Cards shown at showdown, by position (null where not shown). */
  readonly shown: readonly (readonly Card[] | null)[];
  /** The second board of a hand run twice (five cards); null when it ran once. */
  readonly secondBoard: readonly Card[] | null;
}

/** A hand's new state and the events that led to it. */
export interface HandStep {
  readonly state: HandState;
  readonly events: readonly HandEvent[];
}

export type ApplyResult = Result<HandStep, RuleViolation>;

/** Who a view is for. A spectator sees what a player without cards would see. */
export type Viewer = { readonly kind: 'player'; readonly player: number } | { readonly kind: 'spectator' };

export interface PlayerView {
  readonly seat: number;
  readonly stack: number;
  readonly streetCommitted: number;
  readonly totalCommitted: number;
  readonly folded: boolean;
  readonly allIn: boolean;
  /** The viewer's own cards, or cards shown at showdown; otherwise null. Never anything else. */
  readonly holeCards: readonly Card[] | null;
}

export interface HandView {
  readonly phase: Phase;
  readonly variant: GameVariant;
  readonly board: readonly Card[];
  /** The second board once a hand run twice is dealt; null otherwise. */
  readonly secondBoard: readonly Card[] | null;
  /**
   * Betting is over with cards to come and the hand waits for `runOut`; `runItTwice` says whether
   * the players may choose two runs. Null otherwise.
   */
  readonly runout: { readonly runItTwice: boolean } | null;
  readonly players: readonly PlayerView[];
  readonly toAct: number | null;
  /** The legal actions, only when the viewer is the player to act. */
  readonly legal: LegalActions | null;
  /** Chips in the middle from completed streets (the sum of pots so far, uncalled bets excluded). */
  readonly potTotal: number;
  readonly result: HandResult | null;
}

/**
 * The state itself is opaque to everything but src/engine: other code reads it only through
 * viewFor, legalActions and the result accessors, so hidden information cannot leak by accident.
 */
export interface HandState {
  readonly __brand: 'HandState';
}
