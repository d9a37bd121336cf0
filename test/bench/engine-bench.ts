/**
 * `npm run bench:engine`: the engine's figures against the fastest npm competitors, measured in
 * the same run on the same machine. Prints each part's report, then one JSON line with the figures,
 * each next to its competitor's figure and the ratio (targets: 2x phe, 2x poker-ts).
 */
import { runEvaluatorBench } from './evaluator-bench.js';
import { runHandBench } from './hand-bench.js';

const evaluator = await runEvaluatorBench();
console.log(
  `evaluator: ours ${Math.round(evaluator.oursPerSecond).toLocaleString()} evals/s, ` +
    `phe ${Math.round(evaluator.phePerSecond).toLocaleString()} evals/s, ratio ${evaluator.ratio.toFixed(2)}x, ` +
    `agreed on all ${evaluator.hands.toLocaleString()} hands: ${evaluator.agreed}`,
);
const hands = await runHandBench();
for (const [name, figures] of [
  ['heads-up', hands.headsUp],
  ['6-max', hands.sixMax],
] as const) {
  console.log(
    `engine ${name}: ours ${Math.round(figures.oursPerSecond).toLocaleString()} hands/s, ` +
      `poker-ts ${Math.round(figures.pokerTsPerSecond).toLocaleString()} hands/s, ratio ${figures.ratio.toFixed(2)}x`,
  );
}
console.log(
  `chip conservation violations (ours, checked every hand): ${hands.conservationViolations}; ` +
    `poker-ts hands with chips lost: ${(hands.pokerTsChipLossRate * 100).toFixed(2)}%; ` +
    `poker-ts hands aborted: ${hands.pokerTsAbortedHands}`,
);
console.log(
  JSON.stringify({
    evaluator: {
      oursPerSecond: Math.round(evaluator.oursPerSecond),
      phePerSecond: Math.round(evaluator.phePerSecond),
      ratio: Number(evaluator.ratio.toFixed(2)),
      target: 2,
      agreed: evaluator.agreed,
    },
    engineHeadsUp: {
      oursPerSecond: Math.round(hands.headsUp.oursPerSecond),
      pokerTsPerSecond: Math.round(hands.headsUp.pokerTsPerSecond),
      ratio: Number(hands.headsUp.ratio.toFixed(2)),
      target: 2,
    },
    engineSixMax: {
      oursPerSecond: Math.round(hands.sixMax.oursPerSecond),
      pokerTsPerSecond: Math.round(hands.sixMax.pokerTsPerSecond),
      ratio: Number(hands.sixMax.ratio.toFixed(2)),
      target: 2,
    },
    conservationViolations: hands.conservationViolations,
    pokerTsChipLossRate: hands.pokerTsChipLossRate,
    pokerTsAbortedHands: hands.pokerTsAbortedHands,
  }),
);
