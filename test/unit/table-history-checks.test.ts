import { describe, expect, it } from 'vitest';
import { cardsToString } from '../../src/engine/cards.js';
import { applyAction, startHand } from '../../src/engine/hand.js';
import { exportPhh } from '../../src/engine/phh/phh-export.js';
import { parsePhh } from '../../src/engine/phh/phh-parse.js';
import { Money } from '../../src/money/index.js';
import { checkDealtCards } from '../../src/tables/dealt-cards-check.js';
import { commitDeck, newSalt } from '../../src/tables/deck-commitment.js';
import { redactHistory } from '../../src/tables/history-redaction.js';
import { verifyHandRecord } from '../../src/tables/verify-hand.js';
import { fixedDeck } from '../support/fixed-deck.js';

/** A three-handed hand: p1 folds, p2 and p3 check it down to a showdown that p2 wins. */
function playedHand() {
  const deck = fixedDeck(['AsAd', '7c2d', 'KsKd'], '2c7h9dTcJh');
  const started = startHand({
    players: [
      { seat: 1, stack: 100 },
      { seat: 2, stack: 100 },
      { seat: 3, stack: 100 },
    ],
    antes: [0, 0, 0],
    blindsOrStraddles: [1, 2],
    minBet: 2,
    rake: { basisPoints: 0, capUnits: 0, noFlopNoDrop: true },
    deck,
  });
  if (!started.ok) throw new Error(started.violation.message);
  let state = started.state;
  const play = (player: number, kind: 'fold' | 'check' | 'call') => {
    const next = applyAction(state, { player, kind });
    if (!next.ok) throw new Error(next.violation.message);
    state = next.state;
  };
  // Preflop: p3 (button) calls, p1 (small blind) folds, p2 checks; then p2 and p3 check down.
  play(2, 'call');
  play(0, 'fold');
  play(1, 'check');
  for (let street = 0; street < 3; street++) {
    play(1, 'check');
    play(2, 'check');
  }
  const text = exportPhh(state, { chipUnit: new Money(1) });
  const parsed = parsePhh(text);
  if (!parsed.ok) throw new Error(parsed.error.message);
  return { deck, text, history: parsed.value };
}

describe('hand history checks', () => {
  it('redacts every hole card the viewer may not see', () => {
    const { history } = playedHand();
    const holes = (hand: typeof history) =>
      hand.actions.flatMap((action) =>
        action.kind === 'deal-hole' ? [[action.player, action.cards.every((c) => c !== null)]] : [],
      );
    // p1 folded (never shown); at the showdown p2's two pair (sevens and deuces) showed first and
    // won, and p3, who could not win, mucked the kings.
    const shown = history.actions
      .filter((a) => a.kind === 'show-or-muck' && a.cards !== null)
      .map((a) => (a as { player: number }).player);
    expect(shown).toEqual([1]);
    expect(holes(redactHistory(history, 0))).toEqual([
      [0, true],
      [1, true],
      [2, false],
    ]);
    expect(holes(redactHistory(history, 2))).toEqual([
      [0, false],
      [1, true],
      [2, true],
    ]);
    expect(holes(redactHistory(history, null))).toEqual([
      [0, false],
      [1, true],
      [2, false],
    ]);
  });

  it('finds dealt cards that the deck does not hold where the engine deals from', () => {
    const { deck, history } = playedHand();
    expect(checkDealtCards(history, deck)).toEqual([]);
    const shifted = [...deck.slice(1), deck[0]!];
    expect(checkDealtCards(history, shifted).length).toBeGreaterThan(5);
  });

  it('verifies a whole stored record', () => {
    const { deck, text } = playedHand();
    const salt = newSalt();
    const record = { deckCommitment: commitDeck(deck, salt), deck: cardsToString(deck), salt, history: text };
    expect(verifyHandRecord(record)).toEqual({ ok: true, problems: [], checkedHistory: true });
    const otherDeck = fixedDeck(['AsAh', '7c2d', 'KsKd'], '2c7h9dTcJh');
    const lying = { ...record, deck: cardsToString(otherDeck), deckCommitment: commitDeck(otherDeck, salt) };
    const verdict = verifyHandRecord(lying);
    expect(verdict.ok).toBe(false);
    expect(verdict.problems).toEqual(['hole card 2 of p1: history says Ad, the deck holds Ah']);
  });
});
