import { parsePhh } from '../engine/phh/phh-parse.js';
import { checkDealtCards } from './dealt-cards-check.js';
import { verifyDeckReveal } from './deck-commitment.js';

/** What is stored with a hand that the fairness check needs. */
export interface StoredHandRecord {
  readonly deckCommitment: string;
  /** The 52 cards as text, in dealing order. */
  readonly deck: string;
  /** The 52 per-card salts, hex, concatenated in deck order (the `salt` column). */
  readonly salts: string;
  /** PHH text; empty for a voided hand. */
  readonly history: string;
}

export interface HandVerification {
  readonly ok: boolean;
  readonly problems: readonly string[];
  /** Cards in the history that were compared with the deck. */
  readonly checkedHistory: boolean;
}

/**
 * The operator's fairness check of one hand, from the database: the revealed deck and its salts
 * open the commitment published before the deal, the deck is a real deck, and every card the
 * history shows dealt (hole cards, board, shown hands) sits where the engine deals it from in that
 * deck. (Players check their own share of it with verify-deck-proof.ts.)
 */
export function verifyHandRecord(record: StoredHandRecord): HandVerification {
  const reveal = verifyDeckReveal(record.deckCommitment, { deck: record.deck, salts: record.salts });
  if (!reveal.ok) return { ok: false, problems: [reveal.error], checkedHistory: false };
  if (record.history.trim() === '') return { ok: true, problems: [], checkedHistory: false };
  const history = parsePhh(record.history);
  if (!history.ok)
    return {
      ok: false,
      problems: [`the history is unreadable: ${history.error.message}`],
      checkedHistory: false,
    };
  const problems = checkDealtCards(history.value, reveal.value);
  return { ok: problems.length === 0, problems, checkedHistory: true };
}
