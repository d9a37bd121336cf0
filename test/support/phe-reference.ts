/**
 * The `phe` npm package (a port of PokerHandEvaluator) as an independent reference for our hand
 * evaluator. It ships no types and is CommonJS, hence createRequire and the hand-written interface.
 *
 * phe's card code is rank * 4 + suit like ours, with the same rank order (2 = 0 .. A = 12) but suits
 * ordered s, h, d, c where ours are c, d, h, s: suit' = 3 - suit, which is `card ^ 3`.
 * phe's result is the Cactus Kev rank, 1 (royal flush) .. 7462 (7-5-4-3-2): LOWER is better.
 */
import { createRequire } from 'node:module';
import type { Card } from '../../src/engine/cards.js';

type PheEvaluate7 = (a: number, b: number, c: number, d: number, e: number, f: number, g: number) => number;

interface PheModule {
  /** Documented entry point for 5..7 numeric card codes. */
  evaluateCardCodes(codes: readonly number[]): number;
}

const require = createRequire(import.meta.url);

export const phe = require('phe') as PheModule;

/**
 * phe's internal seven-card function (what evaluateCardCodes calls through `apply`). Not part of
 * its documented API; used only to report an extra, stricter benchmark figure.
 */
export const pheEvaluate7Internal = require('phe/lib/evaluator7.js') as PheEvaluate7;

export function toPheCode(card: Card): number {
  return card ^ 3;
}

/** Our value convention (higher is better, 1..7462) from phe's rank. */
export function valueFromPheRank(pheRank: number): number {
  return 7463 - pheRank;
}
