import { z } from 'zod';

/**
 * A tournament's blind structure as an admin sends it (a custom structure, as JSON): the starting
 * stack and the levels in play order, each a blind level or a break. Chips are tournament chips,
 * whole numbers, not money. The presets (turbo, regular, deep) are built in src/tournaments and
 * pass this same schema.
 */

/** Most chips anywhere in a structure: far above any real blind, well inside a safe integer. */
const CHIPS_MAX = 1_000_000_000_000;
const Chips = z.number().int().min(0).max(CHIPS_MAX);
/** A level or break lasts from one second (test and bot tournaments) to four hours. */
const DurationMs = z
  .number()
  .int()
  .min(1_000)
  .max(4 * 3_600_000);

export const BlindLevelSchema = z.strictObject({
  kind: z.literal('level'),
  smallBlind: Chips,
  bigBlind: Chips.min(1),
  /** The big-blind ante: paid by the big blind, before the blind, as dead money. 0 for none. */
  ante: Chips,
  durationMs: DurationMs,
});
export type BlindLevel = z.infer<typeof BlindLevelSchema>;

export const BreakSchema = z.strictObject({ kind: z.literal('break'), durationMs: DurationMs });
export type StructureBreak = z.infer<typeof BreakSchema>;

export const StructureStepSchema = z.discriminatedUnion('kind', [BlindLevelSchema, BreakSchema]);
export type StructureStep = z.infer<typeof StructureStepSchema>;

export const TournamentStructureSchema = z
  .strictObject({
    name: z.string().min(1).max(64),
    startingStack: Chips.min(1),
    /** In play order; the last blind level goes on for as long as the tournament does. */
    steps: z.array(StructureStepSchema).min(1).max(200),
  })
  .superRefine((structure, context) => {
    const issue = (message: string, index: number) =>
      context.addIssue({ code: 'custom', message, path: ['steps', index] });
    let previous: BlindLevel | null = null;
    structure.steps.forEach((step, index) => {
      if (step.kind === 'break') {
        if (previous === null) issue('a structure starts with a blind level', index);
        if (structure.steps[index - 1]?.kind === 'break') issue('two breaks in a row', index);
        return;
      }
      if (step.smallBlind > step.bigBlind) issue('the small blind exceeds the big blind', index);
      if (step.ante > step.bigBlind) issue('the big-blind ante exceeds the big blind', index);
      if (previous !== null && step.bigBlind < previous.bigBlind) issue('the big blind goes down', index);
      previous = step;
    });
    if (structure.steps.at(-1)?.kind === 'break')
      issue('a structure ends with a blind level', structure.steps.length - 1);
  });
export type TournamentStructure = z.infer<typeof TournamentStructureSchema>;
