import { afterEach, describe, expect, it, vi } from 'vitest';
import type { TableInfo } from '../../client/bots/api-client.js';
import { Bot, type BotApi, type BotContext } from '../../client/bots/bot.js';
import type { BotSocket } from '../../client/bots/bot-socket.js';
import type { BotOptions } from '../../client/bots/cli-args.js';
import { MessageValidator } from '../../client/bots/message-validator.js';
import { seededRandom } from '../../client/bots/random.js';
import { RunStats } from '../../client/bots/run-stats.js';
import { STRATEGIES } from '../../client/bots/strategies.js';
import { TableCrew } from '../../client/bots/table-crew.js';
import { Timeline } from '../../client/bots/timeline.js';
import { Money } from '../../src/money/index.js';
import type { ActionKindWire } from '../../src/protocol/client-payloads.js';
import type { ErrorCode } from '../../src/protocol/error-codes.js';
import type { TableView } from '../../src/protocol/table-view.js';
import type { TablePublication } from '../../src/tables/table-ports.js';
import { startTableHarness, type TableHarness } from '../support/table-harness.js';

/**
 * The bots' side of the table protocol, against a real table actor behind a fake Socket.IO
 * server: whole views only in acks, table:update messages in between (each player's own part
 * only in their copy), a null act ack, missed updates, and a node that does not answer.
 */

const fake = vi.hoisted(() => ({ server: null as FakeServer | null }));

vi.mock('../../client/bots/bot-socket.js', async (importOriginal) => {
  const original = await importOriginal<typeof import('../../client/bots/bot-socket.js')>();
  return {
    ...original,
    connectSocket: async (
      _url: string,
      token: string,
      _attempts: number,
      _timeoutMs: number,
      listen: (socket: BotSocket) => void,
    ) => {
      const socket = fake.server!.connect(token);
      listen(socket as unknown as BotSocket);
      return socket;
    },
  };
});

type Handler = (payload: unknown) => void;

/** Through JSON, as on the wire. */
const wire = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

/** Just what the bots use of a Socket.IO client socket. */
class FakeSocket {
  connected = true;
  watching = false;
  /** Updates not to deliver (a lost message). */
  dropUpdates = 0;
  /**
   * Syncs to answer with the view this socket held before its last lost update: an answer rendered
   * before an update that overtook it (which can happen when the ack and the updates travel apart).
   */
  staleSyncAnswers = 0;
  /** The newest view this socket was given (an ack's or an update's), and the one before the last lost update. */
  lastView: TableView | null = null;
  viewBeforeDrop: TableView | null = null;
  private handlers = new Map<string, Handler[]>();
  private anyHandlers: ((event: string) => void)[] = [];
  readonly io = { engine: { close: () => this.close() } };

  constructor(
    private readonly server: FakeServer,
    readonly userId: string,
  ) {}

  on(event: string, handler: Handler): this {
    this.handlers.set(event, [...(this.handlers.get(event) ?? []), handler]);
    return this;
  }

  onAny(handler: (event: string) => void): this {
    this.anyHandlers.push(handler);
    return this;
  }

  removeAllListeners(): this {
    this.handlers = new Map();
    this.anyHandlers = [];
    return this;
  }

  close(): void {
    this.connected = false;
    this.watching = false;
  }

  timeout(_ms: number) {
    return { emitWithAck: (event: string, payload: unknown) => this.server.handle(this, event, payload) };
  }

  deliver(event: string, payload: unknown): void {
    if (!this.connected) return;
    for (const handler of this.anyHandlers) handler(event);
    for (const handler of this.handlers.get(event) ?? []) handler(wire(payload));
  }
}

/** The gateway's part, over a table harness: commands to the actor, updates and notices out. */
class FakeServer {
  readonly sockets: FakeSocket[] = [];
  /** Error codes to answer instead of running the command, by event, in order. */
  readonly faults = new Map<string, ErrorCode[]>();
  readonly received: string[] = [];
  private noticesSent = 0;

  constructor(readonly harness: TableHarness) {}

