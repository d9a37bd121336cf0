import { formatAmount, fromUnits, Money, toUnits } from '../../src/money/index.js';
import type { ActionKindWire } from '../../src/protocol/client-payloads.js';
import type { LegalActionsWire, PhaseWire, TableView } from '../../src/protocol/table-view.js';
import type { Random } from './random.js';

/**
 * How a bot chooses an action. A strategy only ever picks among the legal actions the server put
 * in the bot's view, and amounts between the server's minimum and maximum: a bot that sends an
 * illegal action is a bot bug (or a server bug), and is counted as an error either way.
 */

export const STRATEGY_NAMES = ['random', 'tight', 'calling'] as const;
export type StrategyName = (typeof STRATEGY_NAMES)[number];

export interface DecisionContext {
  readonly legal: LegalActionsWire;
  /** The bot's own cards (null if the view does not show them). */
  readonly holeCards: readonly string[] | null;
  readonly board: readonly string[];
  readonly phase: PhaseWire;
  readonly pot: Money;
  readonly bigBlind: Money;
  readonly chipUnit: Money;
}

export interface Decision {
  readonly kind: ActionKindWire;
  /** "Raise to" / "bet to", for bet and raise only. */
  readonly amount?: string;
}

export type Strategy = (context: DecisionContext, random: Random) => Decision;

/** The decision context when it is this viewer's turn, else null. */
export function decisionContextOf(view: TableView): DecisionContext | null {
  const hand = view.hand;
  const seat = view.you.seat;
  if (!hand || seat === null || hand.toActSeat !== seat || !hand.legal || hand.legal.actions.length === 0)
    return null;
  const me = hand.players.find((player) => player.seat === seat);
  return {
    legal: hand.legal,
    holeCards: me?.holeCards ?? null,
    board: hand.board,
    phase: hand.phase,
    pot: new Money(hand.pot),
    bigBlind: new Money(view.stakes.bigBlind),
    chipUnit: new Money(view.stakes.chipUnit),
  };
}

const RANKS = '23456789TJQKA';

function rankOf(card: string): number {
  return RANKS.indexOf(card[0] ?? '');
}

function can(context: DecisionContext, kind: ActionKindWire): boolean {
  return context.legal.actions.includes(kind);
}

/**
 * A "to" amount between the legal minimum and maximum, in whole chip units. `skew` >= 1 favours
 * amounts near the minimum (a bot that shoves every time ends every hand at once).
 */
export function amountBetween(context: DecisionContext, random: Random, skew = 3): string | null {
  const range = context.legal.betOrRaise;
  if (!range) return null;
  const min = toUnits(new Money(range.minTo), context.chipUnit);
  const max = toUnits(new Money(range.maxTo), context.chipUnit);
  if (!min.ok || !max.ok || max.value < min.value) return null;
  const units = min.value + Math.floor(random() ** skew * (max.value - min.value + 1));
  return formatAmount(fromUnits(Math.min(units, max.value), context.chipUnit));
}

/** A bet or raise to `amount` if that kind is legal, else null. */
function betOrRaise(context: DecisionContext, amount: string | null): Decision | null {
  const range = context.legal.betOrRaise;
  if (!range || amount === null || !can(context, range.kind)) return null;
  return { kind: range.kind, amount };
}

/** The first legal of the passive options: check, then call, then fold. */
function passive(context: DecisionContext): Decision {
  if (can(context, 'check')) return { kind: 'check' };
  if (can(context, 'call')) return { kind: 'call' };
  if (can(context, 'fold')) return { kind: 'fold' };
  return { kind: context.legal.actions[0]! };
}

function checkOrFold(context: DecisionContext): Decision {
  if (can(context, 'check')) return { kind: 'check' };
  if (can(context, 'fold')) return { kind: 'fold' };
  return passive(context);
}

/**
 * Random, with weights that keep hands going: check/call 45, bet/raise 35, fold 10 (never when a
 * check is free), all-in 4. Amounts lean towards the minimum.
 */
export const randomStrategy: Strategy = (context, random) => {
  const weighted: [ActionKindWire, number][] = [
    ['fold', can(context, 'check') ? 0 : 10],
    ['check', 45],
    ['call', 45],
    ['bet', 35],
    ['raise', 35],
    ['all-in', 4],
  ];
  const options = weighted.filter(([kind, weight]) => weight > 0 && can(context, kind));
  const total = options.reduce((sum, [, weight]) => sum + weight, 0);
  if (total === 0) return passive(context);
  let pick = random() * total;
  for (const [kind, weight] of options) {
    pick -= weight;
    if (pick < 0) {
      if (kind === 'bet' || kind === 'raise')
        return betOrRaise(context, amountBetween(context, random)) ?? passive(context);
      return { kind };
    }
  }
  return passive(context);
};

const T = 8;
const J = 9;
const Q = 10;
const K = 11;
const A = 12;

/** Strong starting hands (2 cards in Hold'em, 4 in Omaha; anything else is not). */
export function isPremium(cards: readonly string[]): boolean {
  if (cards.length === 2) return isPremiumHoldem(cards);
  if (cards.length === 4) return isPremiumOmaha(cards);
  return false;
}

