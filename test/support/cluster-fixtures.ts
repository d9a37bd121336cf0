import { afterAll, beforeAll } from 'vitest';
import { auditLedger } from '../../src/ledger/audit.js';
import type { Ledger } from '../../src/ledger/transactions.js';
import { Money } from '../../src/money/index.js';
import type { TableUpdate } from '../../src/protocol/table-update.js';
import type { TestCluster } from './cluster-nodes.js';
import type { ClusterPlayer } from './cluster-player.js';
import { createTestDatabase, type TestDatabase, testLedger } from './database.js';
import { registerFundedPlayer } from './funded-player.js';
import { testConfig } from './http-app.js';
import { OwnRedis } from './redis-server.js';

/** Fixtures shared by the cluster tests: funded players with sessions, tables, and the checks. */

/**
 * What a cluster test file runs against: its own database and a ledger over it, open from before
 * the first test; a redis-server of its own where the file asked for one (to kill and restart it
 * without touching the Redis other tests share); the cluster and the players its tests start.
 */
export class ClusterTestEnv {
  /** The players the tests connected; each is closed after the last test. */
  readonly players: ClusterPlayer[] = [];
  #db: TestDatabase | undefined;
  #ledger: Ledger | undefined;
  #redis: OwnRedis | undefined;
  #cluster: TestCluster | undefined;

