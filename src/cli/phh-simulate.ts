import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { GameVariant } from '../engine/hand-types.js';
import { exportPhh } from '../engine/phh/phh-export.js';
import { Money } from '../money/index.js';
import { playRandomHand, randomSetup } from './random-hand.js';
import { seededRandom } from './seeded-random.js';

/**
 * `phh simulate`: plays random hands with a seeded generator and writes each one as a .phh file
 * with its finishing stacks, so `phh replay --check` can verify the engine against its own
 * exports (and the same seed always writes the same files).
 */
export interface SimulateOptions {
  readonly hands: number;
  readonly players: number;
  readonly seed: number;
  readonly out: string;
  readonly variant: GameVariant;
  readonly chipUnit: string;
}

export function simulateHands(options: SimulateOptions): string[] {
  const rand = seededRandom(options.seed);
  const chipUnit = new Money(options.chipUnit);
  const digits = String(options.hands).length;
  mkdirSync(options.out, { recursive: true });
  const written: string[] = [];
  for (let i = 1; i <= options.hands; i++) {
    const played = playRandomHand(rand, randomSetup(rand, options.players, options.variant));
    const path = join(options.out, `hand-${String(i).padStart(digits, '0')}.phh`);
    writeFileSync(
      path,
      exportPhh(played.state, played.events, { chipUnit, hand: i, extras: { _seed: options.seed } }),
    );
    written.push(path);
  }
  return written;
}
