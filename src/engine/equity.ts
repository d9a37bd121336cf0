/**
 * All-in equity by exact enumeration: every way the board can be completed from the unseen cards
 * (the 52 minus every hole card, board card and known dead card), each player's best hand on each,
 * and who wins. Pure: no I/O, no clock, no randomness. Counts and shares are whole numbers (exact
 * integers in JS numbers); only sharePercent, for display, is a float.
 *
 * Shares are exact. On a runout won by k tied players each gets 1/k; summed over runouts that is a
 * fraction with denominator runouts x lcm(1..players), so every share is kept as an integer number
 * of units of 1 / (runouts * shareScale), with shareScale = lcm(1..players): each runout hands out
 * exactly shareScale units, and the units of a pot always sum to exactly runouts * shareScale.
 * (The largest totals, 2,118,760 boards x 1 for one player or 201,376 boards x 2,520 for ten, are
 * far below 2^53, so plain numbers hold them exactly.)
 *
 * Cost: one evaluation per live player per runout (Hold'em from running weight sums with the
 * 7-card tables, Omaha with evaluateOmaha), then one counter increment per runout and pot; the loop
 * allocates nothing. Measured on the 2-core dev machine (test/bench/equity-bench.ts, in npm run
 * bench:engine), worst of several deals: PLO 6-way on the flop (300 runouts) 0.2 ms; preflop, when
 * all five board cards are unknown: NLHE heads-up (1,712,304 runouts) 40-60 ms, NLHE 6-way
 * (658,008) about 40 ms, PLO heads-up (1,086,008) about 55 ms, PLO 6-way (98,280) about 13 ms. So
 * every all-in spot a table can reach is enumerated exactly, within 100 ms; no sampling is needed.
 */
import type { Card } from './cards.js';
import { evaluate7 } from './evaluator.js';
import { CARD_WEIGHTS, HASH7, RANK_KEY_MASK, SUIT_COUNTER_SCALE } from './evaluator-tables.js';
import { type GameVariant, HOLE_CARDS } from './hand-types.js';
import { evaluateOmaha } from './omaha-evaluator.js';

/** The game (hand-types.ts): No-Limit Texas Hold'em (2 hole cards) or Pot-Limit Omaha (4). */
export type EquityGame = GameVariant;

export interface EquityPot {
  /** Indexes into `players` of those who may win this pot (not folded, put enough in). */
  readonly eligible: readonly number[];
}

export interface EquityInput {
  readonly game: EquityGame;
  /** Each live player's hole cards: 2 for 'NT', 4 for 'PO'. */
  readonly players: readonly (readonly Card[])[];
  /** 0, 3, 4 or 5 cards. */
  readonly board: readonly Card[];
  /** Cards known not to be in the deck (shown folded cards): never dealt on the board. */
  readonly dead?: readonly Card[];
  /** Pots to share; omitted: one pot that every player is eligible for. */
  readonly pots?: readonly EquityPot[];
}

export interface PlayerEquity {
  /** Runouts on which this player alone has the best hand of all players. */
  readonly wins: number;
  /** Runouts on which this player ties for the best hand with others. */
  readonly ties: number;
  /** Share of the whole board, in units of 1 / (runouts * shareScale). */
  readonly shareUnits: number;
}

export interface PotEquity {
  readonly eligible: readonly number[];
  /** Per player (by index into `players`): share of this pot in units; 0 if not eligible. */
  readonly shareUnits: readonly number[];
}

export interface EquityResult {
  /** Number of distinct board completions enumerated (1 when the board is complete). */
  readonly runouts: number;
  /** lcm(1..players): units handed out per runout, so shares stay integers. */
  readonly shareScale: number;
  readonly players: readonly PlayerEquity[];
  readonly pots: readonly PotEquity[];
}

const PLAYERS_MAX = 10;

function invalid(code: string, message: string): RangeError {
  return new RangeError(`engine/equity-${code}: ${message}`);
}

function gcd(a: number, b: number): number {
  while (b !== 0) {
    const remainder = a % b;
    a = b;
    b = remainder;
  }
  return a;
}

function lcmUpTo(n: number): number {
  let lcm = 1;
  for (let k = 2; k <= n; k++) lcm = (lcm / gcd(lcm, k)) * k;
  return lcm;
}

