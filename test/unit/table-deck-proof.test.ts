import { describe, expect, it } from 'vitest';
import { parseCards } from '../../src/engine/cards.js';
import { commitDeck, newSalts } from '../../src/fairness/deck-commitment.js';
import { buildDeckProof, type VisibleCards } from '../../src/fairness/deck-proof.js';
import { verifyDeckProof } from '../../src/fairness/verify-deck-proof.js';
import type { DeckProofWire } from '../../src/protocol/table-view.js';
import { fixedDeck } from '../support/fixed-deck.js';

const TABLE = '0b9e8f3c-1d2a-4c5b-8e7f-6a5b4c3d2e1f';

/** What the scenario's hand showed: the viewer's cards (seat 3), the shown ones (seat 1), the board. */
const VISIBLE: VisibleCards = {
  tableId: TABLE,
  handNumber: 12,
  seats: [3, 5, 1],
  buttonSeat: 1,
  board: parseCards('2c7h9dTcJh')!,
  holeCards: [parseCards('AsAd'), null, parseCards('KsKd')],
};

/**
 * Three players in seats 3, 5 and 1 (the button); the viewer is in seat 3 (position 0), seat 1 showed
 * at the showdown, seat 5 mucked. Deck positions: 0-1 seat 3, 2-3 seat 5, 4-5 seat 1, 6-10 board.
 */
function scenario() {
  const deck = fixedDeck(['AsAd', '7c2d', 'KsKd'], '2c7h9dTcJh');
  const salts = newSalts();
  const committed = commitDeck(deck, salts);
  const proof = buildDeckProof(committed, VISIBLE);
  return { deck, salts, committed, proof };
}

/** A proof as parsed from JSON: mutable, to doctor. */
interface MutableProof extends Omit<DeckProofWire, 'leaves' | 'seats' | 'board' | 'holeCards' | 'openings'> {
  buttonSeat: number;
  leaves: string[];
  seats: number[];
  board: string[];
  holeCards: { seat: number; cards: string[] }[];
  openings: { position: number; card: string; salt: string }[];
}

function copy(proof: DeckProofWire): MutableProof {
  return JSON.parse(JSON.stringify(proof));
}

