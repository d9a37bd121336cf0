import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { cardsToString, orderedDeck } from '../../src/engine/cards.js';
import { commitDeck, newSalt, verifyDeckReveal } from '../../src/tables/deck-commitment.js';

describe('deck commitment', () => {
  const deck = orderedDeck().reverse();
  const salt = newSalt();

  it('is sha256 of the deck text followed by the salt bytes', () => {
    const expected = createHash('sha256')
      .update(Buffer.concat([Buffer.from(cardsToString(deck), 'ascii'), Buffer.from(salt, 'hex')]))
      .digest('hex');
    expect(commitDeck(deck, salt)).toBe(expected);
  });

  it('opens with the right deck and salt only', () => {
    const commitment = commitDeck(deck, salt);
    expect(verifyDeckReveal(commitment, { deck: cardsToString(deck), salt })).toMatchObject({ ok: true });
    const swapped = [...deck];
    [swapped[0], swapped[1]] = [swapped[1]!, swapped[0]!];
    expect(verifyDeckReveal(commitment, { deck: cardsToString(swapped), salt }).ok).toBe(false);
    expect(verifyDeckReveal(commitment, { deck: cardsToString(deck), salt: newSalt() }).ok).toBe(false);
  });

  it('rejects something that is not a deck', () => {
    const repeated = cardsToString([...deck.slice(0, 51), deck[0]!]);
    const commitment = createHash('sha256').update(repeated).update(Buffer.from(salt, 'hex')).digest('hex');
    expect(verifyDeckReveal(commitment, { deck: repeated, salt })).toEqual({
      ok: false,
      reason: 'the deck repeats a card',
    });
    expect(verifyDeckReveal(commitment, { deck: 'AsKd', salt }).ok).toBe(false);
    expect(verifyDeckReveal(commitment, { deck: cardsToString(deck), salt: 'zz' }).ok).toBe(false);
  });
});
