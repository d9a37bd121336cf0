/**
 * Omaha evaluation speed: ours (src/engine/omaha-evaluator.ts) against our own 7-card evaluate7 and
 * against the Omaha-capable evaluators on npm, over seeded random hands. Run directly:
 * `npx tsx test/bench/omaha-evaluator-bench.ts [hands] [seed]`.
 *
 * Method: 1,000,000 random Omaha hands (4 hole + 5 board, distinct cards) go into one Int32Array,
 * and 1,000,000 random 7-card hands into another, before any timing. Ours and evaluate7 are warmed
 * up, then timed in 25 alternating rounds over that data; the best round of each counts (the
 * machine is shared and noisy: the best of many short rounds is least disturbed by other work).
 * costVs7Card = (seconds per Omaha evaluation) / (seconds per 7-card evaluation).
 *
 * The npm evaluators are hundreds of times slower, so each is timed on the first hands of the same
 * data (20,000 hands, 300 for pokersolver), its inputs built untimed, best of 3 rounds:
 * - poker-odds-calc: the per-hand evaluation its equity calculator runs for every player and board,
 *   `Game.getHandStrentgh(board, hole)`, fed its own Card objects built once per card.
 * - poker-hand-evaluator-wasm (HenryRLee's PokerHandEvaluator compiled to WebAssembly):
 *   `evaluateOmaha(5 board Cards, 4 hole Cards)` with Card objects built once; each result is a
 *   WebAssembly-side object that must be `delete()`d, which the loop does as a caller must.
 * - pokersolver has no Omaha rule: the only way to use it is the rule by hand, solving the 60
 *   two-plus-three hands with `Hand.solve` and picking the best with `Hand.winners`.
 * Agreement: ours equals the brute-force rule on every hand of a 200,000-hand sample; each npm
 * evaluator is checked on its timed sample: the wasm value is the Cactus Kev rank (ours = 7463 -
 * rank); poker-odds-calc and pokersolver give no such number, so their result's category must match
 * ours and every two consecutive hands must be ordered the same way (better, equal, worse).
 */
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import type { Card } from '../../src/engine/cards.js';
import { RANKS, SUITS } from '../../src/engine/cards.js';
import { evaluate7 } from '../../src/engine/evaluator.js';
import { type HandCategory, handCategory } from '../../src/engine/hand-category.js';
import { evaluateOmaha } from '../../src/engine/omaha-evaluator.js';
import { bruteForceOmaha } from '../support/omaha-reference.js';
import { seededInt, seededRandom } from '../support/seeded-random.js';

const require = createRequire(import.meta.url);

export interface NpmOmahaFigures {
  name: string;
  perSecond: number;
  /** Hands it was timed and checked on. */
  hands: number;
  /** Fraction of those hands (or consecutive pairs) where it agrees with ours (see the header). */
  agreement: number;
  /** First disagreement found, for the report. */
  firstDisagreement: string | null;
}

export interface OmahaEvaluatorBenchResult {
  hands: number;
  oursPerSecond: number;
  sevenCardPerSecond: number;
  /** Time of one Omaha evaluation / time of one evaluate7 (target <= 3). */
  costVs7Card: number;
  /** The fastest npm Omaha evaluator. */
  npmName: string;
  npmPerSecond: number;
  /** oursPerSecond / npmPerSecond (target >= 10). */
  ratioToNpm: number;
  /** Ours equals the brute-force rule on every sampled hand. */
  agreedWithRule: boolean;
  npm: NpmOmahaFigures[];
}

const ROUNDS = 25;
const NPM_ROUNDS = 3;

/** `hands` random hands of `size` distinct cards, `size` consecutive entries each. */
function generateHands(hands: number, size: number, seed: number): Int32Array {
  const rand = seededRandom(seed);
  const deck = Int32Array.from({ length: 52 }, (_, i) => i);
  const out = new Int32Array(hands * size);
  for (let h = 0; h < hands; h++) {
    for (let i = 0; i < size; i++) {
      const j = i + seededInt(rand, 52 - i);
      const card = deck[j]!;
      deck[j] = deck[i]!;
      deck[i] = card;
      out[h * size + i] = card;
    }
  }
  return out;
}

function sumOurs(cards: Int32Array): number {
  let sum = 0;
  for (let i = 0; i < cards.length; i += 9) {
    sum += evaluateOmaha(
      cards[i]!,
      cards[i + 1]!,
      cards[i + 2]!,
      cards[i + 3]!,
      cards[i + 4]!,
      cards[i + 5]!,
      cards[i + 6]!,
      cards[i + 7]!,
      cards[i + 8]!,
    );
  }
  return sum;
}

