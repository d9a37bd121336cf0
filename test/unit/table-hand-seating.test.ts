import { describe, expect, it } from 'vitest';
import { chooseHandSeating, type HandSeating } from '../../src/tables/hand-seating.js';

const playing = (...seats: number[]) =>
  seats.map((seat) => ({ seat, waitingForBigBlind: false, postsBigBlindNow: false }));
const waiting = (seat: number, postsBigBlindNow = false) => ({
  seat,
  waitingForBigBlind: true,
  postsBigBlindNow,
});

describe('chooseHandSeating', () => {
  it('needs two players', () => {
    expect(chooseHandSeating(playing(3), null)).toBeNull();
    expect(chooseHandSeating([], 2)).toBeNull();
  });

  it('gives the lowest seat the button at a fresh start', () => {
    expect(chooseHandSeating(playing(2, 5), null)).toEqual({
      positions: [5, 2],
      buttonSeat: 2,
      smallBlindSeat: 2,
      bigBlindSeat: 5,
      livePostSeats: [],
    });
    expect(chooseHandSeating(playing(0, 3, 4, 8), null)).toEqual({
      positions: [3, 4, 8, 0],
      buttonSeat: 0,
      smallBlindSeat: 3,
      bigBlindSeat: 4,
      livePostSeats: [],
    });
  });

  it('moves the big blind, and so the button, one player per hand, wrapping around', () => {
    const seats = playing(0, 3, 4, 8);
    let bigBlind: number | null = null;
    const buttons: number[] = [];
    for (let hand = 0; hand < 5; hand++) {
      const seating: HandSeating = chooseHandSeating(seats, bigBlind)!;
      buttons.push(seating.buttonSeat);
      bigBlind = seating.bigBlindSeat;
    }
    expect(buttons).toEqual([0, 3, 4, 8, 0]);
  });

  it('deals a waiting player in only when the big blind reaches them', () => {
    const seats = [...playing(0, 2, 6), waiting(4)];
    // Big blind was at 0: next is 2; seat 4 keeps waiting.
    const early = chooseHandSeating(seats, 0)!;
    expect(early.positions).not.toContain(4);
    expect(early.bigBlindSeat).toBe(2);
    // Big blind was at 2: it reaches 4, who posts it.
    const reached = chooseHandSeating(seats, 2)!;
    expect(reached).toEqual({
      positions: [2, 4, 6, 0],
      buttonSeat: 0,
      smallBlindSeat: 2,
      bigBlindSeat: 4,
      livePostSeats: [],
    });
  });

  it('deals everyone in when fewer than two players are already playing', () => {
    const seats = [...playing(5), waiting(1, true), waiting(7)];
    // Nobody posts either: seat 1 asked to post now, but is dealt in without.
    expect(chooseHandSeating(seats, 5)).toMatchObject({ positions: [5, 7, 1], livePostSeats: [] });
  });

  it('puts the button on the small blind heads-up', () => {
    const seating = chooseHandSeating(playing(1, 4), 4)!;
    expect(seating).toEqual({
      positions: [1, 4],
      buttonSeat: 4,
      smallBlindSeat: 4,
      bigBlindSeat: 1,
      livePostSeats: [],
    });
  });

  it('deals a waiting player who posts now into the next hand, with a live big blind', () => {
    const seats = [...playing(0, 2, 6), waiting(4, true), waiting(8)];
    // Big blind was at 0: it moves to 2. Seat 4 posts and is dealt in; seat 8 keeps waiting.
    expect(chooseHandSeating(seats, 0)).toEqual({
      positions: [0, 2, 4, 6],
      buttonSeat: 6,
      smallBlindSeat: 0,
      bigBlindSeat: 2,
      livePostSeats: [4],
    });
    // A poster the big blind reaches, or who sits in the small blind, posts that blind only.
    expect(chooseHandSeating(seats, 2)).toMatchObject({ bigBlindSeat: 4, livePostSeats: [] });
    const inSmallBlind = chooseHandSeating([...playing(0, 6), waiting(2, true), playing(4)[0]!], 2)!;
    expect(inSmallBlind).toMatchObject({ smallBlindSeat: 2, bigBlindSeat: 4, livePostSeats: [] });
  });
});