  get db(): TestDatabase {
    return opened(this.#db, 'the database');
  }

  get ledger(): Ledger {
    return opened(this.#ledger, 'the ledger');
  }

  get redis(): OwnRedis {
    return opened(this.#redis, 'a Redis of its own');
  }

  get cluster(): TestCluster {
    return opened(this.#cluster, 'the cluster');
  }

  /** The cluster a test started, closed after the last test. */
  set cluster(cluster: TestCluster) {
    this.#cluster = cluster;
  }

  async open(prefix: string, ownRedis: boolean): Promise<void> {
    this.#db = await createTestDatabase(prefix, 5);
    this.#ledger = testLedger(this.#db);
    if (ownRedis) this.#redis = await OwnRedis.start();
  }

  /** Players first, then the nodes they talk to, then what the nodes stand on. */
  async close(): Promise<void> {
    for (const player of this.players) player.close();
    await this.#cluster?.close();
    await this.#redis?.stop();
    await this.#db?.drop();
  }
}

function opened<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`${what} is not open (yet) in this cluster test`);
  return value;
}

/** A ClusterTestEnv for this test file, opened before its first test and closed after its last. */
export function withClusterTest(prefix: string, options: { ownRedis?: boolean } = {}): ClusterTestEnv {
  const env = new ClusterTestEnv();
  beforeAll(() => env.open(prefix, options.ownRedis ?? false), 60_000);
  afterAll(() => env.close());
  return env;
}

export interface TestUser {
  readonly name: string;
  readonly userId: string;
  readonly token: string;
}

export async function createFundedUsers(
  db: TestDatabase,
  ledger: Ledger,
  names: readonly string[],
  amount = '1000',
): Promise<TestUser[]> {
  const config = testConfig();
  const users: TestUser[] = [];
  for (const name of names) {
    const username = `${name}_${process.pid % 1000}`;
    const player = await registerFundedPlayer(db.database, ledger, config, username, amount);
    users.push({ name: username, userId: player.userId, token: player.token });
  }
  return users;
}

export async function createCashTable(ledger: Ledger, name: string, maxSeats = 6): Promise<string> {
  const created = await ledger.createTable({
    name,
    smallBlind: new Money('0.5'),
    bigBlind: new Money('1'),
    minBuyIn: new Money('20'),
    maxBuyIn: new Money('200'),
    chipUnit: new Money('0.01'),
    maxSeats,
    rakeBasisPoints: 500,
    rakeCap: new Money('3'),
  });
  if (!created.ok) throw new Error(created.error.message);
  return created.value.tableId;
}

/** Stacks of the occupied seats as the database holds them, by seat number. */
export async function storedStacks(db: TestDatabase, tableId: string): Promise<Record<number, string>> {
  const seats = await db.prisma.seat.findMany({
    where: { tableId, status: { not: 'EMPTY' } },
    orderBy: { seatNo: 'asc' },
  });
  return Object.fromEntries(seats.map((seat) => [seat.seatNo, new Money(seat.stack.toFixed()).toFixed()]));
}

export async function expectCleanAudit(db: TestDatabase): Promise<void> {
  const audit = await auditLedger(db.database);
  if (!audit.ok) throw new Error(`audit found discrepancies: ${JSON.stringify(audit.discrepancies)}`);
}

/**
 * The hidden-information rule, over every update a player received and every view it held, from
 * any node: another
 * player's hole cards appear only in a finished hand, and only as shown at showdown; the player's
 * own cards are theirs. Answers how many views were checked.
 */
export function checkHiddenInformation(
  player: ClusterPlayer,
  truth: ReadonlyMap<string, { seats: number[]; userIds: string[]; deck: string[] }>,
): { views: number; ownCards: number; shownCards: number } {
  let views = 0;
  let ownCards = 0;
  let shownCards = 0;
  // A player's own part of a hand travels only in the copies of an update sent to that player.
  for (const frame of player.frames) {
    if (frame.event !== 'table:update') continue;
    const own = (frame.data as TableUpdate).private;
    if (!own) continue;
    const tableId = (frame.data as TableUpdate).tableId;
    for (const [key, hand] of truth) {
      if (!key.startsWith(`${tableId}:${own.handNumber}:`)) continue;
      const position = hand.seats.indexOf(own.seat);
      if (hand.userIds[position] !== player.userId)
        throw new Error(`${player.name} received the own part of seat ${own.seat} in hand ${own.handNumber}`);
    }
  }
  for (const view of player.views()) {
    views += 1;
    if (view.you.userId !== null && view.you.userId !== player.userId)
      throw new Error(`${player.name} received the view of user ${view.you.userId}`);
    // A seated player always gets the view rendered for them, never the spectators' one.
    if (view.seats.some((seat) => seat.player?.userId === player.userId) && view.you.userId !== player.userId)
      throw new Error(`${player.name} is seated but received a spectator view (seq ${view.seq})`);
    const hand = view.hand;
    if (!hand) continue;
    const known = truth.get(`${view.tableId}:${hand.number}:${hand.deckCommitment}`);
    const shown = new Map((hand.result?.shown ?? []).map((entry) => [entry.seat, entry.cards]));
    for (const seated of hand.players) {
      if (seated.holeCards === null) continue;
      const position = known?.seats.indexOf(seated.seat) ?? -1;
      // Who was dealt these cards: the hand's own record (the seat may have changed hands since).
      const owner =
        known && position >= 0
          ? known.userIds[position]
          : view.seats.find((seat) => seat.seat === seated.seat)?.player?.userId;
      const real = known && position >= 0 ? [known.deck[2 * position], known.deck[2 * position + 1]] : null;
      if (owner === player.userId) {
        ownCards += 1;
        if (real && JSON.stringify(real) !== JSON.stringify(seated.holeCards))
          throw new Error(`${player.name} was shown wrong own cards in hand ${hand.number}`);
        continue;
      }
      if (
        hand.phase !== 'complete' ||
        JSON.stringify(shown.get(seated.seat)) !== JSON.stringify(seated.holeCards)
      )
        throw new Error(
          `${player.name} saw the hole cards of seat ${seated.seat} in hand ${hand.number} (${hand.phase})`,
        );
      shownCards += 1;
    }
  }
  return { views, ownCards, shownCards };
}

/** The finished hands a player saw: table, hand number and commitment to board and result. */
export function finishedHands(player: ClusterPlayer): Map<string, string> {
  const seen = new Map<string, string>();
  for (const view of player.views()) {
    const hand = view.hand;
    if (hand?.phase !== 'complete') continue;
    seen.set(
      `${view.tableId}:${hand.number}:${hand.deckCommitment}`,
      JSON.stringify({ board: hand.board, result: hand.result }),
    );
  }
  return seen;
}