describe('deck proof for one viewer', () => {
  it('opens exactly the board, the shown hand and the own hand', () => {
    const { proof, salts } = scenario();
    expect(proof.commitment).toMatch(/^[0-9a-f]{64}$/);
    expect(proof.leaves).toHaveLength(52);
    expect(proof.openings.map((opening) => opening.position)).toEqual([0, 1, 4, 5, 6, 7, 8, 9, 10]);
    expect(proof.openings.map((opening) => opening.card).join('')).toBe('AsAdKsKd2c7h9dTcJh');
    expect(proof.holeCards).toEqual([
      { seat: 3, cards: ['As', 'Ad'] },
      { seat: 1, cards: ['Ks', 'Kd'] },
    ]);
    // The mucked hand (positions 2-3) and the undealt cards (11-51) stay secret.
    const text = JSON.stringify(proof);
    for (const [position, salt] of salts.entries()) {
      expect(text.includes(salt)).toBe([0, 1, 4, 5, 6, 7, 8, 9, 10].includes(position));
    }
    expect(verifyDeckProof(proof)).toEqual({ ok: true, problems: [], provenCards: 9 });
    expect(verifyDeckProof(proof, { expectedCommitment: proof.commitment }).ok).toBe(true);
  });

  it('fails for a tampered card', () => {
    const { proof } = scenario();
    const doctored = copy(proof);
    doctored.openings[4]!.card = 'Qh';
    doctored.board[0] = 'Qh';
    const verdict = verifyDeckProof(doctored);
    expect(verdict.ok).toBe(false);
    expect(verdict.problems).toEqual(['the opening of deck position 6 (Qh) does not match its leaf']);
  });

  it('fails for a tampered salt', () => {
    const { proof } = scenario();
    const doctored = copy(proof);
    doctored.openings[0]!.salt = newSalts()[0]!;
    expect(verifyDeckProof(doctored).problems).toEqual([
      'the opening of deck position 0 (As) does not match its leaf',
    ]);
  });

  it('fails for a card opened at the wrong position', () => {
    const { proof } = scenario();
    // The own first hole card claimed from position 2 (the mucked hand's place) instead of 0.
    const moved = copy(proof);
    moved.openings[0]!.position = 2;
    const verdict = verifyDeckProof(moved);
    expect(verdict.ok).toBe(false);
    expect(verdict.problems).toContain('the opening of deck position 2 (As) does not match its leaf');
    expect(verdict.problems).toContain(
      'hole card 1 of seat 3 (As) should be deck position 0, which is not opened',
    );
    // Two openings swapped with each other: both fail their leaves.
    const swapped = copy(proof);
    swapped.openings[4]!.position = 7;
    swapped.openings[5]!.position = 6;
    expect(verifyDeckProof(swapped).problems).toEqual([
      'the opening of deck position 7 (2c) does not match its leaf',
      'the opening of deck position 6 (7h) does not match its leaf',
      'board card 1 is 2c, but deck position 6 opens as 7h',
      'board card 2 is 7h, but deck position 7 opens as 2c',
    ]);
  });

  it('fails for swapped leaves, hidden ones included', () => {
    const { proof } = scenario();
    const doctored = copy(proof);
    [doctored.leaves[0], doctored.leaves[1]] = [doctored.leaves[1]!, doctored.leaves[0]!];
    const verdict = verifyDeckProof(doctored);
    expect(verdict.problems).toEqual([
      'the 52 leaves do not hash to the commitment',
      'the opening of deck position 0 (As) does not match its leaf',
      'the opening of deck position 1 (Ad) does not match its leaf',
    ]);
    const hidden = copy(proof);
    [hidden.leaves[30], hidden.leaves[31]] = [hidden.leaves[31]!, hidden.leaves[30]!];
    expect(verifyDeckProof(hidden).problems).toEqual(['the 52 leaves do not hash to the commitment']);
  });

  it('fails when the cards shown are not the cards opened where they were dealt', () => {
    const { proof } = scenario();
    const board = copy(proof);
    board.board = ['7h', '2c', '9d', 'Tc', 'Jh'];
    expect(verifyDeckProof(board).problems).toEqual([
      'board card 1 is 7h, but deck position 6 opens as 2c',
      'board card 2 is 2c, but deck position 7 opens as 7h',
    ]);
    // Seat 5's mucked hand claimed under seat 1's shown cards: the positions do not match.
    const seats = copy(proof);
    seats.holeCards[1]!.seat = 5;
    expect(verifyDeckProof(seats).problems).toEqual([
      'hole card 1 of seat 5 (Ks) should be deck position 2, which is not opened',
      'hole card 2 of seat 5 (Kd) should be deck position 3, which is not opened',
      'deck position 4 is opened, but no card shown was dealt from it',
      'deck position 5 is opened, but no card shown was dealt from it',
    ]);
    const order = copy(proof);
    order.seats = [5, 3, 1];
    expect(verifyDeckProof(order).problems).toContain('the seats are not in clockwise dealing order');
    const button = copy(proof);
    button.buttonSeat = 5;
    expect(verifyDeckProof(button).problems).toEqual(['the dealing order does not end at the button']);
  });

  it('fails for a consistent proof of another deck than the one committed at the start', () => {
    const { proof } = scenario();
    const other = commitDeck(fixedDeck(['AsAd', '7c2d', 'KsKd'], '2c7h9dTcJh'), newSalts());
    const forged = buildDeckProof(other, VISIBLE);
    expect(verifyDeckProof(forged).ok).toBe(true);
    expect(verifyDeckProof(forged, { expectedCommitment: proof.commitment }).problems).toEqual([
      'the proof is for another commitment than the one published at the start of the hand',
    ]);
  });

  it('refuses what is not a proof', () => {
    const { proof } = scenario();
    expect(verifyDeckProof(null).ok).toBe(false);
    const short = copy(proof);
    short.leaves.pop();
    expect(verifyDeckProof(short).problems[0]).toMatch(/^not a deck proof: leaves/);
    const extra = { ...proof, deck: 'AsAd' };
    expect(verifyDeckProof(extra).ok).toBe(false);
    const twice = copy(proof);
    twice.openings.push({ ...twice.openings[0]! });
    expect(verifyDeckProof(twice).problems).toContain('deck position 0 is opened twice');
  });
});
