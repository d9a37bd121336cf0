import { hrefOf } from '../router.js';
import { useStore } from '../state/store.js';
import { dismissToast, tableNamesStore, toastStore } from '../state/toasts.js';
import { toastText } from '../tournaments/notices.js';

/** The toasts over every page (tournament seatings, moves, results), each dismissed by hand. */
export function Toasts() {
  const toasts = useStore(toastStore);
  const names = useStore(tableNamesStore);
  if (toasts.length === 0) return null;
  return (
    <ul class="toasts" aria-live="polite" data-testid="toasts">
      {toasts.map((toast) => (
        <li key={toast.id} class={`toast toast--${toast.tone}`} data-testid="toast" data-kind={toast.kind}>
          <span class="toast__text">
            {toastText(toast, toast.tableId ? names.get(toast.tableId) : undefined)}
          </span>
          <a class="link" href={hrefOf({ page: 'tournament', tournamentId: toast.tournamentId })}>
            Tournament
          </a>
          <button
            type="button"
            class="button button--ghost button--small"
            aria-label="Dismiss"
            data-testid="toast-dismiss"
            onClick={() => dismissToast(toast.id)}
          >
            ×
          </button>
        </li>
      ))}
    </ul>
  );
}
