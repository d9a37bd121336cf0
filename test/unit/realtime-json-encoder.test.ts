import * as parser from 'socket.io-parser';
import { describe, expect, it } from 'vitest';
import type { TablePrivate, TableUpdate } from '../../src/protocol/table-update.js';
import { jsonOnlyParser, withJson } from '../../src/realtime/json-packet-encoder.js';
import { openObject, privateCopy } from '../../src/realtime/table-update-emitter.js';

const { PacketType } = parser;

/** Packets of every kind the server sends, with the data shapes it sends. */
const packets: parser.Packet[] = [
  { type: PacketType.CONNECT, nsp: '/', data: { sid: 'abc' } },
  {
    type: PacketType.CONNECT_ERROR,
    nsp: '/',
    data: { message: 'realtime/unauthenticated', data: { code: 'x' } },
  },
  { type: PacketType.DISCONNECT, nsp: '/' },
  {
    type: PacketType.EVENT,
    nsp: '/',
    data: [
      'table:update',
      { tableId: 't', seq: 3, hand: null, seats: { '1': { stack: '12.5', connected: true } } },
    ],
  },
  { type: PacketType.ACK, nsp: '/', id: 17, data: [{ ok: true, data: null }] },
  {
    type: PacketType.ACK,
    nsp: '/',
    id: 0,
    data: [{ ok: false, error: { code: 'a/b', message: 'é "quoted" \n' } }],
  },
  { type: PacketType.EVENT, nsp: '/admin', id: 4, data: ['x', [1, [2, { y: 'z' }]]] },
];

describe('the JSON-only packet encoder', () => {
  it('writes every packet exactly as the default encoder writes it', () => {
    const standard = new parser.Encoder();
    const ours = new jsonOnlyParser.Encoder();
    for (const packet of packets) expect(ours.encode(packet)).toEqual(standard.encode(packet));
  });

  it('gives packets that the standard decoder reads back whole', () => {
    const ours = new jsonOnlyParser.Encoder();
    for (const packet of packets) {
      const decoder = new jsonOnlyParser.Decoder();
      const decoded: unknown[] = [];
      decoder.on('decoded', (value: unknown) => decoded.push(value));
      for (const part of ours.encode(packet)) decoder.add(part);
      expect(decoded).toHaveLength(1);
      expect(decoded[0]).toMatchObject({
        type: packet.type,
        nsp: packet.nsp,
        ...(packet.data !== undefined && { data: packet.data }),
        ...(packet.id !== undefined && { id: packet.id }),
      });
    }
  });
});

describe('a table update with a known JSON text', () => {
  const update: TableUpdate = {
    tableId: '6c0b1f8e-0000-4000-8000-000000000001',
    seq: 41,
    serverTimeMs: 1_700_000_000_000,
    handChanges: { pot: '12.5', turn: 7, toActSeat: 3, players: { '2': samplePlayer() } },
  };
  const own: TablePrivate = {
    handNumber: 9,
    seat: 3,
    turn: 7,
    holeCards: ['As', 'Td'],
    legal: {
      actions: ['fold', 'call', 'raise'],
      callAmount: '2',
      betOrRaise: { kind: 'raise', minTo: '4', maxTo: '196.5' },
    },
    proof: null,
  };

  it('is encoded exactly as the default encoder encodes the same object', () => {
    const standard = new parser.Encoder();
    const ours = new jsonOnlyParser.Encoder();
    const publicJson = JSON.stringify(update);
    const copy = privateCopy(update, openObject(publicJson), own);
    expect(copy).toEqual({ ...update, private: own });
    for (const payload of [copy, withJson({ ...update }, publicJson)]) {
      const packet: parser.Packet = { type: PacketType.EVENT, nsp: '/', data: ['table:update', payload] };
      expect(ours.encode(packet)).toEqual(standard.encode(packet));
    }
  });

  it('is what the encoder writes, not the object: the text is trusted as given', () => {
    const ours = new jsonOnlyParser.Encoder();
    const marked = withJson({ a: 1 }, '{"a":2}');
    expect(ours.encode({ type: PacketType.EVENT, nsp: '/', data: ['x', marked] })).toEqual([
      '2["x",{"a":2}]',
    ]);
  });
});

function samplePlayer() {
  return {
    seat: 3,
    stack: '196.5',
    streetCommitted: '2',
    totalCommitted: '3',
    folded: false,
    allIn: false,
    holeCards: null,
    lastAction: { kind: 'call' as const, amount: '2', allIn: false, street: 'preflop' as const, index: 4 },
  };
}
