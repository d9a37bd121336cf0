import { type Ack, ackError, ackOk } from '../protocol/ack.js';
import type { ChatSendPayload } from '../protocol/client-payloads.js';
import type { TableChat } from '../protocol/events.js';
import type { GatewaySettings } from './gateway-settings.js';
import { type PokerSocket, tableRoom } from './socket-types.js';
import { TokenBucket } from './token-bucket.js';

type ChatSettings = Pick<GatewaySettings, 'chatMaxChars' | 'chatBurst' | 'chatPerMinute'>;

/** Users whose chat buckets are kept at most; a full map forgets those whose bucket refilled. */
const CHAT_USERS_MAX = 50_000;

/**
 * Table chat. It is not a table command: it never enters a table's mailbox, its game or its money,
 * and runs on whichever node the socket is on. A line goes to the table's room, which the Socket.IO
 * adapter fans out to every node's watchers in a cluster. Each user has one token bucket for all
 * tables (on this node), on top of the gateway's limits for every event.
 */
export class TableChatRoom {
  private readonly buckets = new Map<string, { bucket: TokenBucket; lastMs: number }>();

  constructor(
    private readonly settings: ChatSettings,
    private readonly now: () => number = Date.now,
  ) {}

  async send(socket: PokerSocket, payload: ChatSendPayload): Promise<Ack<null>> {
    const room = tableRoom(payload.tableId);
    if (!socket.rooms.has(room)) return ackError('chat/not-watching', 'join the table before chatting');
    const text = payload.text.trim();
    if ([...text].length > this.settings.chatMaxChars) {
      return ackError('chat/too-long', `at most ${this.settings.chatMaxChars} characters`);
    }
    const userId = socket.data.userId!;
    if (!this.admit(userId)) return ackError('chat/rate-limited', 'you are chatting too fast: wait a moment');
    const chat: TableChat = {
      tableId: payload.tableId,
      userId,
      username: socket.data.username!,
      text,
      sentAtMs: this.now(),
    };
    socket.nsp.to(room).emit('table:chat', chat);
    return ackOk(null);
  }

  private admit(userId: string): boolean {
    const now = this.now();
    let entry = this.buckets.get(userId);
    if (!entry) {
      if (this.buckets.size >= CHAT_USERS_MAX) this.forgetRefilled(now);
      entry = {
        bucket: new TokenBucket(this.settings.chatBurst, this.settings.chatPerMinute / 60, now),
        lastMs: now,
      };
      this.buckets.set(userId, entry);
    }
    entry.lastMs = now;
    return entry.bucket.take(now);
  }

  /** Drops the buckets that have refilled since they were last used: they would start full anyway. */
  private forgetRefilled(now: number): void {
    const refillMs = (this.settings.chatBurst * 60_000) / this.settings.chatPerMinute;
    for (const [userId, entry] of this.buckets) {
      if (now - entry.lastMs >= refillMs) this.buckets.delete(userId);
    }
    if (this.buckets.size >= CHAT_USERS_MAX) this.buckets.clear();
  }
}
