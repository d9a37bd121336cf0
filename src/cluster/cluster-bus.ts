import type { Logger } from 'pino';
import { ClientClosedError, ClientOfflineError } from 'redis';
import { type Ack, ackError } from '../protocol/ack.js';
import type { ClusterKeys } from './cluster-keys.js';
import {
  type ClusterEvent,
  type CommandRequest,
  type PresenceNote,
  parseClusterEvent,
  parseInboxMessage,
} from './cluster-messages.js';
import type { RedisClient } from './redis-connections.js';
import { withTimeout } from './with-timeout.js';

/** How a forwarded command ended, as the sender sees it. */
export type RequestOutcome =
  | { readonly kind: 'answered'; readonly ack: Ack<unknown> }
  /** The receiver does not run the table (any more): nothing was run, ask again. */
  | { readonly kind: 'not-owner' }
  /** Nobody listens on that node's inbox (it is gone): nothing was run, ask again. */
  | { readonly kind: 'undelivered' }
  /** No answer in time: the command may or may not have run. */
  | { readonly kind: 'timeout' };

/**
 * Request and response between nodes over Redis pub/sub, with correlation ids: each node listens
 * on its own inbox channel; a request names the sender's inbox for the reply. PUBLISH answers how
 * many listeners got the message, so a request to a dead node fails at once (nothing ran) rather
 * than after the timeout. Events go to one channel every node hears.
 */
export class ClusterBus {
  private readonly pending = new Map<string, (ack: Ack<unknown> | null) => void>();
  private sequence = 0;
  /** Runs a forwarded command here; null when this node does not run the table. */
  onRequest: (request: CommandRequest) => Promise<Ack<unknown> | null> = async () => null;
  onPresence: (note: PresenceNote) => void = () => {};
  onEvent: (event: ClusterEvent) => void = () => {};

  constructor(
    private readonly publisher: RedisClient,
    private readonly subscriber: RedisClient,
    private readonly keys: ClusterKeys,
    readonly nodeId: string,
    private readonly timeoutMs: number,
    private readonly logger: Logger,
  ) {}

  async start(): Promise<void> {
    await this.subscriber.subscribe(this.keys.inbox(this.nodeId), (text: string) => this.receive(text));
    await this.subscriber.subscribe(this.keys.events, (text: string) => {
      const event = parseClusterEvent(text);
      if (event) this.onEvent(event);
      else this.logger.warn('malformed cluster event ignored');
    });
  }

  async stop(): Promise<void> {
    for (const resolve of this.pending.values()) resolve(null);
    this.pending.clear();
    await withTimeout(this.subscriber.unsubscribe(), this.timeoutMs, 'unsubscribe').catch(() => undefined);
  }

  /** Sends a command to the node that owns its table and waits for the answer until `deadlineMs`. */
  async request(
    nodeId: string,
    command: Omit<CommandRequest, 'kind' | 'id' | 'from' | 'deadlineMs'>,
    deadlineMs: number,
  ): Promise<RequestOutcome> {
    const id = `${this.nodeId}:${++this.sequence}`;
    const message: CommandRequest = { kind: 'request', id, from: this.nodeId, deadlineMs, ...command };
    const answer = new Promise<Ack<unknown> | null>((resolve) => this.pending.set(id, resolve));
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), Math.max(0, deadlineMs - Date.now()));
    });
    try {
      const receivers = await withTimeout(
        this.publisher.publish(this.keys.inbox(nodeId), JSON.stringify(message)),
        Math.max(1, Math.min(this.timeoutMs, deadlineMs - Date.now())),
        'command forward',
      );
      if (receivers === 0) return { kind: 'undelivered' };
      const result = await Promise.race([answer, timedOut]);
      if (result === 'timeout') return { kind: 'timeout' };
      return result === null ? { kind: 'not-owner' } : { kind: 'answered', ack: result };
    } catch (error) {
      // An offline or closed connection sent nothing, so nothing ran; any other failure (a timeout,
      // a connection lost mid-flight) leaves it unknown whether the owner got the command.
      if (error instanceof ClientOfflineError || error instanceof ClientClosedError)
        return { kind: 'undelivered' };
      return { kind: 'timeout' };
    } finally {
      clearTimeout(timer);
      this.pending.delete(id);
    }
  }

  /** A one-way note to one node (best effort: a lost note is repaired at the next ownership change). */
  tell(nodeId: string, note: Omit<PresenceNote, 'kind' | 'from'>): void {
    const message: PresenceNote = { kind: 'presence', from: this.nodeId, ...note };
    this.publish(this.keys.inbox(nodeId), JSON.stringify(message));
  }

  /** News for every node (best effort: the periodic scan repairs a lost one). */
  announce(event: ClusterEvent): void {
    this.publish(this.keys.events, JSON.stringify(event));
  }

  private publish(channel: string, text: string): void {
    withTimeout(this.publisher.publish(channel, text), this.timeoutMs, 'publish').catch((error: unknown) => {
      this.logger.debug({ err: error, channel }, 'cluster message not sent');
    });
  }

  private receive(text: string): void {
    const message = parseInboxMessage(text);
    if (!message) {
      this.logger.warn('malformed cluster message ignored');
      return;
    }
    if (message.kind === 'reply') {
      this.pending.get(message.id)?.(message.ack);
      return;
    }
    if (message.kind === 'presence') {
      this.onPresence(message);
      return;
    }
    void this.answer(message);
  }

  private async answer(request: CommandRequest): Promise<void> {
    let ack: Ack<unknown> | null;
    try {
      ack = await this.onRequest(request);
    } catch (error) {
      this.logger.error({ err: error, event: request.event }, 'forwarded command failed');
      ack = ackError('internal/error', 'something went wrong');
    }
    this.publish(this.keys.inbox(request.from), JSON.stringify({ kind: 'reply', id: request.id, ack }));
  }
}