/** Hands worth a cheap look. */
export function isPlayable(cards: readonly string[]): boolean {
  if (cards.length === 2) return isPlayableHoldem(cards);
  if (cards.length === 4) return isPlayableOmaha(cards);
  return false;
}

/** Hold'em: a pair of eights or better, AK, AQ, and suited AJ or KQ. */
function isPremiumHoldem(cards: readonly string[]): boolean {
  const [a, b] = cards.map(rankOf).sort((x, y) => y - x) as [number, number];
  const suited = cards[0]![1] === cards[1]![1];
  if (a === b) return a >= 6;
  if (a === A && (b === K || b === Q)) return true;
  return suited && ((a === A && b === J) || (a === K && b === Q));
}

/** Hold'em: any pair, two cards ten or higher, or a suited ace. */
function isPlayableHoldem(cards: readonly string[]): boolean {
  const [a, b] = cards.map(rankOf) as [number, number];
  if (a === b) return true;
  if (a >= T && b >= T) return true;
  return cards[0]![1] === cards[1]![1] && (a === A || b === A);
}

/** Ranks high to low, and whether an ace has a second card of its suit (the nut flush draw). */
function omahaShape(cards: readonly string[]): { ranks: number[]; suitedAce: boolean; pairs: number[] } {
  const ranks = cards.map(rankOf).sort((x, y) => y - x);
  const suitedAce = cards.some(
    (card) => rankOf(card) === A && cards.some((other) => other !== card && other[1] === card[1]),
  );
  const pairs = ranks.filter((rank, index) => ranks.indexOf(rank) !== index);
  return { ranks, suitedAce, pairs };
}

/**
 * Omaha, where a hand is only as good as how its four cards work together: aces with a suited ace
 * or another broadway card, a pair of queens or better with two more broadway cards, or four cards
 * ten or higher with a suited ace.
 */
function isPremiumOmaha(cards: readonly string[]): boolean {
  const { ranks, suitedAce, pairs } = omahaShape(cards);
  const broadway = ranks.filter((rank) => rank >= T).length;
  if (pairs.includes(A)) return suitedAce || broadway >= 3;
  if (pairs.some((rank) => rank >= Q)) return broadway === 4;
  return broadway === 4 && suitedAce;
}

/**
 * Omaha: a pair of eights or better, three cards ten or higher, a suited ace, or a rundown (four
 * different ranks within five, so every two of them make straights together).
 */
function isPlayableOmaha(cards: readonly string[]): boolean {
  const { ranks, suitedAce, pairs } = omahaShape(cards);
  if (pairs.some((rank) => rank >= 6) || suitedAce) return true;
  if (ranks.filter((rank) => rank >= T).length >= 3) return true;
  return pairs.length === 0 && ranks[0]! - ranks[3]! <= 4;
}

/**
 * Something made with the board: a hole card paired on it, or (Hold'em) a pocket pair, or (Omaha,
 * where two of the four cards pairing each other is common) a pocket pair above the board.
 */
export function hasMadeHand(cards: readonly string[], board: readonly string[]): boolean {
  if (cards.length !== 2 && cards.length !== 4) return false;
  const ranks = cards.map(rankOf);
  const boardRanks = board.map(rankOf);
  if (ranks.some((rank) => boardRanks.includes(rank))) return true;
  const pairs = ranks.filter((rank, index) => ranks.indexOf(rank) !== index);
  if (cards.length === 2) return pairs.length > 0;
  const boardTop = Math.max(-1, ...boardRanks);
  return pairs.some((rank) => rank > boardTop);
}

function cheapCall(context: DecisionContext, limit: Money): Decision | null {
  const call = context.legal.callAmount;
  if (call === null || !can(context, 'call')) return null;
  return new Money(call).lessThanOrEqualTo(limit) ? { kind: 'call' } : null;
}

/**
 * Tight: raises the minimum with premium hands (and with a made hand after the flop), looks at the
 * flop cheaply with playable ones, and otherwise checks or folds.
 */
export const tightStrategy: Strategy = (context) => {
  const cards = context.holeCards ?? [];
  const minimum = context.legal.betOrRaise?.minTo ?? null;
  if (context.phase === 'preflop') {
    if (isPremium(cards)) return betOrRaise(context, minimum) ?? passive(context);
    if (isPlayable(cards)) return cheapCall(context, context.bigBlind.times(2)) ?? checkOrFold(context);
    return checkOrFold(context);
  }
  if (hasMadeHand(cards, context.board) || isPremium(cards)) {
    return betOrRaise(context, minimum) ?? cheapCall(context, context.pot) ?? checkOrFold(context);
  }
  return checkOrFold(context);
};

/** A calling station: checks or calls everything, goes all-in only when calling is not offered. */
export const callingStrategy: Strategy = (context) => {
  if (can(context, 'check')) return { kind: 'check' };
  if (can(context, 'call')) return { kind: 'call' };
  if (can(context, 'all-in')) return { kind: 'all-in' };
  return passive(context);
};

export const STRATEGIES: Readonly<Record<StrategyName, Strategy>> = {
  random: randomStrategy,
  tight: tightStrategy,
  calling: callingStrategy,
};
