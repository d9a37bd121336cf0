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

/** A move event: one that sets a position's latest post or action. */
type MoveEvent = Extract<
  HandEvent,
  {
    type:
      | 'AntePosted'
      | 'BlindPosted'
      | 'PlayerFolded'
      | 'PlayerChecked'
      | 'PlayerCalled'
      | 'PlayerBet'
      | 'PlayerRaised';
  }
>;

function isMove(event: HandEvent): event is MoveEvent {
  switch (event.type) {
    case 'AntePosted':
    case 'BlindPosted':
    case 'PlayerFolded':
    case 'PlayerChecked':
    case 'PlayerCalled':
    case 'PlayerBet':
    case 'PlayerRaised':
      return true;
    default:
      return false;
  }
}

function lastActionOf(event: MoveEvent, street: Street, index: number): LastAction {
  switch (event.type) {
    case 'AntePosted':
      return { kind: 'ante', units: event.amount, allIn: false, street, index };
    case 'BlindPosted':
      return { kind: 'blind', units: event.amount, allIn: false, street, index };
    case 'PlayerFolded':
      return { kind: 'fold', units: null, allIn: false, street, index };
    case 'PlayerChecked':
      return { kind: 'check', units: null, allIn: false, street, index };
    case 'PlayerCalled':
      return { kind: 'call', units: event.amount, allIn: event.allIn, street, index };
    case 'PlayerBet':
      return { kind: 'bet', units: event.to, allIn: event.allIn, street, index };
    case 'PlayerRaised':
      return { kind: 'raise', units: event.to, allIn: event.allIn, street, index };
  }
}

/**
 * Each position's latest move, from the hand's public events in order (one pass; a hand has a few
 * dozen). Private events (hole cards) carry no move and are skipped. The pass only notes where
 * each position's latest move is: a table renders this at every update, so only the few entries
 * returned are built.
 */
export function lastActionsOf(events: readonly HandEvent[], playerCount: number): (LastAction | null)[] {
  const latest: (MoveEvent | null)[] = new Array(playerCount).fill(null);
  const streets: Street[] = new Array(playerCount).fill('preflop');
  const indexes: number[] = new Array(playerCount).fill(0);
  let street: Street = 'preflop';
  let index = 0;
  for (const event of events) {
    if (event.type === 'BoardDealt') {
      street = event.street;
    } else if (isMove(event)) {
      const player = event.player;
      if (player >= 0 && player < playerCount) {
        latest[player] = event;
        streets[player] = street;
        indexes[player] = index;
      }
      index++;
    }
  }
  return latest.map((event, player) => event && lastActionOf(event, streets[player]!, indexes[player]!));
}
