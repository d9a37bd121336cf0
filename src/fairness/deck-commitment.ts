import { createHash, hash, randomBytes, timingSafeEqual } from 'node:crypto';
import { type Card, cardToString, DECK_SIZE, parseCards } from '../engine/cards.js';
import type { Result } from '../errors/result.js';

/**
 * The provably fair deck: a commitment to 52 per-card commitments.
 *
 * At the shuffle, each deck position i (0..51, dealing order) gets its own fresh secret salt s_i of
 * 32 random bytes (node:crypto), and the table computes
 *
 *   leaf_i     = SHA-256( "nlhe-deck-leaf-v1" || u8(i) || ASCII(card_i) || s_i )
 *   commitment = SHA-256( "nlhe-deck-root-v1" || leaf_0 || leaf_1 || ... || leaf_51 )
 *
 * Byte layout: each tag is its 17 ASCII characters with no terminator; u8(i) is one byte; card_i is
 * its two ASCII characters, rank then suit ("As", "Td", "2c": ranks 23456789TJQKA upper case, suits
 * cdhs lower case); s_i is the 32 raw bytes; the leaves enter the commitment as their 32 raw bytes.
 * So a leaf hashes 17 + 1 + 2 + 32 = 52 bytes, the commitment 17 + 52 * 32 = 1,681 bytes. On the
 * wire and in storage every hash and salt is lower-case hex.
 *
 * The commitment (hex) is published before any card is dealt. At the end of the hand each viewer
 * receives all 52 leaves and the openings (i, card_i, s_i) of exactly the cards they saw: the board,
 * the cards shown at showdown, their own hole cards (see deck-proof.ts). Anyone can then hash each
 * opening into its leaf, the 52 leaves into the commitment, and check that i is the place the
 * dealing layout deals that card from (player p gets deck[2p] and deck[2p+1]; the board follows).
 *
 * Why per card: a single hash over the whole deck can only be checked by revealing the whole deck,
 * which would expose mucked hands and the undealt cards. Here each card is opened alone; the leaves
 * of the others hide them behind 256 random bits each. SHA-256 binds: no other card, salt or
 * position gives the same leaf, no other leaves (or order of leaves) the same commitment. The
 * position inside each leaf ties an opening to one place in the deck even on its own; the two tags
 * keep a leaf from ever passing for a commitment, and this scheme's hashes from any other's.
 *
 * Storage (the `hands` row): `deck` holds the 52 cards as text in dealing order, `salt` the 52 salts
 * as hex concatenated in the same order (3,328 hex digits), `deck_commitment` the commitment. The
 * operator check (`npm run verify:deck -- --hand <id>`) recomputes everything from them.
 */

export const SALT_BYTES = 32;
export const LEAF_TAG = 'nlhe-deck-leaf-v1';
export const ROOT_TAG = 'nlhe-deck-root-v1';

const HEX_32_BYTES = /^[0-9a-f]{64}$/;

/** A deck with everything needed to open any of its cards. Secret: it never leaves the server whole. */
export interface CommittedDeck {
  readonly deck: readonly Card[];
  /** One 32-byte salt per deck position, hex. */
  readonly salts: readonly string[];
  /** leaf_i per deck position, hex. */
  readonly leaves: readonly string[];
  /** The published commitment, hex. */
  readonly commitment: string;
}

/** 52 fresh salts from the CSPRNG, one per deck position. */
export function newSalts(): string[] {
  const bytes = randomBytes(DECK_SIZE * SALT_BYTES);
  return Array.from({ length: DECK_SIZE }, (_, i) =>
    bytes.subarray(i * SALT_BYTES, (i + 1) * SALT_BYTES).toString('hex'),
  );
}

export function isSaltHex(text: string): boolean {
  return HEX_32_BYTES.test(text);
}

