import { describe, expect, it } from 'vitest';
import { type Card, cardsToString, DECK_SIZE, parseCards } from '../../src/engine/cards.js';
import { evaluate7 } from '../../src/engine/evaluator.js';
import type { GameVariant } from '../../src/engine/hand-types.js';
import { evaluateOmahaCards } from '../../src/engine/omaha-evaluator.js';
import { parsePhhAction } from '../../src/engine/phh/phh-actions.js';
import { buildDeck, collectKnownCards } from '../../src/engine/phh/phh-deck.js';

function deckFor(
  lines: readonly string[],
  playerCount: number,
  variant: GameVariant = 'NT',
  second: Card[] = [],
) {
  const actions = lines.map((line, index) => {
    const parsed = parsePhhAction(line, index);
    if (!parsed.ok) throw new Error(parsed.error.message);
    return parsed.value;
  });
  const known = collectKnownCards(actions, playerCount, variant, second);
  if (!known.ok) return known;
  return buildDeck(known.value);
}

function deck(
  lines: readonly string[],
  playerCount: number,
  variant: GameVariant = 'NT',
  second: Card[] = [],
): Card[] {
  const result = deckFor(lines, playerCount, variant, second);
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.value;
}

describe('PHH deck construction', () => {
  it('puts each card where the engine deals it, and fills the rest in a fixed order', () => {
    const cards = deck(
      ['d dh p1 AsKd', 'd dh p2 ????', 'd dh p3 7h6h', 'd db Jc3d5c', 'd db 4h', 'd db Jh'],
      3,
    );
    expect(cards).toHaveLength(DECK_SIZE);
    expect(new Set(cards).size).toBe(DECK_SIZE);
    expect(cardsToString(cards.slice(0, 2))).toBe('AsKd');
    expect(cardsToString(cards.slice(4, 6))).toBe('7h6h');
    expect(cardsToString(cards.slice(6, 11))).toBe('Jc3d5c4hJh');
    // Unknown cards take the smallest unused cards first.
    expect(cardsToString(cards.slice(2, 4))).toBe('2c2d');
    expect(deck(['d dh p1 AsKd', 'd dh p2 ????'], 3)).toEqual(deck(['d dh p1 AsKd', 'd dh p2 ????'], 3));
  });

  it('takes cards a player shows when the deal did not name them', () => {
    const cards = deck(['d dh p1 ????', 'd dh p2 ????', 'p2 sm QsQc'], 2);
    expect(cardsToString(cards.slice(2, 4))).toBe('QsQc');
  });

  it('gives a player who mucks unknown cards the weakest holding, so filler never wins for them', () => {
    const board = ['d db 2h2s7c', 'd db 9d', 'd db Jh'];
    const cards = deck(['d dh p1 AsKd', 'd dh p2 ????', ...board, 'p1 sm AsKd', 'p2 sm'], 2);
    const [b0, b1, b2, b3, b4] = parseCards('2h2s7c9dJh')!;
    const p2 = evaluate7(cards[2]!, cards[3]!, b0!, b1!, b2!, b3!, b4!);
    const p1 = evaluate7(cards[0]!, cards[1]!, b0!, b1!, b2!, b3!, b4!);
    expect(p2).toBeLessThan(p1);
    // Plain ascending filling would have dealt p2 the other two deuces: quads.
    expect(cardsToString(cards.slice(2, 4))).not.toBe('2c2d');
  });

  it('deals four hole cards each in Omaha, and a second run after the first board', () => {
    const cards = deck(
      ['d dh p1 AsKdQhJc', 'd dh p2 ????????', 'd db 2h2s7c', 'd db 9d', 'd db Th'],
      2,
      'PO',
      [...parseCards('3c4c')!],
    );
    expect(new Set(cards).size).toBe(DECK_SIZE);
    expect(cardsToString(cards.slice(0, 4))).toBe('AsKdQhJc');
    expect(cardsToString(cards.slice(8, 13))).toBe('2h2s7c9dTh');
    expect(cardsToString(cards.slice(13, 15))).toBe('3c4c');
    expect(deckFor(['d dh p1 AsKd'], 2, 'PO')).toMatchObject({ ok: false, error: { code: 'phh/bad-cards' } });
    expect(deckFor(['d db 2h2s7c'], 2, 'PO', parseCards('2h')!)).toMatchObject({
      ok: false,
      error: { code: 'phh/duplicate-card' },
    });
  });

  it('gives an Omaha mucker the weakest four cards by Omaha rules (two from the hand)', () => {
    // Four hearts on board: a Hold'em-style fill could hand the mucker a heart, an Omaha flush needs two.
    const board = ['d db AhKhQh', 'd db 2h', 'd db 7c'];
    const cards = deck(
      ['d dh p1 AsAdAc3s', 'd dh p2 ????????', ...board, 'p1 sm AsAdAc3s', 'p2 sm'],
      2,
      'PO',
    );
    const boardCards = parseCards('AhKhQh2h7c')!;
    const p1 = evaluateOmahaCards(cards.slice(0, 4), boardCards);
    const p2 = evaluateOmahaCards(cards.slice(4, 8), boardCards);
    expect(p2).toBeLessThan(p1);
  });

  it('reports conflicts, duplicates, unknown players and bad hole-card counts', () => {
    expect(deckFor(['d dh p1 AsKd', 'p1 sm AsQd'], 2)).toMatchObject({
      ok: false,
      error: { code: 'phh/card-conflict', actionIndex: 1 },
    });
    expect(deckFor(['d dh p1 AsKd', 'd dh p2 AsQd'], 2)).toMatchObject({
      ok: false,
      error: { code: 'phh/duplicate-card' },
    });
    expect(deckFor(['d dh p1 AsKd', 'd db Kd2c3c'], 2)).toMatchObject({
      ok: false,
      error: { code: 'phh/duplicate-card' },
    });
    expect(deckFor(['d dh p3 AsKd'], 2)).toMatchObject({ ok: false, error: { code: 'phh/unknown-player' } });
    expect(deckFor(['d dh p1 AsKdQh'], 2)).toMatchObject({ ok: false, error: { code: 'phh/bad-cards' } });
    expect(deckFor(['d db AsKdQh', 'd db 2c', 'd db 3c', 'd db 4c'], 2)).toMatchObject({
      ok: false,
      error: { code: 'phh/bad-action', actionIndex: 3 },
    });
  });
});
