import { describe, expect, it } from 'vitest';
import type { TablePrivate, TableUpdate } from '../../src/protocol/table-update.js';
import type { HandPlayerWire, HandViewWire, TableView } from '../../src/protocol/table-view.js';
import {
  cardsSeenBy,
  decodeSocketIoPacket,
  hiddenCardViolations,
  replayTables,
  type SocketMessage,
  updateViolations,
  viewsOf,
} from '../support/browser.js';
import { handPlayerWire } from '../support/wire-fixtures.js';

/** The checker the end-to-end tests rely on must itself catch a leak, or their passing means nothing. */

const TABLE = 't';
const ALICE = 'alice-id';
const BOB = 'bob-id';
const ALICE_CARDS = ['As', 'Kd'];
const BOB_CARDS = ['7c', '7h'];

const player = (seat: number, holeCards: readonly string[] | null): HandPlayerWire =>
  handPlayerWire(seat, { holeCards });

function hand(fields: Partial<HandViewWire> = {}): HandViewWire {
  return {
    number: 1,
    phase: 'preflop',
    board: [],
    players: [player(1, null), player(2, null)],
    toActSeat: 1,
    turn: 0,
    legal: null,
    result: null,
    proof: null,
    ...fields,
  } as HandViewWire;
}

/** A view rendered for Alice (seat 1) unless told otherwise. */
function view(
  seq: number,
  shown: HandViewWire | null,
  you: TableView['you'] = { userId: ALICE, seat: 1 },
): TableView {
  return {
    tableId: TABLE,
    seq,
    serverTimeMs: 0,
    status: 'running',
    seats: [
      { seat: 1, player: { userId: ALICE } },
      { seat: 2, player: { userId: BOB } },
    ],
    you,
    hand: shown,
  } as unknown as TableView;
}

const update = (seq: number, parts: Partial<TableUpdate> = {}): TableUpdate => ({
  tableId: TABLE,
  seq,
  serverTimeMs: 0,
  ...parts,
});

const own = (
  seat: number,
  holeCards: readonly string[],
  fields: Partial<TablePrivate> = {},
): TablePrivate => ({
  handNumber: 1,
  seat,
  turn: 0,
  holeCards,
  legal: null,
  proof: null,
  ...fields,
});

const ack = (shown: TableView): SocketMessage => ({ kind: 'ack', payload: { ok: true, data: shown } });
const event = (sent: TableUpdate): SocketMessage => ({ kind: 'event', name: 'table:update', payload: sent });

const proof = (holeCards: { seat: number; cards: string[] }[], opened: string[]) =>
  ({
    holeCards,
    board: [],
    openings: opened.map((card, position) => ({ position, card, salt: '00' })),
  }) as unknown as HandViewWire['proof'];

/** Alice joins between hands, hand 1 is dealt, Bob acts: what an honest server sends her page. */
const honest: SocketMessage[] = [
  ack(view(1, null)),
  event(update(2, { hand: hand(), private: own(1, ALICE_CARDS) })),
  event(update(3, { handChanges: { turn: 1, toActSeat: 2 } })),
];