/** leaf_i, hex. `saltHex` must be 64 hex digits (checked by the callers that take outside input). */
export function cardLeaf(position: number, card: Card, saltHex: string): string {
  if (!Number.isInteger(position) || position < 0 || position >= DECK_SIZE)
    throw new RangeError(`no deck position ${position}`);
  // The same bytes as hashing the four parts in turn, in one buffer and one call: a table hashes
  // 52 leaves per hand, and a Hash object per leaf was a visible share of the server's CPU.
  const text = cardToString(card);
  const saltAt = LEAF_TAG_BYTES.length + 1 + text.length;
  const bytes = Buffer.allocUnsafe(saltAt + Buffer.byteLength(saltHex, 'hex'));
  LEAF_TAG_BYTES.copy(bytes, 0);
  bytes[LEAF_TAG_BYTES.length] = position;
  bytes.write(text, LEAF_TAG_BYTES.length + 1, 'ascii');
  // Like Buffer.from(saltHex, 'hex'): the bytes up to the first character that is not hex.
  const saltBytes = bytes.write(saltHex, saltAt, 'hex');
  return hash('sha256', bytes.subarray(0, saltAt + saltBytes), 'hex');
}

const LEAF_TAG_BYTES = Buffer.from(LEAF_TAG, 'ascii');

/** The commitment over the 52 leaves (hex, in deck order). */
export function commitLeaves(leaves: readonly string[]): string {
  if (leaves.length !== DECK_SIZE)
    throw new RangeError(`a deck has ${DECK_SIZE} leaves, not ${leaves.length}`);
  const hash = createHash('sha256').update(ROOT_TAG, 'ascii');
  for (const leaf of leaves) hash.update(Buffer.from(leaf, 'hex'));
  return hash.digest('hex');
}

/** Commits to a shuffled deck with its salts: the leaves and the commitment to publish. */
export function commitDeck(deck: readonly Card[], salts: readonly string[]): CommittedDeck {
  if (deck.length !== DECK_SIZE || salts.length !== DECK_SIZE || !salts.every(isSaltHex)) {
    throw new RangeError('a committed deck needs 52 cards and 52 salts of 32 bytes');
  }
  const leaves = deck.map((card, position) => cardLeaf(position, card, salts[position]!));
  return { deck: [...deck], salts: [...salts], leaves, commitment: commitLeaves(leaves) };
}

/** The salts as stored in the `hands` row: hex, concatenated in deck order. */
export function joinSalts(salts: readonly string[]): string {
  return salts.join('');
}

/** The stored salts back as a list, or null if the text is not 52 salts. */
export function splitSalts(text: string): string[] | null {
  if (text.length !== DECK_SIZE * SALT_BYTES * 2) return null;
  const salts = Array.from({ length: DECK_SIZE }, (_, i) => text.slice(i * 64, (i + 1) * 64));
  return salts.every(isSaltHex) ? salts : null;
}

/** Two hex digests equal, compared without an early exit. */
export function sameDigest(a: string, b: string): boolean {
  const left = Buffer.from(a, 'hex');
  const right = Buffer.from(b, 'hex');
  return left.length === 32 && right.length === 32 && timingSafeEqual(left, right);
}

/** A whole deck revealed, as the database stores it (operator audit). */
export interface DeckReveal {
  /** The 52 cards as text, in dealing order. */
  readonly deck: string;
  /** The 52 salts, hex, concatenated in deck order. */
  readonly salts: string;
}

/** The deck, or why it does not open the commitment. */
export type DeckCheck = Result<Card[], string>;

/** Checks that a revealed deck is a real deck and that it, with its salts, opens the commitment. */
export function verifyDeckReveal(commitment: string, reveal: DeckReveal): DeckCheck {
  const salts = splitSalts(reveal.salts);
  if (!salts) return { ok: false, error: 'the salts are not 52 salts of 32 bytes in hex' };
  const cards = parseCards(reveal.deck);
  if (!cards || cards.length !== DECK_SIZE) return { ok: false, error: 'the deck is not 52 cards' };
  if (new Set(cards).size !== DECK_SIZE) return { ok: false, error: 'the deck repeats a card' };
  if (!sameDigest(commitDeck(cards, salts).commitment, commitment)) {
    return { ok: false, error: 'the deck and salts do not match the commitment' };
  }
  return { ok: true, value: cards };
}
