import type { HandViewWire } from '../../../../src/protocol/table-view.js';
import { displayAmount } from '../money/amounts.js';
import { type PreAction, type PreActionKind, preActionKey, toCallNow } from '../table/pre-actions.js';

interface PreActionsProps {
  readonly hand: HandViewWire;
  readonly ownSeat: number;
  readonly chosen: PreAction | null;
  readonly onChoose: (preAction: PreAction | null) => void;
}

/**
 * Before one's turn: check/fold, check, call any, as tick boxes. One at a time; ticking the chosen
 * one again clears it. The page plays it when the turn comes, if what it assumed still holds.
 */
export function PreActions({ hand, ownSeat, chosen, onChoose }: PreActionsProps) {
  const toCall = toCallNow(hand, ownSeat);
  const options: { kind: PreActionKind; label: string }[] = toCall.isZero()
    ? [
        { kind: 'check-fold', label: 'Check/fold' },
        { kind: 'check', label: 'Check' },
        { kind: 'call-any', label: 'Call any' },
      ]
    : [
        { kind: 'check-fold', label: 'Fold' },
        { kind: 'call-any', label: `Call any (${displayAmount(toCall.toFixed())} now)` },
      ];
  return (
    <fieldset class="pre-actions" data-testid="pre-actions">
      <legend class="sr-only">Act in advance</legend>
      {options.map((option) => {
        const on = chosen?.kind === option.kind;
        return (
          <label key={option.kind} class={`pre-actions__option${on ? ' pre-actions__option--on' : ''}`}>
            <input
              type="checkbox"
              checked={on}
              data-testid={`pre-${option.kind}`}
              onChange={() =>
                onChoose(on ? null : { kind: option.kind, key: preActionKey(option.kind, hand, ownSeat) })
              }
            />
            {option.label}
          </label>
        );
      })}
    </fieldset>
  );
}
