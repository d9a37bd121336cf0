import type { HandResult } from '../engine/hand-types.js';
import type { LiveHand, SeatState } from './table-state.js';

/**
 * The hand's result as stored with it (JSON), by position. `userIds` is what the hand history API
 * searches to list a player's hands.
 */
export function settlementRecord(hand: LiveHand, seats: readonly SeatState[], result: HandResult) {
  const seatAt = (player: number) => hand.seating.positions[player]!;
  return {
    userIds: seats.map((seat) => seat.userId),
    buttonSeat: hand.seating.buttonSeat,
    seats: hand.seating.positions,
    startingStacks: hand.startingStacks,
    finalStacks: result.finalStacks,
    rake: result.rakeTotal,
    pots: result.pots.map((pot) => ({
      amount: pot.amount,
      rake: pot.rake,
      winners: pot.winners.map((share) => ({ seat: seatAt(share.player), amount: share.amount })),
    })),
  };
}