describe('Socket.IO frames', () => {
  it('decodes events, acknowledgements and connections, and nothing else', () => {
    expect(decodeSocketIoPacket('42["table:update",{"seq":3}]')).toEqual({
      kind: 'event',
      name: 'table:update',
      payload: { seq: 3 },
    });
    expect(decodeSocketIoPacket('4317[{"ok":true,"data":null}]')).toEqual({
      kind: 'ack',
      payload: { ok: true, data: null },
    });
    expect(decodeSocketIoPacket('40{"sid":"x"}')).toEqual({ kind: 'connect' });
    expect(decodeSocketIoPacket('2')).toBeNull();
    expect(decodeSocketIoPacket('0{"sid":"x","upgrades":[]}')).toBeNull();
  });

  it('replays what a page received as the page does: whole views, updates, gaps, reconnections', () => {
    const receipts = replayTables([
      ...honest,
      event(update(3, { handChanges: { turn: 1 } })),
      event(update(5, { handChanges: { turn: 3 } })),
      { kind: 'connect' },
      event(update(7, { handChanges: { turn: 5 } })),
      ack(view(6, hand({ turn: 4, players: [player(1, ALICE_CARDS), player(2, null)] }))),
    ]);
    expect(
      receipts.map((receipt) => [receipt.outcome, receipt.held?.seq ?? null, receipt.handNumber]),
    ).toEqual([
      ['applied', 1, null],
      ['applied', 2, 1],
      ['applied', 3, 1],
      ['stale', 3, null],
      ['gap', 3, null],
      ['waiting', null, null],
      ['applied', 7, 1],
    ]);
    // Her own cards came in the private part only, and her view shows them at her seat.
    const views = viewsOf(receipts);
    expect(views.map((shown) => shown.seq)).toEqual([1, 2, 3, 6, 7]);
    expect(views[1]!.hand!.players[0]!.holeCards).toEqual(ALICE_CARDS);
    expect(views[1]!.you).toEqual({ userId: ALICE, seat: 1 });
  });
});

describe('the hidden-cards check on views', () => {
  it('accepts own cards and cards shown at the showdown', () => {
    const views = [
      view(1, hand({ players: [player(1, ALICE_CARDS), player(2, null)] })),
      view(
        2,
        hand({
          phase: 'complete',
          players: [player(1, ALICE_CARDS), player(2, BOB_CARDS)],
          result: { pots: [], rake: '0', uncalled: null, shown: [{ seat: 2, cards: BOB_CARDS, hand: null }] },
        }),
      ),
    ];
    expect(hiddenCardViolations(views)).toEqual([]);
    expect(cardsSeenBy(views).get(1)).toEqual(new Set(['1:As', '1:Kd', '2:7c', '2:7h']));
  });

  it("flags another player's cards before the showdown, or cards that were not shown", () => {
    const early = view(4, hand({ players: [player(1, ALICE_CARDS), player(2, BOB_CARDS)] }));
    const unshown = view(
      5,
      hand({
        phase: 'complete',
        players: [player(1, ALICE_CARDS), player(2, BOB_CARDS)],
        result: { pots: [], rake: '0', uncalled: null, shown: [] },
      }),
    );
    const spectator = view(6, hand({ players: [player(1, ALICE_CARDS)] }), { userId: 'carol', seat: 0 });
    expect(hiddenCardViolations([early, unshown, spectator])).toHaveLength(3);
  });

  it('flags a deck proof that lists or opens a card the viewer never saw', () => {
    const over = {
      phase: 'complete' as const,
      board: ['2c', '3d', '4h'],
      players: [player(1, ALICE_CARDS), player(2, null)],
      result: { pots: [], rake: '0', uncalled: null, shown: [] },
    };
    const fair = view(
      7,
      hand({ ...over, proof: proof([{ seat: 1, cards: ALICE_CARDS }], [...ALICE_CARDS, '2c']) }),
    );
    const listsOther = view(8, hand({ ...over, proof: proof([{ seat: 2, cards: BOB_CARDS }], []) }));
    const opensOther = view(9, hand({ ...over, proof: proof([], ['7c']) }));
    expect(hiddenCardViolations([fair])).toEqual([]);
    expect(hiddenCardViolations([listsOther, opensOther])).toHaveLength(2);
  });
});

