import type { DealMethod, TournamentDealOut } from '../../../../src/protocol/http-tournaments.js';
import { countdown } from './format.js';

/**
 * What the deal panel says about a final-table deal, wherever it shows (the tournament's page, the
 * table): pure, so it is tested without a browser.
 */

type DealAnswer = TournamentDealOut['players'][number]['answer'];

export const DEAL_METHOD_LABELS: Record<DealMethod, string> = { icm: 'ICM', 'chip-chop': 'Chip chop' };

export const DEAL_STATUS_TEXT: Record<TournamentDealOut['status'], string> = {
  'waiting-for-hand': 'Deal proposed: the offers open when the hand in play ends.',
  open: 'Deal offered: every player accepts the same method, or play goes on.',
  agreed: 'Deal agreed and paid.',
  declined: 'No deal: play goes on.',
  expired: 'No deal in time: play goes on.',
};

/** A deal is being talked about (proposed, or its offers open): another cannot be proposed. */
export function dealPending(deal: TournamentDealOut | null): boolean {
  return deal !== null && (deal.status === 'open' || deal.status === 'waiting-for-hand');
}

/**
 * The players left fit one table (and there is still someone to play against): a deal may be
 * proposed. The server decides in the end; this only says when to offer the button.
 */
export function atFinalTable(playersLeft: number | null, tableSize: number): boolean {
  return playersLeft !== null && playersLeft > 1 && playersLeft <= tableSize;
}

/** One player's answer in words. */
export function dealAnswerLabel(answer: DealAnswer): string {
  if (answer === null) return 'waiting';
  if (answer === 'decline') return 'declined';
  return answer === 'icm' ? 'accepts ICM' : 'accepts chip chop';
}

/** The time left to answer ("0:42") while the deal is talked about, on the server's clock; else null. */
export function dealTimeLeft(deal: TournamentDealOut | null, serverNowMs: number): string | null {
  if (!deal || !dealPending(deal)) return null;
  return countdown(Date.parse(deal.expiresAt) - serverNowMs);
}
