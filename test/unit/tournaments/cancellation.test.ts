import { describe, expect, it } from 'vitest';
import { Money } from '../../../src/money/index.js';
import { cancellationShares, poolLeft } from '../../../src/tournaments/cancellation.js';
import { chipChopUnits } from '../../../src/tournaments/deal-offers.js';
import { mttConfig, TournamentDriver } from '../../support/tournament-driver.js';

/** The shares of a running tournament cancelled by an admin: the pool left, by chips, exactly. */

const CENT = new Money('0.01');
const sum = (amounts: readonly string[]) =>
  amounts.reduce((total, amount) => total.plus(amount), new Money(0));

describe("a running tournament's cancellation shares", () => {
  it('share what the pool still holds (prizes already paid stand) by chips, to the cent', () => {
    const driver = new TournamentDriver(mttConfig({ kind: 'sit-and-go', capacity: 9, buyIn: '3.33' }), 7);
    for (let i = 0; i < 9; i++) driver.send({ type: 'register', userId: `p${i}` });
    // Until third place (paid) is out: two players left, the pool less what was paid.
    while (driver.state.alive > 2) driver.finishHand(1, 0.2);
    const paid = sum(driver.state.entries.map((entry) => entry.prize));
    expect(paid.greaterThan(0)).toBe(true);
    expect(poolLeft(driver.state).equals(new Money('29.97').minus(paid))).toBe(true);
    const shares = cancellationShares(driver.state);
    const standing = driver.state.entries.filter((entry) => entry.status === 'playing');
    expect(shares.map((share) => share.entryId)).toEqual(standing.map((entry) => entry.entryId));
    const units = chipChopUnits(
      standing.map((entry) => entry.stack),
      BigInt(poolLeft(driver.state).dividedBy(CENT).toFixed()),
    );
    expect(shares.map((share) => share.amount)).toEqual(
      units.map((unit) => CENT.times(unit.toString()).toFixed()),
    );
    expect(sum(shares.map((share) => share.amount)).equals(poolLeft(driver.state))).toBe(true);
  });

  it('during late registration: the buy-ins so far, and a bust not yet placed takes part with nothing', () => {
    const driver = new TournamentDriver(mttConfig({ lateRegistrationLevels: 3, buyIn: '10.00' }), 11);
    for (let i = 0; i < 20; i++) driver.send({ type: 'register', userId: `p${i}` });
    driver.send({ type: 'start' });
    while (driver.state.entries.every((entry) => entry.status !== 'busted')) driver.finishHand(1, 0.3);
    expect(driver.state.registrationOpen).toBe(true);
    expect(poolLeft(driver.state).toFixed(2)).toBe('200.00');
    const shares = cancellationShares(driver.state);
    const busted = driver.state.entries.filter((entry) => entry.status === 'busted');
    for (const entry of busted)
      expect(shares.find((share) => share.entryId === entry.entryId)?.amount).toBe('0');
    expect(shares).toHaveLength(20);
    expect(sum(shares.map((share) => share.amount)).toFixed(2)).toBe('200.00');
  });
});
