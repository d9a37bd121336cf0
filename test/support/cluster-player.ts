import { io } from 'socket.io-client';
import type { Ack } from '../../src/protocol/ack.js';
import type { TableNotice } from '../../src/protocol/notices.js';
import type { TableUpdate } from '../../src/protocol/table-update.js';
import type { TableView } from '../../src/protocol/table-view.js';
import { TableViewAssembler, type UpdateOutcome } from '../../src/protocol/table-view-assembler.js';
import type { ClientSocket, ReceivedFrame } from './poker-client.js';
import { seededRandom } from './seeded-random.js';

/**
 * A player for cluster tests: connects to one node, and when that node goes away connects to
 * another and joins its table again (as a browser behind a load balancer would). It can play by
 * itself: on every view that offers it the turn it checks, calls or folds (seeded), quoting that
 * view. It keeps its view as a real client does (TableViewAssembler; a gap asks for table:sync,
 * a new connection starts afresh). Everything it receives is kept, with the node it came from, and
 * so is every whole view it held, for the hidden-information and same-hands checks. Every loop is
 * bounded in time or count.
 */

/** Events whose successful ack carries a whole view of the table. */
const WHOLE_VIEW_ACKS = new Set(['table:join', 'table:sit', 'table:sync', 'table:sit-in', 'table:sit-out']);

export interface PlayerStats {
  acts: number;
  actsRefused: number;
  ackErrors: Record<string, number>;
  reconnects: number;
  /** Gaps in the updates, each answered by table:sync. */
  syncs: number;
}

export class ClusterPlayer {
  readonly frames: (ReceivedFrame & { readonly url: string })[] = [];
  readonly notices: TableNotice[] = [];
  readonly stats: PlayerStats = { acts: 0, actsRefused: 0, ackErrors: {}, reconnects: 0, syncs: 0 };
  /** Every whole view this player held, in order. */
  private readonly held: TableView[] = [];
  private readonly assembler: TableViewAssembler;
  private socket: ClientSocket | null = null;
  private url = '';
  private latestView: TableView | null = null;
  private waiters: (() => void)[] = [];
  private closed = false;
  private autoplay = false;
  private acting = false;
  private reconnecting: Promise<void> | null = null;
  private readonly random: () => number;
  /** The turn this player last acted on (hand number and turn), so it acts once per turn. */
  private actedOn = '';

  constructor(
    readonly name: string,
    readonly userId: string,
    private readonly token: string,
    /** The nodes that are up now (the first is tried first). */
    private readonly urls: () => readonly string[],
    readonly tableId: string,
    seed: number,
  ) {
    this.random = seededRandom(seed);
    this.assembler = new TableViewAssembler(userId);
  }

  get connectedUrl(): string {
    return this.url;
  }

  get connected(): boolean {
    return this.socket?.connected ?? false;
  }

  latest(): TableView | null {
    return this.latestView;
  }

