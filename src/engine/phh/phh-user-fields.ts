import type { TomlValue } from 'smol-toml';
import { Money } from '../../money/index.js';
import type { RakeRules } from '../hand-types.js';
import { decimalToUnits, tomlAmountToDecimal } from './phh-amount.js';
import { type PhhResult, phhError } from './phh-errors.js';

/**
 * What this server needs to reproduce a hand exactly but PHH has no field for travels in user
 * fields (PHH reserves names starting with `_` for users): the chip unit, when the amounts alone do
 * not show it, the rake, which changes the finishing stacks, and live blinds posted out of position
 * (amounts per position, like `blinds_or_straddles`). Other readers ignore them.
 */
export const CHIP_UNIT_FIELD = '_chip_unit';
export const RAKE_BASIS_POINTS_FIELD = '_rake_basis_points';
export const RAKE_CAP_FIELD = '_rake_cap';
export const RAKE_NO_FLOP_NO_DROP_FIELD = '_rake_no_flop_no_drop';
export const LIVE_POSTS_FIELD = '_live_posts';

export const OUR_USER_FIELDS: readonly string[] = [
  CHIP_UNIT_FIELD,
  RAKE_BASIS_POINTS_FIELD,
  RAKE_CAP_FIELD,
  RAKE_NO_FLOP_NO_DROP_FIELD,
  LIVE_POSTS_FIELD,
];

export const NO_RAKE: RakeRules = { basisPoints: 0, capUnits: 0, noFlopNoDrop: true };

/** The chip unit a history declares, or null when it declares none. */
export function declaredChipUnit(extras: Readonly<Record<string, TomlValue>>): PhhResult<Money | null> {
  const value = extras[CHIP_UNIT_FIELD];
  if (value === undefined) return { ok: true, value: null };
  const unit = tomlAmountToDecimal(value);
  if (!unit.ok || new Money(unit.value).isZero()) {
    return phhError('phh/invalid-field', `${CHIP_UNIT_FIELD} must be a positive amount`);
  }
  return { ok: true, value: new Money(unit.value) };
}

/** The rake rules a history declares (none by default). */
export function declaredRake(extras: Readonly<Record<string, TomlValue>>, unit: Money): PhhResult<RakeRules> {
  const basisPoints = extras[RAKE_BASIS_POINTS_FIELD];
  if (basisPoints === undefined) return { ok: true, value: NO_RAKE };
  if (
    typeof basisPoints !== 'number' ||
    !Number.isInteger(basisPoints) ||
    basisPoints < 0 ||
    basisPoints > 10_000
  ) {
    return phhError('phh/invalid-field', `${RAKE_BASIS_POINTS_FIELD} must be an integer in 0..10000`);
  }
  const cap = tomlAmountToDecimal(extras[RAKE_CAP_FIELD] ?? 0);
  if (!cap.ok) return phhError('phh/invalid-field', `${RAKE_CAP_FIELD}: ${cap.error.message}`);
  const capUnits = decimalToUnits(cap.value, unit);
  if (!capUnits.ok) return phhError('phh/invalid-field', `${RAKE_CAP_FIELD}: ${capUnits.error.message}`);
  const noFlopNoDrop = extras[RAKE_NO_FLOP_NO_DROP_FIELD] ?? true;
  if (typeof noFlopNoDrop !== 'boolean') {
    return phhError('phh/invalid-field', `${RAKE_NO_FLOP_NO_DROP_FIELD} must be true or false`);
  }
  return { ok: true, value: { basisPoints, capUnits: capUnits.value, noFlopNoDrop } };
}

/**
 * The live blinds a history declares, by position, as decimal text; null when it declares none.
 * Written as decimal strings, exact whatever the unit; TOML numbers are read too.
 */
export function declaredLivePosts(
  extras: Readonly<Record<string, TomlValue>>,
  playerCount: number,
): PhhResult<string[] | null> {
  const value = extras[LIVE_POSTS_FIELD];
  if (value === undefined) return { ok: true, value: null };
  if (!Array.isArray(value) || value.length > playerCount) {
    return phhError('phh/invalid-field', `${LIVE_POSTS_FIELD} must list at most one amount per player`);
  }
  const posts: string[] = [];
  for (const entry of value) {
    const amount = tomlAmountToDecimal(entry);
    if (!amount.ok) return phhError('phh/invalid-field', `${LIVE_POSTS_FIELD}: ${amount.error.message}`);
    posts.push(amount.value);
  }
  return { ok: true, value: posts };
}
