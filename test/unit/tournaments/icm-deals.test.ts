import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Money } from '../../../src/money/index.js';
import { dealOffers } from '../../../src/tournaments/deal-offers.js';
import { icmEquities } from '../../../src/tournaments/icm.js';
import { add, multiply, RATIONAL_ZERO, type Rational, rational } from '../../../src/tournaments/rational.js';

const CENT = new Money('0.01');
const money = (values: readonly (string | number)[]) => values.map((value) => new Money(value));
const asNumber = (value: Rational) => Number(value.num) / Number(value.den);

/** Malmuth-Harville by brute force over every finishing order: the definition, independent of the subset method. */
function icmByOrders(stacks: readonly number[], prizes: readonly bigint[]): Rational[] {
  const equities = stacks.map(() => RATIONAL_ZERO);
  const visit = (left: number[], place: number, probability: Rational) => {
    if (place >= prizes.length || left.length === 0) return;
    const chips = left.reduce((total, player) => total + stacks[player]!, 0);
    for (const player of left) {
      const chance = multiply(probability, rational(BigInt(stacks[player]!), BigInt(chips)));
      equities[player] = add(equities[player]!, multiply(chance, rational(prizes[place]!, 1n)));
      visit(
        left.filter((other) => other !== player),
        place + 1,
        chance,
      );
    }
  };
  visit(
    stacks.map((_, index) => index),
    0,
    rational(1n, 1n),
  );
  return equities;
}

describe('ICM (Malmuth-Harville)', () => {
  it('gives the textbook values: stacks 50/30/20 % for prizes 50/30/20', () => {
    const equities = icmEquities([5000, 3000, 2000], [50n, 30n, 20n]);
    // First: 1/2. Second: 3/10 * 5/7 + 2/10 * 5/8 = 19/56. So 25 + 30 * 19/56 + 20 * 9/56 = 25 + 750/56.
    expect(equities[0]).toEqual(rational(25n * 56n + 750n, 56n));
    expect(asNumber(equities[0]!)).toBeCloseTo(38.3929, 4);
    // Second: first 3/10, second 5/10 * 3/5 + 2/10 * 3/8 = 3/8, third 13/40: 15 + 11.25 + 6.5.
    expect(equities[1]).toEqual(rational(3275n, 100n));
    expect(asNumber(equities[2]!)).toBeCloseTo(28.8571, 4);
  });

  it('equals the definition over every finishing order, and adds up to the prizes', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 1_000_000 }), { minLength: 1, maxLength: 6 }),
        fc.array(fc.integer({ min: 0, max: 100_000 }), { minLength: 1, maxLength: 6 }),
        (stacks, prizeList) => {
          const prizes = prizeList.slice(0, stacks.length).map(BigInt);
          const equities = icmEquities(stacks, prizes);
          expect(equities).toEqual(icmByOrders(stacks, prizes));
          const total = equities.reduce(add, RATIONAL_ZERO);
          expect(total).toEqual(
            rational(
              prizes.reduce((sum, prize) => sum + prize, 0n),
              1n,
            ),
          );
        },
      ),
      { numRuns: 60 },
    );
  });

  it('handles ten players exactly and refuses eleven', () => {
    const stacks = Array.from({ length: 10 }, (_, i) => 1000 * (i + 1));
    const equities = icmEquities(stacks, [5000n, 3000n, 2000n]);
    expect(equities.reduce(add, RATIONAL_ZERO)).toEqual(rational(10_000n, 1n));
    expect(() => icmEquities([...stacks, 1], [1n])).toThrow(RangeError);
  });
});

describe('deal offers', () => {
  it('offers a chip chop and an ICM split that each add up to the amount dealt, to the cent', () => {
    const offers = dealOffers({
      stacks: [5000, 3000, 2000],
      prizes: money(['50.00', '30.00', '20.00']),
      leftToPlayFor: new Money(0),
      unit: CENT,
    });
    if (!offers.ok) throw new Error(offers.error.message);
    expect(offers.value.dealt.toFixed()).toBe('100');
    expect(offers.value.chipChop.map(String)).toEqual(['50', '30', '20']);
    // 38.3928..., 32.75, 28.8571...: rounded down they make 99.99; the cent goes to the largest cut (.71).
    expect(offers.value.icm.map(String)).toEqual(['38.39', '32.75', '28.86']);
  });

  it('gives the odd units of a chop by largest remainder, then to the larger stack', () => {
    const offers = dealOffers({
      stacks: [100, 200, 100],
      prizes: money(['0.02', '0.01', '0']),
      leftToPlayFor: new Money(0),
      unit: CENT,
    });
    if (!offers.ok) throw new Error(offers.error.message);
    // 0.03 by 1:2:1 = 0.0075, 0.015, 0.0075: floors 0, 0.01, 0; remainders .75, .5, .75 -> first and third.
    expect(offers.value.chipChop.map(String)).toEqual(['0.01', '0.01', '0.01']);
  });

  it('leaves part of first prize to play for: the deal shares the rest', () => {
    const offers = dealOffers({
      stacks: [6000, 4000],
      prizes: money(['700', '300']),
      leftToPlayFor: new Money(100),
      unit: CENT,
    });
    if (!offers.ok) throw new Error(offers.error.message);
    expect(offers.value.dealt.toFixed()).toBe('900');
    // ICM against 600/300: 0.6 * 600 + 0.4 * 300 = 480 and 420.
    expect(offers.value.icm.map(String)).toEqual(['480', '420']);
    expect(offers.value.chipChop.map(String)).toEqual(['540', '360']);
  });

  it('always adds up exactly, whatever the stacks and prizes', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 1_000_000 }), { minLength: 2, maxLength: 7 }),
        fc.array(fc.integer({ min: 0, max: 100_000_000 }), { minLength: 1, maxLength: 7 }),
        (stacks, cents) => {
          const prizes = cents
            .slice(0, stacks.length)
            .sort((a, b) => b - a)
            .map((value) => CENT.times(value));
          const offers = dealOffers({ stacks, prizes, leftToPlayFor: new Money(0), unit: CENT });
          if (!offers.ok) throw new Error(offers.error.message);
          const total = prizes.reduce((sum, prize) => sum.plus(prize), new Money(0));
          for (const split of [offers.value.icm, offers.value.chipChop]) {
            expect(split.reduce((sum, amount) => sum.plus(amount), new Money(0)).equals(total)).toBe(true);
            for (const amount of split) expect(amount.dividedBy(CENT).isInteger()).toBe(true);
          }
        },
      ),
      { numRuns: 30 },
    );
  });

  it('refuses a deal of more than ten players, or a part left bigger than first prize', () => {
    const eleven = dealOffers({
      stacks: new Array(11).fill(10),
      prizes: money([10]),
      leftToPlayFor: new Money(0),
      unit: CENT,
    });
    expect(!eleven.ok && eleven.error.code).toBe('tournament/deal-too-many-players');
    const tooMuch = dealOffers({
      stacks: [1, 2],
      prizes: money([10, 5]),
      leftToPlayFor: new Money(11),
      unit: CENT,
    });
    expect(!tooMuch.ok && tooMuch.error.code).toBe('tournament/invalid-deal');
    const notUnits = dealOffers({
      stacks: [1, 2],
      prizes: money(['10.001', 5]),
      leftToPlayFor: new Money(0),
      unit: CENT,
    });
    expect(!notUnits.ok && notUnits.error.code).toBe('tournament/invalid-deal');
  });
});
