import { describe, expect, it } from 'vitest';
import { retryWhileUnreachable, type SendResult } from '../../client/web/src/realtime/send.js';
import { type FeedConnection, TableFeed } from '../../client/web/src/realtime/table-feed.js';
import type { ClientEventName } from '../../src/protocol/events.js';
import type { TableUpdate } from '../../src/protocol/table-update.js';
import type { HandViewWire, TableView } from '../../src/protocol/table-view.js';

/**
 * The browser client's table feed without a browser: a fake connection stands in for Socket.IO,
 * answering each request when the test says so. The end-to-end test covers the rest.
 */

const TABLE = 'table-1';
const ME = 'user-me';

function view(seq: number, fields: Partial<HandViewWire> | null = null): TableView {
  return {
    tableId: TABLE,
    seq,
    serverTimeMs: 1_000,
    status: 'running',
    seats: [
      { seat: 1, player: { userId: ME } },
      { seat: 2, player: null },
    ],
    you: { userId: ME, seat: 1 },
    hand: fields && {
      number: 1,
      phase: 'preflop',
      board: [],
      players: [],
      toActSeat: 1,
      turn: 0,
      legal: null,
      result: null,
      proof: null,
      ...fields,
    },
  } as unknown as TableView;
}

const update = (seq: number, parts: Partial<TableUpdate> = {}): TableUpdate => ({
  tableId: TABLE,
  seq,
  serverTimeMs: 1_000,
  ...parts,
});

interface Request {
  readonly event: ClientEventName;
  readonly payload: unknown;
  answer(result: SendResult<unknown>): void;
}

/** Socket.IO as the feed sees it: requests wait until the test answers them. */
class FakeConnection implements FeedConnection {
  readonly requests: Request[] = [];
  private readonly handlers = new Map<string, (payload: never) => void>();
  private readonly connectedCallbacks: (() => void)[] = [];

  readonly send = ((event: ClientEventName, payload: unknown) =>
    new Promise<SendResult<unknown>>((resolve) =>
      this.requests.push({ event, payload, answer: resolve }),
    )) as FeedConnection['send'];

  readonly onServerEvent = ((event: string, handler: (payload: never) => void) => {
    this.handlers.set(event, handler);
    return () => this.handlers.delete(event);
  }) as FeedConnection['onServerEvent'];

  readonly onConnected = (callback: () => void) => {
    this.connectedCallbacks.push(callback);
    callback();
    return () => {};
  };

  push(sent: TableUpdate): void {
    (this.handlers.get('table:update') as ((payload: TableUpdate) => void) | undefined)?.(sent);
  }

  reconnect(): void {
    for (const callback of this.connectedCallbacks) callback();
  }

  /** The oldest unanswered request, which must be `event`. */
  next(event: ClientEventName): Request {
    const request = this.requests.shift();
    expect(request?.event).toBe(event);
    return request!;
  }

  async answer(event: ClientEventName, result: SendResult<unknown>): Promise<void> {
    this.next(event).answer(result);
    await settle();
  }
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));
const ok = <T>(data: T): SendResult<T> => ({ ok: true, data });

async function started(): Promise<{ feed: TableFeed; connection: FakeConnection }> {
  const connection = new FakeConnection();
  const feed = new TableFeed(TABLE, ME, connection);
  feed.start();
  await connection.answer('table:join', ok(view(5)));
  return { feed, connection };
}

const shownSeq = (feed: TableFeed) => feed.state.get().view?.seq;

