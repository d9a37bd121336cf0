import { describe, expect, it } from 'vitest';
import { cardToString, parseCards } from '../../src/engine/cards.js';
import { nameHoldemHand } from '../../src/engine/hand-name.js';

function named(hole: string, board: string) {
  const result = nameHoldemHand(parseCards(hole)!, parseCards(board)!);
  return result && { name: result.name, cards: result.best.map(cardToString).join(' ') };
}

describe('hand names', () => {
  it.each([
    ['AsKs', 'QsJsTs2d3c', 'a royal flush'],
    ['9h8h', '7h6h5h2d2c', 'a straight flush, nine high'],
    ['Ah2h', '3h4h5h9d9c', 'a straight flush, five high'],
    ['KcKd', 'KhKs2d3c4h', 'four of a kind, kings'],
    ['KcKd', 'Kh7s7d3c4h', 'a full house, kings full of sevens'],
    ['7c7d', '7hKsKd3c4h', 'a full house, sevens full of kings'],
    ['Ad2d', '9d5d3dKcKh', 'a flush, ace high'],
    ['Tc9d', '8h7s6d2c2h', 'a straight, ten high'],
    ['Ac2d', '3h4s5d9cKh', 'a straight, five high'],
    ['QcQd', 'Qh7s2d3c9h', 'three of a kind, queens'],
    ['KcKd', '7h7s2d3c9h', 'two pair, kings and sevens'],
    ['JcJd', '7h8s2d3c9h', 'a pair of jacks'],
    ['AcJd', '7h8s2d3c9h', 'high card, ace'],
  ])('%s on %s is %s', (hole, board, name) => {
    expect(named(hole, board)?.name).toBe(name);
  });

  it('gives the five cards that make the hand, highest first', () => {
    expect(named('Ad2d', '9d5d3dKcKh')).toEqual({ name: 'a flush, ace high', cards: 'Ad 9d 5d 3d 2d' });
    expect(named('KcKd', '7h7s2d3c9h')?.cards).toBe('Kd Kc 9h 7s 7h');
  });

  it('names nothing before five cards are known', () => {
    expect(nameHoldemHand(parseCards('AsKs')!, parseCards('QsJs')!)).toBeNull();
  });
});

describe('hands shown in a history', () => {
  it('names each hand shown at the showdown with the board; a muck names nothing', async () => {
    const { readFileSync } = await import('node:fs');
    const { parsePhh } = await import('../../src/engine/phh/phh-parse.js');
    const { shownHandsOf } = await import('../../src/engine/phh/phh-shown-hands.js');
    const text = readFileSync(new URL('../fixtures/phh/heads-up-constructed.phh', import.meta.url), 'utf8');
    const parsed = parsePhh(text);
    if (!parsed.ok) throw new Error(parsed.error.message);
    expect(shownHandsOf(parsed.value)).toEqual([
      { position: 0, name: 'a pair of kings', cards: ['Ah', 'Kh', 'Kc', '9h', '7d'] },
    ]);
  });
});
