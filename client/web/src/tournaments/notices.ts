import { Money } from '../../../../src/money/index.js';
import type { TournamentNotice } from '../../../../src/protocol/notices.js';
import { resultSentence } from './format.js';

/**
 * What the page does with a `tournament:notice`: which table to take the player to, and what to
 * tell them. Pure, so it is tested without a browser; app.tsx wires it to the socket.
 */

export type ToastTone = 'info' | 'success' | 'warning';

export interface NoticeToast {
  readonly tournamentId: string;
  readonly kind: TournamentNotice['kind'];
  readonly tone: ToastTone;
  /** The table the text names (its name is filled in once the page knows it), or null. */
  readonly tableId: string | null;
  /** The text; `{table}` stands for the table's name. */
  readonly text: string;
}

/** The table to open for a seating or a move; null for the other notices. */
export function tableToOpen(notice: TournamentNotice): string | null {
  return notice.kind === 'seated' || notice.kind === 'moved' ? notice.tableId : null;
}

/** The notice as a toast: a move names the table, a result its place and prize. */
export function toastOf(notice: TournamentNotice): NoticeToast {
  const base = { tournamentId: notice.tournamentId, kind: notice.kind, tableId: notice.tableId };
  const seat = notice.seat === null ? '' : `, seat ${notice.seat}`;
  switch (notice.kind) {
    case 'seated':
      return { ...base, tone: 'info', text: `Your tournament has started: you sit at table {table}${seat}.` };
    case 'moved':
      return { ...base, tone: 'info', text: `You were moved to table {table}${seat}.` };
    case 'eliminated':
    case 'finished': {
      const won = notice.prize !== null && !new Money(notice.prize).isZero();
      return { ...base, tone: won ? 'success' : 'info', text: resultSentence(notice.place, notice.prize) };
    }
    case 'cancelled':
      return { ...base, tone: 'warning', text: cancelledText(notice.message) };
  }
}

/** The server's reason as a sentence, or the refund said plainly when there is none. */
function cancelledText(message: string): string {
  const trimmed = message.trim().replace(/\.$/, '');
  if (trimmed === '') return 'The tournament was cancelled; your buy-in and fee are refunded.';
  return `${trimmed[0]!.toUpperCase()}${trimmed.slice(1)}.`;
}

/** Whether the notice may have moved money (a prize, a refund): the wallet balance is read again. */
export function movesMoney(notice: TournamentNotice): boolean {
  return notice.kind === 'eliminated' || notice.kind === 'finished' || notice.kind === 'cancelled';
}

/** The toast's text with the table's name in it (its id's first characters until the name is known). */
export function toastText(toast: NoticeToast, tableName: string | undefined): string {
  const table = tableName ?? (toast.tableId ? toast.tableId.slice(0, 8) : '');
  return toast.text.replace('{table}', table);
}
