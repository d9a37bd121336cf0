import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseCards } from '../../src/engine/cards.js';
import { handResult, legalActions, playerToAct, viewFor } from '../../src/engine/hand.js';
import { importPhh } from '../../src/engine/phh/phh-import.js';
import type { PhhHand } from '../../src/engine/phh/phh-model.js';
import { parsePhh } from '../../src/engine/phh/phh-parse.js';
import { replayPhh } from '../../src/engine/phh/phh-replay.js';

function hand(text: string): PhhHand {
  const result = parsePhh(text);
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.value;
}

function toml(fields: {
  stacks: string;
  blinds: string;
  antes?: string;
  minBet?: string;
  actions: readonly string[];
}) {
  return `variant = 'NT'
antes = ${fields.antes ?? '[]'}
blinds_or_straddles = ${fields.blinds}
min_bet = ${fields.minBet ?? '2'}
starting_stacks = ${fields.stacks}
actions = [${fields.actions.map((action) => `'${action}'`).join(', ')}]
`;
}

function imported(text: string) {
  const result = importPhh(hand(text));
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.value;
}

describe('PHH import', () => {
  it('heads-up, assigns the blinds in reverse: p1 is the big blind, the button p2 acts first', () => {
    const result = imported(toml({ stacks: '[100, 100]', blinds: '[1, 2]', actions: [] }));
    const view = viewFor(result.state, { kind: 'spectator' });
    expect(view.players.map((player) => player.streetCommitted)).toEqual([2, 1]);
    expect(playerToAct(result.state)).toBe(1);
    // So a history where p1 acts first before the flop is refused by the engine.
    expect(
      importPhh(hand(toml({ stacks: '[100, 100]', blinds: '[1, 2]', actions: ['p1 cc'] }))),
    ).toMatchObject({
      ok: false,
      error: { code: 'engine/not-your-turn', actionIndex: 0 },
    });
  });

  it('heads-up, the big blind (p1) acts first after the flop', () => {
    const result = imported(
      toml({ stacks: '[100, 100]', blinds: '[1, 2]', actions: ['p2 cc', 'p1 cc', 'd db 2c3c4c'] }),
    );
    expect(playerToAct(result.state)).toBe(0);
  });

  it('heads-up, assigns antes in reverse too', () => {
    const result = imported(toml({ stacks: '[100, 100]', blinds: '[1, 2]', antes: '[0, 5]', actions: [] }));
    const view = viewFor(result.state, { kind: 'spectator' });
    // The big-blind ante [0, A] is posted by p1, the big blind.
    expect(view.players.map((player) => player.stack)).toEqual([100 - 5 - 2, 100 - 1]);
  });

  it('maps cbr to a bet or a raise, and cc to a check or a call, as the engine says', () => {
    const result = imported(
      toml({
        stacks: '[100, 100, 100]',
        blinds: '[1, 2, 0]',
        actions: [
          'p3 cbr 6',
          'p1 cc',
          'p2 cc',
          'd db 2c3c4c',
          'p1 cc',
          'p2 cbr 10',
          'p3 cbr 30',
          'p1 f',
          'p2 cc',
        ],
      }),
    );
    expect(result.actions).toEqual([
      { player: 2, kind: 'raise', to: 6 },
      { player: 0, kind: 'call' },
      { player: 1, kind: 'call' },
      { player: 0, kind: 'check' },
      { player: 1, kind: 'bet', to: 10 },
      { player: 2, kind: 'raise', to: 30 },
      { player: 0, kind: 'fold' },
      { player: 1, kind: 'call' },
    ]);
    expect(result.setup.players.map((player) => player.seat)).toEqual([1, 2, 3]);
    expect(legalActions(result.state)?.player).toBe(1);
  });

  it('takes seats from the history', () => {
    const result = imported(
      `${toml({ stacks: '[100, 100]', blinds: '[1, 2]', actions: [] })}seats = [4, 9]\n`,
    );
    expect(result.setup.players).toEqual([
      { seat: 4, stack: 100 },
      { seat: 9, stack: 100 },
    ]);
  });

  it('returns the engine rule a history breaks, with the action index', () => {
    const cases: [readonly string[], string][] = [
      [['p3 cbr 3'], 'engine/amount-too-small'],
      [['p3 cbr 101'], 'engine/amount-too-large'],
      [['p3 cc', 'p1 cc', 'p2 f'], 'engine/cannot-fold'],
      [['p3 cc', 'p1 cc', 'p2 cc', 'd db 2c3c4c', 'p2 cc'], 'engine/not-your-turn'],
    ];
    for (const [actions, code] of cases) {
      const result = importPhh(hand(toml({ stacks: '[100, 100, 100]', blinds: '[1, 2, 0]', actions })));
      expect(result, actions.join(', ')).toMatchObject({
        ok: false,
        error: { code, actionIndex: actions.length - 1 },
      });
    }
  });

  it('notices when the history and the engine disagree on when a street ends', () => {
    const early = importPhh(
      hand(toml({ stacks: '[100, 100, 100]', blinds: '[1, 2, 0]', actions: ['p3 cc', 'd db 2c3c4c'] })),
    );
    expect(early).toMatchObject({ ok: false, error: { code: 'phh/street-mismatch', actionIndex: 1 } });
    const late = importPhh(
      hand(
        toml({
          stacks: '[100, 100, 100]',
          blinds: '[1, 2, 0]',
          actions: ['p3 cc', 'p1 cc', 'p2 cc', 'p1 cc'],
        }),
      ),
    );
    expect(late).toMatchObject({ ok: false, error: { code: 'phh/street-mismatch', actionIndex: 3 } });
  });

  it('reports typed errors for amounts, players and setups', () => {
    const base = { stacks: '[100, 100, 100]', blinds: '[1, 2, 0]' };
    expect(importPhh(hand(toml({ ...base, actions: ['p4 cc'] })))).toMatchObject({
      ok: false,
      error: { code: 'phh/unknown-player', actionIndex: 0 },
    });
    expect(importPhh(hand(`${toml({ ...base, actions: [] })}_chip_unit = 5\n`))).toMatchObject({
      ok: false,
      error: { code: 'phh/bad-amount' },
    });
    expect(importPhh(hand(toml({ ...base, stacks: '[100, 0, 100]', actions: [] })))).toMatchObject({
      ok: false,
      error: { code: 'engine/invalid-setup' },
    });
    expect(importPhh(hand(`${toml({ ...base, actions: [] })}_rake_basis_points = 'lots'\n`))).toMatchObject({
      ok: false,
      error: { code: 'phh/invalid-field' },
    });
  });

  it('applies a declared rake, which our exports write for raked hands', () => {
    const text = `${toml({
      stacks: '[100, 100]',
      blinds: '[1, 2]',
      actions: [
        'd dh p1 AsAd',
        'd dh p2 KsKd',
        'p2 cbr 10',
        'p1 cc',
        'd db 2c3c8h',
        'p1 cc',
        'p2 cc',
        'd db 9d',
        'p1 cc',
        'p2 cc',
        'd db Jh',
        'p1 cc',
        'p2 cc',
      ],
    })}_rake_basis_points = 500\n_rake_cap = '0.5'\n`;
    const replay = replayPhh(hand(text));
    if (!replay.ok) throw new Error(replay.error.message);
    // Pot 20, 5% = 1, capped at 0.5: the chip unit comes down to 0.1 for the cap.
    expect(replay.value.finishingStacks).toEqual(['109.5', '90']);
  });

  it('replay needs a complete hand', () => {
    const replay = replayPhh(hand(toml({ stacks: '[100, 100]', blinds: '[1, 2]', actions: ['p2 cc'] })));
    expect(replay).toMatchObject({ ok: false, error: { code: 'phh/incomplete-hand' } });
  });

  it('does not let a player who mucked unknown cards win with filler cards', () => {
    const replay = replayPhh(
      hand(
        toml({
          stacks: '[100, 100]',
          blinds: '[1, 2]',
          actions: [
            'd dh p1 AsKd',
            'd dh p2 ????',
            'p2 cbr 50',
            'p1 cc',
            'd db 2h2s7c',
            'p1 cc',
            'p2 cc',
            'd db 9d',
            'p1 cc',
            'p2 cc',
            'd db Jh',
            'p1 cc',
            'p2 cc',
            'p1 sm AsKd',
            'p2 sm',
          ],
        }),
      ),
    );
    if (!replay.ok) throw new Error(replay.error.message);
    expect(replay.value.finishingStacks).toEqual(['150', '50']);
  });

  it('replays the published Dwan-Ivey hand to its published stacks', () => {
    const replay = replayPhh(hand(readFileSync('test/fixtures/phh/dwan-ivey-2009.phh', 'utf8')));
    if (!replay.ok) throw new Error(replay.error.message);
    expect(replay.value.finishingStacks).toEqual(['572100', '1997500', '1109500']);
    expect(replay.value.actions.filter((action) => action.kind === 'raise')).toHaveLength(4);
  });
});

