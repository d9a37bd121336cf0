/**
 * A small seeded pseudo-random generator (mulberry32) for the bots' choices: actions, think times,
 * storm moments. Not for anything secret; its only job is to make a run repeatable from its seed.
 */
export type Random = () => number;

export function seededRandom(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** A whole number in [min, max], both included. */
export function randomInt(random: Random, min: number, max: number): number {
  return min + Math.floor(random() * (max - min + 1));
}

/** An independent generator derived from this one (one per bot, so bots do not share a sequence). */
export function forkRandom(random: Random): Random {
  return seededRandom(Math.floor(random() * 2 ** 32));
}
