import type { TournamentState } from './director-types.js';
import { levelNumberAt, positionAt } from './structure.js';

/**
 * What a live runner saves of a tournament after every event (the `state` column): the director's
 * state, which ledger entry each director entry is (the director numbers entries 0, 1, ...; the
 * ledger by its own ids), and the wall-clock time of the save, so a reader can place the level's
 * end in real time. Plain JSON.
 */
export interface RunnerState {
  readonly version: 1;
  readonly director: TournamentState;
  /** By director entry id: the ledger's entry id (a decimal string). */
  readonly ledgerEntryIds: readonly string[];
  /** Wall-clock ms when saved; the play clock (director.clockMs) was then as saved. */
  readonly savedAtMs: number;
  /**
   * By table number: the table's own number of the last hand whose report the director applied. A
   * hand is recorded settled before its report reaches the director; a resumed run applies a
   * settled hand numbered past this one instead of voiding it. Absent in states saved before it
   * was kept (then the hand in play is void, as before).
   */
  readonly appliedHands?: Readonly<Record<string, number>>;
  /** By director entry id: the deal share paid to the entry (its prize includes it); absent before any deal. */
  readonly dealShares?: Readonly<Record<string, string>>;
}

export function isRunnerState(value: unknown): value is RunnerState {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as Partial<RunnerState>;
  return (
    candidate.version === 1 &&
    typeof candidate.director === 'object' &&
    candidate.director !== null &&
    Array.isArray(candidate.ledgerEntryIds) &&
    typeof candidate.savedAtMs === 'number'
  );
}

/** The level in play as players see it: during a break, the level before it. */
export interface LevelInPlay {
  readonly level: number;
  readonly onBreak: boolean;
  readonly smallBlind: number;
  readonly bigBlind: number;
  readonly ante: number;
  /** Play time at which the step ends; null for the last level. */
  readonly endsAtClockMs: number | null;
}

export function levelInPlay(state: TournamentState): LevelInPlay {
  const structure = state.config.structure;
  const step = structure.steps[state.stepIndex]!;
  let blinds = step;
  for (let index = state.stepIndex; blinds.kind === 'break' && index >= 0; index--)
    blinds = structure.steps[index]!;
  const level = blinds.kind === 'level' ? blinds : { smallBlind: 0, bigBlind: 0, ante: 0 };
  return {
    level: Math.max(1, levelNumberAt(structure, state.stepIndex)),
    onBreak: step.kind === 'break',
    smallBlind: level.smallBlind,
    bigBlind: level.bigBlind,
    ante: level.ante,
    endsAtClockMs: positionAt(structure, state.clockMs).endsAtMs,
  };
}

/** Players still in, best first: by stack, then entry order. Bounded by `limit`. */
export function standings(state: TournamentState, limit: number): { entryId: number; stack: number }[] {
  return state.entries
    .filter((entry) => entry.status === 'playing')
    .sort((a, b) => b.stack - a.stack || a.entryId - b.entryId)
    .slice(0, limit)
    .map((entry) => ({ entryId: entry.entryId, stack: entry.stack }));
}
