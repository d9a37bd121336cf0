import { useEffect, useState } from 'preact/hooks';
import { Money } from '../../../../src/money/index.js';
import type { ActionKindWire } from '../../../../src/protocol/client-payloads.js';
import type { MoneyString } from '../../../../src/protocol/money-string.js';
import type { HandViewWire, TableStakes } from '../../../../src/protocol/table-view.js';
import { checkAmount, displayAmount, type SizingInput } from '../money/amounts.js';
import { connectionStore } from '../realtime/connection.js';
import type { SendResult } from '../realtime/send.js';
import { useStore } from '../state/store.js';
import { BetSizer, stepAmount } from './bet-sizer.js';

interface ActionBarProps {
  readonly hand: HandViewWire;
  readonly ownSeat: number;
  readonly stakes: TableStakes;
  readonly onAct: (kind: ActionKindWire, amount?: MoneyString) => Promise<SendResult<unknown>>;
}

/** Keys never taken from someone typing (chat, an amount) or using a modifier. */
function isTyping(event: KeyboardEvent): boolean {
  const target = event.target as HTMLElement | null;
  const typing =
    target?.tagName === 'TEXTAREA' ||
    (target?.tagName === 'INPUT' && (target as HTMLInputElement).type !== 'range');
  return typing || event.ctrlKey || event.metaKey || event.altKey;
}

/**
 * The viewer's turn: only the legal actions, each one button; bets and raises with a sizer. When
 * calling takes the whole stack, call and all-in are one button. Keys: F fold, C check or call,
 * R bet or raise the amount shown, A all-in, ↑/↓ a big blind more or less.
 */
export function ActionBar({ hand, ownSeat, stakes, onAct }: ActionBarProps) {
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [text, setText] = useState<string>(hand.legal?.betOrRaise?.minTo ?? '');
  // While reconnecting the buttons stay in place but cannot be used: nothing is queued.
  const connected = useStore(connectionStore).state === 'connected';
  const legal = hand.legal;
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
  const can = (kind: ActionKindWire) => legal?.actions.includes(kind) ?? false;
  const callIsAllIn =
    can('call') &&
    legal?.callAmount != null &&
    own !== undefined &&
    new Money(legal.callAmount).greaterThanOrEqualTo(own.stack);
  const showAllIn = can('all-in') && !callIsAllIn;
  const sizing: SizingInput | null =
    legal?.betOrRaise && own
      ? {
          pot: hand.pot,
          streetBets: hand.players.map((player) => player.streetCommitted),
          ownStreetBet: own.streetCommitted,
          callAmount: legal.callAmount,
          minTo: legal.betOrRaise.minTo,
          maxTo: legal.betOrRaise.maxTo,
          chipUnit: stakes.chipUnit,
          bigBlind: stakes.bigBlind,
          potLimit: stakes.variant === 'PO',
        }
      : null;

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (busy || !legal || isTyping(event)) return;
      const key = event.key.toLowerCase();
      if (key === 'f' && can('fold')) void act('fold');
      else if (key === 'c' && can('check')) void act('check');
      else if (key === 'c' && can('call')) void act('call');
      else if (key === 'a' && can('all-in')) void act('all-in');
      else if (key === 'r' && sizing && legal.betOrRaise) {
        const check = checkAmount(text, stakes.chipUnit, sizing.minTo, sizing.maxTo);
        if (check.ok) void act(legal.betOrRaise.kind, check.value);
      } else if ((key === 'arrowup' || key === 'arrowdown') && sizing) {
        setText(stepAmount(sizing, text, key === 'arrowup' ? 1 : -1));
      } else return;
      event.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });

  if (!legal) return null;
  return (
    <section class="actions" aria-label="Your action" data-testid="action-bar">
      <div class="actions__buttons">
        {can('fold') && (
          <button
            type="button"
            class="button button--danger"
            data-testid="action-fold"
            title="Fold (F)"
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
            title="Check (C)"
            disabled={busy}
            onClick={() => act('check')}
          >
            Check
          </button>
        )}
        {can('call') && legal.callAmount && (
          <button
            type="button"
            class={`button${callIsAllIn ? ' button--warn' : ''}`}
            data-testid="action-call"
            title="Call (C)"
            disabled={busy}
            onClick={() => act('call')}
          >
            Call {displayAmount(legal.callAmount)}
            {callIsAllIn && ' · all-in'}
          </button>
        )}
        {showAllIn && own && (
          <button
            type="button"
            class="button button--warn"
            data-testid="action-all-in"
            title="All-in (A)"
            disabled={busy}
            onClick={() => act('all-in')}
          >
            All-in {displayAmount(new Money(own.stack).plus(own.streetCommitted).toFixed())}
          </button>
        )}
      </div>
      {legal.betOrRaise && sizing && (
        <BetSizer
          kind={legal.betOrRaise.kind}
          disabled={busy}
          sizing={sizing}
          preflop={hand.phase === 'preflop'}
          text={text}
          onText={setText}
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
