import { Money } from '../../../../src/money/index.js';
import type { ActionKindWire } from '../../../../src/protocol/client-payloads.js';
import type { HandViewWire, LegalActionsWire } from '../../../../src/protocol/table-view.js';

/**
 * Actions chosen before one's turn, as players know them: check/fold, check, call any. Each holds
 * only while what it assumed holds: check/fold and call any for the street they were chosen on,
 * check while there is nothing to call. Otherwise it is cleared, never played.
 */
export type PreActionKind = 'check-fold' | 'check' | 'call-any';

export interface PreAction {
  readonly kind: PreActionKind;
  /** The situation it was chosen in (preActionKey). */
  readonly key: string;
}

/** What the viewer would have to add to call right now (0: nothing to call), from the public view. */
export function toCallNow(hand: HandViewWire, ownSeat: number): Money {
  const own = hand.players.find((player) => player.seat === ownSeat);
  if (!own) return new Money(0);
  const highest = hand.players.reduce(
    (max, player) => Money.max(max, new Money(player.streetCommitted)),
    new Money(0),
  );
  return Money.min(highest.minus(own.streetCommitted), own.stack);
}

/** The situation a pre-action assumes: the hand and street, and for "check" that nothing is to call. */
export function preActionKey(kind: PreActionKind, hand: HandViewWire, ownSeat: number): string {
  const street = `${hand.number}:${hand.phase}`;
  return kind === 'check' ? `${street}:${toCallNow(hand, ownSeat).toFixed()}` : street;
}

/** Whether the viewer may choose a pre-action now: dealt in, still in the hand, not their turn. */
export function canPreAct(hand: HandViewWire | null, ownSeat: number | null): boolean {
  if (!hand || ownSeat === null || hand.phase === 'complete' || hand.toActSeat === ownSeat) return false;
  const own = hand.players.find((player) => player.seat === ownSeat);
  return own !== undefined && !own.folded && !own.allIn;
}

/** Whether a chosen pre-action still holds in this view. */
export function stillHolds(preAction: PreAction, hand: HandViewWire | null, ownSeat: number | null): boolean {
  if (!hand || ownSeat === null || hand.phase === 'complete') return false;
  return preActionKey(preAction.kind, hand, ownSeat) === preAction.key;
}

/** The action a pre-action plays at the viewer's turn, or null if none of its actions is legal. */
export function preActionMove(kind: PreActionKind, legal: LegalActionsWire): ActionKindWire | null {
  const can = (action: ActionKindWire) => legal.actions.includes(action);
  switch (kind) {
    case 'check-fold':
      return can('check') ? 'check' : can('fold') ? 'fold' : null;
    case 'check':
      return can('check') ? 'check' : null;
    case 'call-any':
      return can('call') ? 'call' : can('check') ? 'check' : null;
  }
}
