import type { TournamentNotice } from '../../../../src/protocol/notices.js';
import { navigate } from '../router.js';
import { createStore } from '../state/store.js';
import { showToast } from '../state/toasts.js';
import { refreshWallet } from '../state/wallet.js';
import { movesMoney, tableToOpen, toastOf } from '../tournaments/notices.js';
import { onServerEvent } from './connection.js';

/** The latest tournament notice (with a count, so the same notice twice is still news): pages refresh on it. */
export const tournamentNoticeStore = createStore<{
  readonly count: number;
  readonly notice: TournamentNotice;
} | null>(null);

/**
 * Follows the player's tournaments wherever they are in the app: a seating or a move takes them to
 * the table, a result or a cancellation is told and the wallet read again (a prize, a refund).
 */
export function followTournamentNotices(): () => void {
  let count = 0;
  return onServerEvent('tournament:notice', (notice) => {
    const table = tableToOpen(notice);
    if (table) navigate({ page: 'table', tableId: table });
    showToast(toastOf(notice));
    if (movesMoney(notice)) void refreshWallet();
    count += 1;
    tournamentNoticeStore.set({ count, notice });
  });
}
