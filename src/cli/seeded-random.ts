/**
 * A small seeded pseudo-random generator (mulberry32) for simulations that must be reproducible
 * from a seed. Never for dealing real hands: those use crypto.randomInt.
 */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A whole number in 0..max-1. */
export function seededInt(rand: () => number, max: number): number {
  return Math.floor(rand() * max);
}
