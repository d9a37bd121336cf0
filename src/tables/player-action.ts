import type { ActionKind } from '../engine/hand-types.js';
import { type Money, toUnits } from '../money/index.js';
import { ackOk } from '../protocol/ack.js';
import { chargeTimeBank, commitTransition } from './hand-loop.js';
import type { TableCore } from './table-core.js';
import { type TableResult, tableError, violationToError } from './table-errors.js';

export interface ActRequest {
  readonly userId: string;
  /**
   * The deal the action was chosen for: its deck commitment, from the view. A hand number alone is
   * not enough: after a server died mid-hand, the same number may name a voided deal.
   */
  readonly deckCommitment: string;
  readonly handNumber: number;
  readonly turn: number;
  readonly kind: ActionKind;
  /** For a bet or a raise: the street total to go to. */
  readonly amount?: Money;
}

/**
 * A player's action. The checks are ordered so that each refusal names the real problem, and a
 * refused action changes nothing: the engine returns a violation value and the state is untouched.
 * `onApplied` is called once the engine has taken the action, before the hand moves on (and, for
 * an action that ends the hand, before its settlement).
 */
export async function playerAct(
  core: TableCore,
  request: ActRequest,
  onApplied: () => void = () => {},
): Promise<TableResult<null>> {
  if (core.halted) return tableError('table/halted', 'this table is stopped');
  const seat = core.seatOf(request.userId);
  if (!seat || seat.reservation) return tableError('table/not-seated', 'you have no seat at this table');
  const hand = core.liveHand();
  if (!hand) return tableError('table/no-hand-in-progress', 'no hand is being played');
  const position = hand.seating.positions.indexOf(seat.seat);
  if (position < 0) return tableError('table/not-in-hand', 'you are not dealt into this hand');
  if (request.deckCommitment !== hand.committed.commitment) {
    return tableError(
      'table/wrong-deal',
      `this action was chosen for another deal than hand ${hand.number} being played now`,
    );
  }
  if (request.handNumber !== hand.number || request.turn !== hand.turn) {
    return tableError(
      'table/stale-action',
      `this action was for an earlier moment (now hand ${hand.number}, turn ${hand.turn})`,
    );
  }
  const { engine, config } = core.deps;
  if (engine.playerToAct(hand.state) !== position)
    return tableError('table/not-your-turn', 'it is not your turn');
  let to: number | undefined;
  if (request.amount !== undefined) {
    const units = toUnits(request.amount, config.chipUnit);
    if (!units.ok) return tableError('table/invalid-amount', units.error.message);
    to = units.value;
  }
  const applied = engine.applyAction(hand.state, {
    player: position,
    kind: request.kind,
    ...(to !== undefined && { to }),
  });
  if (!applied.ok) return violationToError(applied.error);
  chargeTimeBank(core, hand, seat);
  seat.missedTurns = 0;
  onApplied();
  await commitTransition(core, hand, applied.value);
  return ackOk(null);
}
