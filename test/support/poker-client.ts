import { io, type Socket } from 'socket.io-client';
import type { Ack } from '../../src/protocol/ack.js';
import type { ClientToServerEvents, ServerToClientEvents } from '../../src/protocol/events.js';
import type { LobbyTable } from '../../src/protocol/lobby.js';
import type { TableNotice } from '../../src/protocol/notices.js';
import type { TableView } from '../../src/protocol/table-view.js';

export type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** Every frame a client received, in order, exactly as it arrived. */
export interface ReceivedFrame {
  readonly event: string;
  readonly data: unknown;
}

/**
 * A test player over a real Socket.IO connection. It records everything the server sends it, and
 * sends events with acknowledgements (untyped on purpose, so tests can send malformed ones).
 */
export class PokerClient {
  readonly frames: ReceivedFrame[] = [];
  readonly views: TableView[] = [];
  readonly notices: TableNotice[] = [];
  readonly lobby: LobbyTable[] = [];
  private waiters: (() => void)[] = [];

  private constructor(
    readonly socket: ClientSocket,
    readonly userId: string | null,
  ) {
    socket.onAny((event: string, data: unknown) => {
      this.frames.push({ event, data });
      if (event === 'table:view') this.views.push(data as TableView);
      if (event === 'table:notice') this.notices.push(data as TableNotice);
      if (event === 'lobby:table') this.lobby.push(data as LobbyTable);
      const waiters = this.waiters;
      this.waiters = [];
      for (const wake of waiters) wake();
    });
  }

  static async connect(
    url: string,
    token: string | null,
    userId: string | null = null,
  ): Promise<PokerClient> {
    const socket: ClientSocket = io(url, {
      transports: ['websocket'],
      reconnection: false,
      forceNew: true,
      ...(token !== null && { auth: { token } }),
    });
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', () => resolve());
      socket.once('connect_error', (error) => reject(error));
    });
    return new PokerClient(socket, userId);
  }

  /** Sends an event and waits for its ack. */
  async send<T = unknown>(event: string, payload?: unknown, timeoutMs = 5_000): Promise<Ack<T>> {
    const emitter = this.socket.timeout(timeoutMs) as unknown as {
      emitWithAck(event: string, ...args: unknown[]): Promise<Ack<T>>;
    };
    return payload === undefined ? emitter.emitWithAck(event) : emitter.emitWithAck(event, payload);
  }

  /** The newest view of a table this client received. */
  latest(tableId: string): TableView | undefined {
    for (let i = this.views.length - 1; i >= 0; i--)
      if (this.views[i]!.tableId === tableId) return this.views[i];
    return undefined;
  }

  /** Waits until the newest view of the table satisfies `test`. */
  async waitForView(
    tableId: string,
    test: (view: TableView) => boolean,
    timeoutMs = 5_000,
  ): Promise<TableView> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const view = this.latest(tableId);
      if (view && test(view)) return view;
      const left = deadline - Date.now();
      if (left <= 0)
        throw new Error(`no matching view of ${tableId} within ${timeoutMs} ms (last seq ${view?.seq})`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  get connected(): boolean {
    return this.socket.connected;
  }

  close(): void {
    this.socket.disconnect();
  }
}
