import type { ActionKindWire } from '../../../../src/protocol/client-payloads.js';
import type { DeferrableResult } from '../../../../src/protocol/events.js';
import type { MoneyString } from '../../../../src/protocol/money-string.js';
import type { TableNotice } from '../../../../src/protocol/notices.js';
import type { TableUpdate } from '../../../../src/protocol/table-update.js';
import type { TableView } from '../../../../src/protocol/table-view.js';
import { TableViewAssembler, type UpdateOutcome } from '../../../../src/protocol/table-view-assembler.js';
import { createStore, type Store } from '../state/store.js';
import { describeChange, type LogEntry, type NewLogEntry } from '../table/dealer-log.js';
import { onConnected, onServerEvent } from './connection.js';
import { type SendResult, send } from './send.js';

export interface FeedState {
  readonly view: TableView | null;
  /** serverTimeMs minus the local clock when the view arrived: corrects deadlines for clock skew. */
  readonly clockOffsetMs: number;
  readonly error: string | null;
  readonly notices: readonly (TableNotice & { readonly id: number })[];
  /** Sequence gaps seen (each answered by table:sync). */
  readonly syncs: number;
  /** The dealer log, chat lines included: the newest last, at most LOG_KEPT. */
  readonly log: readonly LogEntry[];
  /**
   * Who played each seat of the hand on display (seat number to name): a result still names a
   * player who has left the table since.
   */
  readonly handNames: Readonly<Record<number, string>>;
}

/** What the feed uses of the page's connection; tests give it a fake one. */
export interface FeedConnection {
  readonly send: typeof send;
  readonly onServerEvent: typeof onServerEvent;
  readonly onConnected: typeof onConnected;
}

const pageConnection: FeedConnection = { send, onServerEvent, onConnected };

const NOTICES_KEPT = 5;
const LOG_KEPT = 200;
let logIds = 0;
/** table:sync requests in a row while the views they bring are still behind an update seen. */
const SYNC_TRIES = 3;
/** Answers to an action that do not say whether it ran: the table's view will. */
const UNCONFIRMED: ReadonlySet<string> = new Set(['cluster/owner-unreachable', 'client/timeout']);
let noticeIds = 0;

/**
 * One table as this page sees it. Whole views come in the acks of join, sit, sit-in, sit-out and
 * sync; `table:update` messages move the view on in between (TableViewAssembler, shared with the
 * server's tests, so the page shows exactly what the server renders for this user). A missed update
 * (a gap in seq) is answered by table:sync, and every (re)connection joins the table afresh.
 */
export class TableFeed {
  readonly state: Store<FeedState> = createStore<FeedState>({
    view: null,
    clockOffsetMs: 0,
    error: null,
    notices: [],
    syncs: 0,
    log: [],
    handNames: {},
  });
  private readonly assembler: TableViewAssembler;
  private readonly stops: (() => void)[] = [];
  private syncing = false;
  /** The newest seq of an update that could not be applied: a sync must bring the view that far. */
  private neededSeq = -1;

  /** userId: the signed-in user, whose own cards and choices the updates add to the public view. */
  constructor(
    readonly tableId: string,
    userId: string | null,
    private readonly connection: FeedConnection = pageConnection,
  ) {
    this.assembler = new TableViewAssembler(userId);
  }

  start(): void {
    this.stops.push(
      this.connection.onServerEvent('table:update', (update) => this.receive(update)),
      this.connection.onServerEvent('table:notice', (notice) => {
        if (notice.tableId === this.tableId) this.addNotice(notice);
      }),
      this.connection.onServerEvent('table:chat', (chat) => {
        if (chat.tableId !== this.tableId) return;
        this.addLog([{ kind: 'chat', text: chat.text, userId: chat.userId, username: chat.username }]);
      }),
      // The first connection and every reconnection: (re)join, which answers with a whole view.
      this.connection.onConnected(() => void this.join()),
    );
  }

  stop(): void {
    for (const stop of this.stops.splice(0)) stop();
    this.assembler.clear();
    void this.connection.send('table:part', { tableId: this.tableId });
  }

  dismissNotice(id: number): void {
    const current = this.state.get();
    this.state.set({ ...current, notices: current.notices.filter((notice) => notice.id !== id) });
  }

  async sit(seat: number, buyIn: string): Promise<SendResult<TableView>> {
    return this.whole(await this.connection.send('table:sit', { tableId: this.tableId, seat, buyIn }));
  }

  /**
   * Acts in the hand on screen, quoting its deal, number and turn: a stale click is refused, not
   * misapplied (and never lands on another deal of the same number after a server restart).
   * The answer carries no view: what the action changed arrives as a table:update. An answer that
   * does not say whether the action ran is not tried again (it may have run); the page says so, and
   * a fresh view shows which it was.
   */
  async act(kind: ActionKindWire, amount?: MoneyString): Promise<SendResult<null>> {
    const hand = this.state.get().view?.hand;
    if (!hand)
      return { ok: false, error: { code: 'table/no-hand-in-progress', message: 'no hand in progress' } };
    const result = await this.connection.send('table:act', {
      tableId: this.tableId,
      deckCommitment: hand.deckCommitment,
      handNumber: hand.number,
      turn: hand.turn,
      kind,
      ...(amount !== undefined && { amount }),
    });
    if (result.ok || !UNCONFIRMED.has(result.error.code)) return result;
    void this.sync();
    return {
      ok: false,
      error: {
        code: result.error.code,
        message:
          'The server did not confirm your action: it may have been made. The table shows whether it was.',
      },
    };
  }

