import { describe, expect, it } from 'vitest';
import type { HandViewWire, TableView } from '../../src/protocol/table-view.js';
import { cardsSeenBy, decodeSocketIoPacket, hiddenCardViolations, viewsIn } from '../support/browser.js';

/** The checker the end-to-end tests rely on must itself catch a leak, or their passing means nothing. */

function view(seq: number, hand: Partial<HandViewWire>, you = 1): TableView {
  return {
    tableId: 't',
    seq,
    seats: [],
    you: { userId: 'u', seat: you },
    hand: {
      number: 1,
      phase: 'preflop',
      result: null,
      players: [],
      ...hand,
    },
  } as unknown as TableView;
}

const player = (seat: number, holeCards: string[] | null) => ({
  seat,
  stack: '100',
  streetCommitted: '0',
  totalCommitted: '0',
  folded: false,
  allIn: false,
  holeCards,
});

describe('Socket.IO frames', () => {
  it('decodes events and acknowledgements, and nothing else', () => {
    expect(decodeSocketIoPacket('42["table:view",{"seq":3}]')).toEqual({
      kind: 'event',
      name: 'table:view',
      payload: { seq: 3 },
    });
    expect(decodeSocketIoPacket('4317[{"ok":true,"data":null}]')).toEqual({
      kind: 'ack',
      payload: { ok: true, data: null },
    });
    expect(decodeSocketIoPacket('2')).toBeNull();
    expect(decodeSocketIoPacket('40{"sid":"x"}')).toBeNull();
  });

  it('finds views in events and in acknowledgements', () => {
    const shown = view(1, {});
    expect(viewsIn({ kind: 'event', name: 'table:view', payload: shown })).toEqual([shown]);
    expect(viewsIn({ kind: 'ack', payload: { ok: true, data: shown } })).toEqual([shown]);
    expect(viewsIn({ kind: 'ack', payload: { ok: false, error: {} } })).toEqual([]);
  });
});

describe('the hidden-cards check', () => {
  it('accepts own cards and cards shown at the showdown', () => {
    const views = [
      view(1, { players: [player(1, ['As', 'Kd']), player(2, null)] }),
      view(2, {
        phase: 'complete',
        players: [player(1, ['As', 'Kd']), player(2, ['7c', '7h'])],
        result: { pots: [], rake: '0', uncalled: null, shown: [{ seat: 2, cards: ['7c', '7h'] }] },
      }),
    ];
    expect(hiddenCardViolations(views)).toEqual([]);
    expect(cardsSeenBy(views).get(1)).toEqual(new Set(['1:As', '1:Kd', '2:7c', '2:7h']));
  });

  it("flags another player's cards before the showdown, or cards that were not shown", () => {
    const early = view(4, { players: [player(1, ['As', 'Kd']), player(2, ['7c', '7h'])] });
    const unshown = view(5, {
      phase: 'complete',
      players: [player(1, ['As', 'Kd']), player(2, ['7c', '7h'])],
      result: { pots: [], rake: '0', uncalled: null, shown: [] },
    });
    const spectator = view(6, { players: [player(1, ['As', 'Kd'])] }, 0);
    expect(hiddenCardViolations([early, unshown, spectator])).toHaveLength(3);
  });

  it('flags a deck proof that lists or opens a card the viewer never saw', () => {
    const proof = (holeCards: { seat: number; cards: string[] }[], opened: string[]) => ({
      holeCards,
      openings: opened.map((card, position) => ({ position, card, salt: '00' })),
    });
    const over = {
      phase: 'complete' as const,
      board: ['2c', '3d', '4h'],
      players: [player(1, ['As', 'Kd']), player(2, null)],
      result: { pots: [], rake: '0', uncalled: null, shown: [] },
    };
    const honest = view(7, {
      ...over,
      proof: proof([{ seat: 1, cards: ['As', 'Kd'] }], ['As', 'Kd', '2c', '3d', '4h']),
    } as never);
    const listsOther = view(8, { ...over, proof: proof([{ seat: 2, cards: ['7c', '7h'] }], []) } as never);
    const opensOther = view(9, { ...over, proof: proof([], ['7c']) } as never);
    expect(hiddenCardViolations([honest])).toEqual([]);
    expect(hiddenCardViolations([listsOther, opensOther])).toHaveLength(2);
  });
});
