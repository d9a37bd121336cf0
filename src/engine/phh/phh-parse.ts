import { parse, TomlError, type TomlTable, type TomlValue } from 'smol-toml';
import { type PhhResult, phhError } from './phh-errors.js';
import { type PhhHand, readPhhHand } from './phh-model.js';

/**
 * Reads .phh (one hand per file) and .phhs (many hands, each under a table header [1], [2], ...).
 * A TOML syntax error fails the whole file; a bad hand in a .phhs fails only that hand.
 */

export type PhhFileKind = 'phh' | 'phhs';

export interface PhhEntry {
  /** The table key in a .phhs ("1", "2", ...); null for a .phh. */
  readonly key: string | null;
  readonly hand: PhhResult<PhhHand>;
}

export function phhFileKindOf(path: string): PhhFileKind | null {
  if (path.endsWith('.phhs')) return 'phhs';
  if (path.endsWith('.phh')) return 'phh';
  return null;
}

/** Parses TOML text, keeping integers beyond 2^53 exact (as BigInt). */
export function parseToml(text: string): PhhResult<TomlTable> {
  try {
    return { ok: true, value: parse(text, { integersAsBigInt: 'asNeeded', unsafeKeyBehaviour: 'throw' }) };
  } catch (error) {
    if (error instanceof TomlError || error instanceof Error) {
      return phhError('phh/toml-syntax', error.message.split('\n')[0] ?? 'invalid TOML');
    }
    throw error;
  }
}

function isTable(value: TomlValue | undefined): value is TomlTable {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date);
}

/** Parses one .phh document. */
export function parsePhh(text: string): PhhResult<PhhHand> {
  const toml = parseToml(text);
  if (!toml.ok) return toml;
  return readPhhHand(toml.value);
}

/** Parses a .phhs document into its hands, in key order. */
export function parsePhhs(text: string): PhhResult<PhhEntry[]> {
  const toml = parseToml(text);
  if (!toml.ok) return toml;
  const entries: PhhEntry[] = [];
  for (const [key, value] of Object.entries(toml.value)) {
    if (!isTable(value))
      return phhError('phh/invalid-field', `top-level key "${key}" of a .phhs must be a table of one hand`);
    entries.push({ key, hand: readPhhHand(value) });
  }
  return { ok: true, value: entries };
}

/** Parses a file of either kind into entries. */
export function parsePhhFile(text: string, kind: PhhFileKind): PhhResult<PhhEntry[]> {
  if (kind === 'phhs') return parsePhhs(text);
  const toml = parseToml(text);
  if (!toml.ok) return toml;
  return { ok: true, value: [{ key: null, hand: readPhhHand(toml.value) }] };
}
