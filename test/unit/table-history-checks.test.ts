import { describe, expect, it } from 'vitest';
import { cardsToString } from '../../src/engine/cards.js';
import { applyAction, runOut, startHand } from '../../src/engine/hand.js';
import { exportPhh } from '../../src/engine/phh/phh-export.js';
import { parsePhh } from '../../src/engine/phh/phh-parse.js';
import { checkDealtCards } from '../../src/fairness/dealt-cards-check.js';
import { commitDeck, joinSalts, newSalts } from '../../src/fairness/deck-commitment.js';
import { proofOfStoredHand, proofOfVoidedHand } from '../../src/fairness/history-deck-proof.js';
import { redactHistory } from '../../src/fairness/history-redaction.js';
import { verifyDeckProof } from '../../src/fairness/verify-deck-proof.js';
import { verifyHandRecord } from '../../src/fairness/verify-hand.js';
import { Money } from '../../src/money/index.js';
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
  if (!started.ok) throw new Error(started.error.message);
  let state = started.value.state;
  const events = [...started.value.events];
  const play = (player: number, kind: 'fold' | 'check' | 'call') => {
    const next = applyAction(state, { player, kind });
    if (!next.ok) throw new Error(next.error.message);
    state = next.value.state;
    events.push(...next.value.events);
  };
  // Preflop: p3 (button) calls, p1 (small blind) folds, p2 checks; then p2 and p3 check down.
  play(2, 'call');
  play(0, 'fold');
  play(1, 'check');
  for (let street = 0; street < 3; street++) {
    play(1, 'check');
    play(2, 'check');
  }
  const text = exportPhh(state, events, { chipUnit: new Money(1) });
  const parsed = parsePhh(text);
  if (!parsed.ok) throw new Error(parsed.error.message);
  return { deck, text, history: parsed.value };
}