  /** Whether to run the board twice, while it waits to run out (hand.runout). */
  async runTwice(agree: boolean): Promise<SendResult<null>> {
    const hand = this.state.get().view?.hand;
    if (!hand?.runout)
      return { ok: false, error: { code: 'table/no-runout', message: 'no board is waiting to run out' } };
    return this.connection.send('table:run-twice', {
      tableId: this.tableId,
      deckCommitment: hand.deckCommitment,
      agree,
    });
  }

  async sitOut(): Promise<SendResult<TableView>> {
    return this.whole(await this.connection.send('table:sit-out', { tableId: this.tableId }));
  }

  async sitIn(): Promise<SendResult<TableView>> {
    return this.whole(await this.connection.send('table:sit-in', { tableId: this.tableId }));
  }

  /** Rather than wait for the big blind, post one now and be dealt into the next hand. */
  async postBlind(): Promise<SendResult<TableView>> {
    return this.whole(await this.connection.send('table:post-blind', { tableId: this.tableId }));
  }

  topUp(amount: string): Promise<SendResult<DeferrableResult>> {
    return this.connection.send('table:top-up', { tableId: this.tableId, amount });
  }

  leave(): Promise<SendResult<DeferrableResult>> {
    return this.connection.send('table:leave', { tableId: this.tableId });
  }

  /** A line of chat to everyone watching; it comes back as table:chat like everyone else's. */
  chat(text: string): Promise<SendResult<null>> {
    return this.connection.send('chat:send', { tableId: this.tableId, text });
  }

  /** Seat number to the name of who played it in the hand on display (or is seated there now). */
  nameOf = (seat: number): string =>
    this.state.get().handNames[seat] ??
    this.state.get().view?.seats.find((candidate) => candidate.seat === seat)?.player?.username ??
    `Seat ${seat}`;

  private receive(update: TableUpdate): void {
    if (update.tableId !== this.tableId) return;
    const outcome = this.assembler.apply(update);
    if (outcome.kind === 'gap') this.neededSeq = Math.max(this.neededSeq, update.seq);
    this.follow(outcome);
  }

  /**
   * Joins the room. Whatever was held is forgotten first: after a server restart, or once another
   * node runs the table, the sequence starts again, and the answer is then the newest view whatever
   * its number. Updates that overtake the answer wait in the assembler and follow it.
   */
  private async join(): Promise<void> {
    this.assembler.clear();
    this.neededSeq = -1;
    const result = await this.connection.send('table:join', { tableId: this.tableId });
    if (!result.ok) {
      this.state.set({ ...this.state.get(), error: result.error.message });
      return;
    }
    this.follow(this.assembler.reset(result.data));
  }

  /** An ack with a whole view: it becomes the view, unless an update already brought a newer one. */
  private whole(result: SendResult<TableView>): SendResult<TableView> {
    if (result.ok) this.follow(this.assembler.reset(result.data));
    return result;
  }

  private follow(outcome: UpdateOutcome): void {
    if (outcome.kind === 'applied') this.show(outcome.view);
    if (outcome.kind !== 'gap') return;
    const current = this.state.get();
    this.state.set({ ...current, syncs: current.syncs + 1 });
    void this.sync();
  }

  private show(view: TableView): void {
    const current = this.state.get();
    const handNames = namesOfHand(current.view, current.handNames, view);
    this.state.set({
      ...current,
      view,
      handNames,
      clockOffsetMs: view.serverTimeMs - Date.now(),
      error: null,
    });
    const said = describeChange(current.view, view, (seat) => handNames[seat] ?? `Seat ${seat}`);
    if (said.length > 0) this.addLog(said);
  }

  private addLog(entries: readonly NewLogEntry[]): void {
    const current = this.state.get();
    const log = [...current.log, ...entries.map((entry) => ({ ...entry, id: ++logIds }))].slice(-LOG_KEPT);
    this.state.set({ ...current, log });
  }

  /**
   * Asks for a whole view, one request at a time. An update that arrives with a gap while one is
   * under way is dropped by the assembler; if the answer (rendered before that update, or
   * overtaken by it) is still older, it asks again, a bounded number of times: the next gap starts over.
   */
  private async sync(): Promise<void> {
    if (this.syncing) return;
    this.syncing = true;
    try {
      for (let tries = 1; ; tries++) {
        const result = await this.connection.send('table:sync', { tableId: this.tableId });
        if (!result.ok) {
          this.state.set({ ...this.state.get(), error: result.error.message });
          return;
        }
        const outcome = this.assembler.reset(result.data);
        if (outcome.kind === 'applied') this.show(outcome.view);
        const heldSeq = this.assembler.view?.seq ?? -1;
        // Updates that waited for this view did not fit it: at least one more is missing.
        if (outcome.kind === 'gap') this.neededSeq = Math.max(this.neededSeq, heldSeq + 1);
        if (heldSeq >= this.neededSeq || tries >= SYNC_TRIES) return;
      }
    } finally {
      this.syncing = false;
    }
  }

  private addNotice(notice: TableNotice): void {
    const current = this.state.get();
    const notices = [...current.notices, { ...notice, id: ++noticeIds }].slice(-NOTICES_KEPT);
    this.state.set({ ...current, notices });
  }
}

/**
 * The names of the hand's players: kept from the previous view of the same hand, and completed
 * from the seats as they are now (a player who left keeps the name they played under).
 */
function namesOfHand(
  previous: TableView | null,
  names: Readonly<Record<number, string>>,
  next: TableView,
): Readonly<Record<number, string>> {
  const hand = next.hand;
  if (!hand) return {};
  const kept: Record<number, string> = previous?.hand?.number === hand.number ? { ...names } : {};
  for (const player of hand.players) {
    const seated = next.seats.find((seat) => seat.seat === player.seat)?.player;
    if (seated && kept[player.seat] === undefined) kept[player.seat] = seated.username;
  }
  return kept;
}
