import { uniformFloat64 } from 'pure-rand/distribution/uniformFloat64';
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';

/**
 * A seeded pseudo-random generator (pure-rand's xoroshiro128+) for simulations that must be
 * reproducible from a seed. Never for dealing real hands: those use crypto.randomInt.
 */
export function seededRandom(seed: number): () => number {
  const generator = xoroshiro128plus(seed);
  return () => uniformFloat64(generator);
}

/** A whole number in 0..max-1. */
export function seededInt(rand: () => number, max: number): number {
  return Math.floor(rand() * max);
}