/** Heads-up Pot-Limit Omaha, all in before the flop for 6 each, the board run twice. */
function omahaRunTwice() {
  const deck = fixedDeck(['AsAdKsKd', '7h8h9cTc'], '2c3d4h5sJs6h5h4c2d3s');
  const started = startHand({
    variant: 'PO',
    pauseForRunout: true,
    runItTwice: true,
    players: [
      { seat: 4, stack: 6 },
      { seat: 7, stack: 6 },
    ],
    antes: [],
    blindsOrStraddles: [1, 2],
    minBet: 2,
    rake: { basisPoints: 0, capUnits: 0, noFlopNoDrop: true },
    deck,
  });
  if (!started.ok) throw new Error(started.error.message);
  const events = [...started.value.events];
  let state = started.value.state;
  for (const step of [
    (s: typeof state) => applyAction(s, { player: 1, kind: 'raise', to: 6 }),
    (s: typeof state) => applyAction(s, { player: 0, kind: 'call' }),
    (s: typeof state) => runOut(s, 2),
  ]) {
    const next = step(state);
    if (!next.ok) throw new Error(next.error.message);
    state = next.value.state;
    events.push(...next.value.events);
  }
  const text = exportPhh(state, events, { chipUnit: new Money(1) });
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
    const salts = newSalts();
    const record = {
      deckCommitment: commitDeck(deck, salts).commitment,
      deck: cardsToString(deck),
      salts: joinSalts(salts),
      history: text,
    };
    expect(verifyHandRecord(record)).toEqual({ ok: true, problems: [], checkedHistory: true });
    const otherDeck = fixedDeck(['AsAh', '7c2d', 'KsKd'], '2c7h9dTcJh');
    const lying = {
      ...record,
      deck: cardsToString(otherDeck),
      deckCommitment: commitDeck(otherDeck, salts).commitment,
    };
    const verdict = verifyHandRecord(lying);
    expect(verdict.ok).toBe(false);
    expect(verdict.problems).toEqual(['hole card 2 of p1: history says Ad, the deck holds Ah']);
  });

  it("builds each participant's deck proof from the history as they may read it", () => {
    const { deck, history } = playedHand();
    const salts = newSalts();
    const committed = commitDeck(deck, salts);
    const stored = {
      tableId: '0b9e8f3c-1d2a-4c5b-8e7f-6a5b4c3d2e1f',
      handNumber: 1,
      deckCommitment: committed.commitment,
      deck: cardsToString(deck),
      salts: joinSalts(salts),
      seats: [1, 2, 3],
      buttonSeat: 3,
    };
    const proofFor = (viewer: number | null) =>
      proofOfStoredHand({ ...stored, redactedHistory: redactHistory(history, viewer) })!;
    // p1 folded, p2 showed, p3 mucked; the board is deck positions 6-10.
    const opened = (viewer: number | null) => proofFor(viewer).openings.map((opening) => opening.position);
    expect(opened(0)).toEqual([0, 1, 2, 3, 6, 7, 8, 9, 10]);
    expect(opened(2)).toEqual([2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(opened(null)).toEqual([2, 3, 6, 7, 8, 9, 10]);
    for (const viewer of [0, 1, 2, null]) {
      expect(verifyDeckProof(proofFor(viewer), { expectedCommitment: committed.commitment }).ok).toBe(true);
    }
    // A stored commitment that is not the deck's makes every proof fail.
    const wrong = proofOfStoredHand({
      ...stored,
      deckCommitment: commitDeck(deck, newSalts()).commitment,
      redactedHistory: redactHistory(history, 0),
    })!;
    expect(verifyDeckProof(wrong).problems).toEqual(['the 52 leaves do not hash to the commitment']);
  });

  it('checks and proves a Pot-Limit Omaha hand run twice: four hole cards each, both boards', () => {
    const { deck, text, history } = omahaRunTwice();
    expect(text).toContain("_second_board = '6h5h4c2d3s'");
    expect(checkDealtCards(history, deck)).toEqual([]);
    // A second board that is not at positions 13-17 of the deck is caught.
    const wrongSecond = { ...history, extras: { ...history.extras, _second_board: '6h5h4c2d7s' } };
    expect(checkDealtCards(wrongSecond, deck)).toEqual([
      'second-run card 5: history says 7s, the deck holds 3s',
    ]);
    const salts = newSalts();
    const committed = commitDeck(deck, salts);
    const stored = {
      tableId: '0b9e8f3c-1d2a-4c5b-8e7f-6a5b4c3d2e1f',
      handNumber: 3,
      deckCommitment: committed.commitment,
      deck: cardsToString(deck),
      salts: joinSalts(salts),
      seats: [4, 7],
      buttonSeat: 7,
    };
    const proof = proofOfStoredHand({ ...stored, redactedHistory: redactHistory(history, null) })!;
    // Both hands were shown at the all-in: hole cards 0-7, the board 8-12, the second run 13-17.
    expect(proof.openings.map((opening) => opening.position)).toEqual(
      Array.from({ length: 18 }, (_, i) => i),
    );
    expect(proof).toMatchObject({ variant: 'PO', secondRun: ['6h', '5h', '4c', '2d', '3s'] });
    expect(verifyDeckProof(proof, { expectedCommitment: committed.commitment }).ok).toBe(true);
    expect(
      verifyHandRecord({
        deckCommitment: committed.commitment,
        deck: stored.deck,
        salts: stored.salts,
        history: text,
      }),
    ).toEqual({ ok: true, problems: [], checkedHistory: true });
  });

  it("opens a voided Omaha hand's four hole cards for their owner, and the board, nothing else", () => {
    const { deck } = omahaRunTwice();
    const salts = newSalts();
    const committed = commitDeck(deck, salts);
    const stored = {
      tableId: '0b9e8f3c-1d2a-4c5b-8e7f-6a5b4c3d2e1f',
      handNumber: 4,
      deckCommitment: committed.commitment,
      deck: cardsToString(deck),
      salts: joinSalts(salts),
      seats: [4, 7],
      buttonSeat: 7,
      variant: 'PO' as const,
    };
    const proof = proofOfVoidedHand(stored, 1)!;
    expect(proof.openings.map((opening) => opening.position)).toEqual([4, 5, 6, 7, 8, 9, 10, 11, 12]);
    expect(proof.holeCards).toEqual([{ seat: 7, cards: ['7h', '8h', '9c', 'Tc'] }]);
    expect(verifyDeckProof(proof, { expectedCommitment: committed.commitment }).ok).toBe(true);
  });
});
