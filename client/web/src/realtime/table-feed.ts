import type { ActionKindWire } from '../../../../src/protocol/client-payloads.js';
import type { DeferrableResult } from '../../../../src/protocol/events.js';
import type { MoneyString } from '../../../../src/protocol/money-string.js';
import type { TableNotice } from '../../../../src/protocol/notices.js';
import type { TableView } from '../../../../src/protocol/table-view.js';
import { createStore, type Store } from '../state/store.js';
import { onConnected, onServerEvent } from './connection.js';
import { type SendResult, send } from './send.js';
import { decideView } from './view-sequence.js';

export interface FeedState {
  readonly view: TableView | null;
  /** serverTimeMs minus the local clock when the view arrived: corrects deadlines for clock skew. */
  readonly clockOffsetMs: number;
  readonly error: string | null;
  readonly notices: readonly (TableNotice & { readonly id: number })[];
  /** Sequence gaps seen (each answered by table:sync). */
  readonly syncs: number;
}

const NOTICES_KEPT = 5;
let noticeIds = 0;

/**
 * One table as this page sees it: joins the room, keeps the newest view, asks for a fresh one when
 * a broadcast was missed (a gap in seq) and after every reconnection, and collects notices.
 */
export class TableFeed {
  readonly state: Store<FeedState> = createStore<FeedState>({
    view: null,
    clockOffsetMs: 0,
    error: null,
    notices: [],
    syncs: 0,
  });
  private readonly stops: (() => void)[] = [];

  constructor(readonly tableId: string) {}

  start(): void {
    this.stops.push(
      onServerEvent('table:view', (view) => this.receive(view)),
      onServerEvent('table:notice', (notice) => {
        if (notice.tableId === this.tableId) this.addNotice(notice);
      }),
      // The first connection and every reconnection: (re)join, which answers with a fresh view.
      onConnected(() => void this.join()),
    );
  }

  stop(): void {
    for (const stop of this.stops.splice(0)) stop();
    void send('table:part', { tableId: this.tableId });
  }

  /** Applies a view from an ack or a broadcast, newest wins. */
  receive(view: TableView): void {
    const current = this.state.get();
    const decision = decideView(current.view, view, this.tableId);
    if (decision.kind === 'ignore') return;
    this.state.set({ ...current, view, clockOffsetMs: view.serverTimeMs - Date.now(), error: null });
    if (decision.gap) void this.sync();
  }

  dismissNotice(id: number): void {
    const current = this.state.get();
    this.state.set({ ...current, notices: current.notices.filter((notice) => notice.id !== id) });
  }

  private addNotice(notice: TableNotice): void {
    const current = this.state.get();
    const notices = [...current.notices, { ...notice, id: ++noticeIds }].slice(-NOTICES_KEPT);
    this.state.set({ ...current, notices });
  }

  async sit(seat: number, buyIn: string): Promise<SendResult<TableView>> {
    return this.viewing(await send('table:sit', { tableId: this.tableId, seat, buyIn }));
  }

  /** Acts in the hand on screen, quoting its number and turn: a stale click is refused, not misapplied. */
  async act(kind: ActionKindWire, amount?: MoneyString): Promise<SendResult<TableView>> {
    const hand = this.state.get().view?.hand;
    if (!hand)
      return { ok: false, error: { code: 'table/no-hand-in-progress', message: 'no hand in progress' } };
    return this.viewing(
      await send('table:act', {
        tableId: this.tableId,
        handNumber: hand.number,
        turn: hand.turn,
        kind,
        ...(amount !== undefined && { amount }),
      }),
    );
  }

  async sitOut(): Promise<SendResult<TableView>> {
    return this.viewing(await send('table:sit-out', { tableId: this.tableId }));
  }

  async sitIn(): Promise<SendResult<TableView>> {
    return this.viewing(await send('table:sit-in', { tableId: this.tableId }));
  }

  topUp(amount: string): Promise<SendResult<DeferrableResult>> {
    return send('table:top-up', { tableId: this.tableId, amount });
  }

  leave(): Promise<SendResult<DeferrableResult>> {
    return send('table:leave', { tableId: this.tableId });
  }

  /**
   * Joins the room. The answer replaces whatever is shown, whatever its seq: after a server restart
   * the sequence starts again, and a smaller number is then the newer view. A smaller number can
   * also mean a broadcast overtook this answer, so a fresh view is asked for once more.
   */
  private async join(): Promise<void> {
    const result = await send('table:join', { tableId: this.tableId });
    if (!result.ok) {
      this.state.set({ ...this.state.get(), error: result.error.message });
      return;
    }
    const shownSeq = this.state.get().view?.seq ?? -1;
    this.replace(result.data);
    if (result.data.seq < shownSeq) {
      const fresh = await send('table:sync', { tableId: this.tableId });
      if (fresh.ok) this.replace(fresh.data);
    }
  }

  private replace(view: TableView): void {
    this.state.set({ ...this.state.get(), view, clockOffsetMs: view.serverTimeMs - Date.now(), error: null });
  }

  private async sync(): Promise<void> {
    const current = this.state.get();
    this.state.set({ ...current, syncs: current.syncs + 1 });
    this.viewing(await send('table:sync', { tableId: this.tableId }));
  }

  private viewing(result: SendResult<TableView>): SendResult<TableView> {
    if (result.ok) this.receive(result.data);
    return result;
  }
}
