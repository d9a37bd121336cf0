import * as parser from 'socket.io-parser';
import { describe, expect, it } from 'vitest';
import { jsonOnlyParser } from '../../src/realtime/json-packet-encoder.js';

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
