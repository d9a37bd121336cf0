import { seededRandom } from '../../src/cli/seeded-random.js';

/**
 * The bots' seeded choices (actions, think times, storm moments), from the project's one seeded
 * generator (mulberry32, src/cli/seeded-random.ts). Not for anything secret: its only job is to
 * make a run repeatable from its seed.
 */
export type Random = () => number;

export { seededRandom };

/** A whole number in [min, max], both included. */
export function randomInt(random: Random, min: number, max: number): number {
  return min + Math.floor(random() * (max - min + 1));
}

/** An independent generator derived from this one (one per bot, so bots do not share a sequence). */
export function forkRandom(random: Random): Random {
  return seededRandom(Math.floor(random() * 2 ** 32));
}