describe('the check of updates as they came', () => {
  const check = (messages: SocketMessage[]) => updateViolations(replayTables(messages));

  it('accepts an honest stream, through to a showdown and the proof', () => {
    const showdown = {
      pots: [],
      rake: '0',
      uncalled: null,
      shown: [
        { seat: 1, cards: ALICE_CARDS, hand: null },
        { seat: 2, cards: BOB_CARDS, hand: null },
      ],
    };
    const messages = [
      ...honest,
      event(
        update(4, {
          handChanges: {
            phase: 'complete',
            board: ['2c', '3d', '4h', '5s', '9d'],
            players: { '0': player(1, ALICE_CARDS), '1': player(2, BOB_CARDS) },
            result: showdown,
            proof: proof(showdown.shown, [...BOB_CARDS, '2c']),
          },
        }),
      ),
      event(
        update(5, {
          private: own(1, ALICE_CARDS, {
            proof: proof(showdown.shown, [...ALICE_CARDS, ...BOB_CARDS, '9d']),
          }),
        }),
      ),
    ];
    expect(check(messages)).toEqual([]);
    expect(hiddenCardViolations(viewsOf(replayTables(messages)))).toEqual([]);
  });

  it("flags another player's cards in the public part, even at a showdown that did not show them", () => {
    expect(
      check([...honest, event(update(4, { handChanges: { players: { '1': player(2, BOB_CARDS) } } }))]),
    ).toEqual(["seq 4 public part: seat 2's cards 7c 7h"]);
    const mucked = { pots: [], rake: '0', uncalled: null, shown: [] };
    expect(
      check([
        ...honest,
        event(
          update(4, {
            handChanges: { phase: 'complete', players: { '1': player(2, BOB_CARDS) }, result: mucked },
          }),
        ),
      ]),
    ).toHaveLength(1);
  });

  it("flags the viewer's own cards in the public part, which every spectator gets too", () => {
    const leaked = [
      ack(view(1, null)),
      event(update(2, { hand: hand({ players: [player(1, ALICE_CARDS), player(2, null)] }) })),
    ];
    // On the page they are hers, so the check on views cannot see it; the check on updates does.
    expect(hiddenCardViolations(viewsOf(replayTables(leaked)))).toEqual([]);
    expect(updateViolations(replayTables(leaked))).toEqual(["seq 2 public part: seat 1's cards As Kd"]);
  });

  it("flags a private part with another player's seat, or with cards that are not the user's", () => {
    const otherSeat = [ack(view(1, null)), event(update(2, { hand: hand(), private: own(2, BOB_CARDS) }))];
    expect(check(otherSeat)).toEqual([
      'seq 2 private part of hand 1: for seat 2, but this user was dealt in at 1',
    ]);
    expect(hiddenCardViolations(viewsOf(replayTables(otherSeat)))).toHaveLength(1);

    // Under her own seat, but Bob's cards after the server's whole view showed hers.
    const otherCards = [
      ack(view(1, hand({ players: [player(1, ALICE_CARDS), player(2, null)] }))),
      event(update(2, { handChanges: { turn: 1 }, private: own(1, BOB_CARDS, { turn: 1 }) })),
    ];
    expect(hiddenCardViolations(viewsOf(replayTables(otherCards)))).toEqual([]);
    expect(check(otherCards)).toEqual([
      'seq 2 private part of hand 1: cards 7c 7h, but this user holds As Kd',
    ]);

    // For a hand she was not dealt in at all (a watcher's page).
    const watcher = [
      ack(view(1, null, { userId: 'carol', seat: null })),
      event(update(2, { hand: hand(), private: own(1, ALICE_CARDS) })),
    ];
    expect(check(watcher)).toEqual([
      'seq 2 private part of hand 1: for seat 1, but this user was dealt in at no seat',
    ]);
  });

  it('flags a proof, public or private, that lists or opens a card the viewer never saw', () => {
    const publicProof = event(
      update(4, {
        handChanges: { phase: 'complete', proof: proof([{ seat: 1, cards: ALICE_CARDS }], ['As']) },
      }),
    );
    expect(check([...honest, publicProof])).toHaveLength(2);
    const privateProof = event(
      update(4, { private: own(1, ALICE_CARDS, { proof: proof([{ seat: 2, cards: BOB_CARDS }], ['7c']) }) }),
    );
    expect(check([...honest, privateProof])).toEqual([
      "seq 4 private part of hand 1: proof lists seat 2's cards 7c 7h",
      'seq 4 private part of hand 1: proof opens 7c at position 0',
    ]);
  });
});