/** Checks the input; returns the pots (one for everybody when none are given). */
function checkInput(input: EquityInput): readonly EquityPot[] {
  const { game, players, board } = input;
  const holeCount = HOLE_CARDS[game];
  if (holeCount === undefined) throw invalid('game', `unknown game ${String(game)}`);
  if (players.length < 1 || players.length > PLAYERS_MAX) {
    throw invalid('player-count', `expected 1..${PLAYERS_MAX} players, got ${players.length}`);
  }
  if (board.length !== 0 && (board.length < 3 || board.length > 5)) {
    throw invalid('board-count', `expected 0, 3, 4 or 5 board cards, got ${board.length}`);
  }
  const seen = new Set<Card>();
  const see = (card: Card): void => {
    if (!Number.isInteger(card) || card < 0 || card > 51) throw invalid('card', `not a card: ${card}`);
    if (seen.has(card)) throw invalid('duplicate-card', `card ${card} is known twice`);
    seen.add(card);
  };
  players.forEach((hole, player) => {
    if (hole.length !== holeCount) {
      throw invalid(
        'hole-count',
        `player ${player} has ${hole.length} hole cards, ${game} needs ${holeCount}`,
      );
    }
    hole.forEach(see);
  });
  board.forEach(see);
  (input.dead ?? []).forEach(see);
  const pots = input.pots ?? [{ eligible: players.map((_, player) => player) }];
  pots.forEach((pot, index) => {
    if (pot.eligible.length === 0) throw invalid('pot', `pot ${index} has no eligible player`);
    const unique = new Set(pot.eligible);
    if (unique.size !== pot.eligible.length) throw invalid('pot', `pot ${index} lists a player twice`);
    for (const player of pot.eligible) {
      if (!Number.isInteger(player) || player < 0 || player >= players.length) {
        throw invalid('pot', `pot ${index}: no player ${player}`);
      }
    }
  });
  return pots;
}

/**
 * The tally of one enumeration. Per runout it only counts who won: the set of players holding the
 * best hand, as a bit mask, so a runout costs one increment of `winnerCounts[mask]` (and one per
 * pot, over the pot's eligible players), whatever the number of players. Wins, ties and shares are
 * derived from those counts at the end. Branch-free: who wins a runout is as good as random, and
 * branching on it mispredicted so often that scoring took as long as valuing the hands.
 */
class Tally {
  /** Each player's hand value on the current runout. */
  readonly values: Int32Array;
  /** Runouts per winner set (bit p: player p holds the best hand of all players). */
  readonly winnerCounts: Float64Array;
  /** Per pot: runouts per winner set among its eligible players. */
  readonly potWinnerCounts: Float64Array[];
  /** Per pot: bit mask of its eligible players. */
  private readonly potMasks: Int32Array;

  constructor(
    readonly playerCount: number,
    potEligible: readonly (readonly number[])[],
  ) {
    this.values = new Int32Array(playerCount);
    this.winnerCounts = new Float64Array(1 << playerCount);
    this.potWinnerCounts = potEligible.map(() => new Float64Array(1 << playerCount));
    this.potMasks = Int32Array.from(potEligible, (eligible) =>
      eligible.reduce((mask, p) => mask | (1 << p), 0),
    );
  }

  /** Counts the runout whose hand values are in `values`. */
  score(): void {
    const values = this.values;
    const playerCount = this.playerCount;
    let best = 0;
    for (let p = 0; p < playerCount; p++) best = maxOf(best, values[p]!);
    let winners = 0;
    for (let p = 0; p < playerCount; p++) winners |= +(values[p] === best) << p;
    this.winnerCounts[winners]!++;
    for (let i = 0; i < this.potMasks.length; i++) this.scorePot(this.potMasks[i]!, this.potWinnerCounts[i]!);
  }

  private scorePot(eligible: number, counts: Float64Array): void {
    const values = this.values;
    const playerCount = this.playerCount;
    let best = 0;
    // An ineligible player's value is masked to 0, below every hand.
    for (let p = 0; p < playerCount; p++) best = maxOf(best, values[p]! & -((eligible >> p) & 1));
    let winners = 0;
    for (let p = 0; p < playerCount; p++) winners |= +(values[p] === best) << p;
    counts[winners & eligible]!++;
  }
}

