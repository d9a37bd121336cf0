import type { HandPlayerWire } from '../../src/protocol/table-view.js';

/** A player of a hand as the wire carries it: 100 behind, nothing put in, no cards, no move yet. */
export function handPlayerWire(seat: number, fields: Partial<HandPlayerWire> = {}): HandPlayerWire {
  return {
    seat,
    stack: '100',
    streetCommitted: '0',
    totalCommitted: '0',
    folded: false,
    allIn: false,
    holeCards: null,
    lastAction: null,
    ...fields,
  };
}
