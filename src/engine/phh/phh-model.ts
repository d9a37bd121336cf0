import type { TomlValue } from 'smol-toml';
import { z } from 'zod';
import { GAME_VARIANTS, type GameVariant } from '../hand-types.js';
import { type PhhAction, parsePhhAction } from './phh-actions.js';
import { tomlAmountToDecimal } from './phh-amount.js';
import { type PhhResult, phhError } from './phh-errors.js';

/**
 * One hand history of No-Limit Hold'em ('NT') or Pot-Limit Omaha ('PO'), validated. Amounts are exact decimal strings; arrays
 * are by position (PHH order: small blind first, button last). Fields this module does not
 * interpret, standard ones (event, time, ante_trimming_status, ...) and user fields (`_...`), are
 * kept in `extras` exactly as TOML values, so they survive an import and export.
 */
export interface PhhHand {
  readonly variant: GameVariant;
  readonly antes: readonly string[];
  readonly blindsOrStraddles: readonly string[];
  readonly minBet: string;
  readonly startingStacks: readonly string[];
  readonly actions: readonly PhhAction[];
  readonly finishingStacks?: readonly string[];
  readonly players?: readonly string[];
  readonly hand?: number | string;
  readonly seats?: readonly number[];
  readonly currency?: string;
  readonly extras: Readonly<Record<string, TomlValue>>;
}

/** The TOML keys this model reads; everything else goes to `extras`. */
export const PHH_FIELDS = [
  'variant',
  'antes',
  'blinds_or_straddles',
  'min_bet',
  'starting_stacks',
  'actions',
  'finishing_stacks',
  'players',
  'hand',
  'seats',
  'currency',
] as const;

const PLAYERS_MAX = 10;

const Amount = z.unknown().transform((value, ctx) => {
  const amount = tomlAmountToDecimal(value);
  if (amount.ok) return amount.value;
  ctx.addIssue({ code: 'custom', message: amount.error.message });
  return z.NEVER;
});

const TomlInteger = z.union([
  z.number().int(),
  z.bigint().transform((value, ctx) => {
    if (value <= BigInt(Number.MAX_SAFE_INTEGER)) return Number(value);
    ctx.addIssue({ code: 'custom', message: 'integer too large' });
    return z.NEVER;
  }),
]);

export const RawPhhHandSchema = z
  .object({
    variant: z.enum(GAME_VARIANTS as [GameVariant, ...GameVariant[]]),
    antes: z.array(Amount),
    blinds_or_straddles: z.array(Amount),
    min_bet: Amount,
    starting_stacks: z.array(Amount).min(2).max(PLAYERS_MAX),
    actions: z.array(z.string()),
    finishing_stacks: z.array(Amount).optional(),
    players: z.array(z.string()).optional(),
    hand: z.union([TomlInteger, z.string()]).optional(),
    seats: z.array(TomlInteger.pipe(z.number().int().nonnegative())).optional(),
    currency: z.string().optional(),
  })
  .superRefine((hand, ctx) => {
    const count = hand.starting_stacks.length;
    const sameLength = ['finishing_stacks', 'players', 'seats'] as const;
    for (const key of sameLength) {
      const value = hand[key];
      if (value !== undefined && value.length !== count) {
        ctx.addIssue({
          code: 'custom',
          path: [key],
          message: `has ${value.length} entries for ${count} players`,
        });
      }
    }
    // Shorter antes and blinds arrays are padded with zeros; longer ones are a mistake.
    for (const key of ['antes', 'blinds_or_straddles'] as const) {
      if (hand[key].length > count) {
        ctx.addIssue({
          code: 'custom',
          path: [key],
          message: `has ${hand[key].length} entries for ${count} players`,
        });
      }
    }
  });

function padded(values: readonly string[], length: number): string[] {
  return Array.from({ length }, (_, i) => values[i] ?? '0');
}

function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((issue) => `${issue.path.join('.') || '(hand)'}: ${issue.message}`)
    .join('; ');
}

function isGameVariant(value: unknown): value is GameVariant {
  return (GAME_VARIANTS as readonly unknown[]).includes(value);
}

/** Validates one parsed TOML table as an NT or PO hand history. */
export function readPhhHand(table: Readonly<Record<string, TomlValue>>): PhhResult<PhhHand> {
  const variant = table['variant'];
  if (variant !== undefined && !isGameVariant(variant)) {
    return phhError(
      'phh/unsupported-variant',
      `variant ${JSON.stringify(variant)} is neither 'NT' (No-Limit Hold'em) nor 'PO' (Pot-Limit Omaha)`,
    );
  }
  const parsed = RawPhhHandSchema.safeParse(table);
  if (!parsed.success) return phhError('phh/invalid-field', describeIssues(parsed.error));
  const raw = parsed.data;

  const actions: PhhAction[] = [];
  for (const [index, source] of raw.actions.entries()) {
    const action = parsePhhAction(source, index);
    if (!action.ok) return action;
    actions.push(action.value);
  }

  const extras: Record<string, TomlValue> = {};
  for (const key of Object.keys(table)) {
    if (!(PHH_FIELDS as readonly string[]).includes(key)) extras[key] = table[key]!;
  }

  const count = raw.starting_stacks.length;
  const hand: PhhHand = {
    variant: raw.variant,
    antes: padded(raw.antes, count),
    blindsOrStraddles: padded(raw.blinds_or_straddles, count),
    minBet: raw.min_bet,
    startingStacks: raw.starting_stacks,
    actions,
    ...(raw.finishing_stacks && { finishingStacks: raw.finishing_stacks }),
    ...(raw.players && { players: raw.players }),
    ...(raw.hand !== undefined && { hand: raw.hand }),
    ...(raw.seats && { seats: raw.seats }),
    ...(raw.currency !== undefined && { currency: raw.currency }),
    extras,
  };
  return { ok: true, value: hand };
}

/**
 * The amounts a hand is played from, for choosing its chip unit: stacks, forced bets, the minimum
 * bet and the bets and raises. Never `finishing_stacks`: they are the outcome a replay is checked
 * against, and a unit taken from them would rescale the replay until it agreed with them.
 */
export function amountsOf(hand: PhhHand): string[] {
  const amounts = [...hand.antes, ...hand.blindsOrStraddles, hand.minBet, ...hand.startingStacks];
  for (const action of hand.actions) if (action.kind === 'bet-or-raise-to') amounts.push(action.amount);
  return amounts;
}