function sumSevenCard(cards: Int32Array): number {
  let sum = 0;
  for (let i = 0; i < cards.length; i += 7) {
    sum += evaluate7(
      cards[i]!,
      cards[i + 1]!,
      cards[i + 2]!,
      cards[i + 3]!,
      cards[i + 4]!,
      cards[i + 5]!,
      cards[i + 6]!,
    );
  }
  return sum;
}

function secondsOf(run: () => unknown): number {
  const start = process.hrtime.bigint();
  run();
  return Number(process.hrtime.bigint() - start) / 1e9;
}

function cardText(card: Card): string {
  return RANKS[card >> 2]! + SUITS[card & 3]!;
}

function handText(cards: Int32Array, hand: number): string {
  const text = Array.from(cards.subarray(hand * 9, hand * 9 + 9), cardText).join('');
  return `${text.slice(0, 8)} / ${text.slice(8)}`;
}

function oursOf(cards: Int32Array, hand: number): number {
  const i = hand * 9;
  return evaluateOmaha(
    cards[i]!,
    cards[i + 1]!,
    cards[i + 2]!,
    cards[i + 3]!,
    cards[i + 4]!,
    cards[i + 5]!,
    cards[i + 6]!,
    cards[i + 7]!,
    cards[i + 8]!,
  );
}

/** A competitor: `evaluate(hand)` runs the timed work for one hand and returns what check needs. */
interface Competitor<Result> {
  name: string;
  hands: number;
  prepare(cards: Int32Array): void;
  evaluate(hand: number): Result;
  /** Checks its results against ours; returns [agreeing, checked, first disagreement]. */
  check(cards: Int32Array, results: Result[]): [number, number, string | null];
}

/** Same sign of (a - b) and (c - d). */
function sameOrder(a: number, b: number, c: number, d: number): boolean {
  return Math.sign(a - b) === Math.sign(c - d);
}

/** Category and consecutive-order agreement for evaluators that give no comparable number. */
function checkByCategoryAndOrder(
  cards: Int32Array,
  categories: HandCategory[],
  compare: (hand: number, other: number) => number,
): [number, number, string | null] {
  let agreeing = 0;
  let first: string | null = null;
  for (let hand = 0; hand < categories.length; hand++) {
    const ours = oursOf(cards, hand);
    let agrees = categories[hand] === handCategory(ours);
    if (agrees && hand > 0) agrees = sameOrder(ours, oursOf(cards, hand - 1), compare(hand, hand - 1), 0);
    if (agrees) agreeing++;
    else if (first === null) {
      first = `${handText(cards, hand)}: ours ${handCategory(ours)}, theirs ${categories[hand]}`;
      if (hand > 0) first += ` (previous hand ${handText(cards, hand - 1)})`;
    }
  }
  return [agreeing, categories.length, first];
}

// ---- poker-odds-calc ----

interface OddsCalcCard {
  getRank(): number;
}
interface OddsCalcStrength {
  points: number;
  rank: { rank: string; str: string };
}
interface OddsCalcGame {
  getHandStrentgh(board: OddsCalcCard[], hole: OddsCalcCard[]): OddsCalcStrength;
}
interface OddsCalcModule {
  Omaha: new () => { getGame(): OddsCalcGame };
}
type OddsCalcCardClass = new (suit: string, num: string | number, game: OddsCalcGame) => OddsCalcCard;

const ODDS_CALC_CATEGORIES: Record<string, HandCategory> = {
  ROYAL_FLUSH: 'straight-flush',
  STRAIGHT_FLUSH: 'straight-flush',
  QUADS: 'four-of-a-kind',
  FULL_HOUSE: 'full-house',
  FLUSH: 'flush',
  STRAIGHT: 'straight',
  TREE_OF_A_KIND: 'three-of-a-kind',
  TWO_PAIRS: 'two-pair',
  ONE_PAIR: 'one-pair',
  HIGH_CARDS: 'high-card',
};

