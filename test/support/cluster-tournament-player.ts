import { io } from 'socket.io-client';
import type { Ack } from '../../src/protocol/ack.js';
import type { TournamentDetailResponse } from '../../src/protocol/http-tournaments.js';
import type { TournamentNotice } from '../../src/protocol/notices.js';
import type { TableUpdate } from '../../src/protocol/table-update.js';
import type { TableView } from '../../src/protocol/table-view.js';
import { TableViewAssembler } from '../../src/protocol/table-view-assembler.js';
import type { ClientSocket } from './poker-client.js';

/**
 * A tournament player for cluster tests: connected to one node, and when that node goes away to
 * another (as a browser behind a load balancer would). Where it sits comes from its notices
 * (seated, moved) and from the tournament's detail over HTTP (any node answers it from the
 * database), so a notice missed while reconnecting does not lose it. It plays every turn all in
 * (or calls, or checks), so the tournament ends fast. Every loop is bounded in time.
 */

/** The acks that are not a failure of the cluster: the turn moved on meanwhile, or its deal was voided. */
const HARMLESS = new Set([
  'table/stale-action',
  'table/not-your-turn',
  'table/no-hand-in-progress',
  'table/not-in-hand',
  'table/wrong-deal',
]);

export class ClusterTournamentPlayer {
  readonly notices: TournamentNotice[] = [];
  /** Every act refused for another reason than a turn that moved on, with its code. */
  readonly refusals: string[] = [];
  readonly reconnects: string[] = [];
  acts = 0;
  /** Seen out (eliminated or finished) by a notice or by the detail. */
  over = false;
  private socket: ClientSocket | null = null;
  private url = '';
  private table: string | null = null;
  private joined: string | null = null;
  private assembler: TableViewAssembler;
  private latest: TableView | null = null;
  private actedOn = '';
  private busy = false;
  private timer: NodeJS.Timeout | null = null;
  private lastPollMs = 0;
  private closed = false;

  constructor(
    readonly name: string,
    readonly userId: string,
    private readonly token: string,
    private readonly tournamentId: string,
    /** The nodes that are up now. */
    private readonly urls: () => readonly string[],
  ) {
    this.assembler = new TableViewAssembler(userId);
  }

  get connectedUrl(): string {
    return this.url;
  }

  get tableId(): string | null {
    return this.table;
  }

  /** Connects (to `url` first) and plays by itself until it is out or closed. */
  async start(url: string): Promise<void> {
    await this.open(url);
    this.timer = setInterval(() => void this.tick(), 100);
  }

  close(): void {
    this.closed = true;
    if (this.timer) clearInterval(this.timer);
    this.socket?.removeAllListeners();
    this.socket?.disconnect();
  }

  private async open(url: string): Promise<boolean> {
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
    this.joined = null;
    this.assembler.clear();
    socket.onAny((event: string, data: unknown) => {
      if (event === 'tournament:notice') {
        const notice = data as TournamentNotice;
        if (notice.tournamentId !== this.tournamentId) return;
        this.notices.push(notice);
        if ((notice.kind === 'seated' || notice.kind === 'moved') && notice.tableId)
          this.table = notice.tableId;
        if (notice.kind === 'eliminated' || notice.kind === 'finished') this.over = true;
      }
      if (event === 'table:update' && (data as TableUpdate).tableId === this.joined) {
        const outcome = this.assembler.apply(data as TableUpdate);
        if (outcome.kind === 'applied') this.latest = outcome.view;
        if (outcome.kind === 'gap') this.joined = null;
      }
    });
    return new Promise<boolean>((resolve) => {
      socket.once('connect', () => resolve(true));
      socket.once('connect_error', () => resolve(false));
    });
  }

  private async send<T>(event: string, payload: unknown): Promise<Ack<T>> {
    const socket = this.socket;
    if (!socket?.connected) return { ok: false, error: { code: 'internal/error', message: 'not connected' } };
    try {
      const emitter = socket.timeout(8_000) as unknown as {
        emitWithAck(event: string, ...args: unknown[]): Promise<Ack<T>>;
      };
      return await emitter.emitWithAck(event, payload);
    } catch {
      return { ok: false, error: { code: 'internal/error', message: 'no ack' } };
    }
  }

  private async tick(): Promise<void> {
    if (this.busy || this.closed || this.over) return;
    this.busy = true;
    try {
      if (!this.socket?.connected) {
        const others = this.urls().filter((url) => url !== this.url);
        const next = others[this.reconnects.length % Math.max(1, others.length)] ?? this.url;
        this.reconnects.push(next);
        await this.open(next);
        return;
      }
      if (Date.now() - this.lastPollMs > 500) {
        this.lastPollMs = Date.now();
        await this.poll();
      }
      if (this.table && this.joined !== this.table) {
        const tableId = this.table;
        const ack = await this.send<TableView>('table:join', { tableId });
        if (ack.ok) {
          this.joined = tableId;
          const outcome = this.assembler.reset(ack.data);
          if (outcome.kind === 'applied') this.latest = outcome.view;
        }
        return;
      }
      await this.maybeAct();
    } finally {
      this.busy = false;
    }
  }

  /** Where the detail says this player sits, and whether it is out. */
  private async poll(): Promise<void> {
    try {
      const response = await fetch(new URL(`/api/tournaments/${this.tournamentId}`, this.url), {
        headers: { authorization: `Bearer ${this.token}` },
      });
      if (response.status !== 200) return;
      const detail = (await response.json()) as TournamentDetailResponse;
      const entry = detail.you?.entries.at(-1);
      if (!entry) return;
      if (entry.status === 'eliminated' || entry.status === 'finished') this.over = true;
      if (entry.status === 'playing' && entry.tableId) this.table = entry.tableId;
    } catch {
      // The node went away: the next tick reconnects.
    }
  }

  private async maybeAct(): Promise<void> {
    const view = this.latest;
    const hand = view?.hand;
    if (!view || view.tableId !== this.joined || !hand?.legal || hand.phase === 'complete') return;
    if (hand.toActSeat !== view.you.seat) return;
    const key = `${view.tableId}:${hand.number}:${hand.turn}`;
    if (key === this.actedOn) return;
    this.actedOn = key;
    const actions = hand.legal.actions;
    const kind = actions.includes('all-in') ? 'all-in' : actions.includes('call') ? 'call' : 'check';
    const ack = await this.send<null>('table:act', {
      tableId: view.tableId,
      deckCommitment: hand.deckCommitment,
      handNumber: hand.number,
      turn: hand.turn,
      kind,
    });
    if (ack.ok) this.acts += 1;
    else if (!HARMLESS.has(ack.error.code)) {
      this.refusals.push(ack.error.code);
      // Maybe the table moved node or the view is old: act again on the next view.
      this.actedOn = '';
      this.joined = null;
    }
  }
}
