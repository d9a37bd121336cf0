import * as parser from 'socket.io-parser';

/**
 * Socket.IO's packet encoder without the search for binary, and with payloads whose JSON text is
 * already known. The default encoder walks every key of every event and ack it sends (hasBinary)
 * to see whether it must split out Buffers; this server sends only JSON (table updates, notices,
 * acks, lobby rows, chat: strings, numbers, booleans and plain objects), so a packet is always one
 * string, written exactly as the default encoder writes a packet without binary: type, namespace
 * unless "/", ack id, JSON data. The wire does not change: clients keep the standard parser, and
 * what clients send is decoded by the default decoder.
 *
 * A table update goes to the table's room and, with each player's own part added, to that player:
 * the sender knows the public update's JSON once it has written it, and gives each copy its text
 * (withJson), so the update is stringified once instead of once per copy.
 */

/** Payloads whose JSON text is known (weak: an entry goes with its payload). */
const knownJson = new WeakMap<object, string>();

/** Marks `payload` as having exactly this JSON text (JSON.stringify(payload) would give it). */
export function withJson<T extends object>(payload: T, json: string): T {
  knownJson.set(payload, json);
  return payload;
}

function stringifyData(data: unknown): string {
  if (
    !Array.isArray(data) ||
    !data.some((item) => typeof item === 'object' && item !== null && knownJson.has(item))
  )
    return JSON.stringify(data);
  // An event's data is [name, ...arguments]: the same text JSON.stringify(data) gives, its known parts reused.
  const parts = data.map(
    (item) => (typeof item === 'object' && item !== null && knownJson.get(item)) || JSON.stringify(item),
  );
  return `[${parts.join(',')}]`;
}

class JsonOnlyEncoder {
  encode(packet: parser.Packet): string[] {
    let text = String(packet.type);
    if (packet.nsp && packet.nsp !== '/') text += `${packet.nsp},`;
    if (packet.id !== undefined && packet.id !== null) text += packet.id;
    if (packet.data !== undefined && packet.data !== null) text += stringifyData(packet.data);
    return [text];
  }
}

/** The `parser` option of the Socket.IO server: this encoder, the standard decoder. */
export const jsonOnlyParser = {
  protocol: parser.protocol,
  Encoder: JsonOnlyEncoder,
  Decoder: parser.Decoder,
};
