import { useState } from 'preact/hooks';
import { parseAmount } from '../../../../src/money/index.js';
import { type CashierDirection, cashierMovement, findPlayers } from '../api/endpoints.js';
import { ApiRequestError, newIdempotencyKey } from '../api/http.js';
import type { CashierMovement, PlayerSummary } from '../api/types.js';
import { NameSearch } from '../components/name-search.js';
import { displayAmount } from '../money/amounts.js';

interface Pending {
  readonly direction: CashierDirection;
  readonly player: PlayerSummary;
  readonly amount: string;
  /** Made when the cashier reviews the movement; a retry of the same confirmation reuses it. */
  readonly key: string;
}

interface Done extends CashierMovement {
  readonly direction: CashierDirection;
}

const VERBS: Record<CashierDirection, { action: string; past: string; preposition: string }> = {
  deposit: { action: 'Sell chips', past: 'Sold', preposition: 'to' },
  withdrawal: { action: 'Pay out', past: 'Paid out', preposition: 'to' },
};

/**
 * The cashier's desk: find a player, choose to sell chips or pay out, review, confirm, and see the
 * receipt. Every movement carries an idempotency key, so a retried confirmation never moves twice.
 */
export function CashierDesk() {
  const [query, setQuery] = useState('');
  const [players, setPlayers] = useState<readonly PlayerSummary[] | null>(null);
  const [player, setPlayer] = useState<PlayerSummary | null>(null);
  const [direction, setDirection] = useState<CashierDirection>('deposit');
  const [amount, setAmount] = useState('');
  const [pending, setPending] = useState<Pending | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [log, setLog] = useState<readonly Done[]>([]);

  const search = async (event: Event) => {
    event.preventDefault();
    setError(null);
    try {
      setPlayers((await findPlayers(query.trim())).players);
    } catch (caught) {
      setError(caught instanceof ApiRequestError ? caught.message : 'the search failed');
    }
  };

  const amountCheck = parseAmount(amount.trim());

  const review = (event: Event) => {
    event.preventDefault();
    if (!player || !amountCheck.ok) return;
    setError(null);
    setPending({ direction, player, amount: amountCheck.value.toFixed(), key: newIdempotencyKey() });
  };

  const confirm = async () => {
    if (!pending) return;
    setBusy(true);
    setError(null);
    try {
      const done = await cashierMovement(
        pending.direction,
        pending.player.username,
        pending.amount,
        pending.key,
      );
      setLog((current) => [{ ...done, direction: pending.direction }, ...current]);
      setPlayer({ ...pending.player, balance: done.walletBalance });
      setPlayers(
        (current) =>
          current?.map((p) => (p.id === pending.player.id ? { ...p, balance: done.walletBalance } : p)) ??
          null,
      );
      setPending(null);
      setAmount('');
    } catch (caught) {
      setError(
        caught instanceof ApiRequestError ? caught.message : 'the request failed; you may retry safely',
      );
    } finally {
      setBusy(false);
    }
  };

  return (
    <div class="desk">
      <section class="panel" aria-label="Find a player">
        <h2>1. Find the player</h2>
        <NameSearch
          value={query}
          onInput={setQuery}
          onSubmit={search}
          testIds={{ field: 'player-query', button: 'player-search' }}
          buttonText="Search"
          required
        />
        {players && players.length === 0 && <p class="empty">No player matches.</p>}
        {players && players.length > 0 && (
          <ul class="choices" data-testid="player-results">
            {players.map((candidate) => (
              <li key={candidate.id}>
                <button
                  type="button"
                  class={`choice${player?.id === candidate.id ? ' choice--selected' : ''}`}
                  aria-pressed={player?.id === candidate.id}
                  data-testid={`player-${candidate.username}`}
                  onClick={() => {
                    setPlayer(candidate);
                    setPending(null);
                  }}
                >
                  <span>{candidate.username}</span>
                  <span class="choice__balance">{displayAmount(candidate.balance)}</span>
                </button>
              </li>
            ))}
          </ul>
        )}
      </section>

      {player && (
        <section class="panel" aria-label="Movement">
          <h2>
            2. {player.username} · balance{' '}
            <span data-testid="selected-balance">{displayAmount(player.balance)}</span>
          </h2>
          {pending ? (
            <div
              class="confirm-box"
              role="alertdialog"
              aria-labelledby="confirm-text"
              data-testid="cashier-confirm"
            >
              <p id="confirm-text">
                {VERBS[pending.direction].action}: <strong>{displayAmount(pending.amount)}</strong> chips{' '}
                {VERBS[pending.direction].preposition} <strong>{pending.player.username}</strong>?
              </p>
              <div class="form__actions">
                <button
                  type="button"
                  class="button button--primary"
                  disabled={busy}
                  data-testid="cashier-confirm-yes"
                  onClick={confirm}
                >
                  {error ? 'Retry' : 'Confirm'}
                </button>
                <button
                  type="button"
                  class="button button--ghost"
                  disabled={busy}
                  data-testid="cashier-confirm-no"
                  onClick={() => setPending(null)}
                >
                  Back
                </button>
              </div>
            </div>
          ) : (
            <form class="form" onSubmit={review}>
              <fieldset class="segmented">
                <legend class="field__label">Movement</legend>
                {(['deposit', 'withdrawal'] as const).map((option) => (
                  <label
                    key={option}
                    class={`segmented__option${direction === option ? ' segmented__option--on' : ''}`}
                  >
                    <input
                      type="radio"
                      name="direction"
                      value={option}
                      checked={direction === option}
                      data-testid={`direction-${option}`}
                      onChange={() => setDirection(option)}
                    />
                    {VERBS[option].action}
                  </label>
                ))}
              </fieldset>
              <label class="field">
                <span class="field__label">Amount</span>
                <input
                  class="input"
                  inputMode="decimal"
                  value={amount}
                  aria-invalid={amount !== '' && !amountCheck.ok}
                  data-testid="cashier-amount"
                  onInput={(event) => setAmount(event.currentTarget.value)}
                />
              </label>
              {amount !== '' && !amountCheck.ok && <p class="form__error">{amountCheck.error.message}</p>}
              <button
                type="submit"
                class="button button--primary"
                disabled={!amountCheck.ok}
                data-testid="cashier-review"
              >
                Review
              </button>
            </form>
          )}
          {error && (
            <p class="form__error" role="alert" data-testid="cashier-error">
              {error}
            </p>
          )}
        </section>
      )}

      {log.length > 0 && (
        <section class="panel" aria-label="Done this session">
          <h2>Done</h2>
          <ul class="receipts" data-testid="cashier-log">
            {log.map((done) => (
              <li key={done.transferId} class="receipt" data-testid="cashier-receipt">
                {VERBS[done.direction].past} {displayAmount(done.amount)} {VERBS[done.direction].preposition}{' '}
                {done.username} · new balance {displayAmount(done.walletBalance)} · transfer #
                {done.transferId}
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}
