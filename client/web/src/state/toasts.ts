import type { NoticeToast } from '../tournaments/notices.js';
import { createStore } from './store.js';

/**
 * Messages that outlive the page they arrived on (a tournament's seating, a move, a result): shown
 * over whatever page is open until dismissed. The newest few are kept.
 */
export interface Toast extends NoticeToast {
  readonly id: number;
}

const TOASTS_KEPT = 4;
const TABLE_NAMES_KEPT = 50;
let toastIds = 0;

export const toastStore = createStore<readonly Toast[]>([]);

/** How long a toast that only says where the player went stays up; results stay until dismissed. */
const PASSING_TOAST_MS = 10_000;

export function showToast(toast: NoticeToast): void {
  toastIds += 1;
  const id = toastIds;
  toastStore.update((toasts) => [...toasts, { ...toast, id }].slice(-TOASTS_KEPT));
  if (toast.kind === 'seated' || toast.kind === 'moved') setTimeout(() => dismissToast(id), PASSING_TOAST_MS);
}

export function dismissToast(id: number): void {
  toastStore.update((toasts) => toasts.filter((toast) => toast.id !== id));
}

/** Table names the pages have seen, so that a toast can name a table by its name. */
export const tableNamesStore = createStore<ReadonlyMap<string, string>>(new Map());

export function rememberTableName(tableId: string, name: string): void {
  if (tableNamesStore.get().get(tableId) === name) return;
  tableNamesStore.update((names) => {
    const next = new Map(names);
    next.delete(tableId);
    next.set(tableId, name);
    // The oldest first out: a long session at many tables keeps only the latest names.
    for (const oldest of next.keys()) {
      if (next.size <= TABLE_NAMES_KEPT) break;
      next.delete(oldest);
    }
    return next;
  });
}
