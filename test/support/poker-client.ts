import { io, type Socket } from 'socket.io-client';
import type { Ack } from '../../src/protocol/ack.js';
import type { ClientToServerEvents, ServerToClientEvents } from '../../src/protocol/events.js';
import type { LobbyTable } from '../../src/protocol/lobby.js';
import type { TableNotice } from '../../src/protocol/notices.js';
import type { TableUpdate } from '../../src/protocol/table-update.js';
import type { TableView } from '../../src/protocol/table-view.js';
import { TableViewAssembler, type UpdateOutcome } from '../../src/protocol/table-view-assembler.js';

export type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** Every frame a client received, in order, exactly as it arrived. */
export interface ReceivedFrame {
  readonly event: string;
  readonly data: unknown;
}

/** Events whose successful ack carries a whole view of the table. */
const WHOLE_VIEW_ACKS = new Set(['table:join', 'table:sit', 'table:sync', 'table:sit-in', 'table:sit-out']);

/**
 * A test player over a real Socket.IO connection. It records everything the server sends it, keeps
 * each table's whole view as a real client does (TableViewAssembler: whole views from acks, then
 * table:update messages; a gap asks for table:sync), and sends events with acknowledgements
 * (untyped on purpose, so tests can send malformed ones).
 */
export class PokerClient {
  readonly frames: ReceivedFrame[] = [];
  /** Every whole view this client held, in order (after each applied update or ack). */
  readonly views: TableView[] = [];
  readonly notices: TableNotice[] = [];
  readonly lobby: LobbyTable[] = [];
  /** Gaps in a table's updates, each answered by table:sync. */
  syncs = 0;
  private readonly assemblers = new Map<string, TableViewAssembler>();
  private waiters: (() => void)[] = [];

  private constructor(
    readonly socket: ClientSocket,
    readonly userId: string | null,
  ) {
    socket.onAny((event: string, data: unknown) => {
      this.frames.push({ event, data });
      if (event === 'table:update')
        this.hold(
          this.assembler((data as TableUpdate).tableId).apply(data as TableUpdate),
          (data as TableUpdate).tableId,
        );
      if (event === 'table:notice') this.notices.push(data as TableNotice);
      if (event === 'lobby:table') this.lobby.push(data as LobbyTable);
      this.wake();
    });
  }

  private assembler(tableId: string): TableViewAssembler {
    let assembler = this.assemblers.get(tableId);
    if (!assembler) {
      assembler = new TableViewAssembler(this.userId);
      this.assemblers.set(tableId, assembler);
    }
    return assembler;
  }

  private hold(outcome: UpdateOutcome, tableId: string): void {
    if (outcome.kind === 'applied') this.views.push(outcome.view);
    if (outcome.kind === 'gap') {
      this.syncs += 1;
      void this.send('table:sync', { tableId }).catch(() => {});
    }
  }

  private wake(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const wake of waiters) wake();
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

  /** Sends an event and waits for its ack; an ack with a whole view becomes the table's view. */
  async send<T = unknown>(event: string, payload?: unknown, timeoutMs = 5_000): Promise<Ack<T>> {
    const emitter = this.socket.timeout(timeoutMs) as unknown as {
      emitWithAck(event: string, ...args: unknown[]): Promise<Ack<T>>;
    };
    const ack = await (payload === undefined
      ? emitter.emitWithAck(event)
      : emitter.emitWithAck(event, payload));
    if (ack?.ok && WHOLE_VIEW_ACKS.has(event)) {
      const view = ack.data as TableView;
      this.hold(this.assembler(view.tableId).reset(view), view.tableId);
      this.wake();
    }
    if (ack?.ok && event === 'table:part') this.assembler((payload as { tableId: string }).tableId).clear();
    return ack;
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
    let view: TableView | undefined;
    await this.waitFor(
      () => {
        view = this.latest(tableId);
        return view !== undefined && test(view);
      },
      timeoutMs,
      () => `no matching view of ${tableId} within ${timeoutMs} ms (last seq ${view?.seq})`,
    );
    return view!;
  }

  /** Waits until `test` holds, checked again after every frame received. */
  async waitFor(
    test: () => boolean,
    timeoutMs = 5_000,
    failure = () => `condition not met within ${timeoutMs} ms`,
  ): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      if (test()) return;
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(failure());
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
