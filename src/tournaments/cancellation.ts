import { Money, ZERO } from '../money/index.js';
import { chipChopUnits } from './deal-offers.js';
import type { TournamentState } from './director-types.js';

/**
 * An admin cancels a running tournament: what its prize pool still holds goes to the players
 * still in, by chips (the deals' chip chop, deal-offers.ts: rounded down to the money unit, the
 * units left by largest remainder, then the larger stack). Prizes already paid stand; fees are not
 * the pool's. The stacks are the director's, which for a hand in play are those of its start (the
 * director applies a hand only once it is over): the hand is void.
 *
 * What the pool holds, from the director's own account of it: once registration has closed, the
 * pool it fixed (buy-ins and any overlay) less every prize and deal share it paid; while late
 * registration is open, the buy-ins so far (a guarantee is owed only to a field that closed).
 */

export interface CancelShare {
  readonly entryId: number;
  /** Decimal string, in the money unit; zero for an entry out of chips. */
  readonly amount: string;
}

/**
 * The share of every entry the ledger still counts as in play: the players still in, and any bust
 * not yet placed (late registration places busts only when it closes), who get nothing.
 */
export function cancellationShares(state: TournamentState): CancelShare[] {
  const unit = new Money(state.config.moneyUnit);
  const inPlay = state.entries.filter(
    (entry) => entry.status === 'playing' || (entry.status === 'busted' && entry.place === 0),
  );
  const pool = poolLeft(state);
  const stacks = inPlay.map((entry) => (entry.status === 'playing' ? entry.stack : 0));
  if (stacks.every((stack) => stack === 0))
    return inPlay.map((entry) => ({ entryId: entry.entryId, amount: '0' }));
  const units = chipChopUnits(stacks, BigInt(pool.dividedBy(unit).toFixed(0)));
  return inPlay.map((entry, index) => ({
    entryId: entry.entryId,
    amount: unit.times(units[index]!.toString()).toFixed(),
  }));
}

/** What the prize pool holds now, by the director's account (see the module comment). */
export function poolLeft(state: TournamentState): Money {
  if (state.registrationOpen) return new Money(state.config.buyIn).times(state.entrants);
  const paid = state.entries.reduce((sum, entry) => sum.plus(entry.prize), ZERO);
  return new Money(state.prizePool).minus(paid);
}