  /** Connects to the first node that answers (bounded), and watches the table. */
  async connect(preferredUrl?: string, timeoutMs = 15_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (let attempt = 0; attempt < 200 && !this.closed; attempt++) {
      const candidates = [...(preferredUrl && attempt === 0 ? [preferredUrl] : []), ...this.urls()];
      const url = candidates[attempt % Math.max(1, candidates.length)];
      if (url && (await this.open(url))) {
        const joined = await this.send<TableView>('table:join', { tableId: this.tableId }, 6_000);
        if (joined.ok) return;
      }
      if (Date.now() > deadline) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    if (!this.closed) throw new Error(`${this.name} could not connect within ${timeoutMs} ms`);
  }

  private open(url: string): Promise<boolean> {
    this.socket?.removeAllListeners();
    this.socket?.disconnect();
    const socket: ClientSocket = io(url, {
      transports: ['websocket'],
      reconnection: false,
      forceNew: true,
      timeout: 3_000,
      auth: { token: this.token },
    });
    this.socket = socket;
    this.url = url;
    // A new connection (maybe to a node that numbers the views afresh): start from a whole view.
    this.assembler.clear();
    socket.onAny((event: string, data: unknown) => {
      this.frames.push({ event, data, url });
      if (event === 'table:update' && (data as TableUpdate).tableId === this.tableId)
        this.hold(this.assembler.apply(data as TableUpdate));
      if (event === 'table:notice') this.notices.push(data as TableNotice);
    });
    socket.on('disconnect', () => {
      if (socket === this.socket && !this.closed) void this.reconnect();
    });
    return new Promise<boolean>((resolve) => {
      socket.once('connect', () => resolve(true));
      socket.once('connect_error', () => resolve(false));
    });
  }

  /** Reconnects to any node that is up (once at a time). */
  reconnect(): Promise<void> {
    if (!this.reconnecting) {
      this.stats.reconnects += 1;
      const previous = this.url;
      this.reconnecting = this.connect(
        this.urls().find((url) => url !== previous),
        30_000,
      )
        .catch(() => undefined)
        .finally(() => {
          this.reconnecting = null;
        });
    }
    return this.reconnecting;
  }

  async send<T = unknown>(event: string, payload: unknown, timeoutMs = 8_000): Promise<Ack<T>> {
    const socket = this.socket;
    if (!socket?.connected) return { ok: false, error: { code: 'internal/error', message: 'not connected' } };
    try {
      const emitter = socket.timeout(timeoutMs) as unknown as {
        emitWithAck(event: string, ...args: unknown[]): Promise<Ack<T>>;
      };
      const ack = await emitter.emitWithAck(event, payload);
      // A whole view in an ack was rendered by the owner and relayed by this node; it becomes the
      // view held (and is checked like every other).
      if (ack.ok && WHOLE_VIEW_ACKS.has(event) && socket === this.socket)
        this.hold(this.assembler.reset(ack.data as TableView));
      if (!ack.ok) this.stats.ackErrors[ack.error.code] = (this.stats.ackErrors[ack.error.code] ?? 0) + 1;
      return ack;
    } catch {
      this.stats.ackErrors['test/ack-timeout'] = (this.stats.ackErrors['test/ack-timeout'] ?? 0) + 1;
      return { ok: false, error: { code: 'internal/error', message: 'no ack' } };
    }
  }

  /** Sits (bounded retries while the table moves between nodes). */
  async sit(seat: number, buyIn: string, timeoutMs = 15_000): Promise<Ack<TableView>> {
    const deadline = Date.now() + timeoutMs;
    let ack: Ack<TableView> = { ok: false, error: { code: 'internal/error', message: 'not tried' } };
    for (let attempt = 0; attempt < 50 && Date.now() < deadline; attempt++) {
      ack = await this.send<TableView>('table:sit', { tableId: this.tableId, seat, buyIn });
      if (ack.ok) return ack;
      if (
        !['cluster/owner-unreachable', 'table/mailbox-full', 'internal/error', 'table/closing'].includes(
          ack.error.code,
        )
      )
        return ack;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    return ack;
  }

  /** Plays by itself from now on. */
  play(): void {
    this.autoplay = true;
    this.maybeAct();
  }

  pause(): void {
    this.autoplay = false;
  }

  /** Waits until the newest view satisfies `test`. */
  async waitForView(test: (view: TableView) => boolean, timeoutMs = 10_000): Promise<TableView> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const view = this.latestView;
      if (view && test(view)) return view;
      const left = deadline - Date.now();
      if (left <= 0)
        throw new Error(
          `${this.name}: no matching view within ${timeoutMs} ms (last seq ${view?.seq}, hand ${view?.hand?.number})`,
        );
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, Math.min(left, 250));
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  /** Every whole view this player held (from acks and from updates), in order. */
  views(): readonly TableView[] {
    return this.held;
  }

  close(): void {
    this.closed = true;
    this.autoplay = false;
    this.socket?.removeAllListeners();
    this.socket?.disconnect();
  }

  private hold(outcome: UpdateOutcome): void {
    if (outcome.kind === 'gap') {
      this.stats.syncs += 1;
      void this.send('table:sync', { tableId: this.tableId });
    }
    if (outcome.kind !== 'applied') return;
    this.held.push(outcome.view);
    this.latestView = outcome.view;
    const waiters = this.waiters;
    this.waiters = [];
    for (const wake of waiters) wake();
    this.maybeAct();
  }

  private maybeAct(): void {
    const view = this.latestView;
    const hand = view?.hand;
    if (!this.autoplay || this.acting || !view || !hand?.legal || hand.toActSeat !== view.you.seat) return;
    const key = `${hand.number}:${hand.turn}:${view.seq}`;
    if (key === this.actedOn) return;
    this.actedOn = key;
    const legal = hand.legal;
    const roll = this.random();
    const kind = legal.actions.includes('check')
      ? 'check'
      : roll < 0.8 && legal.actions.includes('call')
        ? 'call'
        : 'fold';
    this.acting = true;
    void this.send<null>('table:act', {
      tableId: this.tableId,
      deckCommitment: hand.deckCommitment,
      handNumber: hand.number,
      turn: hand.turn,
      kind,
    })
      .then((ack) => {
        if (ack.ok) this.stats.acts += 1;
        else this.stats.actsRefused += 1;
      })
      .finally(() => {
        this.acting = false;
        this.maybeAct();
      });
  }
}
