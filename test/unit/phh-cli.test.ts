import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parsePhhArgs } from '../../src/cli/phh-args.js';

const FIXTURES = 'test/fixtures/phh';
const scratch = mkdtempSync(join(tmpdir(), 'phh-cli-'));

afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** Runs the real command line, as `npm run phh -- ...` does (tsx src/cli/phh.ts). */
function phh(...args: string[]) {
  const run = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/phh.ts', ...args], {
    encoding: 'utf8',
  });
  const lines = run.stdout
    .split('\n')
    .filter((line) => line.length > 0)
    .map((line) => JSON.parse(line) as Record<string, unknown>);
  return { status: run.status, lines, stderr: run.stderr, summary: lines.at(-1) };
}

describe('phh command line', () => {
  it('replay --check passes on every fixture, one line per hand and a summary', () => {
    const run = phh('replay', '--check', FIXTURES);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.summary).toEqual({
      summary: true,
      hands: 8,
      ok: 8,
      errors: 0,
      checked: 8,
      matched: 8,
      mismatched: 0,
      not_checked: 0,
    });
    expect(run.lines[1]).toEqual({
      file: join(FIXTURES, 'dwan-ivey-2009.phh'),
      hand: 1,
      ok: true,
      finishing_stacks: ['572100', '1997500', '1109500'],
      checked: true,
      match: true,
    });
    expect(
      run.lines
        .filter((line) => line['file'] === join(FIXTURES, 'small-hands-constructed.phhs'))
        .map((line) => line['hand']),
    ).toEqual([1, 2, 3, 4]);
  });

  it('replay --check exits non-zero on a doctored finishing stack', () => {
    const original = readFileSync(join(FIXTURES, 'dwan-ivey-2009.phh'), 'utf8');
    const doctored = original.replace(
      'finishing_stacks = [572100, 1997500, 1109500]',
      'finishing_stacks = [572100, 1997500, 1109501]',
    );
    expect(doctored).not.toBe(original);
    const path = join(scratch, 'doctored.phh');
    writeFileSync(path, doctored);
    const run = phh('replay', '--check', path);
    expect(run.status).toBe(1);
    expect(run.lines[0]).toMatchObject({
      ok: true,
      match: false,
      expected: ['572100', '1997500', '1109501'],
    });
    expect(run.summary).toMatchObject({ hands: 1, ok: 1, checked: 1, matched: 0, mismatched: 1 });
    // Without --check it only reports.
    expect(phh('replay', path).status).toBe(0);
  });

  it('replay --check counts a hand without finishing_stacks as not checked, and does not fail for it', () => {
    const folder = join(scratch, 'unrecorded');
    rmSync(folder, { recursive: true, force: true });
    mkdirSync(folder);
    writeFileSync(
      join(folder, 'no-finish.phh'),
      "variant = 'NT'\nantes = []\nblinds_or_straddles = [1, 2]\nmin_bet = 2\nstarting_stacks = [100, 100]\nactions = ['p2 f']\n",
    );
    const run = phh('replay', '--check', folder, join(FIXTURES, 'dwan-ivey-2009.phh'));
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.lines[0]).toMatchObject({
      hand: 1,
      ok: true,
      checked: false,
      finishing_stacks: ['101', '99'],
    });
    expect(run.lines[0]).not.toHaveProperty('match');
    expect(run.lines[1]).toMatchObject({ ok: true, checked: true, match: true });
    expect(run.summary).toEqual({
      summary: true,
      hands: 2,
      ok: 2,
      errors: 0,
      checked: 1,
      matched: 1,
      mismatched: 0,
      not_checked: 1,
    });
  });

  it('replay --check takes the chip unit from the inputs: finer finishing_stacks are a mismatch', () => {
    // Whole-chip inputs, raked 5%. In chips the 4-chip pot is not raked (5% rounds down to 0); only
    // a finer unit, which nothing but the finishing stacks shows, would rake 0.2 of it.
    const hand = (finishing: string) => `variant = 'NT'
antes = [0, 0]
blinds_or_straddles = [1, 2]
min_bet = 2
starting_stacks = [100, 100]
actions = ['d dh p1 AsAd', 'd dh p2 7c2h', 'p2 cc', 'p1 cc', 'd db KsQd3c', 'p1 cc', 'p2 cc', 'd db 8h', 'p1 cc', 'p2 cc', 'd db 4d', 'p1 cc', 'p2 cc', 'p1 sm AsAd', 'p2 sm']
finishing_stacks = [${finishing}]
_rake_basis_points = 500
_rake_cap = 10
`;
    const finer = join(scratch, 'finer-finish.phh');
    writeFileSync(finer, hand('101.8, 98'));
    const run = phh('replay', '--check', finer);
    expect(run.status).toBe(1);
    expect(run.lines[0]).toMatchObject({
      ok: true,
      match: false,
      finishing_stacks: ['102', '98'],
      expected: ['101.8', '98'],
    });
    expect(run.summary).toMatchObject({ checked: 1, matched: 0, mismatched: 1 });
    // The same hand declaring its unit is raked in tenths, and matches.
    const declared = join(scratch, 'declared-unit.phh');
    writeFileSync(declared, `${hand('101.8, 98')}_chip_unit = 0.1\n`);
    expect(phh('replay', '--check', declared)).toMatchObject({ status: 0, summary: { matched: 1 } });
    const whole = join(scratch, 'whole-finish.phh');
    writeFileSync(whole, hand('102, 98'));
    expect(phh('replay', '--check', whole)).toMatchObject({ status: 0, summary: { matched: 1 } });
  });

  it('reports rule violations and parse errors as lines, and fails --check', () => {
    const broken = join(scratch, 'broken');
    rmSync(broken, { recursive: true, force: true });
    mkdirSync(join(broken, 'nested'), { recursive: true });
    writeFileSync(
      join(broken, 'nested', 'illegal.phh'),
      "variant = 'NT'\nantes = []\nblinds_or_straddles = [1, 2]\nmin_bet = 2\nstarting_stacks = [100, 100]\nactions = ['p2 cbr 3']\n",
    );
    writeFileSync(join(broken, 'syntax.phhs'), '[1\nvariant = ');
    writeFileSync(join(broken, 'ignored.txt'), 'not a hand');
    const run = phh('replay', '--check', broken);
    expect(run.status).toBe(1);
    expect(run.lines[0]).toMatchObject({ hand: 1, ok: false, code: 'engine/amount-too-small', action: 0 });
    expect(run.lines[1]).toMatchObject({ hand: null, ok: false, code: 'phh/toml-syntax' });
    expect(run.summary).toEqual({
      summary: true,
      hands: 2,
      ok: 0,
      errors: 2,
      checked: 0,
      matched: 0,
      mismatched: 0,
      not_checked: 0,
    });
    expect(phh('replay', '--check', join(scratch, 'missing.phh')).lines[0]).toMatchObject({
      code: 'cli/no-such-path',
    });
  });

  it('simulate writes hands that replay --check verifies', () => {
    const out = join(scratch, 'simulated');
    const simulated = phh(
      'simulate',
      '--hands',
      '60',
      '--players',
      '6',
      '--seed',
      '42',
      '--out',
      out,
      '--chip-unit',
      '0.01',
    );
    expect(simulated.status).toBe(0);
    expect(readdirSync(out)).toHaveLength(60);
    const run = phh('replay', '--check', out);
    expect(run.status).toBe(0);
    expect(run.summary).toMatchObject({ hands: 60, ok: 60, errors: 0, checked: 60, matched: 60 });
    // Ragged stacks make all-ins common: some hands must end with an empty stack.
    expect(run.lines.some((line) => (line['finishing_stacks'] as string[] | undefined)?.includes('0'))).toBe(
      true,
    );
    // The same seed writes the same files.
    const again = join(scratch, 'again');
    phh('simulate', '--hands', '60', '--players', '6', '--seed', '42', '--out', again, '--chip-unit', '0.01');
    expect(readFileSync(join(again, 'hand-17.phh'), 'utf8')).toBe(
      readFileSync(join(out, 'hand-17.phh'), 'utf8'),
    );
  });

  it('simulates Pot-Limit Omaha, and replay --check verifies it, second runs included', () => {
    const out = join(scratch, 'omaha');
    const args = ['--players', '6', '--seed', '7', '--out', out, '--variant', 'PO'];
    expect(phh('simulate', '--hands', '80', ...args).status).toBe(0);
    const texts = readdirSync(out).map((name) => readFileSync(join(out, name), 'utf8'));
    expect(texts.every((text) => text.startsWith("variant = 'PO'"))).toBe(true);
    expect(texts.some((text) => text.includes("_second_board = '"))).toBe(true);
    const run = phh('replay', '--check', out);
    expect(run.status).toBe(0);
    expect(run.summary).toMatchObject({ hands: 80, ok: 80, errors: 0, checked: 80, matched: 80 });
  });

  it('prints the usage and exits 2 on bad arguments', () => {
    for (const args of [[], ['replay', '--fast', 'x'], ['simulate', '--hands', '3']]) {
      const run = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/phh.ts', ...args], {
        encoding: 'utf8',
      });
      expect(run.status, args.join(' ')).toBe(2);
      expect(run.stderr).toContain('usage:');
    }
  });

  it('parses arguments, refusing what it does not understand', () => {
    for (const args of [
      ['bogus'],
      ['replay'],
      ['simulate', '--hands', 'x', '--players', '2', '--seed', '1', '--out', 'o'],
    ]) {
      expect(parsePhhArgs(args).ok, args.join(' ')).toBe(false);
    }
    expect(parsePhhArgs(['replay', '--check', 'a', 'b'])).toEqual({
      ok: true,
      value: { command: 'replay', check: true, paths: ['a', 'b'] },
    });
    expect(parsePhhArgs(['simulate', '--hands', '5', '--players', '3', '--seed', '9', '--out', 'd'])).toEqual(
      {
        ok: true,
        value: { command: 'simulate', hands: 5, players: 3, seed: 9, out: 'd', variant: 'NT', chipUnit: '1' },
      },
    );
    expect(
      parsePhhArgs([
        'simulate',
        '--hands',
        '5',
        '--players',
        '3',
        '--seed',
        '9',
        '--out',
        'd',
        '--variant',
        'PO',
      ]),
    ).toMatchObject({ ok: true, value: { variant: 'PO' } });
    expect(
      parsePhhArgs([
        'simulate',
        '--hands',
        '5',
        '--players',
        '3',
        '--seed',
        '9',
        '--out',
        'd',
        '--variant',
        'FL',
      ]),
    ).toMatchObject({ ok: false, error: '--variant must be NT or PO' });
    expect(
      parsePhhArgs(['simulate', '--hands', '5', '--players', '11', '--seed', '9', '--out', 'd']).ok,
    ).toBe(false);
    expect(
      parsePhhArgs([
        'simulate',
        '--hands',
        '5',
        '--players',
        '3',
        '--seed',
        '9',
        '--out',
        'd',
        '--chip-unit',
        '0.05',
      ]).ok,
    ).toBe(false);
    expect(
      parsePhhArgs([
        'simulate',
        '--hands',
        '5',
        '--hands',
        '6',
        '--players',
        '3',
        '--seed',
        '9',
        '--out',
        'd',
      ]).ok,
    ).toBe(false);
  });
});
