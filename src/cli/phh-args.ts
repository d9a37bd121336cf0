import { GAME_VARIANTS, type GameVariant } from '../engine/hand-types.js';
import type { Result } from '../errors/result.js';
/**
 * Command-line arguments of `npm run phh -- ...`, parsed into a value or a usage error.
 */

export const USAGE = `usage:
  npm run phh -- replay [--check] <file or folder>...
      Replays .phh and .phhs hand histories (folders recursively) through the engine and prints one
      JSON line per hand, then a summary line. With --check, compares against finishing_stacks and
      exits 1 on any mismatch or error; a hand without finishing_stacks is counted as not checked.
  npm run phh -- simulate --hands N --players K --seed S --out DIR [--variant NT|PO] [--chip-unit U]
      Plays N random hands of K players (2..10) with random legal actions and ragged stacks, and
      writes each as DIR/hand-<i>.phh with its finishing_stacks. The game is NT (No-Limit Hold'em,
      the default) or PO (Pot-Limit Omaha); U is the chip unit (default 1).`;

export type PhhCommand =
  | { readonly command: 'replay'; readonly check: boolean; readonly paths: readonly string[] }
  | {
      readonly command: 'simulate';
      readonly hands: number;
      readonly players: number;
      readonly seed: number;
      readonly out: string;
      readonly variant: GameVariant;
      readonly chipUnit: string;
    };

/** The command, or what is wrong with the arguments. */
export type ParsedArgs = Result<PhhCommand, string>;

const HANDS_MAX = 1_000_000;

function fail(message: string): ParsedArgs {
  return { ok: false, error: message };
}

function parseReplay(args: readonly string[]): ParsedArgs {
  let check = false;
  const paths: string[] = [];
  for (const arg of args) {
    if (arg === '--check') check = true;
    else if (arg.startsWith('--')) return fail(`unknown option ${arg}`);
    else paths.push(arg);
  }
  if (paths.length === 0) return fail('replay needs at least one file or folder');
  return { ok: true, value: { command: 'replay', check, paths } };
}

function wholeNumber(text: string | undefined, name: string, min: number, max: number): number | string {
  if (text === undefined || !/^\d+$/.test(text)) return `${name} must be a whole number`;
  const value = Number(text);
  if (value < min || value > max) return `${name} must be in ${min}..${max}`;
  return value;
}

function parseSimulate(args: readonly string[]): ParsedArgs {
  const options = new Map<string, string>();
  for (let i = 0; i < args.length; i += 2) {
    const name = args[i]!;
    const value = args[i + 1];
    if (!['--hands', '--players', '--seed', '--out', '--variant', '--chip-unit'].includes(name))
      return fail(`unknown option ${name}`);
    if (value === undefined || value.startsWith('--')) return fail(`${name} needs a value`);
    if (options.has(name)) return fail(`${name} given twice`);
    options.set(name, value);
  }
  const hands = wholeNumber(options.get('--hands'), '--hands', 1, HANDS_MAX);
  if (typeof hands === 'string') return fail(hands);
  const players = wholeNumber(options.get('--players'), '--players', 2, 10);
  if (typeof players === 'string') return fail(players);
  const seed = wholeNumber(options.get('--seed'), '--seed', 0, 0xffffffff);
  if (typeof seed === 'string') return fail(seed);
  const out = options.get('--out');
  if (out === undefined) return fail('--out is required');
  const variant = options.get('--variant') ?? 'NT';
  if (!(GAME_VARIANTS as readonly string[]).includes(variant)) return fail('--variant must be NT or PO');
  const chipUnit = options.get('--chip-unit') ?? '1';
  if (!/^(1|0\.0*1)$/.test(chipUnit)) return fail('--chip-unit must be 1, 0.1, 0.01, ...');
  return {
    ok: true,
    value: { command: 'simulate', hands, players, seed, out, variant: variant as GameVariant, chipUnit },
  };
}

export function parsePhhArgs(argv: readonly string[]): ParsedArgs {
  const [command, ...rest] = argv;
  if (command === 'replay') return parseReplay(rest);
  if (command === 'simulate') return parseSimulate(rest);
  return fail(command === undefined ? 'missing command' : `unknown command ${command}`);
}
