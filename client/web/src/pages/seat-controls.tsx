import { useState } from 'preact/hooks';
import { Money } from '../../../../src/money/index.js';
import type { TableView } from '../../../../src/protocol/table-view.js';
import { checkAmount, displayAmount } from '../money/amounts.js';
import type { TableFeed } from '../realtime/table-feed.js';
import { refreshWallet } from '../state/wallet.js';

interface SeatControlsProps {
  readonly feed: TableFeed;
  readonly view: TableView;
  readonly ownSeat: number;
  /** Shows the outcome of a request (it outlives this panel: after leaving, it is gone). */
  readonly onMessage: (message: string | null) => void;
}

/**
 * What a seated player can do besides playing: post the big blind now rather than wait for it, sit
 * out or in, top up, leave (cash out).
 */
export function SeatControls({ feed, view, ownSeat, onMessage: setMessage }: SeatControlsProps) {
  const [busy, setBusy] = useState(false);
  const [confirmLeave, setConfirmLeave] = useState(false);
  const [topUpText, setTopUpText] = useState('');
  const player = view.seats.find((seat) => seat.seat === ownSeat)?.player;
  if (!player) return null;
  const sittingOut = player.status === 'sitting-out';
  const leaving = player.status === 'leaving';
  const waitingForBigBlind = player.status === 'waiting-for-big-blind';
  const room = new Money(view.stakes.maxBuyIn).minus(player.stack);
  const canTopUp = room.greaterThan(0);
  const topUpCheck = canTopUp
    ? checkAmount(topUpText, view.stakes.chipUnit, view.stakes.chipUnit, room.toFixed())
    : null;

  const run = async (work: () => Promise<string | null>) => {
    setBusy(true);
    setMessage(null);
    try {
      setMessage(await work());
    } finally {
      setBusy(false);
    }
  };

  const toggleSitOut = () =>
    run(async () => {
      const result = sittingOut ? await feed.sitIn() : await feed.sitOut();
      if (!result.ok) return result.error.message;
      return sittingOut ? 'You are back in: you will be dealt in.' : 'You are sitting out.';
    });

  const postBlind = () =>
    run(async () => {
      const result = await feed.postBlind();
      if (!result.ok) return result.error.message;
      return 'You post the big blind and are dealt into the next hand.';
    });

  const topUp = (event: Event) => {
    event.preventDefault();
    if (!topUpCheck?.ok) return;
    void run(async () => {
      const result = await feed.topUp(topUpCheck.value);
      if (!result.ok) return result.error.message;
      setTopUpText('');
      void refreshWallet();
      return result.data.when === 'now'
        ? `Added ${displayAmount(topUpCheck.value)} to your stack.`
        : `${displayAmount(topUpCheck.value)} will be added when this hand ends.`;
    });
  };

  const leave = () =>
    run(async () => {
      setConfirmLeave(false);
      const result = await feed.leave();
      if (!result.ok) return result.error.message;
      void refreshWallet();
      return result.data.when === 'now'
        ? 'You left the table; your chips are back in your wallet.'
        : 'You will leave when this hand ends; your chips then go back to your wallet.';
    });

  return (
    <section class="seat-controls panel" aria-label="Your seat" data-testid="seat-controls">
      {waitingForBigBlind && (
        <div class="seat-controls__row">
          <span>You wait for the big blind to reach you, or:</span>
          <button type="button" class="button" disabled={busy} data-testid="post-blind" onClick={postBlind}>
            Post the big blind now
          </button>
        </div>
      )}
      <div class="seat-controls__row">
        <button
          type="button"
          class="button"
          disabled={busy || leaving}
          data-testid={sittingOut ? 'sit-in' : 'sit-out'}
          onClick={toggleSitOut}
        >
          {sittingOut ? 'Sit back in' : 'Sit out'}
        </button>
        {confirmLeave ? (
          <span class="confirm">
            <span>Leave and cash out?</span>
            <button
              type="button"
              class="button button--danger"
              disabled={busy}
              data-testid="leave-confirm"
              onClick={leave}
            >
              Yes, leave
            </button>
            <button type="button" class="button button--ghost" onClick={() => setConfirmLeave(false)}>
              Stay
            </button>
          </span>
        ) : (
          <button
            type="button"
            class="button button--ghost"
            disabled={busy || leaving}
            data-testid="leave"
            onClick={() => setConfirmLeave(true)}
          >
            Leave table
          </button>
        )}
      </div>
      {canTopUp && topUpCheck && (
        <form class="seat-controls__row" onSubmit={topUp}>
          <label class="field field--inline">
            <span class="field__label">Top up (up to {displayAmount(room.toFixed())})</span>
            <input
              class="input input--short"
              inputMode="decimal"
              value={topUpText}
              data-testid="top-up-amount"
              onInput={(event) => setTopUpText(event.currentTarget.value)}
            />
          </label>
          <button type="submit" class="button" disabled={busy || !topUpCheck.ok} data-testid="top-up">
            Top up
          </button>
        </form>
      )}
    </section>
  );
}
