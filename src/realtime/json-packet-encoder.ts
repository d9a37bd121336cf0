import * as parser from 'socket.io-parser';

/**
 * Socket.IO's packet encoder without the search for binary. The default encoder walks every key of
 * every event and ack it sends (hasBinary) to see whether it must split out Buffers; this server
 * sends only JSON (table updates, notices, acks, lobby rows, chat: strings, numbers, booleans and
 * plain objects), so a packet is always one string, written exactly as the default encoder writes
 * a packet without binary: type, namespace unless "/", ack id, JSON data. The wire does not change:
 * clients keep the standard parser, and what clients send is decoded by the default decoder.
 * The walk was a few percent of the server's CPU at full speed (bench:load's profile): a table
 * update has a few hundred keys, and the walk runs once per encode.
 */
class JsonOnlyEncoder {
  encode(packet: parser.Packet): string[] {
    let text = String(packet.type);
    if (packet.nsp && packet.nsp !== '/') text += `${packet.nsp},`;
    if (packet.id !== undefined && packet.id !== null) text += packet.id;
    if (packet.data !== undefined && packet.data !== null) text += JSON.stringify(packet.data);
    return [text];
  }
}

/** The `parser` option of the Socket.IO server: this encoder, the standard decoder. */
export const jsonOnlyParser = {
  protocol: parser.protocol,
  Encoder: JsonOnlyEncoder,
  Decoder: parser.Decoder,
};
