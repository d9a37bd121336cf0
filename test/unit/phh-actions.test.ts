import { describe, expect, it } from 'vitest';
import { parseCards } from '../../src/engine/cards.js';
import { formatPhhAction, type PhhAction, parsePhhAction } from '../../src/engine/phh/phh-actions.js';

function action(text: string): PhhAction {
  const result = parsePhhAction(text, 0);
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.value;
}

describe('PHH action strings', () => {
  it('reads dealing, with unknown cards as null', () => {
    expect(action('d dh p1 AsKd')).toEqual({ kind: 'deal-hole', player: 0, cards: parseCards('AsKd') });
    expect(action('d dh p10 ????')).toEqual({ kind: 'deal-hole', player: 9, cards: [null, null] });
    expect(action('d dh p2 As??')).toEqual({
      kind: 'deal-hole',
      player: 1,
      cards: [parseCards('As')![0], null],
    });
    expect(action('d db 7d5h9d')).toEqual({ kind: 'deal-board', cards: parseCards('7d5h9d') });
    expect(action('d db Tc')).toEqual({ kind: 'deal-board', cards: parseCards('Tc') });
  });

  it('reads player actions, with amounts as decimal text', () => {
    expect(action('p3 f')).toEqual({ kind: 'fold', player: 2 });
    expect(action('p3 cc')).toEqual({ kind: 'check-or-call', player: 2 });
    expect(action('p3 cbr 600')).toEqual({ kind: 'bet-or-raise-to', player: 2, amount: '600' });
    expect(action('p1 cbr 247.150')).toEqual({ kind: 'bet-or-raise-to', player: 0, amount: '247.15' });
    expect(action('p2 sm AsKd')).toEqual({ kind: 'show-or-muck', player: 1, cards: parseCards('AsKd') });
    expect(action('p2 sm')).toEqual({ kind: 'show-or-muck', player: 1, cards: null });
    expect(action('p2 sm -')).toEqual({ kind: 'show-or-muck', player: 1, cards: null });
  });

  it('ignores trailing comments and extra spaces', () => {
    expect(action('p3 cbr 600  # a raise')).toEqual({ kind: 'bet-or-raise-to', player: 2, amount: '600' });
    expect(action('  d   db  7d5h9d # flop')).toEqual({ kind: 'deal-board', cards: parseCards('7d5h9d') });
  });

  it('writes what it reads', () => {
    for (const text of [
      'd dh p1 AsKd',
      'd dh p4 ????',
      'd db 7d5h9d',
      'p3 f',
      'p3 cc',
      'p3 cbr 0.25',
      'p2 sm AsKd',
      'p2 sm',
    ]) {
      expect(formatPhhAction(action(text))).toBe(text);
    }
  });

  it('reports typed errors', () => {
    const cases: [string, string][] = [
      ['', 'phh/bad-action'],
      ['# only a comment', 'phh/bad-action'],
      ['p0 f', 'phh/bad-action'],
      ['x f', 'phh/bad-action'],
      ['p1 f now', 'phh/bad-action'],
      ['p1 cbr', 'phh/bad-action'],
      ['p1', 'phh/bad-action'],
      ['d dh AsKd', 'phh/bad-action'],
      ['p1 cbr 1e3', 'phh/bad-amount'],
      ['p1 cbr -5', 'phh/bad-amount'],
      ['d dh p1 AsXd', 'phh/bad-cards'],
      ['d db 7d5', 'phh/bad-cards'],
      ['p1 sm 1s', 'phh/bad-cards'],
      ['p1 sd', 'phh/unsupported-action'],
      ['p1 pb', 'phh/unsupported-action'],
      ['d dd', 'phh/unsupported-action'],
    ];
    for (const [text, code] of cases) {
      expect(parsePhhAction(text, 7), text).toMatchObject({ ok: false, error: { code, actionIndex: 7 } });
    }
  });
});
