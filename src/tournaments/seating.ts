import { type RandomInt, shuffle } from './random-source.js';

/**
 * Seats at a tournament table. A table is an array of seats (seat n at index n-1) holding an
 * entry id or EMPTY. The tables deal with a moving big blind (src/tables/hand-seating.ts): each
 * hand the big blind goes to the next occupied seat clockwise after the last one, so every player
 * posts it in turn and a player seated in an empty seat posts it when it reaches them.
 */
export const EMPTY = -1;

/** The seat of the player who will be big blind next; null for an empty table. */
export function nextBigBlindSeat(seats: readonly number[], lastBigBlindSeat: number): number | null {
  if (lastBigBlindSeat === 0) {
    // No hand yet: the first hand gives the button to the lowest seat, the big blind two seats on
    // (heads-up, one seat on).
    const occupied = seats.flatMap((entry, index) => (entry === EMPTY ? [] : [index + 1]));
    if (occupied.length === 0) return null;
    return occupied.length === 1 ? occupied[0]! : occupied.length === 2 ? occupied[1]! : occupied[2]!;
  }
  return firstClockwiseAfter(seats, lastBigBlindSeat, (entry) => entry !== EMPTY);
}

/**
 * The worst position for a player moved in to balance the tables (TDA): the open seat that posts
 * the big blind soonest, which is the first open seat clockwise after the seat that last posted it
 * (the next big blind moves into the first occupied seat after that one, and this seat comes
 * first). At a table that has not dealt yet, the first open seat from seat 1. Null when full.
 */
export function worstOpenSeat(seats: readonly number[], lastBigBlindSeat: number): number | null {
  return firstClockwiseAfter(seats, lastBigBlindSeat, (entry) => entry === EMPTY);
}

function firstClockwiseAfter(
  seats: readonly number[],
  afterSeat: number,
  wanted: (entry: number) => boolean,
): number | null {
  const count = seats.length;
  for (let step = 1; step <= count; step++) {
    const index = (afterSeat - 1 + step) % count;
    if (wanted(seats[index]!)) return index + 1;
  }
  return null;
}

export function openSeats(seats: readonly number[]): number[] {
  return seats.flatMap((entry, index) => (entry === EMPTY ? [index + 1] : []));
}

export interface SeatDraw {
  readonly entryId: number;
  readonly tableId: number;
  readonly seat: number;
}

/**
 * The seating draw at the start: as few tables as hold everyone (numbered from 1), their sizes
 * differing by at most one (the lower-numbered tables take the extra players), seats 1, 2, ...
 * at each; which entry takes which place is a uniform random permutation drawn from `randomInt`.
 * Returns the draw, to record, by table then seat.
 */
export function drawSeating(
  entryIds: readonly number[],
  seatsPerTable: number,
  randomInt: RandomInt,
): SeatDraw[] {
  const tableCount = Math.ceil(entryIds.length / seatsPerTable);
  const drawn = shuffle(entryIds, randomInt);
  const base = Math.floor(entryIds.length / tableCount);
  const extra = entryIds.length - base * tableCount;
  const draw: SeatDraw[] = [];
  let next = 0;
  for (let tableId = 1; tableId <= tableCount; tableId++) {
    const size = base + (tableId <= extra ? 1 : 0);
    for (let seat = 1; seat <= size; seat++) draw.push({ entryId: drawn[next++]!, tableId, seat });
  }
  return draw;
}
