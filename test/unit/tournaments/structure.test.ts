import { describe, expect, it } from 'vitest';
import { TournamentStructureSchema } from '../../../src/protocol/tournament-structure.js';
import {
  blindLevelAt,
  levelEndsAtMs,
  levelNumberAt,
  PRESET_NAMES,
  positionAt,
  presetStructure,
} from '../../../src/tournaments/structure.js';

const level = (bigBlind: number, durationMs = 60_000) => ({
  kind: 'level' as const,
  smallBlind: bigBlind / 2,
  bigBlind,
  ante: 0,
  durationMs,
});

describe('blind structures', () => {
  it('builds each preset through the schema, blinds rising, big-blind antes from an early level', () => {
    for (const name of PRESET_NAMES) {
      const structure = presetStructure(name);
      expect(TournamentStructureSchema.safeParse(structure).success).toBe(true);
      const levels = structure.steps.filter((step) => step.kind === 'level');
      for (let i = 1; i < levels.length; i++)
        expect(levels[i]!.bigBlind).toBeGreaterThan(levels[i - 1]!.bigBlind);
      expect(levels[0]!.ante).toBe(0);
      expect(levels[5]!.ante).toBe(levels[5]!.bigBlind);
      expect(structure.steps.some((step) => step.kind === 'break')).toBe(true);
    }
    expect(presetStructure('turbo').steps[0]!.durationMs).toBeLessThan(
      presetStructure('regular').steps[0]!.durationMs,
    );
    expect(presetStructure('regular').startingStack).toBeLessThan(presetStructure('deep').startingStack);
  });

  it('refuses a custom structure that starts with a break, lowers the blinds or has a small blind above the big', () => {
    const base = { name: 'custom', startingStack: 1000 };
    const parse = (steps: unknown[]) => TournamentStructureSchema.safeParse({ ...base, steps }).success;
    expect(parse([level(100), { kind: 'break', durationMs: 60_000 }, level(200)])).toBe(true);
    expect(parse([{ kind: 'break', durationMs: 60_000 }, level(100)])).toBe(false);
    expect(parse([level(200), level(100)])).toBe(false);
    expect(parse([{ ...level(100), smallBlind: 150 }])).toBe(false);
    expect(parse([level(100), { kind: 'break', durationMs: 60_000 }])).toBe(false);
    expect(parse([level(100, 10)])).toBe(false);
    expect(parse([{ ...level(100), ante: 1.5 }])).toBe(false);
  });

  it('runs the clock over levels and breaks; a level ends at its end exactly; the last never ends', () => {
    const structure = TournamentStructureSchema.parse({
      name: 'clock',
      startingStack: 1000,
      steps: [level(100), { kind: 'break', durationMs: 30_000 }, level(200), level(400)],
    });
    expect(positionAt(structure, 0)).toEqual({ stepIndex: 0, endsAtMs: 60_000 });
    expect(positionAt(structure, 59_999).stepIndex).toBe(0);
    expect(positionAt(structure, 60_000)).toEqual({ stepIndex: 1, endsAtMs: 90_000 });
    expect(positionAt(structure, 90_000)).toEqual({ stepIndex: 2, endsAtMs: 150_000 });
    expect(positionAt(structure, 10_000_000)).toEqual({ stepIndex: 3, endsAtMs: null });
    expect(blindLevelAt(structure, 1).bigBlind).toBe(200);
    expect(levelNumberAt(structure, 2)).toBe(2);
    expect(levelEndsAtMs(structure, 2)).toBe(150_000);
    expect(levelEndsAtMs(structure, 3)).toBeNull();
  });
});
