/**
 * A random whole number in 0..maxExclusive-1. The caller passes the CSPRNG for real tournaments
 * (node:crypto's randomInt has this shape) and a seeded generator for simulations and tests;
 * nothing in src/tournaments draws a random number by itself.
 */
export type RandomInt = (maxExclusive: number) => number;

/** A uniformly random order of `items` (Fisher-Yates), drawn from `randomInt`. */
export function shuffle<T>(items: readonly T[], randomInt: RandomInt): T[] {
  const result = items.slice();
  for (let i = result.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [result[i], result[j]] = [result[j]!, result[i]!];
  }
  return result;
}
