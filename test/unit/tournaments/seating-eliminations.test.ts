import { describe, expect, it } from 'vitest';
import { chooseHandSeating } from '../../../src/tables/hand-seating.js';
import { placeGroups, rankBusts } from '../../../src/tournaments/eliminations.js';
import { drawSeating, EMPTY, nextBigBlindSeat, worstOpenSeat } from '../../../src/tournaments/seating.js';
import { seededInt, seededRandom } from '../../support/seeded-random.js';

const seated = (seats: readonly number[]) =>
  seats.flatMap((entry, index) =>
    entry === EMPTY ? [] : [{ seat: index + 1, waitingForBigBlind: false, postsBigBlindNow: false }],
  );

describe('the seating draw', () => {
  it('seats everyone once at as few tables as hold them, sizes differing by at most one', () => {
    const rand = seededRandom(7);
    const ids = Array.from({ length: 100 }, (_, i) => i);
    const draw = drawSeating(ids, 9, (max) => seededInt(rand, max));
    expect(draw.map((seat) => seat.entryId).sort((a, b) => a - b)).toEqual(ids);
    const sizes = new Map<number, number>();
    for (const seat of draw) sizes.set(seat.tableId, (sizes.get(seat.tableId) ?? 0) + 1);
    expect(sizes.size).toBe(12);
    expect(Math.max(...sizes.values()) - Math.min(...sizes.values())).toBeLessThanOrEqual(1);
    expect(new Set(draw.map((seat) => `${seat.tableId}/${seat.seat}`)).size).toBe(100);
  });

  it('draws from the random source it is given: another source, another draw; the same, the same', () => {
    const ids = Array.from({ length: 18 }, (_, i) => i);
    const drawWith = (seed: number) => {
      const rand = seededRandom(seed);
      return drawSeating(ids, 9, (max) => seededInt(rand, max));
    };
    expect(drawWith(1)).toEqual(drawWith(1));
    expect(drawWith(1)).not.toEqual(drawWith(2));
  });
});

describe('the next big blind and the worst seat (moving big blind)', () => {
  it('finds the next big blind clockwise after the last one, and the first hand big blind two seats from the button', () => {
    const seats = [10, EMPTY, 11, 12, EMPTY, 13, EMPTY, EMPTY, 14];
    expect(nextBigBlindSeat(seats, 4)).toBe(6);
    expect(nextBigBlindSeat(seats, 9)).toBe(1);
    expect(nextBigBlindSeat(seats, 0)).toBe(4);
    expect(nextBigBlindSeat(seats, 0)).toBe(chooseHandSeating(seated(seats), null)!.bigBlindSeat);
  });

  it('seats a moved player where the table deals them the big blind soonest of all open seats', () => {
    const rand = seededRandom(3);
    /** Hands the table deals (tables/hand-seating.ts) until the player in `seat` posts the big blind. */
    const handsUntilBigBlind = (seats: readonly number[], lastBigBlind: number, seat: number) => {
      let previous = lastBigBlind;
      for (let hands = 1; hands <= seats.length; hands++) {
        previous = chooseHandSeating(seated(seats), previous)!.bigBlindSeat;
        if (previous === seat) return hands;
      }
      throw new Error('the big blind never came');
    };
    let checked = 0;
    for (let trial = 0; trial < 300; trial++) {
      const seats = Array.from({ length: 9 }, (_, i) => (rand() < 0.6 ? i : EMPTY));
      const occupied = seats.filter((entry) => entry !== EMPTY);
      if (occupied.length < 2 || occupied.length === 9) continue;
      const lastBigBlind = seats.indexOf(occupied[seededInt(rand, occupied.length)]!) + 1;
      const waits = seats.flatMap((entry, index) => {
        if (entry !== EMPTY) return [];
        const withPlayer = seats.slice();
        withPlayer[index] = 99;
        return [{ seat: index + 1, hands: handsUntilBigBlind(withPlayer, lastBigBlind, index + 1) }];
      });
      const worst = worstOpenSeat(seats, lastBigBlind)!;
      const soonest = Math.min(...waits.map((wait) => wait.hands));
      expect(waits.find((wait) => wait.seat === worst)!.hands).toBe(soonest);
      // An open seat right after the last big blind is the very next big blind.
      if (seats[lastBigBlind % 9] === EMPTY) expect(soonest).toBe(1);
      checked++;
    }
    expect(checked).toBeGreaterThan(100);
  });

  it('has no worst seat at a full table', () => {
    expect(worstOpenSeat([1, 2, 3], 2)).toBeNull();
  });
});

describe('eliminations', () => {
  it('places players busting in one hand by their stacks at its start, equal stacks tying', () => {
    const busts = [
      { entryId: 5, tableId: 1, startStack: 300 },
      { entryId: 2, tableId: 1, startStack: 900 },
      { entryId: 7, tableId: 1, startStack: 300 },
      { entryId: 1, tableId: 1, startStack: 100 },
    ];
    const groups = rankBusts(busts);
    expect(groups).toEqual([[2], [5, 7], [1]]);
    // Ten players were left: they finish 7th, 8th (and 8th), 10th.
    expect(placeGroups(groups, 7)).toEqual([
      { entryIds: [2], bestPlace: 7 },
      { entryIds: [5, 7], bestPlace: 8 },
      { entryIds: [1], bestPlace: 10 },
    ]);
  });

  it('ties players of a hand-for-hand round at different tables, the same-table rule still ordering within one', () => {
    const groups = rankBusts([
      { entryId: 1, tableId: 1, startStack: 1000 },
      { entryId: 2, tableId: 1, startStack: 500 },
      { entryId: 3, tableId: 2, startStack: 700 },
    ]);
    expect(groups).toEqual([[1, 3], [2]]);
  });
});