/** Wins, ties and share units per player from runout counts per winner set. */
function sharesOf(
  counts: Float64Array,
  playerCount: number,
  shareScale: number,
): { wins: number[]; ties: number[]; shareUnits: number[] } {
  const wins = new Array<number>(playerCount).fill(0);
  const ties = new Array<number>(playerCount).fill(0);
  const shareUnits = new Array<number>(playerCount).fill(0);
  for (let winners = 1; winners < counts.length; winners++) {
    const runouts = counts[winners]!;
    if (runouts === 0) continue;
    let k = 0;
    for (let p = 0; p < playerCount; p++) k += (winners >> p) & 1;
    for (let p = 0; p < playerCount; p++) {
      if (((winners >> p) & 1) === 0) continue;
      if (k === 1) wins[p]! += runouts;
      else ties[p]! += runouts;
      shareUnits[p]! += runouts * (shareScale / k);
    }
  }
  return { wins, ties, shareUnits };
}

/** max(a, b) of two small non-negative ints without a branch. */
function maxOf(a: number, b: number): number {
  const difference = b - a;
  return a + (difference & ~(difference >> 31));
}

/**
 * Hold'em: a 7-card evaluation from the sum of the hole cards' weights and the board's, the same
 * lookup as evaluate7 (evaluator.ts) but with both sums computed once: the hole sums once per
 * enumeration, the board sum once per runout (and incrementally, one card per loop level). A flush
 * (about 3% of hands) goes to evaluate7 itself.
 */
const WEIGHTS = CARD_WEIGHTS;
const INVERSE_SUIT_SCALE = 1 / SUIT_COUNTER_SCALE;
const OFFSETS7 = HASH7.offsets;
const VALUES7 = HASH7.values;
const ROW_MASK7 = HASH7.rowMask;
const ROW_BITS7 = HASH7.rowBits;

function holdemValue(holeSum: number, boardSum: number): number {
  const sum = holeSum + boardSum;
  if (((((sum * INVERSE_SUIT_SCALE) | 0) + 0x3333) & 0x8888) !== 0) return 0; // a flush: see caller
  const key = sum & RANK_KEY_MASK;
  return VALUES7[OFFSETS7[key & ROW_MASK7]! + (key >>> ROW_BITS7)]!;
}

/**
 * Values every player's hand on the board c0..c4 (weights summing to boardSum) into tally.values.
 * One function for both games, branching on a flag that never changes during an enumeration (so the
 * branch is always predicted): a function per game passed in as a parameter made the call site
 * polymorphic, which V8 does not inline, and cost a third of the time.
 */
function valueRunout(
  tally: Tally,
  holdem: boolean,
  holes: Int32Array,
  holeSums: Float64Array,
  boardSum: number,
  c0: Card,
  c1: Card,
  c2: Card,
  c3: Card,
  c4: Card,
): void {
  const values = tally.values;
  const playerCount = values.length;
  if (holdem) {
    for (let p = 0; p < playerCount; p++) {
      const value = holdemValue(holeSums[p]!, boardSum);
      values[p] = value !== 0 ? value : evaluate7(holes[2 * p]!, holes[2 * p + 1]!, c0, c1, c2, c3, c4);
    }
  } else {
    for (let p = 0; p < playerCount; p++) {
      const h = 4 * p;
      values[p] = evaluateOmaha(holes[h]!, holes[h + 1]!, holes[h + 2]!, holes[h + 3]!, c0, c1, c2, c3, c4);
    }
  }
}

/**
 * Values and scores every completion of the board. Five nested loops, one per board card: a card
 * already on the board is a loop of one; the others run over the unseen cards in increasing order,
 * so each set of cards is dealt once. Board weight sums are carried from level to level.
 */
