import {
  type BlindLevel,
  type StructureStep,
  type TournamentStructure,
  TournamentStructureSchema,
} from '../protocol/tournament-structure.js';

/**
 * Blind structures and the level clock. The clock is the tournament's PLAY time in ms, passed in
 * by the caller (who leaves out any downtime): nothing here reads a clock. A level in force
 * applies to hands dealt from then on; a hand in progress keeps the level it was dealt with.
 */

export type PresetName = 'turbo' | 'regular' | 'deep';
export const PRESET_NAMES: readonly PresetName[] = ['turbo', 'regular', 'deep'];

/**
 * The big blinds of every preset: 50, 100, 150, 200, 300, 400, 500, 600, 800, then 1, 1.2, 1.6,
 * 2, 2.5, 3, 4, 5, 6, 8 times each power of ten from 1,000 to 1,000,000,000: enough for a field of
 * a million starting stacks to end with a few dozen big blinds in play.
 */
function bigBlindLadder(): number[] {
  const ladder = [50, 100, 150, 200, 300, 400, 500, 600, 800];
  for (let power = 1_000; power <= 1_000_000_000; power *= 10) {
    for (const mantissa of [10, 12, 16, 20, 25, 30, 40, 50, 60, 80]) ladder.push((mantissa * power) / 10);
  }
  return ladder;
}

interface PresetShape {
  readonly startingStack: number;
  readonly levelMs: number;
  /** A break of breakMs after every this many blind levels. */
  readonly levelsBetweenBreaks: number;
  readonly breakMs: number;
  /** The first blind level (1-based) with a big-blind ante (equal to the big blind). */
  readonly firstAnteLevel: number;
}

const MINUTE_MS = 60_000;

const PRESET_SHAPES: Readonly<Record<PresetName, PresetShape>> = {
  turbo: {
    startingStack: 10_000,
    levelMs: 5 * MINUTE_MS,
    levelsBetweenBreaks: 11,
    breakMs: 5 * MINUTE_MS,
    firstAnteLevel: 3,
  },
  regular: {
    startingStack: 20_000,
    levelMs: 10 * MINUTE_MS,
    levelsBetweenBreaks: 5,
    breakMs: 5 * MINUTE_MS,
    firstAnteLevel: 3,
  },
  deep: {
    startingStack: 30_000,
    levelMs: 20 * MINUTE_MS,
    levelsBetweenBreaks: 3,
    breakMs: 5 * MINUTE_MS,
    firstAnteLevel: 4,
  },
};

/** A preset structure, checked by the same schema as a custom one. */
export function presetStructure(name: PresetName): TournamentStructure {
  const shape = PRESET_SHAPES[name];
  const steps: StructureStep[] = [];
  bigBlindLadder().forEach((bigBlind, index) => {
    const levelNumber = index + 1;
    if (index > 0 && index % shape.levelsBetweenBreaks === 0)
      steps.push({ kind: 'break', durationMs: shape.breakMs });
    steps.push({
      kind: 'level',
      smallBlind: bigBlind / 2,
      bigBlind,
      ante: levelNumber >= shape.firstAnteLevel ? bigBlind : 0,
      durationMs: shape.levelMs,
    });
  });
  return TournamentStructureSchema.parse({ name, startingStack: shape.startingStack, steps });
}

/** Where the clock stands in a structure. */
export interface ClockPosition {
  /** Index into structure.steps. Past the end, the last step (a blind level), which never ends. */
  readonly stepIndex: number;
  /** Play time at which this step ends; null for the last one. */
  readonly endsAtMs: number | null;
}

/** The step in force at play time `clockMs` (a step ending at t gives way at t exactly). */
export function positionAt(structure: TournamentStructure, clockMs: number): ClockPosition {
  let endsAtMs = 0;
  const last = structure.steps.length - 1;
  for (let index = 0; index < last; index++) {
    endsAtMs += structure.steps[index]!.durationMs;
    if (clockMs < endsAtMs) return { stepIndex: index, endsAtMs };
  }
  return { stepIndex: last, endsAtMs: null };
}

/** The blind level at a step index; a break gives the level that follows it (dealt after it). */
export function blindLevelAt(structure: TournamentStructure, stepIndex: number): BlindLevel {
  for (let index = stepIndex; index < structure.steps.length; index++) {
    const step = structure.steps[index]!;
    if (step.kind === 'level') return step;
  }
  throw new RangeError('a structure ends with a blind level'); // the schema guarantees it
}

/** The 1-based number of the blind level at (or, for a break, just before) a step index. */
export function levelNumberAt(structure: TournamentStructure, stepIndex: number): number {
  let number = 0;
  for (let index = 0; index <= stepIndex; index++) if (structure.steps[index]!.kind === 'level') number++;
  return number;
}

/** Play time at which blind level number `levelNumber` (1-based) ends; null if it never does. */
export function levelEndsAtMs(structure: TournamentStructure, levelNumber: number): number | null {
  let endsAtMs = 0;
  let number = 0;
  for (let index = 0; index < structure.steps.length - 1; index++) {
    const step = structure.steps[index]!;
    endsAtMs += step.durationMs;
    if (step.kind === 'level' && ++number === levelNumber) return endsAtMs;
  }
  return null;
}
