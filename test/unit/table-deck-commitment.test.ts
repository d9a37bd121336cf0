import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { cardsToString, orderedDeck, parseCard } from '../../src/engine/cards.js';
import {
  cardLeaf,
  commitDeck,
  commitLeaves,
  joinSalts,
  newSalts,
  splitSalts,
  verifyDeckReveal,
} from '../../src/fairness/deck-commitment.js';

/** The byte layout of the scheme, written out independently of the module under test. */
function referenceLeaf(position: number, cardText: string, saltHex: string): string {
  const bytes = Buffer.concat([
    Buffer.from('nlhe-deck-leaf-v1', 'ascii'),
    Buffer.from([position]),
    Buffer.from(cardText, 'ascii'),
    Buffer.from(saltHex, 'hex'),
  ]);
  expect(bytes.length).toBe(17 + 1 + 2 + 32);
  return createHash('sha256').update(bytes).digest('hex');
}

describe('per-card deck commitment', () => {
  const deck = orderedDeck().reverse();
  const salts = newSalts();

  it('draws 52 distinct 32-byte salts', () => {
    expect(salts).toHaveLength(52);
    expect(salts.every((salt) => /^[0-9a-f]{64}$/.test(salt))).toBe(true);
    expect(new Set(salts).size).toBe(52);
    expect(newSalts()).not.toEqual(salts);
  });

  it('hashes each card with its position and salt, and the leaves in order into the commitment', () => {
    const committed = commitDeck(deck, salts);
    const cardTexts = deck.map((card) => cardsToString([card]));
    const leaves = cardTexts.map((text, position) => referenceLeaf(position, text, salts[position]!));
    expect(committed.leaves).toEqual(leaves);
    const root = createHash('sha256')
      .update(
        Buffer.concat([
          Buffer.from('nlhe-deck-root-v1', 'ascii'),
          ...leaves.map((leaf) => Buffer.from(leaf, 'hex')),
        ]),
      )
      .digest('hex');
    expect(committed.commitment).toBe(root);
    expect(commitLeaves(leaves)).toBe(root);
  });

  it('gives a different leaf for another card, salt or position', () => {
    const ace = parseCard('As')!;
    const leaf = cardLeaf(7, ace, salts[0]!);
    expect(cardLeaf(7, parseCard('Ah')!, salts[0]!)).not.toBe(leaf);
    expect(cardLeaf(7, ace, salts[1]!)).not.toBe(leaf);
    expect(cardLeaf(8, ace, salts[0]!)).not.toBe(leaf);
    expect(() => cardLeaf(52, ace, salts[0]!)).toThrow(RangeError);
  });

  it('refuses to commit without 52 proper salts', () => {
    expect(() => commitDeck(deck, salts.slice(1))).toThrow(RangeError);
    expect(() => commitDeck(deck, [...salts.slice(1), 'zz'])).toThrow(RangeError);
  });

  it('stores the salts concatenated, and reads them back', () => {
    const stored = joinSalts(salts);
    expect(stored).toHaveLength(52 * 64);
    expect(splitSalts(stored)).toEqual(salts);
    expect(splitSalts(stored.slice(2))).toBeNull();
    expect(splitSalts(`${stored.slice(0, -1)}g`)).toBeNull();
  });

  it('opens with the right deck and salts only (the operator check)', () => {
    const { commitment } = commitDeck(deck, salts);
    const stored = joinSalts(salts);
    expect(verifyDeckReveal(commitment, { deck: cardsToString(deck), salts: stored })).toMatchObject({
      ok: true,
    });
    const swapped = [...deck];
    [swapped[0], swapped[1]] = [swapped[1]!, swapped[0]!];
    expect(verifyDeckReveal(commitment, { deck: cardsToString(swapped), salts: stored })).toEqual({
      ok: false,
      error: 'the deck and salts do not match the commitment',
    });
    expect(verifyDeckReveal(commitment, { deck: cardsToString(deck), salts: joinSalts(newSalts()) }).ok).toBe(
      false,
    );
  });

  it('rejects something that is not a deck', () => {
    const repeated = [...deck.slice(0, 51), deck[0]!];
    const stored = joinSalts(salts);
    const { commitment } = commitDeck(repeated, salts);
    expect(verifyDeckReveal(commitment, { deck: cardsToString(repeated), salts: stored })).toEqual({
      ok: false,
      error: 'the deck repeats a card',
    });
    expect(verifyDeckReveal(commitment, { deck: 'AsKd', salts: stored }).ok).toBe(false);
    expect(verifyDeckReveal(commitment, { deck: cardsToString(deck), salts: 'zz' }).ok).toBe(false);
  });
});