describe('PHH import of Pot-Limit Omaha and second runs', () => {
  // Heads-up p1 is the big blind, p2 the button. Each raise is the pot: to 6, 18, 54, then all in.
  const omaha = (extra: string, raises = ['p2 cbr 6', 'p1 cbr 18', 'p2 cbr 54']) =>
    `${toml({
      stacks: '[100, 100]',
      blinds: '[1, 2]',
      actions: [
        'd dh p1 AsAdKsKd',
        'd dh p2 7h8h9cTc',
        ...raises,
        'p1 cbr 100',
        'p2 cc',
        'p1 sm AsAdKsKd',
        'p2 sm 7h8h9cTc',
        'd db 2c3d4h',
        'd db 5s',
        'd db Js',
      ],
    }).replace("'NT'", "'PO'")}${extra}`;

  function replayed(text: string) {
    const result = replayPhh(hand(text));
    if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
    return result.value;
  }

  it('replays a PLO hand by pot-limit rules: a raise past the pot is refused', () => {
    expect(replayed(omaha('')).setup.variant).toBe('PO');
    // Aces (one pair) beat 7-8-9-T, which makes nothing with exactly two of its cards.
    expect(replayed(omaha('')).finishingStacks).toEqual(['200', '0']);
    const tooBig = replayPhh(hand(omaha('', ['p2 cbr 6', 'p1 cbr 19', 'p2 cbr 54'])));
    expect(tooBig).toMatchObject({ ok: false, error: { code: 'engine/amount-too-large', actionIndex: 3 } });
  });

  it('runs the board twice where _runs = 2 says so, from the second board it names', () => {
    // Second run: 6h5h4c2d3s gives p2 a straight (7h8h with 6h5h4c); the pot is split 100/100.
    const twice = replayed(omaha("_runs = 2\n_second_board = '6h5h4c2d3s'\n"));
    expect(twice.finishingStacks).toEqual(['100', '100']);
    expect(handResult(twice.state)!.secondBoard).toEqual(parseCards('6h5h4c2d3s'));
    // Paused but run once: the first board alone decides.
    expect(replayed(omaha('_runs = 1\n')).finishingStacks).toEqual(['200', '0']);
  });

  it('refuses a second board without _runs = 2, and _runs that is not 1 or 2', () => {
    for (const extra of ["_second_board = 'AhAc'\n", '_runs = 3\n', "_runs = 1\n_second_board = 'Ah'\n"]) {
      expect(importPhh(hand(omaha(extra)))).toMatchObject({
        ok: false,
        error: { code: 'phh/invalid-field' },
      });
    }
  });
});
