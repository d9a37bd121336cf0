import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parsePhh, parsePhhFile, parsePhhs, phhFileKindOf } from '../../src/engine/phh/phh-parse.js';
import { serializePhh, serializePhhs } from '../../src/engine/phh/phh-serialize.js';

const FIXTURES = 'test/fixtures/phh';

const MINIMAL = `variant = 'NT'
antes = [0, 0]
blinds_or_straddles = [1, 2]
min_bet = 2
starting_stacks = [100, 100]
actions = ['p2 f']
`;

function parsed(text: string) {
  const result = parsePhh(text);
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.value;
}

describe('PHH parsing', () => {
  it('reads the required NT fields of the Dwan-Ivey hand, keeping fields it does not interpret', () => {
    const hand = parsed(readFileSync(join(FIXTURES, 'dwan-ivey-2009.phh'), 'utf8'));
    expect(hand.antes).toEqual(['500', '500', '500']);
    expect(hand.blindsOrStraddles).toEqual(['1000', '2000', '0']);
    expect(hand.minBet).toBe('2000');
    expect(hand.startingStacks).toEqual(['1125600', '2000000', '553500']);
    expect(hand.finishingStacks).toEqual(['572100', '1997500', '1109500']);
    expect(hand.players).toEqual(['Phil Ivey', 'Patrik Antonius', 'Tom Dwan']);
    expect(hand.currency).toBe('USD');
    expect(hand.extras).toEqual({ ante_trimming_status: true });
    expect(hand.actions).toHaveLength(16);
    expect(hand.actions[3]).toEqual({ kind: 'bet-or-raise-to', player: 2, amount: '7000' });
    expect(hand.actions[1]).toEqual({ kind: 'deal-hole', player: 1, cards: [null, null] });
  });

  it('pads short antes and blinds arrays with zeros', () => {
    const hand = parsed(MINIMAL.replace('antes = [0, 0]', 'antes = []'));
    expect(hand.antes).toEqual(['0', '0']);
  });

  it('serializes to TOML that parses back to the same hand, for every fixture', () => {
    for (const name of readdirSync(FIXTURES)) {
      const kind = phhFileKindOf(name)!;
      const file = parsePhhFile(readFileSync(join(FIXTURES, name), 'utf8'), kind);
      if (!file.ok) throw new Error(file.error.message);
      const hands = file.value.map((entry) => {
        if (!entry.hand.ok) throw new Error(entry.hand.error.message);
        return entry.hand.value;
      });
      const text = kind === 'phhs' ? serializePhhs(hands) : serializePhh(hands[0]!);
      const again = parsePhhFile(text, kind);
      if (!again.ok) throw new Error(again.error.message);
      expect(again.value.map((entry) => entry.hand.ok && entry.hand.value)).toEqual(hands);
    }
  });

  it('keeps user fields of every TOML type through a round trip', () => {
    const text = `${MINIMAL}_note = "it's \\"quoted\\""\n_flags = { a = 1, "b c" = [true, 2.5] }\n_when = 2009-03-01\n_list = ['x', 'y']\n`;
    const hand = parsed(text);
    expect(parsed(serializePhh(hand)).extras).toEqual(hand.extras);
    expect(Object.keys(hand.extras)).toEqual(['_note', '_flags', '_when', '_list']);
  });

  it('writes one action per line, as published files do', () => {
    const text = serializePhh(parsed(MINIMAL));
    expect(text).toContain("actions = [\n  'p2 f',\n]");
  });

  it('reads a .phhs file of several hands by table key', () => {
    const file = parsePhhs(readFileSync(join(FIXTURES, 'small-hands-constructed.phhs'), 'utf8'));
    if (!file.ok) throw new Error(file.error.message);
    expect(file.value.map((entry) => entry.key)).toEqual(['1', '2', '3', '4']);
    expect(file.value.every((entry) => entry.hand.ok)).toBe(true);
  });

  it('fails one hand of a .phhs without failing the others', () => {
    const text = `[1]\n${MINIMAL}\n[2]\n${MINIMAL.replace("variant = 'NT'", "variant = 'FR'")}`;
    const file = parsePhhs(text);
    if (!file.ok) throw new Error(file.error.message);
    expect(file.value[0]!.hand.ok).toBe(true);
    expect(file.value[1]!.hand).toMatchObject({ ok: false, error: { code: 'phh/unsupported-variant' } });
  });

  it('reports typed errors for bad documents', () => {
    expect(parsePhh('variant = ')).toMatchObject({ ok: false, error: { code: 'phh/toml-syntax' } });
    expect(parsePhh(MINIMAL.replace("'NT'", "'FL'"))).toMatchObject({
      ok: false,
      error: { code: 'phh/unsupported-variant' },
    });
    expect(parsePhh(MINIMAL.replace("'NT'", "'PO'"))).toMatchObject({ ok: true, value: { variant: 'PO' } });
    expect(parsePhh(MINIMAL.replace('min_bet = 2\n', ''))).toMatchObject({
      ok: false,
      error: { code: 'phh/invalid-field' },
    });
    expect(parsePhh(`${MINIMAL}finishing_stacks = [1, 2, 3]\n`)).toMatchObject({
      ok: false,
      error: { code: 'phh/invalid-field', message: expect.stringContaining('finishing_stacks') },
    });
    expect(parsePhh(MINIMAL.replace('antes = [0, 0]', 'antes = [0, 0, 0]'))).toMatchObject({
      ok: false,
      error: { code: 'phh/invalid-field' },
    });
    expect(parsePhh(MINIMAL.replace("'p2 f'", "'p2 xx'"))).toMatchObject({
      ok: false,
      error: { code: 'phh/unsupported-action', actionIndex: 0 },
    });
    expect(parsePhhs('x = 1')).toMatchObject({ ok: false, error: { code: 'phh/invalid-field' } });
  });

  it('knows its file kinds', () => {
    expect(phhFileKindOf('a/b.phh')).toBe('phh');
    expect(phhFileKindOf('a/b.phhs')).toBe('phhs');
    expect(phhFileKindOf('a/b.toml')).toBeNull();
  });
});
