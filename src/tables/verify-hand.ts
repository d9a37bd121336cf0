import { parsePhh } from '../engine/phh/phh-parse.js';
import { checkDealtCards } from './dealt-cards-check.js';
import { verifyDeckReveal } from './deck-commitment.js';

/** What is stored with a hand that the fairness check needs. */
export interface StoredHandRecord {
  readonly deckCommitment: string;
  readonly deck: string;
  readonly salt: string;
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
 * The fairness check of one hand: the revealed deck and salt open the commitment published before
 * the deal, the deck is a real deck, and every card the history shows dealt (hole cards, board,
 * shown hands) sits where the engine deals it from in that deck.
 */
export function verifyHandRecord(record: StoredHandRecord): HandVerification {
  const reveal = verifyDeckReveal(record.deckCommitment, { deck: record.deck, salt: record.salt });
  if (!reveal.ok) return { ok: false, problems: [reveal.reason], checkedHistory: false };
  if (record.history.trim() === '') return { ok: true, problems: [], checkedHistory: false };
  const history = parsePhh(record.history);
  if (!history.ok)
    return {
      ok: false,
      problems: [`the history is unreadable: ${history.error.message}`],
      checkedHistory: false,
    };
  const problems = checkDealtCards(history.value, reveal.deck);
  return { ok: problems.length === 0, problems, checkedHistory: true };
}
