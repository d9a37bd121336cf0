import { stringify, type TomlValue } from 'smol-toml';
import { formatPhhAction } from './phh-actions.js';
import { amountToTomlLiteral } from './phh-amount.js';
import type { PhhHand } from './phh-model.js';

/**
 * Writes hand histories as TOML in the layout of published PHH files: one field per line, one
 * action per line. Amounts are written from their decimal text (never through a float), and
 * fields we did not interpret are written back as they were read.
 */

const BARE_KEY = /^[A-Za-z0-9_-]+$/;

function tomlKey(key: string): string {
  return BARE_KEY.test(key) ? key : JSON.stringify(key);
}

/** A TOML string: a literal string ('...') when it can be one, else a basic string. */
function tomlString(text: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what we look for
  if (!/['\u0000-\u001f\u007f]/.test(text)) return `'${text}'`;
  return JSON.stringify(text).replaceAll('\u007f', '\\u007f');
}

function isTable(value: TomlValue): value is { [key: string]: TomlValue } {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date);
}

/** Any TOML value as an inline literal (tables inline, so a .phhs can hold them unchanged). */
function tomlValue(value: TomlValue): string {
  if (typeof value === 'string') return tomlString(value);
  if (Array.isArray(value)) return `[${value.map(tomlValue).join(', ')}]`;
  if (isTable(value)) {
    const entries = Object.entries(value).map(([key, item]) => `${tomlKey(key)} = ${tomlValue(item)}`);
    return entries.length === 0 ? '{}' : `{ ${entries.join(', ')} }`;
  }
  // Numbers, booleans and dates: the library's own formatting of a one-key document.
  return stringify({ v: value }).trim().replace(/^v = /, '');
}

function amounts(values: readonly string[]): string {
  return `[${values.map(amountToTomlLiteral).join(', ')}]`;
}

/** The key = value lines of one hand, without a table header. */
export function serializePhhBody(hand: PhhHand): string {
  const lines: string[] = [
    `variant = '${hand.variant}'`,
    `antes = ${amounts(hand.antes)}`,
    `blinds_or_straddles = ${amounts(hand.blindsOrStraddles)}`,
    `min_bet = ${amountToTomlLiteral(hand.minBet)}`,
    `starting_stacks = ${amounts(hand.startingStacks)}`,
  ];
  if (hand.actions.length === 0) lines.push('actions = []');
  else {
    lines.push('actions = [');
    for (const action of hand.actions) lines.push(`  ${tomlString(formatPhhAction(action))},`);
    lines.push(']');
  }
  if (hand.finishingStacks) lines.push(`finishing_stacks = ${amounts(hand.finishingStacks)}`);
  if (hand.players) lines.push(`players = ${tomlValue([...hand.players])}`);
  if (hand.hand !== undefined) lines.push(`hand = ${tomlValue(hand.hand)}`);
  if (hand.seats) lines.push(`seats = ${tomlValue([...hand.seats])}`);
  if (hand.currency !== undefined) lines.push(`currency = ${tomlString(hand.currency)}`);
  for (const [key, value] of Object.entries(hand.extras)) lines.push(`${tomlKey(key)} = ${tomlValue(value)}`);
  return `${lines.join('\n')}\n`;
}

/** A .phh document. */
export function serializePhh(hand: PhhHand): string {
  return serializePhhBody(hand);
}

/** A .phhs document: the hands under [1], [2], ... in order. */
export function serializePhhs(hands: readonly PhhHand[]): string {
  return hands.map((hand, index) => `[${index + 1}]\n${serializePhhBody(hand)}`).join('\n');
}
