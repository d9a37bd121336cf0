import type { TomlValue } from 'smol-toml';
import { Money } from '../../money/index.js';
import type { Card } from '../cards.js';
import type { RakeRules } from '../hand-types.js';
import { parsePhhCards } from './phh-actions.js';
import { decimalToUnits, tomlAmountToDecimal } from './phh-amount.js';
import { type PhhResult, phhError } from './phh-errors.js';

/**
 * What this server needs to reproduce a hand exactly but PHH has no field for travels in user
 * fields (PHH reserves names starting with `_` for users): the chip unit, when the amounts alone do
 * not show it, the rake, which changes the finishing stacks, and live blinds posted out of position
 * (amounts per position, like `blinds_or_straddles`). Other readers ignore them.
 *
 * A hand whose betting ended all-in with cards to come paused for its runout (every hand shown,
 * then the board dealt once or twice): `_runs` says how many times. The actions record the first
 * run as any board, so PokerKit reads the hand as if it ran once; `_second_board` holds the cards
 * the second run dealt (PHH card text, like a `d db` line), which replace the same number of last
 * board cards: all-in on the flop, `_second_board = '7c2d'` is the second turn and river.
 */
export const CHIP_UNIT_FIELD = '_chip_unit';
export const RAKE_BASIS_POINTS_FIELD = '_rake_basis_points';
export const RAKE_CAP_FIELD = '_rake_cap';
export const RAKE_NO_FLOP_NO_DROP_FIELD = '_rake_no_flop_no_drop';
export const LIVE_POSTS_FIELD = '_live_posts';
export const RUNS_FIELD = '_runs';
export const SECOND_BOARD_FIELD = '_second_board';
/** The big blind posted its blind before its big-blind ante (HandSetup.blindBeforeAnte): `true`. */
export const BLIND_BEFORE_ANTE_FIELD = '_blind_before_ante';

export const OUR_USER_FIELDS: readonly string[] = [
  CHIP_UNIT_FIELD,
  RAKE_BASIS_POINTS_FIELD,
  RAKE_CAP_FIELD,
  RAKE_NO_FLOP_NO_DROP_FIELD,
  LIVE_POSTS_FIELD,
  RUNS_FIELD,
  SECOND_BOARD_FIELD,
  BLIND_BEFORE_ANTE_FIELD,
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

/** Whether a history declares that the blind was posted before the ante (false by default). */
export function declaredBlindBeforeAnte(extras: Readonly<Record<string, TomlValue>>): PhhResult<boolean> {
  const value = extras[BLIND_BEFORE_ANTE_FIELD] ?? false;
  if (typeof value !== 'boolean')
    return phhError('phh/invalid-field', `${BLIND_BEFORE_ANTE_FIELD} must be true or false`);
  return { ok: true, value };
}

/** How an all-in hand's board was run out: once or twice, with the second run's cards. */
export interface DeclaredRunout {
  readonly runs: 1 | 2;
  readonly secondBoard: readonly Card[];
}

/** The runout a history declares, or null when the hand did not pause for one. */
export function declaredRunout(
  extras: Readonly<Record<string, TomlValue>>,
): PhhResult<DeclaredRunout | null> {
  const runs = extras[RUNS_FIELD];
  const second = extras[SECOND_BOARD_FIELD];
  if (runs === undefined) {
    if (second === undefined) return { ok: true, value: null };
    return phhError('phh/invalid-field', `${SECOND_BOARD_FIELD} needs ${RUNS_FIELD} = 2`);
  }
  if (runs !== 1 && runs !== 2 && runs !== 1n && runs !== 2n) {
    return phhError('phh/invalid-field', `${RUNS_FIELD} must be 1 or 2`);
  }
  if (Number(runs) === 1) {
    if (second !== undefined)
      return phhError('phh/invalid-field', `${SECOND_BOARD_FIELD} needs ${RUNS_FIELD} = 2`);
    return { ok: true, value: { runs: 1, secondBoard: [] } };
  }
  const cards = typeof second === 'string' ? parsePhhCards(second) : null;
  if (cards === null || cards.length < 1 || cards.length > 5 || cards.includes(null)) {
    return phhError('phh/invalid-field', `${SECOND_BOARD_FIELD} must name 1 to 5 known cards`);
  }
  return { ok: true, value: { runs: 2, secondBoard: cards as Card[] } };
}
