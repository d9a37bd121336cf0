import { describe, expect, it } from 'vitest';
import { chooseHandSeating, type HandSeating } from '../../src/tables/hand-seating.js';

const playing = (...seats: number[]) => seats.map((seat) => ({ seat, waitingForBigBlind: false }));

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
    });
    expect(chooseHandSeating(playing(0, 3, 4, 8), null)).toEqual({
      positions: [3, 4, 8, 0],
      buttonSeat: 0,
      smallBlindSeat: 3,
      bigBlindSeat: 4,
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
    const seats = [...playing(0, 2, 6), { seat: 4, waitingForBigBlind: true }];
    // Big blind was at 0: next is 2; seat 4 keeps waiting.
    const early = chooseHandSeating(seats, 0)!;
    expect(early.positions).not.toContain(4);
    expect(early.bigBlindSeat).toBe(2);
    // Big blind was at 2: it reaches 4, who posts it.
    const reached = chooseHandSeating(seats, 2)!;
    expect(reached).toEqual({ positions: [2, 4, 6, 0], buttonSeat: 0, smallBlindSeat: 2, bigBlindSeat: 4 });
  });

  it('deals everyone in when fewer than two players are already playing', () => {
    const seats = [
      ...playing(5),
      { seat: 1, waitingForBigBlind: true },
      { seat: 7, waitingForBigBlind: true },
    ];
    expect(chooseHandSeating(seats, 5)?.positions.slice().sort()).toEqual([1, 5, 7]);
  });

  it('puts the button on the small blind heads-up', () => {
    const seating = chooseHandSeating(playing(1, 4), 4)!;
    expect(seating).toEqual({ positions: [1, 4], buttonSeat: 4, smallBlindSeat: 4, bigBlindSeat: 1 });
  });
});
