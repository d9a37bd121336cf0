import { useState } from 'preact/hooks';
import { Money } from '../../../../src/money/index.js';
import type { TableView } from '../../../../src/protocol/table-view.js';
import { checkAmount, displayAmount } from '../money/amounts.js';
import type { TableFeed } from '../realtime/table-feed.js';
import { hrefOf } from '../router.js';
import { useStore } from '../state/store.js';
import { refreshWallet, walletStore } from '../state/wallet.js';

/** The outcome of a request, shown under the table: an error looks like one. */
export interface SeatMessage {
  readonly text: string;
  readonly error: boolean;
}

interface SeatControlsProps {
  readonly feed: TableFeed;
  readonly view: TableView;
  readonly ownSeat: number;
  /** Shows the outcome of a request (it outlives this panel: after leaving, it is gone). */
  readonly onMessage: (message: SeatMessage | null) => void;
}

const ok = (text: string): SeatMessage => ({ text, error: false });
const failed = (text: string): SeatMessage => ({ text, error: true });

/**
 * What a seated player can do besides playing: post the big blind now rather than wait for it, sit
 * out or in, top up (never past the table's maximum nor what the wallet holds), leave (cash out);
 * and, out of chips, rebuy within the table's buy-in range and the wallet.
 */
export function SeatControls({ feed, view, ownSeat, onMessage: setMessage }: SeatControlsProps) {
  const [busy, setBusy] = useState(false);
  const [confirmLeave, setConfirmLeave] = useState(false);
  const [topUpOpen, setTopUpOpen] = useState(false);
  const [amountText, setAmountText] = useState('');
  const wallet = useStore(walletStore);
  const player = view.seats.find((seat) => seat.seat === ownSeat)?.player;
  if (!player) return null;
  const { stakes } = view;
  const sittingOut = player.status === 'sitting-out';
  const leaving = player.status === 'leaving';
  const waitingForBigBlind = player.status === 'waiting-for-big-blind';
  const inHand =
    view.hand !== null &&
    view.hand.phase !== 'complete' &&
    view.hand.players.some((candidate) => candidate.seat === ownSeat);
  const busted = new Money(player.stack).isZero() && !inHand && !leaving;
  const walletMoney = wallet === null ? null : new Money(wallet);
  const capByWallet = (limit: Money) => (walletMoney === null ? limit : Money.min(limit, walletMoney));
  // A rebuy brings the stack from nothing to within the buy-in range; a top-up adds up to the maximum.
  const rebuyMax = capByWallet(new Money(stakes.maxBuyIn));
  const canRebuy = busted && rebuyMax.greaterThanOrEqualTo(stakes.minBuyIn);
  const topUpRoom = capByWallet(new Money(stakes.maxBuyIn).minus(player.stack));
  const canTopUp = !busted && topUpRoom.greaterThan(0) && !leaving;
  const amountCheck = busted
    ? canRebuy
      ? checkAmount(amountText || rebuyMax.toFixed(), stakes.chipUnit, stakes.minBuyIn, rebuyMax.toFixed())
      : null
    : canTopUp
      ? checkAmount(amountText, stakes.chipUnit, stakes.chipUnit, topUpRoom.toFixed())
      : null;

  const run = async (work: () => Promise<SeatMessage | null>) => {
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
      if (!result.ok) return failed(result.error.message);
      return ok(sittingOut ? 'You are back in: you will be dealt in.' : 'You are sitting out.');
    });

  const postBlind = () =>
    run(async () => {
      const result = await feed.postBlind();
      if (!result.ok) return failed(result.error.message);
      return ok('You post the big blind and are dealt into the next hand.');
    });

  const addChips = (event: Event) => {
    event.preventDefault();
    if (!amountCheck?.ok) return;
    const amount = amountCheck.value;
    void run(async () => {
      const result = await feed.topUp(amount);
      void refreshWallet();
      if (!result.ok) return failed(`${busted ? 'Rebuy' : 'Top-up'} refused: ${result.error.message}`);
      setAmountText('');
      setTopUpOpen(false);
      if (busted) {
        const back = sittingOut ? await feed.sitIn() : null;
        if (back && !back.ok) return failed(back.error.message);
        return ok(`You rebought ${displayAmount(amount)}: you will be dealt in.`);
      }
      return result.data.when === 'now'
        ? ok(`Added ${displayAmount(amount)} to your stack.`)
        : ok(`${displayAmount(amount)} will be added when this hand ends.`);
    });
  };

  const leave = () =>
    run(async () => {
      setConfirmLeave(false);
      const result = await feed.leave();
      if (!result.ok) return failed(result.error.message);
      void refreshWallet();
      return ok(
        result.data.when === 'now'
          ? 'You left the table; your chips are back in your wallet.'
          : 'You will leave when this hand ends; your chips then go back to your wallet.',
      );
    });

  const amountForm = amountCheck && (
    <form
      class="seat-controls__amount"
      onSubmit={addChips}
      data-testid={busted ? 'rebuy-form' : 'top-up-form'}
    >
      <label class="field field--inline">
        <span class="field__label">
          {busted
            ? `Rebuy ${displayAmount(stakes.minBuyIn)}–${displayAmount(rebuyMax.toFixed())}`
            : `Up to ${displayAmount(topUpRoom.toFixed())}`}
        </span>
        <input
          class={`input input--short${amountText !== '' && !amountCheck.ok ? ' input--invalid' : ''}`}
          inputMode="decimal"
          value={busted ? amountText || rebuyMax.toFixed() : amountText}
          aria-invalid={amountText !== '' && !amountCheck.ok}
          data-testid={busted ? 'rebuy-amount' : 'top-up-amount'}
          onInput={(event) => setAmountText(event.currentTarget.value)}
        />
      </label>
      <button
        type="submit"
        class="button button--primary button--small"
        disabled={busy || !amountCheck.ok}
        data-testid={busted ? 'rebuy' : 'top-up'}
      >
        {busted ? 'Rebuy' : 'Add'}
      </button>
    </form>
  );

  return (
    <section class="seat-controls" aria-label="Your seat" data-testid="seat-controls">
      {busted && (
        <div class="seat-controls__busted" data-testid="busted">
          {canRebuy ? (
            <>
              <span>You are out of chips.</span>
              {amountForm}
            </>
          ) : (
            <span role="alert">
              You are out of chips, and your wallet holds {displayAmount(wallet ?? '0')}: the minimum buy-in
              is {displayAmount(stakes.minBuyIn)}. Buy chips at the{' '}
              <a href={hrefOf({ page: 'cashier' })}>cashier</a>, or leave the table.
            </span>
          )}
        </div>
      )}
      {waitingForBigBlind && (
        <button
          type="button"
          class="button button--small"
          disabled={busy}
          data-testid="post-blind"
          onClick={postBlind}
        >
          Post the big blind now
        </button>
      )}
      {!busted && (
        <button
          type="button"
          class="button button--small"
          disabled={busy || leaving}
          data-testid={sittingOut ? 'sit-in' : 'sit-out'}
          onClick={toggleSitOut}
        >
          {sittingOut ? 'Sit back in' : 'Sit out'}
        </button>
      )}
      {canTopUp &&
        (topUpOpen ? (
          amountForm
        ) : (
          <button
            type="button"
            class="button button--small"
            disabled={busy}
            data-testid="top-up-open"
            onClick={() => setTopUpOpen(true)}
          >
            Top up
          </button>
        ))}
      {confirmLeave ? (
        <span class="confirm">
          <span>Leave and cash out?</span>
          <button
            type="button"
            class="button button--danger button--small"
            disabled={busy}
            data-testid="leave-confirm"
            onClick={leave}
          >
            Yes, leave
          </button>
          <button
            type="button"
            class="button button--ghost button--small"
            onClick={() => setConfirmLeave(false)}
          >
            Stay
          </button>
        </span>
      ) : (
        <button
          type="button"
          class="button button--ghost button--small"
          disabled={busy || leaving}
          data-testid="leave"
          onClick={() => setConfirmLeave(true)}
        >
          Leave
        </button>
      )}
    </section>
  );
}
