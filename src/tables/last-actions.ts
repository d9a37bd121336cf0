import type { HandEvent, Street } from '../engine/hand-types.js';

/** A player's latest post or action in a hand, in chip units (table-snapshot.ts renders it). */
export interface LastAction {
  readonly kind: 'ante' | 'blind' | 'fold' | 'check' | 'call' | 'bet' | 'raise';
  /** ante, blind, call: chips put in; bet, raise: the street total; otherwise null. */
  readonly units: number | null;
  readonly allIn: boolean;
  readonly street: Street;
  readonly index: number;
}

/**
 * Each position's latest move, from the hand's public events in order (one pass; a hand has a few
 * dozen). Private events (hole cards) carry no move and are skipped.
 */
export function lastActionsOf(events: readonly HandEvent[], playerCount: number): (LastAction | null)[] {
  const last: (LastAction | null)[] = Array.from({ length: playerCount }, () => null);
  let street: Street = 'preflop';
  let index = 0;
  const record = (player: number, move: Omit<LastAction, 'street' | 'index'>) => {
    if (player >= 0 && player < playerCount) last[player] = { ...move, street, index };
    index++;
  };
  for (const event of events) {
    switch (event.type) {
      case 'BoardDealt':
        street = event.street;
        break;
      case 'AntePosted':
        record(event.player, { kind: 'ante', units: event.amount, allIn: false });
        break;
      case 'BlindPosted':
        record(event.player, { kind: 'blind', units: event.amount, allIn: false });
        break;
      case 'PlayerFolded':
        record(event.player, { kind: 'fold', units: null, allIn: false });
        break;
      case 'PlayerChecked':
        record(event.player, { kind: 'check', units: null, allIn: false });
        break;
      case 'PlayerCalled':
        record(event.player, { kind: 'call', units: event.amount, allIn: event.allIn });
        break;
      case 'PlayerBet':
        record(event.player, { kind: 'bet', units: event.to, allIn: event.allIn });
        break;
      case 'PlayerRaised':
        record(event.player, { kind: 'raise', units: event.to, allIn: event.allIn });
        break;
      default:
        break;
    }
  }
  return last;
}