function oddsCalcCompetitor(hands: number): Competitor<OddsCalcStrength> {
  const { Omaha } = require('poker-odds-calc') as OddsCalcModule;
  const OddsCalcCardType = (require('poker-odds-calc/dist/lib/Card') as { default: OddsCalcCardClass })
    .default;
  const game = new Omaha().getGame();
  // Its card "num" is 2..9 as numbers, then 'T', 'J', 'Q', 'K', 'A'.
  const deck = Array.from(
    { length: 52 },
    (_, card) =>
      new OddsCalcCardType(SUITS[card & 3]!, card >> 2 < 8 ? (card >> 2) + 2 : RANKS[card >> 2]!, game),
  );
  let boards: OddsCalcCard[][] = [];
  let holes: OddsCalcCard[][] = [];
  return {
    name: 'poker-odds-calc',
    hands,
    prepare(cards) {
      boards = [];
      holes = [];
      for (let hand = 0; hand < hands; hand++) {
        const i = hand * 9;
        holes.push([0, 1, 2, 3].map((k) => deck[cards[i + k]!]!));
        boards.push([4, 5, 6, 7, 8].map((k) => deck[cards[i + k]!]!));
      }
    },
    evaluate(hand) {
      return game.getHandStrentgh(boards[hand]!, holes[hand]!);
    },
    check(cards, results) {
      return checkByCategoryAndOrder(
        cards,
        results.map((result) => ODDS_CALC_CATEGORIES[result.rank.str] ?? 'high-card'),
        (hand, other) => results[hand]!.points - results[other]!.points,
      );
    },
  };
}

// ---- poker-hand-evaluator-wasm ----

interface WasmCard {
  readonly __brand?: 'wasm-card';
}
interface WasmHandRank {
  value: number;
  delete(): void;
}
interface WasmModule {
  Card: new (id: number) => WasmCard;
  evaluateOmaha(...cards: WasmCard[]): WasmHandRank;
}
interface WasmPackage {
  ready(): Promise<WasmModule>;
}

async function wasmCompetitor(hands: number): Promise<Competitor<number>> {
  const wasm = await (require('poker-hand-evaluator-wasm') as WasmPackage).ready();
  // Its card id is rank * 4 + suit with suits c, d, h, s: the same as ours.
  const deck = Array.from({ length: 52 }, (_, card) => new wasm.Card(card));
  let data: Int32Array = new Int32Array(0);
  return {
    name: 'poker-hand-evaluator-wasm',
    hands,
    prepare(cards) {
      data = cards;
    },
    evaluate(hand) {
      const i = hand * 9;
      const result = wasm.evaluateOmaha(
        deck[data[i + 4]!]!,
        deck[data[i + 5]!]!,
        deck[data[i + 6]!]!,
        deck[data[i + 7]!]!,
        deck[data[i + 8]!]!,
        deck[data[i]!]!,
        deck[data[i + 1]!]!,
        deck[data[i + 2]!]!,
        deck[data[i + 3]!]!,
      );
      const value = result.value;
      result.delete();
      return value;
    },
    check(cards, results) {
      let agreeing = 0;
      let first: string | null = null;
      results.forEach((rank, hand) => {
        const ours = oursOf(cards, hand);
        if (ours === 7463 - rank) agreeing++;
        else first ??= `${handText(cards, hand)}: ours ${ours}, theirs ${7463 - rank}`;
      });
      return [agreeing, results.length, first];
    },
  };
}

// ---- pokersolver ----

interface SolvedHand {
  name: string;
}
interface PokerSolverModule {
  Hand: {
    solve(cards: string[]): SolvedHand;
    winners(hands: SolvedHand[]): SolvedHand[];
  };
}

const POKERSOLVER_CATEGORIES: Record<string, HandCategory> = {
  'Straight Flush': 'straight-flush',
  'Royal Flush': 'straight-flush',
  'Four of a Kind': 'four-of-a-kind',
  'Full House': 'full-house',
  Flush: 'flush',
  Straight: 'straight',
  'Three of a Kind': 'three-of-a-kind',
  'Two Pair': 'two-pair',
  Pair: 'one-pair',
  'High Card': 'high-card',
};

function pokerSolverCompetitor(hands: number): Competitor<SolvedHand> {
  const { Hand } = require('pokersolver') as PokerSolverModule;
  let texts: string[][] = [];
  return {
    name: 'pokersolver',
    hands,
    prepare(cards) {
      texts = [];
      for (let hand = 0; hand < hands; hand++)
        texts.push(Array.from(cards.subarray(hand * 9, hand * 9 + 9), cardText));
    },
    evaluate(hand) {
      const [h0, h1, h2, h3, ...board] = texts[hand]!;
      const hole = [h0!, h1!, h2!, h3!];
      const candidates: SolvedHand[] = [];
      for (let a = 0; a < 4; a++)
        for (let b = a + 1; b < 4; b++)
          for (let c = 0; c < 5; c++)
            for (let d = c + 1; d < 5; d++)
              for (let e = d + 1; e < 5; e++)
                candidates.push(Hand.solve([hole[a]!, hole[b]!, board[c]!, board[d]!, board[e]!]));
      return Hand.winners(candidates)[0]!;
    },
    check(cards, results) {
      return checkByCategoryAndOrder(
        cards,
        results.map((result) => POKERSOLVER_CATEGORIES[result.name] ?? 'high-card'),
        (hand, other) => {
          const winners = Hand.winners([results[hand]!, results[other]!]);
          return winners.length === 2 ? 0 : winners[0] === results[hand] ? 1 : -1;
        },
      );
    },
  };
}