  connect(userId: string): FakeSocket {
    const socket = new FakeSocket(this, userId);
    this.sockets.push(socket);
    return socket;
  }

  fail(event: string, code: ErrorCode, times: number): void {
    this.faults.set(event, [...(this.faults.get(event) ?? []), ...Array<ErrorCode>(times).fill(code)]);
  }

  async handle(socket: FakeSocket, event: string, payload: unknown): Promise<unknown> {
    this.received.push(event);
    const fault = this.faults.get(event)?.shift();
    let ack = fault
      ? { ok: false, error: { code: fault, message: 'injected' } }
      : await this.run(socket, event, payload as Record<string, unknown>);
    await this.harness.settle();
    // A sync's view is the table as it stands when the answer leaves, as a node renders it in the
    // table's turn: nothing published before the answer is newer than it.
    if (event === 'table:sync' && !fault) ack = this.syncAnswer(socket);
    const view = (ack as { ok: boolean; data?: { seq?: unknown } }).data;
    if (view && typeof view.seq === 'number') socket.lastView = view as TableView;
    // As on one socket of one node: the ack goes out before the updates the table publishes after
    // the command (the bot reads the ack, then those updates).
    setTimeout(() => this.pump(), 0);
    return wire(ack);
  }

  private async run(socket: FakeSocket, event: string, payload: Record<string, unknown>): Promise<unknown> {
    const { actor, ledger } = this.harness;
    const userId = socket.userId;
    switch (event) {
      case 'table:join':
        socket.watching = true;
        return { ok: true, data: actor.view(userId) };
      case 'table:sync':
        return null; // answered by handle(), once the table has settled
      case 'table:sit': {
        socket.watching = true;
        ledger.deposit(userId, new Money(1000));
        const seat = payload.seat as number;
        return actor.sit({ userId, username: userId, seat, buyIn: new Money(payload.buyIn as string) });
      }
      case 'table:act':
        return actor.act({
          userId,
          deckCommitment: payload.deckCommitment as string,
          handNumber: payload.handNumber as number,
          turn: payload.turn as number,
          kind: payload.kind as ActionKindWire,
          ...(typeof payload.amount === 'string' && { amount: new Money(payload.amount) }),
        });
      case 'table:leave':
        return actor.leave(userId);
      case 'table:sit-in':
        return actor.sitIn(userId);
      case 'table:top-up':
        return actor.topUp(userId, new Money(payload.amount as string));
      default:
        throw new Error(`unexpected ${event}`);
    }
  }

  private syncAnswer(socket: FakeSocket): unknown {
    if (socket.staleSyncAnswers > 0 && socket.viewBeforeDrop) {
      socket.staleSyncAnswers -= 1;
      return { ok: true, data: socket.viewBeforeDrop };
    }
    return { ok: true, data: this.harness.actor.view(socket.userId) };
  }

  /** Sends what the table published since the last call to the sockets watching it. */
  pump(): void {
    const publications = this.harness.broadcaster.publications.splice(0);
    for (const publication of publications) {
      for (const socket of this.sockets) {
        if (!socket.watching) continue;
        if (socket.dropUpdates > 0) {
          socket.dropUpdates -= 1;
          socket.viewBeforeDrop = socket.lastView;
          continue;
        }
        socket.lastView = publication.snapshot.viewFor(socket.userId);
        socket.deliver('table:update', messageFor(publication, socket.userId));
      }
    }
    const notices = this.harness.broadcaster.notices;
    for (; this.noticesSent < notices.length; this.noticesSent++) {
      const { userId, notice } = notices[this.noticesSent]!;
      for (const socket of this.sockets) {
        if (socket.watching && (userId === null || userId === socket.userId))
          socket.deliver('table:notice', notice);
      }
    }
  }
}

function messageFor(publication: TablePublication, userId: string) {
  const own = publication.privates.get(userId);
  return own ? { ...publication.update, private: own } : publication.update;
}

