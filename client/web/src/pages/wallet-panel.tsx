import { useEffect } from 'preact/hooks';
import { walletLedger } from '../api/endpoints.js';
import type { TransferKind } from '../api/types.js';
import { useCursorPages } from '../api/use-cursor-pages.js';
import { displayAmount } from '../money/amounts.js';
import { useStore } from '../state/store.js';
import { refreshWallet, walletStore } from '../state/wallet.js';

const KIND_LABELS: Record<TransferKind, string> = {
  deposit: 'Chips bought',
  withdrawal: 'Paid out',
  'buy-in': 'Table buy-in',
  'top-up': 'Table top-up',
  'cash-out': 'Table cash-out',
  rake: 'Rake',
  refund: 'Refund',
};

/** The player's balance and every movement of their wallet, newest first. */
export function WalletPanel() {
  const balance = useStore(walletStore);
  const {
    items: entries,
    cursor,
    error,
    loaded,
    load,
  } = useCursorPages(walletLedger, (page) => page.entries, 'the ledger could not be loaded');
  useEffect(() => void refreshWallet(), []);

  return (
    <>
      <section class="panel balance" aria-label="Balance">
        <span class="balance__label">Balance</span>
        <span class="balance__amount" data-testid="cashier-balance">
          {balance === null ? '…' : displayAmount(balance)}
        </span>
        <span class="hint">chips · to buy chips or cash out, ask a cashier</span>
      </section>
      <section class="panel" aria-label="Wallet history">
        <h2>History</h2>
        {error && (
          <p class="form__error" role="alert">
            {error}
          </p>
        )}
        {loaded && entries.length === 0 && !error && <p class="empty">No movements yet.</p>}
        {entries.length > 0 && (
          <table class="data" data-testid="ledger">
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">What</th>
                <th scope="col" class="num">
                  Amount
                </th>
              </tr>
            </thead>
            <tbody>
              {entries.map((entry) => (
                <tr key={entry.id} data-testid="ledger-entry" data-kind={entry.kind}>
                  <td>{new Date(entry.createdAt).toLocaleString()}</td>
                  <td>
                    {KIND_LABELS[entry.kind]}
                    {entry.handNumber !== null && <span class="hint"> · hand #{entry.handNumber}</span>}
                  </td>
                  <td
                    class={`num ${entry.direction === 'credit' ? 'credit' : 'debit'}`}
                    data-testid="ledger-amount"
                  >
                    {entry.direction === 'credit' ? '+' : '−'}
                    {displayAmount(entry.amount)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {cursor && (
          <button type="button" class="button button--ghost" onClick={() => load(cursor)}>
            Older movements
          </button>
        )}
      </section>
    </>
  );
}
