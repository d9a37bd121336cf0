/**
 * Seven-card evaluation speed: ours (src/engine/evaluator.ts) against `phe`, over the same seeded
 * random hands. Run directly: `npx tsx test/bench/evaluator-bench.ts [hands] [seed]`.
 *
 * Method: 1,000,000 random 7-card hands (distinct cards each) go into one Int32Array, and a copy in
 * phe's card codes into another, before any timing. Both sides are warmed up, then timed in several
 * alternating rounds over the same data; the best round of each counts. Agreement is checked on
 * every hand, untimed.
 *
 * Per hand, each timed loop does:
 * - ours: read 7 ints from the Int32Array, call evaluate7 with them (numeric arguments).
 * - phe:  read 7 ints from its Int32Array into one reused 7-element array, call
 *         phe.evaluateCardCodes(array) (its documented entry point for numeric codes; it needs an
 *         array, so filling one is the cheapest way to feed it; no allocation per hand).
 * - phe internal (extra figure, not in the ratio): read 7 ints and call phe's undocumented
 *         lib/evaluator7.js directly with numeric arguments, exactly like our loop.
 * Every loop sums the results so the work cannot be optimized away; the sums are cross-checked.
 */
import { pathToFileURL } from 'node:url';
import { evaluate7 } from '../../src/engine/evaluator.js';
import { phe, pheEvaluate7Internal, toPheCode, valueFromPheRank } from '../support/phe-reference.js';
import { seededInt, seededRandom } from '../support/seeded-random.js';

export interface EvaluatorBenchResult {
  oursPerSecond: number;
  phePerSecond: number;
  /** oursPerSecond / phePerSecond. */
  ratio: number;
  /** Every hand: our value === 7463 - phe rank. */
  agreed: boolean;
  hands: number;
  /** Extra: phe's internal seven-card function called directly (undocumented API). */
  pheInternalPerSecond: number;
}

const ROUNDS = 7;

/** `hands` random 7-card hands, 7 consecutive entries each, every hand of distinct cards. */
function generateHands(hands: number, seed: number): Int32Array {
  const rand = seededRandom(seed);
  const deck = Int32Array.from({ length: 52 }, (_, i) => i);
  const out = new Int32Array(hands * 7);
  for (let h = 0; h < hands; h++) {
    // Partial Fisher-Yates: the first 7 slots become a uniform random 7-card sample.
    for (let i = 0; i < 7; i++) {
      const j = i + seededInt(rand, 52 - i);
      const card = deck[j]!;
      deck[j] = deck[i]!;
      deck[i] = card;
      out[h * 7 + i] = card;
    }
  }
  return out;
}

function sumOurs(cards: Int32Array): number {
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

const pheScratch = [0, 0, 0, 0, 0, 0, 0];

function sumPhe(codes: Int32Array): number {
  const scratch = pheScratch;
  let sum = 0;
  for (let i = 0; i < codes.length; i += 7) {
    scratch[0] = codes[i]!;
    scratch[1] = codes[i + 1]!;
    scratch[2] = codes[i + 2]!;
    scratch[3] = codes[i + 3]!;
    scratch[4] = codes[i + 4]!;
    scratch[5] = codes[i + 5]!;
    scratch[6] = codes[i + 6]!;
    sum += phe.evaluateCardCodes(scratch);
  }
  return sum;
}

function sumPheInternal(codes: Int32Array): number {
  let sum = 0;
  for (let i = 0; i < codes.length; i += 7) {
    sum += pheEvaluate7Internal(
      codes[i]!,
      codes[i + 1]!,
      codes[i + 2]!,
      codes[i + 3]!,
      codes[i + 4]!,
      codes[i + 5]!,
      codes[i + 6]!,
    );
  }
  return sum;
}

function timeRound(run: (data: Int32Array) => number, data: Int32Array): { seconds: number; sum: number } {
  const start = process.hrtime.bigint();
  const sum = run(data);
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  return { seconds, sum };
}

function allAgree(cards: Int32Array, codes: Int32Array): boolean {
  const scratch = [0, 0, 0, 0, 0, 0, 0];
  for (let i = 0; i < cards.length; i += 7) {
    for (let j = 0; j < 7; j++) scratch[j] = codes[i + j]!;
    const ours = evaluate7(
      cards[i]!,
      cards[i + 1]!,
      cards[i + 2]!,
      cards[i + 3]!,
      cards[i + 4]!,
      cards[i + 5]!,
      cards[i + 6]!,
    );
    if (ours !== valueFromPheRank(phe.evaluateCardCodes(scratch))) return false;
  }
  return true;
}

export async function runEvaluatorBench(
  options: { hands?: number; seed?: number } = {},
): Promise<EvaluatorBenchResult> {
  const hands = options.hands ?? 1_000_000;
  const seed = options.seed ?? 2024;
  const cards = generateHands(hands, seed);
  const codes = cards.map(toPheCode);

  const agreed = allAgree(cards, codes);

  const contenders = [
    { name: 'ours', run: sumOurs, data: cards, best: Number.POSITIVE_INFINITY, sum: 0 },
    { name: 'phe', run: sumPhe, data: codes, best: Number.POSITIVE_INFINITY, sum: 0 },
    { name: 'pheInternal', run: sumPheInternal, data: codes, best: Number.POSITIVE_INFINITY, sum: 0 },
  ];
  for (const contender of contenders) contender.run(contender.data); // warm-up: let the JIT optimize
  for (let round = 0; round < ROUNDS; round++) {
    for (const contender of contenders) {
      const { seconds, sum } = timeRound(contender.run, contender.data);
      contender.best = Math.min(contender.best, seconds);
      contender.sum = sum;
    }
    await new Promise((resolve) => setImmediate(resolve));
  }
  const [ours, pheDocumented, pheInternal] = contenders as [
    (typeof contenders)[0],
    (typeof contenders)[0],
    (typeof contenders)[0],
  ];
  // Values are 7463 - phe rank hand by hand, so the totals must match too.
  const sumsMatch = ours.sum === 7463 * hands - pheDocumented.sum && pheDocumented.sum === pheInternal.sum;

  const oursPerSecond = hands / ours.best;
  const phePerSecond = hands / pheDocumented.best;
  return {
    oursPerSecond,
    phePerSecond,
    ratio: oursPerSecond / phePerSecond,
    agreed: agreed && sumsMatch,
    hands,
    pheInternalPerSecond: hands / pheInternal.best,
  };
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const hands = process.argv[2] ? Number(process.argv[2]) : undefined;
  const seed = process.argv[3] ? Number(process.argv[3]) : undefined;
  const result = await runEvaluatorBench({ hands, seed });
  const millions = (perSecond: number): string => `${(perSecond / 1e6).toFixed(1)}M evals/s`;
  console.log(`hands:             ${result.hands} random 7-card hands, best of ${ROUNDS} rounds`);
  console.log(`ours (evaluate7):  ${millions(result.oursPerSecond)}`);
  console.log(`phe (evaluateCardCodes): ${millions(result.phePerSecond)}`);
  console.log(`phe (internal evaluator7, extra): ${millions(result.pheInternalPerSecond)}`);
  console.log(`ratio ours / phe:  ${result.ratio.toFixed(2)}x`);
  console.log(`agreed on every hand: ${result.agreed}`);
  console.log(JSON.stringify(result));
}
