import { useEffect, useRef, useState } from 'preact/hooks';
import { Money } from '../../../../src/money/index.js';
import type { TableStakes } from '../../../../src/protocol/table-view.js';
import { checkAmount, displayAmount } from '../money/amounts.js';
import type { TableFeed } from '../realtime/table-feed.js';
import { useStore } from '../state/store.js';
import { refreshWallet, walletStore } from '../state/wallet.js';

interface SitDialogProps {
  readonly feed: TableFeed;
  readonly seat: number;
  readonly stakes: TableStakes;
  readonly onClose: () => void;
}

/** Take a seat: choose the buy-in (within the table's range and the wallet), then sit. */
export function SitDialog({ feed, seat, stakes, onClose }: SitDialogProps) {
  const balance = useStore(walletStore);
  const [text, setText] = useState(stakes.maxBuyIn);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => {
    void refreshWallet();
    input.current?.focus();
  }, []);
  useEffect(() => {
    // Offer the most the wallet allows, up to the table's maximum.
    if (balance !== null && new Money(balance).lessThan(stakes.maxBuyIn))
      setText(new Money(balance).toFixed());
  }, [balance, stakes.maxBuyIn]);
  const max = balance !== null && new Money(balance).lessThan(stakes.maxBuyIn) ? balance : stakes.maxBuyIn;
  const check = checkAmount(text, stakes.chipUnit, stakes.minBuyIn, max);
  const submit = async (event: Event) => {
    event.preventDefault();
    if (!check.ok) return;
    setBusy(true);
    setError(null);
    const result = await feed.sit(seat, check.value);
    setBusy(false);
    if (!result.ok) {
      setError(result.error.message);
      return;
    }
    void refreshWallet();
    onClose();
  };
  return (
    <div class="overlay">
      <div
        class="dialog"
        role="dialog"
        aria-modal="true"
        aria-labelledby="sit-title"
        data-testid="sit-dialog"
      >
        <form class="form" onSubmit={submit}>
          <h2 id="sit-title">Sit at seat {seat}</h2>
          <p class="hint">
            Buy-in from {displayAmount(stakes.minBuyIn)} to {displayAmount(stakes.maxBuyIn)}.
            {balance !== null && ` Your wallet: ${displayAmount(balance)}.`}
          </p>
          <label class="field">
            <span class="field__label">Buy-in</span>
            <input
              ref={input}
              class={`input${check.ok ? '' : ' input--invalid'}`}
              inputMode="decimal"
              value={text}
              aria-invalid={!check.ok}
              data-testid="buy-in-amount"
              onInput={(event) => setText(event.currentTarget.value)}
            />
          </label>
          {!check.ok && <p class="form__error">{check.message}</p>}
          {error && (
            <p class="form__error" role="alert" data-testid="sit-error">
              {error}
            </p>
          )}
          <div class="form__actions">
            <button
              type="submit"
              class="button button--primary"
              disabled={busy || !check.ok}
              data-testid="sit-confirm"
            >
              Sit with {check.ok ? displayAmount(check.value) : '…'}
            </button>
            <button type="button" class="button button--ghost" onClick={onClose} data-testid="sit-cancel">
              Cancel
            </button>
          </div>
        </form>
      </div>
    </div>
  );
}
