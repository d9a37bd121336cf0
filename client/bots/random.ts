import { uniformFloat64 } from 'pure-rand/distribution/uniformFloat64';
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';

/**
 * The bots' seeded choices (actions, think times, storm moments), from pure-rand's xoroshiro128+,
 * the generator the server's simulator uses too. Not for anything secret: its only job is to make
 * a run repeatable from its seed.
 */
export type Random = () => number;

export function seededRandom(seed: number): Random {
  const generator = xoroshiro128plus(seed);
  return () => uniformFloat64(generator);
}

/** A whole number in [min, max], both included. */
export function randomInt(random: Random, min: number, max: number): number {
  return min + Math.floor(random() * (max - min + 1));
}

/** An independent generator derived from this one (one per bot, so bots do not share a sequence). */
export function forkRandom(random: Random): Random {
  return seededRandom(Math.floor(random() * 2 ** 32));
}

/**
 * Which bots the reconnect storm drops: exactly round(fraction × count) of them, chosen by the
 * run's seeded random (a partial Fisher-Yates shuffle).
 */
export function stormedBots(count: number, fraction: number, random: Random): Set<number> {
  const indices = Array.from({ length: count }, (_, i) => i);
  const dropped = Math.round(fraction * count);
  for (let i = 0; i < dropped; i++) {
    const j = randomInt(random, i, count - 1);
    [indices[i], indices[j]] = [indices[j]!, indices[i]!];
  }
  return new Set(indices.slice(0, dropped));
}