describe('the table feed of the web client', () => {
  it('joins, then moves the view on with updates in order, ignoring old ones and other tables', async () => {
    const { feed, connection } = await started();
    expect(shownSeq(feed)).toBe(5);
    connection.push(update(6, { status: 'waiting' }));
    connection.push(update(6, { status: 'running' }));
    connection.push({ ...update(7), tableId: 'another-table' });
    expect(feed.state.get().view).toMatchObject({ seq: 6, status: 'waiting' });
    expect(connection.requests).toEqual([]);
  });

  it('answers a gap with table:sync and shows the whole view it brings', async () => {
    const { feed, connection } = await started();
    connection.push(update(8));
    expect(feed.state.get().syncs).toBe(1);
    expect(shownSeq(feed)).toBe(5);
    expect(connection.requests[0]?.payload).toEqual({ tableId: TABLE });
    await connection.answer('table:sync', ok(view(8)));
    expect(shownSeq(feed)).toBe(8);
    expect(connection.requests).toEqual([]);
  });

  it('asks again when the synced view is still older than an update seen meanwhile', async () => {
    const { feed, connection } = await started();
    connection.push(update(7));
    connection.push(update(9));
    // A second gap while the sync is under way asks nothing more yet.
    expect(connection.requests.map((request) => request.event)).toEqual(['table:sync']);
    await connection.answer('table:sync', ok(view(8)));
    expect(shownSeq(feed)).toBe(8);
    await connection.answer('table:sync', ok(view(9)));
    expect(shownSeq(feed)).toBe(9);
    expect(connection.requests).toEqual([]);
    connection.push(update(10));
    expect(shownSeq(feed)).toBe(10);
  });

  it('applies updates that overtook the answer to join after it', async () => {
    const connection = new FakeConnection();
    const feed = new TableFeed(TABLE, ME, connection);
    feed.start();
    connection.push(update(5));
    connection.push(update(6, { status: 'waiting' }));
    expect(feed.state.get().view).toBeNull();
    await connection.answer('table:join', ok(view(4)));
    expect(feed.state.get().view).toMatchObject({ seq: 6, status: 'waiting' });
    expect(connection.requests).toEqual([]);
  });

  it('joins afresh on every reconnection, even to a view numbered lower (a restarted server)', async () => {
    const { feed, connection } = await started();
    connection.reconnect();
    // The old view stays on screen until the new one comes.
    expect(shownSeq(feed)).toBe(5);
    await connection.answer('table:join', ok(view(2)));
    expect(shownSeq(feed)).toBe(2);
    connection.push(update(3));
    expect(shownSeq(feed)).toBe(3);
  });

  it('keeps a newer view than the one an ack brings', async () => {
    const { feed, connection } = await started();
    const sitting = feed.sitOut();
    connection.push(update(6));
    connection.push(update(7));
    await connection.answer('table:sit-out', ok(view(6)));
    expect((await sitting).ok).toBe(true);
    expect(shownSeq(feed)).toBe(7);
  });

  it('acts at the hand and turn on screen; the view moves on with the update, not the ack', async () => {
    const connection = new FakeConnection();
    const feed = new TableFeed(TABLE, ME, connection);
    feed.start();
    await connection.answer('table:join', ok(view(5, { number: 3, turn: 4 })));
    const acting = feed.act('raise', '10');
    const request = connection.next('table:act');
    expect(request.payload).toEqual({ tableId: TABLE, handNumber: 3, turn: 4, kind: 'raise', amount: '10' });
    request.answer(ok(null));
    expect(await acting).toEqual({ ok: true, data: null });
    expect(shownSeq(feed)).toBe(5);
    connection.push(update(6, { handChanges: { turn: 5, toActSeat: 2 } }));
    expect(feed.state.get().view?.hand).toMatchObject({ turn: 5, toActSeat: 2 });
  });

  it('does not act again when the server could not say whether the action ran: it syncs', async () => {
    const connection = new FakeConnection();
    const feed = new TableFeed(TABLE, ME, connection);
    feed.start();
    await connection.answer('table:join', ok(view(5, { turn: 4 })));
    const acting = feed.act('check');
    await connection.answer('table:act', {
      ok: false,
      error: {
        code: 'cluster/owner-unreachable',
        message: 'the server running this table did not answer; try again',
      },
    });
    const result = await acting;
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.message).toMatch(/may have been made/);
    await connection.answer('table:sync', ok(view(6, { turn: 5 })));
    expect(feed.state.get().view?.hand?.turn).toBe(5);
    expect(connection.requests).toEqual([]);
  });

  it('passes a refused action on as it is, without a sync', async () => {
    const connection = new FakeConnection();
    const feed = new TableFeed(TABLE, ME, connection);
    feed.start();
    await connection.answer('table:join', ok(view(5, { turn: 4 })));
    const refusal = { ok: false, error: { code: 'table/stale-action', message: 'too late' } } as const;
    const acting = feed.act('check');
    await connection.answer('table:act', refusal);
    expect(await acting).toEqual(refusal);
    expect(connection.requests).toEqual([]);
  });
});

describe('sending while the server running a table does not answer', () => {
  const unreachable: SendResult<never> = {
    ok: false,
    error: { code: 'cluster/owner-unreachable', message: 'did not answer' },
  };

  async function tries(event: ClientEventName, answers: SendResult<string>[]): Promise<[number, unknown]> {
    let count = 0;
    const result = await retryWhileUnreachable(event, async () => answers[count++] ?? unreachable, 0);
    return [count, result];
  }

  it('tries a command that may run twice up to three times', async () => {
    expect(await tries('table:join', [unreachable, ok('view')])).toEqual([2, ok('view')]);
    expect(await tries('table:sync', [])).toEqual([3, unreachable]);
  });

  it('tries an action or a top-up only once: it may have run', async () => {
    expect(await tries('table:act', [unreachable, ok('again')])).toEqual([1, unreachable]);
    expect(await tries('table:top-up', [unreachable, ok('again')])).toEqual([1, unreachable]);
  });

  it('does not try again after any other answer', async () => {
    const refused: SendResult<string> = { ok: false, error: { code: 'table/not-found', message: 'no' } };
    expect(await tries('table:join', [refused])).toEqual([1, refused]);
  });
});