const OPTIONS: BotOptions = {
  urls: ['http://127.0.0.1:3000'],
  tables: 1,
  playersPerTable: 2,
  hands: 3,
  thinkMinMs: 0,
  thinkMaxMs: 0,
  strategy: 'calling',
  variant: 'NT',
  runItTwice: false,
  json: true,
  reportPath: null,
  reconnectStorm: 0,
  durationS: 60,
  cashier: null,
  admin: null,
  databaseUrl: null,
  setupConcurrency: 1,
  connectAttempts: 1,
  seed: 1,
  namePrefix: 'b',
  progress: false,
  statsIntervalS: 0,
  tournament: null,
};

/** An API whose user ids are the usernames (the fake socket knows its user by its token). */
const API: BotApi = {
  baseUrl: 'http://127.0.0.1:3000',
  register: async (username) => ({ userId: username, username, token: username }),
  deposit: async (_token, username, amount) => ({
    transferId: 't',
    username,
    amount,
    walletBalance: amount,
  }),
  wallet: async () => '0',
};

async function setUp(hands: number) {
  const harness = await startTableHarness({ seed: 3, settings: { handPauseMs: 50 } });
  const server = new FakeServer(harness);
  fake.server = server;
  const stats = new RunStats(new Timeline(0, 1_000));
  const info: TableInfo = {
    id: harness.config.tableId,
    name: 't',
    variant: 'NT',
    runItTwice: false,
    status: 'open',
    smallBlind: '0.5',
    bigBlind: '1',
    ante: '0',
    minBuyIn: '20',
    maxBuyIn: '200',
    chipUnit: '0.01',
    maxSeats: 6,
    seatsTaken: 0,
    rakeBasisPoints: 500,
    rakeCap: '3',
    actionTimeoutMs: null,
    timeBankMs: null,
    createdAt: '2030-01-01T00:00:00.000Z',
  };
  const crew = new TableCrew(info.id, hands, stats);
  const context: BotContext = {
    apis: [API],
    options: OPTIONS,
    stats,
    validator: new MessageValidator(stats),
    cashierToken: 'cashier',
    adminToken: null,
    clock: { now: () => performance.now(), playUntilMs: Number.POSITIVE_INFINITY },
  };
  const bots = [0, 1].map(
    (index) =>
      new Bot(context, {
        index,
        crew,
        seat: index + 1,
        buyIn: '100',
        random: seededRandom(index + 1),
        strategy: STRATEGIES.calling,
        dropAfterHands: null,
      }),
  );
  return { harness, server, stats, crew, bots };
}

/** Seats the bots one after the other, as the run does. */
async function seat(bots: readonly Bot[]): Promise<boolean[]> {
  const seated: boolean[] = [];
  for (const bot of bots) {
    if (!(await bot.prepare())) {
      seated.push(false);
      continue;
    }
    const ok = await bot.sitDown();
    if (ok) bot.play();
    seated.push(ok);
  }
  return seated;
}

/**
 * Lets the table's time go by (the pause between hands) while the bots play, until `done`. The
 * table's clock runs about as fast as real time, so that a bot's pause before trying again (real
 * time) stays well within the action clock (the table's time).
 */
