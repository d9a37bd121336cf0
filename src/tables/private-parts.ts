import type { TablePrivate } from '../protocol/table-update.js';
import type { TableSnapshot } from './table-ports.js';

/**
 * Decides, at each published change, which players' own parts of the hand changed, so that only
 * those are rendered and sent. A player's own part changes at three moments only: the deal (their
 * cards), their turn (what they may do) and the hand's recording (their proof). Between those, the
 * client keeps the last one it got (TableViewAssembler), and offers `legal` only at its turn.
 */
export class PrivateParts {
  private handNumber = -1;
  private legalTurn = -1;
  private proofSent = false;

  changes(snapshot: TableSnapshot): ReadonlyMap<string, TablePrivate> {
    const changed = new Map<string, TablePrivate>();
    const hand = snapshot.hand;
    if (!hand) return changed;
    const render = (userId: string) => {
      const own = snapshot.privateFor(userId);
      if (own) changed.set(userId, own);
    };
    const newHand = hand.number !== this.handNumber;
    const recorded = hand.settled && !this.proofSent;
    if (newHand || recorded) {
      this.handNumber = hand.number;
      this.proofSent = hand.settled;
      this.legalTurn = hand.toActUserId === null ? -1 : hand.turn;
      for (const userId of hand.userIds) render(userId);
      return changed;
    }
    if (hand.toActUserId !== null && hand.turn !== this.legalTurn) {
      this.legalTurn = hand.turn;
      render(hand.toActUserId);
    }
    return changed;
  }
}