async function timeNpm<Result>(competitor: Competitor<Result>, cards: Int32Array): Promise<NpmOmahaFigures> {
  competitor.prepare(cards);
  let results: Result[] = [];
  const runAll = (): void => {
    results = [];
    for (let hand = 0; hand < competitor.hands; hand++) results.push(competitor.evaluate(hand));
  };
  runAll(); // warm-up
  let best = Number.POSITIVE_INFINITY;
  for (let round = 0; round < NPM_ROUNDS; round++) {
    best = Math.min(best, secondsOf(runAll));
    await new Promise((resolve) => setImmediate(resolve));
  }
  const [agreeing, checked, firstDisagreement] = competitor.check(cards, results);
  return {
    name: competitor.name,
    perSecond: competitor.hands / best,
    hands: competitor.hands,
    agreement: agreeing / checked,
    firstDisagreement,
  };
}

export async function runOmahaEvaluatorBench(
  options: { hands?: number; seed?: number } = {},
): Promise<OmahaEvaluatorBenchResult> {
  const hands = options.hands ?? 1_000_000;
  const seed = options.seed ?? 2025;
  const omahaHands = generateHands(hands, 9, seed);
  const sevenCardHands = generateHands(hands, 7, seed + 1);

  let agreedWithRule = true;
  for (let hand = 0; hand < Math.min(hands, 200_000); hand++) {
    const dealt = Array.from(omahaHands.subarray(hand * 9, hand * 9 + 9));
    if (oursOf(omahaHands, hand) !== bruteForceOmaha(dealt.slice(0, 4), dealt.slice(4)))
      agreedWithRule = false;
  }

  let bestOurs = Number.POSITIVE_INFINITY;
  let bestSevenCard = Number.POSITIVE_INFINITY;
  sumOurs(omahaHands); // warm-up: let the JIT optimize
  sumSevenCard(sevenCardHands);
  for (let round = 0; round < ROUNDS; round++) {
    bestOurs = Math.min(
      bestOurs,
      secondsOf(() => sumOurs(omahaHands)),
    );
    bestSevenCard = Math.min(
      bestSevenCard,
      secondsOf(() => sumSevenCard(sevenCardHands)),
    );
    await new Promise((resolve) => setImmediate(resolve));
  }
  const oursPerSecond = hands / bestOurs;
  const sevenCardPerSecond = hands / bestSevenCard;

  const npmHands = Math.min(hands, 20_000);
  const npm = [
    await timeNpm(oddsCalcCompetitor(npmHands), omahaHands),
    await timeNpm(await wasmCompetitor(npmHands), omahaHands),
    await timeNpm(pokerSolverCompetitor(Math.min(hands, 300)), omahaHands),
  ];
  const fastest = npm.reduce((a, b) => (b.perSecond > a.perSecond ? b : a));
  return {
    hands,
    oursPerSecond,
    sevenCardPerSecond,
    costVs7Card: bestOurs / bestSevenCard,
    npmName: fastest.name,
    npmPerSecond: fastest.perSecond,
    ratioToNpm: oursPerSecond / fastest.perSecond,
    agreedWithRule,
    npm,
  };
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const hands = process.argv[2] ? Number(process.argv[2]) : undefined;
  const seed = process.argv[3] ? Number(process.argv[3]) : undefined;
  const result = await runOmahaEvaluatorBench({ hands, seed });
  const perSecond = (value: number): string => `${Math.round(value).toLocaleString()} evals/s`;
  console.log(`hands: ${result.hands.toLocaleString()} random Omaha hands, best of ${ROUNDS} rounds`);
  console.log(`ours (evaluateOmaha): ${perSecond(result.oursPerSecond)}`);
  console.log(`ours (evaluate7):     ${perSecond(result.sevenCardPerSecond)}`);
  console.log(`cost of one Omaha evaluation / one 7-card evaluation: ${result.costVs7Card.toFixed(2)}`);
  for (const figures of result.npm) {
    console.log(
      `${figures.name}: ${perSecond(figures.perSecond)} on ${figures.hands.toLocaleString()} hands, ` +
        `agrees with ours on ${(figures.agreement * 100).toFixed(2)}%` +
        (figures.firstDisagreement ? ` (e.g. ${figures.firstDisagreement})` : ''),
    );
  }
  console.log(`ratio ours / ${result.npmName}: ${result.ratioToNpm.toFixed(1)}x`);
  console.log(`ours equals the brute-force rule on every sampled hand: ${result.agreedWithRule}`);
  console.log(JSON.stringify(result));
}