async function playUntil(server: FakeServer, done: () => boolean, rounds = 2_000): Promise<void> {
  for (let round = 0; round < rounds && !done(); round++) {
    await server.harness.advance(5);
    server.pump();
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
}

const allFinished = (bots: readonly Bot[]) => () => bots.every((bot) => bot.state === 'done');

afterEach(() => {
  fake.server = null;
});

describe('a bot on the table protocol', () => {
  it('plays its hands from the updates alone, then leaves', async () => {
    const { server, stats, crew, bots } = await setUp(3);
    expect(await seat(bots)).toEqual([true, true]);
    await playUntil(server, allFinished(bots));

    expect(bots.map((bot) => bot.state)).toEqual(['done', 'done']);
    expect(crew.handsPlayed).toBeGreaterThanOrEqual(3);
    expect(stats.errorsByCode).toEqual(new Map());
    expect(stats.invalidMessages).toBe(0);
    expect(stats.actions).toBeGreaterThanOrEqual(6);
    // Every ack counted, and the updates showed the actions taking effect.
    expect(stats.ackLatency.summary().count).toBe(stats.actions);
    expect(stats.broadcastLatency.summary().count).toBeGreaterThan(0);
    expect(stats.broadcastLatency.summary().count).toBeLessThanOrEqual(stats.actions);
    // No whole view was needed beyond the join, sits and leaves: no sync, no gap.
    expect(stats.seqGaps).toBe(0);
    expect(stats.syncs).toBe(0);
    expect(server.received).not.toContain('table:sync');
  });

  it('asks for a whole view after a missed update, and plays on', async () => {
    const { server, stats, bots } = await setUp(3);
    expect(await seat(bots)).toEqual([true, true]);
    // The next update to the first bot is lost; the one after shows the gap.
    server.sockets[0]!.dropUpdates = 1;
    await playUntil(server, allFinished(bots));

    expect(bots.map((bot) => bot.state)).toEqual(['done', 'done']);
    expect(stats.seqGaps).toBe(1);
    expect(stats.syncs).toBe(1);
    expect(server.received.filter((event) => event === 'table:sync')).toHaveLength(1);
    expect(stats.errorsByCode).toEqual(new Map());
  });

  it('asks again when the whole view it gets is older than an update it has seen', async () => {
    const { server, stats, bots } = await setUp(3);
    expect(await seat(bots)).toEqual([true, true]);
    server.sockets[0]!.dropUpdates = 1;
    server.sockets[0]!.staleSyncAnswers = 1;
    await playUntil(server, allFinished(bots));

    expect(bots.map((bot) => bot.state)).toEqual(['done', 'done']);
    // One gap, answered by two syncs: the first answer was older than the update that showed it.
    expect(stats.seqGaps).toBe(1);
    expect(stats.syncs).toBe(2);
    expect(server.received.filter((event) => event === 'table:sync')).toHaveLength(2);
    expect(stats.errorsByCode).toEqual(new Map());
  });

  it('tries a command again while the table node is unreachable, without counting an error', async () => {
    const { server, stats, bots } = await setUp(2);
    server.fail('table:join', 'cluster/owner-unreachable', 1);
    server.fail('table:sit', 'cluster/owner-unreachable', 2);
    server.fail('table:act', 'cluster/owner-unreachable', 1);
    expect(await seat(bots)).toEqual([true, true]);
    await playUntil(server, allFinished(bots));

    expect(bots.map((bot) => bot.state)).toEqual(['done', 'done']);
    expect(stats.retried).toBe(4);
    expect(stats.errorsByCode).toEqual(new Map());
  });

  it('sends an action again once only, and counts the error when that fails too', async () => {
    const { server, stats, bots } = await setUp(2);
    expect(await seat(bots)).toEqual([true, true]);
    server.fail('table:act', 'cluster/owner-unreachable', 2);
    await playUntil(server, allFinished(bots));

    expect(bots.map((bot) => bot.state)).toEqual(['done', 'done']);
    expect(stats.retried).toBe(1);
    // Refused: counted, then the bot looked again at a whole view and played the turn.
    expect(stats.errorsByCode).toEqual(new Map([['cluster/owner-unreachable', 1]]));
    expect(stats.refusedSamples.map((sample) => sample.code)).toEqual(['cluster/owner-unreachable']);
    expect(stats.syncs).toBe(1);
  });

  it('gives up after a few tries, and counts one error', async () => {
    const { server, stats, bots } = await setUp(2);
    server.fail('table:join', 'cluster/owner-unreachable', 3);
    const [first] = await seat([bots[0]!]);
    expect(first).toBe(false);
    expect(bots[0]!.state).toBe('failed');
    expect(server.received.filter((event) => event === 'table:join')).toHaveLength(3);
    expect(stats.retried).toBe(2);
    expect(stats.errorsByCode).toEqual(new Map([['cluster/owner-unreachable', 1]]));
  });
});
