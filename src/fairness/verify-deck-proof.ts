import { type Card, parseCard } from '../engine/cards.js';
import { HOLE_CARDS } from '../engine/hand-types.js';
import { DeckProofWireSchema } from '../protocol/server-message-schemas.js';
import type { DeckProofWire } from '../protocol/table-view.js';
import { cardLeaf, commitLeaves, sameDigest } from './deck-commitment.js';

/**
 * The check a PLAYER can make with what they received at the end of a hand (deck-proof.ts), with
 * no access to the server: the leaves hash to the commitment, every opening hashes to its leaf, and
 * every card the proof says was dealt (board, hole cards) is opened at the place the engine deals it
 * from. With h hole cards each (2 in Hold'em, 4 in Omaha: the proof's `variant`), player p (in the
 * seats' order) gets deck[h*p .. h*p+h-1]; the flop is deck[hn..hn+2], the turn deck[hn+3], the river
 * deck[hn+4], for n players, with no burns; the cards only a second run has follow from deck[hn+5].
 */

export interface ProofVerification {
  readonly ok: boolean;
  readonly problems: readonly string[];
  /** How many cards were proven: every opened position that checked out. */
  readonly provenCards: number;
}

export interface ProofOptions {
  /** The commitment the viewer saw published at the start of the hand, if they kept it. */
  readonly expectedCommitment?: string;
}

export function verifyDeckProof(input: unknown, options: ProofOptions = {}): ProofVerification {
  const parsed = DeckProofWireSchema.safeParse(input);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((issue) => `${issue.path.join('.') || 'proof'}: ${issue.message}`);
    return { ok: false, problems: issues.map((issue) => `not a deck proof: ${issue}`), provenCards: 0 };
  }
  const proof: DeckProofWire = parsed.data;
  const problems: string[] = [];
  if (options.expectedCommitment !== undefined && options.expectedCommitment !== proof.commitment) {
    problems.push('the proof is for another commitment than the one published at the start of the hand');
  }
  if (!sameDigest(commitLeaves(proof.leaves), proof.commitment)) {
    problems.push('the 52 leaves do not hash to the commitment');
  }

  // Each opening against its leaf.
  const opened = new Map<number, Card>();
  const openedCards = new Map<Card, number>();
  let provenCards = 0;
  for (const opening of proof.openings) {
    const card = parseCard(opening.card)!;
    if (opened.has(opening.position)) {
      problems.push(`deck position ${opening.position} is opened twice`);
      continue;
    }
    opened.set(opening.position, card);
    const other = openedCards.get(card);
    if (other !== undefined) {
      problems.push(`${opening.card} is opened at deck positions ${other} and ${opening.position}`);
    }
    openedCards.set(card, opening.position);
    if (sameDigest(cardLeaf(opening.position, card, opening.salt), proof.leaves[opening.position]!)) {
      provenCards += 1;
    } else {
      problems.push(
        `the opening of deck position ${opening.position} (${opening.card}) does not match its leaf`,
      );
    }
  }

  // The dealing layout: every card shown as dealt is opened where it was dealt from, and nothing else is.
  problems.push(...seatOrderProblems(proof));
  const players = proof.seats.length;
  const holeCount = HOLE_CARDS[proof.variant ?? 'NT'];
  const boardStart = holeCount * players;
  const claimed = new Set<number>();
  const expectAt = (position: number, text: string, what: string) => {
    claimed.add(position);
    const card = opened.get(position);
    if (card === undefined)
      problems.push(`${what} (${text}) should be deck position ${position}, which is not opened`);
    else if (card !== parseCard(text)) {
      const openedText = proof.openings.find((opening) => opening.position === position)!.card;
      problems.push(`${what} is ${text}, but deck position ${position} opens as ${openedText}`);
    }
  };
  proof.board.forEach((card, index) => {
    expectAt(boardStart + index, card, `board card ${index + 1}`);
  });
  (proof.secondRun ?? []).forEach((card, index) => {
    expectAt(boardStart + 5 + index, card, `second-run card ${index + 1}`);
  });
  const seatsSeen = new Set<number>();
  for (const hole of proof.holeCards) {
    const player = proof.seats.indexOf(hole.seat);
    if (player < 0) {
      problems.push(`hole cards of seat ${hole.seat}, which was not dealt in`);
      continue;
    }
    if (seatsSeen.has(hole.seat)) problems.push(`hole cards of seat ${hole.seat} are listed twice`);
    seatsSeen.add(hole.seat);
    if (hole.cards.length !== holeCount)
      problems.push(`seat ${hole.seat} shows ${hole.cards.length} hole cards, not ${holeCount}`);
    hole.cards.forEach((card, index) => {
      expectAt(holeCount * player + index, card, `hole card ${index + 1} of seat ${hole.seat}`);
    });
  }
  for (const position of opened.keys()) {
    if (!claimed.has(position))
      problems.push(`deck position ${position} is opened, but no card shown was dealt from it`);
  }
  return { ok: problems.length === 0, problems, provenCards };
}

/** Seats are dealt clockwise (ascending seat numbers, wrapping once) from the button's left, button last. */
function seatOrderProblems(proof: DeckProofWire): string[] {
  const { seats, buttonSeat } = proof;
  if (new Set(seats).size !== seats.length) return ['a seat is listed twice in the dealing order'];
  if (seats[seats.length - 1] !== buttonSeat) return ['the dealing order does not end at the button'];
  let wraps = 0;
  for (let i = 0; i < seats.length; i++) {
    if (seats[(i + 1) % seats.length]! < seats[i]!) wraps += 1;
  }
  return wraps === 1 ? [] : ['the seats are not in clockwise dealing order'];
}