function enumerateRunouts(
  board: readonly Card[],
  unseen: Int32Array,
  tally: Tally,
  holdem: boolean,
  holes: Int32Array,
): void {
  const holeCount = holdem ? 2 : 4;
  const holeSums = Float64Array.from({ length: tally.values.length }, (_, p) => {
    let sum = 0;
    for (let k = 0; k < holeCount; k++) sum += WEIGHTS[holes[holeCount * p + k]!]!;
    return sum;
  });
  // The board's cards, then the unseen ones. Level L (board card L) runs from one past the previous
  // level's index: a level still on the board runs once, over that card; a level to deal runs over
  // the unseen cards, leaving room for the levels after it.
  const deck = Int32Array.from([...board, ...unseen]);
  const fixed = board.length;
  const levelEnd = (level: number): number => (level < fixed ? level + 1 : deck.length - 4 + level);
  const end0 = levelEnd(0);
  const end1 = levelEnd(1);
  const end2 = levelEnd(2);
  const end3 = levelEnd(3);
  const end4 = levelEnd(4);
  for (let i0 = 0; i0 < end0; i0++) {
    const c0 = deck[i0]!;
    const s0 = WEIGHTS[c0]!;
    for (let i1 = i0 + 1; i1 < end1; i1++) {
      const c1 = deck[i1]!;
      const s1 = s0 + WEIGHTS[c1]!;
      for (let i2 = i1 + 1; i2 < end2; i2++) {
        const c2 = deck[i2]!;
        const s2 = s1 + WEIGHTS[c2]!;
        for (let i3 = i2 + 1; i3 < end3; i3++) {
          const c3 = deck[i3]!;
          const s3 = s2 + WEIGHTS[c3]!;
          for (let i4 = i3 + 1; i4 < end4; i4++) {
            const c4 = deck[i4]!;
            valueRunout(tally, holdem, holes, holeSums, s3 + WEIGHTS[c4]!, c0, c1, c2, c3, c4);
            tally.score();
          }
        }
      }
    }
  }
}

/**
 * Exact all-in equity of every player, for the whole board and for each pot, over every completion
 * of the board. Throws a RangeError (engine/equity-...) on malformed input: wrong card counts, a
 * card known twice, a pot naming no or unknown players.
 */
export function computeEquity(input: EquityInput): EquityResult {
  const pots = checkInput(input);
  const { game, players, board } = input;
  const playerCount = players.length;

  const known = new Set<Card>([...players.flat(), ...board, ...(input.dead ?? [])]);
  const unseen = Int32Array.from({ length: 52 }, (_, card) => card).filter((card) => !known.has(card));
  // An all-in hand is shown down on the full five-card board.
  if (5 - board.length > unseen.length) {
    throw invalid('deck', `${5 - board.length} cards to deal but only ${unseen.length} unseen`);
  }

  // Without explicit pots the one pot is the whole board: counted once, copied at the end.
  const tally = new Tally(playerCount, input.pots === undefined ? [] : pots.map((pot) => pot.eligible));
  enumerateRunouts(board, unseen, tally, game === 'NT', Int32Array.from(players.flat()));

  const shareScale = lcmUpTo(playerCount);
  const whole = sharesOf(tally.winnerCounts, playerCount, shareScale);
  const runouts = tally.winnerCounts.reduce((sum, count) => sum + count, 0);
  return {
    runouts,
    shareScale,
    players: whole.shareUnits.map((shareUnits, p) => ({
      wins: whole.wins[p]!,
      ties: whole.ties[p]!,
      shareUnits,
    })),
    pots: pots.map((pot, i) => ({
      eligible: [...pot.eligible],
      shareUnits:
        input.pots === undefined
          ? whole.shareUnits.slice()
          : sharesOf(tally.potWinnerCounts[i]!, playerCount, shareScale).shareUnits,
    })),
  };
}

/** A share as a reduced fraction of the whole (or of one pot): numerator / denominator. */
export function shareFraction(
  result: EquityResult,
  shareUnits: number,
): { numerator: number; denominator: number } {
  const denominator = result.runouts * result.shareScale;
  const divisor = gcd(shareUnits, denominator) || 1;
  return { numerator: shareUnits / divisor, denominator: denominator / divisor };
}

/** A share as a percentage, for display only (a float: never use it to move chips). */
export function sharePercent(result: EquityResult, shareUnits: number): number {
  return (100 * shareUnits) / (result.runouts * result.shareScale);
}
