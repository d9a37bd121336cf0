/**
 * `npm run bench:engine`: the engine's figures against the fastest npm competitors, measured in
 * the same run on the same machine. Prints each part's report, then one JSON line with the figures,
 * each next to its competitor's figure and the ratio (targets: 2x phe, 2x poker-ts; Omaha: at most
 * 3x the cost of one 7-card evaluation and 10x the fastest npm Omaha evaluator). The parts run one
 * after another, never two benchmarks at once.
 */
import { runEquityBench } from './equity-bench.js';
import { runEvaluatorBench } from './evaluator-bench.js';
import { runHandBench } from './hand-bench.js';
import { runOmahaEvaluatorBench } from './omaha-evaluator-bench.js';

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
for (const [name, figures] of [
  ['heads-up', hands.ploHeadsUp],
  ['6-max', hands.ploSixMax],
] as const) {
  console.log(
    `engine PLO ${name}: ours ${Math.round(figures.oursPerSecond).toLocaleString()} hands/s, ` +
      `${figures.ratioToHoldem.toFixed(2)}x our Hold'em ${name} (${figures.actionsPerHand.toFixed(2)} actions per hand)`,
  );
}
console.log(
  `chip conservation violations (ours, both games, checked every hand): ${hands.conservationViolations}; ` +
    `poker-ts hands with chips lost: ${(hands.pokerTsChipLossRate * 100).toFixed(2)}%; ` +
    `poker-ts hands aborted: ${hands.pokerTsAbortedHands}`,
);
const omaha = await runOmahaEvaluatorBench();
console.log(
  `omaha evaluator: ours ${Math.round(omaha.oursPerSecond).toLocaleString()} evals/s, ` +
    `evaluate7 ${Math.round(omaha.sevenCardPerSecond).toLocaleString()} evals/s, ` +
    `cost vs 7-card ${omaha.costVs7Card.toFixed(2)}x; ` +
    omaha.npm
      .map(
        (figures) =>
          `${figures.name} ${Math.round(figures.perSecond).toLocaleString()} evals/s ` +
          `(agrees on ${(figures.agreement * 100).toFixed(2)}%)`,
      )
      .join(', ') +
    `; ratio to ${omaha.npmName} ${omaha.ratioToNpm.toFixed(1)}x; equals the brute-force rule: ${omaha.agreedWithRule}`,
);
const equity = await runEquityBench();
for (const scenario of equity.scenarios) {
  console.log(
    `equity ${scenario.name}: ${scenario.runouts.toLocaleString()} runouts, worst ${scenario.worstMs.toFixed(1)} ms, ` +
      `median ${scenario.medianMs.toFixed(1)} ms (${scenario.deals} deals)`,
  );
}
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
    enginePloHeadsUp: {
      oursPerSecond: Math.round(hands.ploHeadsUp.oursPerSecond),
      ratioToHoldem: Number(hands.ploHeadsUp.ratioToHoldem.toFixed(2)),
    },
    enginePloSixMax: {
      oursPerSecond: Math.round(hands.ploSixMax.oursPerSecond),
      ratioToHoldem: Number(hands.ploSixMax.ratioToHoldem.toFixed(2)),
    },
    conservationViolations: hands.conservationViolations,
    pokerTsChipLossRate: hands.pokerTsChipLossRate,
    pokerTsAbortedHands: hands.pokerTsAbortedHands,
    omahaEvaluator: {
      oursPerSecond: Math.round(omaha.oursPerSecond),
      sevenCardPerSecond: Math.round(omaha.sevenCardPerSecond),
      costVs7Card: Number(omaha.costVs7Card.toFixed(2)),
      costTarget: 3,
      npmName: omaha.npmName,
      npmPerSecond: Math.round(omaha.npmPerSecond),
      ratioToNpm: Number(omaha.ratioToNpm.toFixed(1)),
      ratioTarget: 10,
      npmAgreement: Number(omaha.npm.find((figures) => figures.name === omaha.npmName)!.agreement.toFixed(4)),
      agreedWithRule: omaha.agreedWithRule,
    },
    equity: {
      ploSixWayFlopMs: equity.ploSixWayFlopMs,
      nlheHeadsUpPreflopMs: equity.nlheHeadsUpPreflopMs,
      nlheSixWayPreflopMs: equity.nlheSixWayPreflopMs,
      ploHeadsUpPreflopMs: equity.ploHeadsUpPreflopMs,
      ploSixWayPreflopMs: equity.ploSixWayPreflopMs,
    },
  }),
);
