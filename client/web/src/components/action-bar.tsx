import { useState } from 'preact/hooks';
import type { ActionKindWire } from '../../../../src/protocol/client-payloads.js';
import type { MoneyString } from '../../../../src/protocol/money-string.js';
import type { HandViewWire, TableStakes } from '../../../../src/protocol/table-view.js';
import { displayAmount } from '../money/amounts.js';
import { connectionStore } from '../realtime/connection.js';
import type { SendResult } from '../realtime/send.js';
import { useStore } from '../state/store.js';
import { BetSizer } from './bet-sizer.js';

interface ActionBarProps {
  readonly hand: HandViewWire;
  readonly ownSeat: number;
  readonly stakes: TableStakes;
  readonly onAct: (kind: ActionKindWire, amount?: MoneyString) => Promise<SendResult<unknown>>;
}

/** The viewer's turn: only the legal actions, each one button; bets and raises with a sizer. */
export function ActionBar({ hand, ownSeat, stakes, onAct }: ActionBarProps) {
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // While reconnecting the buttons stay in place but cannot be used: nothing is queued.
  const connected = useStore(connectionStore).state === 'connected';
  const legal = hand.legal;
  if (!legal) return null;
  const own = hand.players.find((player) => player.seat === ownSeat);
  // The ack of an action carries no view: after a success the bar stays busy until the update
  // that moves the hand on replaces it (the page keys one bar per turn).
  const act = async (kind: ActionKindWire, amount?: MoneyString) => {
    setPending(true);
    setError(null);
    const result = await onAct(kind, amount);
    if (result.ok) return;
    setPending(false);
    setError(result.error.message);
  };
  const busy = pending || !connected;
  const can = (kind: ActionKindWire) => legal.actions.includes(kind);
  const allIn = own ? displayAmount(own.stack) : '';
  return (
    <section class="actions" aria-label="Your action" data-testid="action-bar">
      <div class="actions__buttons">
        {can('fold') && (
          <button
            type="button"
            class="button button--danger"
            data-testid="action-fold"
            disabled={busy}
            onClick={() => act('fold')}
          >
            Fold
          </button>
        )}
        {can('check') && (
          <button
            type="button"
            class="button"
            data-testid="action-check"
            disabled={busy}
            onClick={() => act('check')}
          >
            Check
          </button>
        )}
        {can('call') && legal.callAmount && (
          <button
            type="button"
            class="button"
            data-testid="action-call"
            disabled={busy}
            onClick={() => act('call')}
          >
            Call {displayAmount(legal.callAmount)}
          </button>
        )}
        {can('all-in') && (
          <button
            type="button"
            class="button button--warn"
            data-testid="action-all-in"
            disabled={busy}
            onClick={() => act('all-in')}
          >
            All-in {allIn}
          </button>
        )}
      </div>
      {legal.betOrRaise && own && (
        <BetSizer
          kind={legal.betOrRaise.kind}
          disabled={busy}
          sizing={{
            pot: hand.pot,
            streetBets: hand.players.map((player) => player.streetCommitted),
            ownStreetBet: own.streetCommitted,
            callAmount: legal.callAmount,
            minTo: legal.betOrRaise.minTo,
            maxTo: legal.betOrRaise.maxTo,
            chipUnit: stakes.chipUnit,
          }}
          onSubmit={(amount) => act(legal.betOrRaise!.kind, amount)}
        />
      )}
      {error && (
        <p class="actions__error" role="alert" data-testid="action-error">
          {error}
        </p>
      )}
    </section>
  );
}
