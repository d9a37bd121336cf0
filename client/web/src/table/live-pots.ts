import { Money } from '../../../../src/money/index.js';

export interface LivePot {
  /** "Pot", "Main pot", "Side pot 1", ... */
  readonly label: string;
  readonly amount: string;
  /** Seats that can still win it. */
  readonly eligibleSeats: readonly number[];
}

/**
 * The pots as they stand now, from what each player has put in (street bets included): one pot,
 * or a main pot and side pots at each all-in player's level. A level above every other player's
 * contribution (a bet nobody can call) makes no pot of its own: it is still a bet, returned if
 * uncalled. What the server settles at the end is in hand.result.
 */
/** What a player put in, as the pots need it (a HandPlayerWire is one; so is a replay's player). */
export interface PotContribution {
  readonly seat: number;
  readonly totalCommitted: string;
  readonly folded: boolean;
  readonly allIn: boolean;
}

export function livePots(players: readonly PotContribution[]): LivePot[] {
  const totals = players.map((player) => ({ player, total: new Money(player.totalCommitted) }));
  const levels = [
    ...new Set(
      totals
        .filter(({ player, total }) => player.allIn && !player.folded && total.greaterThan(0))
        .map(({ total }) => total.toFixed()),
    ),
  ]
    .map((text) => new Money(text))
    .sort((a, b) => a.comparedTo(b));
  const top = totals.reduce((max, { total }) => (total.greaterThan(max) ? total : max), new Money(0));
  if (levels.length === 0 || !levels[levels.length - 1]!.equals(top)) levels.push(top);
  const pots: { amount: Money; eligibleSeats: number[] }[] = [];
  let floor = new Money(0);
  for (const level of levels) {
    let amount = new Money(0);
    const eligibleSeats: number[] = [];
    for (const { player, total } of totals) {
      const share = Money.min(total, level).minus(Money.min(total, floor));
      if (share.greaterThan(0)) amount = amount.plus(share);
      if (!player.folded && total.greaterThanOrEqualTo(level)) eligibleSeats.push(player.seat);
    }
    floor = level;
    if (amount.isZero()) continue;
    // Chips only one player put in at that level are an uncalled bet, not a pot: they stay with the last pot.
    if (eligibleSeats.length <= 1 && pots.length > 0) {
      pots[pots.length - 1]!.amount = pots[pots.length - 1]!.amount.plus(amount);
      continue;
    }
    pots.push({ amount, eligibleSeats });
  }
  return pots.map((pot, index) => ({
    label: pots.length === 1 ? 'Pot' : index === 0 ? 'Main pot' : `Side pot ${index}`,
    amount: pot.amount.toFixed(),
    eligibleSeats: pot.eligibleSeats,
  }));
}
