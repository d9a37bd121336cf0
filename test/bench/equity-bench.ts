/**
 * All-in equity timings (src/engine/equity.ts): exact enumeration of every runout, for the spots a
 * table may have to compute when betting closes. Run directly: `npx tsx test/bench/equity-bench.ts`.
 *
 * Each scenario is timed on several seeded random deals, once each, after untimed warm-up runs on
 * its first deal (so the JIT has optimized the loop, as it has in a server that has run a while: a
 * preflop enumeration warms itself up, a 300-runout one needs a few dozen calls); the figure
 * reported is the WORST deal (what a table would wait for), with the median beside it. The work barely depends on
 * the cards: it is (runouts) x (players) evaluations.
 * - PLO 6-way on the flop: 24 hole + 3 board cards known, C(25, 2) = 300 runouts x 6 players
 *   (the worst case the issue names).
 * - NLHE heads-up preflop: C(48, 5) = 1,712,304 runouts x 2.
 * - NLHE 6-way preflop: C(40, 5) = 658,008 runouts x 6.
 * - Extra: PLO heads-up preflop, C(44, 5) = 1,086,008 x 2, and PLO 6-way preflop, C(28, 5) = 98,280 x 6.
 */
import { pathToFileURL } from 'node:url';
import type { Card } from '../../src/engine/cards.js';
import { computeEquity, type EquityGame } from '../../src/engine/equity.js';
import { drawCards } from '../support/omaha-reference.js';
import { seededRandom } from '../support/seeded-random.js';

export interface EquityScenarioFigures {
  name: string;
  runouts: number;
  /** Worst deal. */
  worstMs: number;
  medianMs: number;
  deals: number;
}

export interface EquityBenchResult {
  ploSixWayFlopMs: number;
  nlheHeadsUpPreflopMs: number;
  nlheSixWayPreflopMs: number;
  ploHeadsUpPreflopMs: number;
  ploSixWayPreflopMs: number;
  scenarios: EquityScenarioFigures[];
}

interface Scenario {
  name: string;
  game: EquityGame;
  players: number;
  boardSize: number;
  deals: number;
  warmups: number;
}

const SCENARIOS: readonly Scenario[] = [
  { name: 'PLO 6-way flop', game: 'PO', players: 6, boardSize: 3, deals: 20, warmups: 50 },
  { name: 'NLHE heads-up preflop', game: 'NT', players: 2, boardSize: 0, deals: 5, warmups: 1 },
  { name: 'NLHE 6-way preflop', game: 'NT', players: 6, boardSize: 0, deals: 5, warmups: 1 },
  { name: 'PLO heads-up preflop', game: 'PO', players: 2, boardSize: 0, deals: 5, warmups: 1 },
  { name: 'PLO 6-way preflop', game: 'PO', players: 6, boardSize: 0, deals: 5, warmups: 1 },
];

function deal(rand: () => number, scenario: Scenario): { players: Card[][]; board: Card[] } {
  const holeCount = scenario.game === 'NT' ? 2 : 4;
  const cards = drawCards(rand, scenario.players * holeCount + scenario.boardSize);
  const players = Array.from({ length: scenario.players }, (_, p) =>
    cards.slice(p * holeCount, (p + 1) * holeCount),
  );
  return { players, board: cards.slice(scenario.players * holeCount) };
}

function milliseconds(run: () => unknown): number {
  const start = process.hrtime.bigint();
  run();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

export async function runEquityBench(options: { seed?: number } = {}): Promise<EquityBenchResult> {
  const rand = seededRandom(options.seed ?? 77);
  const scenarios: EquityScenarioFigures[] = [];
  for (const scenario of SCENARIOS) {
    const times: number[] = [];
    let runouts = 0;
    for (let d = 0; d < scenario.deals; d++) {
      const { players, board } = deal(rand, scenario);
      const input = { game: scenario.game, players, board };
      if (d === 0) for (let w = 0; w < scenario.warmups; w++) computeEquity(input);
      times.push(
        milliseconds(() => {
          runouts = computeEquity(input).runouts;
        }),
      );
      await new Promise((resolve) => setImmediate(resolve));
    }
    times.sort((a, b) => a - b);
    scenarios.push({
      name: scenario.name,
      runouts,
      worstMs: times[times.length - 1]!,
      medianMs: times[times.length >> 1]!,
      deals: scenario.deals,
    });
  }
  const worst = (name: string): number => Number(scenarios.find((s) => s.name === name)!.worstMs.toFixed(2));
  return {
    ploSixWayFlopMs: worst('PLO 6-way flop'),
    nlheHeadsUpPreflopMs: worst('NLHE heads-up preflop'),
    nlheSixWayPreflopMs: worst('NLHE 6-way preflop'),
    ploHeadsUpPreflopMs: worst('PLO heads-up preflop'),
    ploSixWayPreflopMs: worst('PLO 6-way preflop'),
    scenarios,
  };
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const result = await runEquityBench();
  for (const s of result.scenarios) {
    console.log(
      `${s.name}: ${s.runouts.toLocaleString()} runouts, worst ${s.worstMs.toFixed(2)} ms, ` +
        `median ${s.medianMs.toFixed(2)} ms over ${s.deals} deals`,
    );
  }
  console.log(JSON.stringify(result));
}
