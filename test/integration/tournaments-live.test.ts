import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLedger } from '../../src/ledger/audit.js';
import type { Ledger } from '../../src/ledger/transactions.js';
import { Money } from '../../src/money/index.js';
import type {
  TournamentDetailResponse,
  TournamentRegistrationResponse,
  TournamentResponse,
} from '../../src/protocol/http-tournaments.js';
import type { TableView } from '../../src/protocol/table-view.js';
import type { TestDatabase } from '../support/database.js';
import { type FundedPlayer, registerFundedPlayer } from '../support/funded-player.js';
import { testConfig } from '../support/http-app.js';
import { PokerClient } from '../support/poker-client.js';
import type { ServerProcess } from '../support/server-process.js';
import { act } from '../support/table-client-steps.js';
import {
  closeTournamentRoom,
  openTournamentRoom,
  type TournamentRoom,
} from '../support/tournament-server.js';
import {
  callApi,
  joinSeatedTable,
  myTurn,
  noticesOf,
  outOfTournament,
  playAllIn,
  walletOf,
} from '../support/tournament-steps.js';

/**
 * Live tournaments on a real server process: an admin creates a Sit & Go over HTTP, funded players
 * register over HTTP, are told where they sit (tournament:notice), join their table over Socket.IO
 * and play it out; prizes land in the wallets exactly, the fees in the house, and the audit is
 * clean. Then registration, unregistration and cancellation with their refunds, and bad input.
 */

let room: TournamentRoom | undefined;
let db: TestDatabase;
let ledger: Ledger;
let server: ServerProcess | undefined;
let adminToken: string;
const clients: PokerClient[] = [];
const suffix = `${process.pid % 10_000}`;

/** One-second levels that climb fast: a three-player all-in game ends within a few hands. */
const FAST_STRUCTURE = {
  name: 'one-second turbo',
  startingStack: 1_000,
  steps: [
    { kind: 'level', smallBlind: 25, bigBlind: 50, ante: 0, durationMs: 1_000 },
    { kind: 'level', smallBlind: 50, bigBlind: 100, ante: 100, durationMs: 1_000 },
    { kind: 'level', smallBlind: 100, bigBlind: 200, ante: 200, durationMs: 1_000 },
    { kind: 'level', smallBlind: 200, bigBlind: 400, ante: 400, durationMs: 1_000 },
    { kind: 'level', smallBlind: 500, bigBlind: 1_000, ante: 1_000, durationMs: 1_000 },
  ],
};

beforeAll(async () => {
  room = await openTournamentRoom('tournaments_live', `boss_${suffix}`, {
    LOG_LEVEL: process.env.TOURNAMENT_TEST_LOGS ? 'debug' : 'info',
    TABLE_GAME_START_DELAY_MS: '1000',
  });
  ({ db, ledger, adminToken, server } = room);
}, 90_000);

afterAll(async () => {
  if (process.env.TOURNAMENT_TEST_LOGS)
    (await import('node:fs')).writeFileSync(
      process.env.TOURNAMENT_TEST_LOGS,
      JSON.stringify(server?.logs ?? [], null, 1),
    );
  await closeTournamentRoom(room, clients);
});

/** The API of the server under test. */
function call(method: string, path: string, token: string | null, body?: unknown) {
  return callApi(server!.url, method, path, token, body);
}

async function createTournament(body: Record<string, unknown>): Promise<string> {
  const created = await call('POST', '/api/admin/tournaments', adminToken, body);
  expect(created.status).toBe(201);
  return (created.body as TournamentResponse).tournament.id;
}

describe('a live Sit & Go', () => {
  it('seats three players who register over HTTP, plays to the end, pays the prize exactly and keeps the audit clean', async () => {
    const players: FundedPlayer[] = [];
    for (const name of ['ann', 'bo', 'cy'])
      players.push(await registerFundedPlayer(db.database, ledger, testConfig(), `${name}_${suffix}`, '100'));
    for (const player of players) {
      const client = await PokerClient.connect(server!.url, player.token, player.userId);
      clients.push(client);
    }
    const playerClients = clients.slice(-3);
    const tournamentId = await createTournament({
      name: 'Three-handed turbo',
      kind: 'SNG',
      buyIn: '10.00',
      fee: '1.00',
      structure: FAST_STRUCTURE,
      tableSize: 6,
      maxEntrants: 3,
    });

    for (const player of players) {
      const registered = await call('POST', `/api/tournaments/${tournamentId}/register`, player.token, {
        requestId: randomUUID(),
      });
      expect(registered.status).toBe(200);
      const body = registered.body as TournamentRegistrationResponse;
      expect(body.status).toBe('registered');
      expect(new Money(body.walletBalance).toFixed(2)).toBe('89.00');
    }

    // The last seat bought starts it: everyone is told where to sit, and joins.
    const tableIds = await Promise.all(playerClients.map((client) => joinSeatedTable(client, tournamentId)));
    expect(new Set(tableIds).size).toBe(1);
    const tableId = tableIds[0]!;
    const firstView = playerClients[0]!.latest(tableId)!;
    expect(firstView.tournament?.tournamentId).toBe(tournamentId);

    // A tournament table is not in the cash lobby.
    const lobby = await call('GET', '/api/tables', null);
    expect(lobby.body.tables.map((table: { id: string }) => table.id)).not.toContain(tableId);

    const detailWhileRunning = await call('GET', `/api/tournaments/${tournamentId}`, players[0]!.token);
    expect(detailWhileRunning.status).toBe(200);
    const running = detailWhileRunning.body as TournamentDetailResponse;
    expect(running.tournament.status).toBe('running');
    expect(running.payouts.map((payout) => [payout.place, new Money(payout.amount).toFixed(2)])).toEqual([
      [1, '30.00'],
    ]);

    await Promise.all(playerClients.map((client) => playAllIn(client, tableId, outOfTournament(client))));

    const finalNotices = playerClients.map(
      (client) =>
        noticesOf(client).find((notice) => notice.kind === 'eliminated' || notice.kind === 'finished')!,
    );
    const winnerIndex = finalNotices.findIndex((notice) => notice.kind === 'finished');
    expect(winnerIndex).toBeGreaterThanOrEqual(0);
    expect(finalNotices[winnerIndex]!.place).toBe(1);
    expect(new Money(finalNotices[winnerIndex]!.prize!).toFixed(2)).toBe('30.00');
    // Two busted in one hand from equal stacks tie for 2nd (TDA); otherwise 2nd and 3rd.
    const outPlaces = finalNotices
      .filter((notice) => notice.kind === 'eliminated')
      .map((notice) => notice.place);
    expect(outPlaces).toHaveLength(2);
    expect([
      [2, 2],
      [2, 3],
    ]).toContainEqual([...outPlaces].sort());

    // The ledger records the end once the runner is done: wait for it.
    const deadline = Date.now() + 15_000;
    let detail: TournamentDetailResponse | undefined;
    while (Date.now() < deadline) {
      detail = (await call('GET', `/api/tournaments/${tournamentId}`, null)).body as TournamentDetailResponse;
      if (detail.tournament.status === 'finished') break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(detail!.tournament.status).toBe('finished');
    expect(detail!.entrants.map((entrant) => entrant.place).sort()).toEqual([1, ...[...outPlaces].sort()]);

    // Money: the winner has 89 + 30, the others 89; the pool is empty; the house took 3 in fees.
    const wallets = await Promise.all(players.map((player) => walletOf(db, player.userId)));
    wallets.forEach((wallet, index) => {
      expect(wallet.toFixed(2)).toBe(index === winnerIndex ? '119.00' : '89.00');
    });
    const pool = await db.prisma.account.findFirst({ where: { tournamentId } });
    expect(pool!.balance.toFixed()).toBe('0');
    const transfers = await db.prisma.transfer.findMany({ where: { tournamentId } });
    const total = (kind: string) =>
      transfers
        .filter((transfer) => transfer.kind === kind)
        .reduce((sum, transfer) => sum.plus(transfer.amount.toFixed()), new Money(0));
    expect(total('TOURNAMENT_FEE').toFixed(2)).toBe('3.00');
    expect(total('TOURNAMENT_PRIZE').toFixed(2)).toBe('30.00');
    expect(transfers.filter((transfer) => transfer.kind === 'TOURNAMENT_PRIZE')).toHaveLength(1);

    // Every hand is on record, settled with its deck.
    const hands = await db.prisma.hand.findMany({ where: { tableId } });
    expect(hands.length).toBeGreaterThan(0);
    expect(hands.every((hand) => hand.status === 'SETTLED')).toBe(true);

    const audit = await auditLedger(db.database);
    expect(audit.discrepancies).toEqual([]);
    expect(audit.ok).toBe(true);
    // Nothing went wrong on the way (a refused command, a prize not paid, a table that would not deal).
    const problems = server!.logs.filter(
      (line) => Number(line.level) >= 40 && !String(line.msg).includes('web client is not built'),
    );
    expect(problems).toEqual([]);
  }, 120_000);
});

describe('registration, unregistration and cancellation over HTTP', () => {
  const code = (answer: { body: { error?: { code?: string } } }) => answer.body.error?.code;

  it('registers and unregisters once per requestId, refunds exactly, and refuses bad input with typed errors', async () => {
    const [dee, eve] = [
      await registerFundedPlayer(db.database, ledger, testConfig(), `dee_${suffix}`, '100'),
      await registerFundedPlayer(db.database, ledger, testConfig(), `eve_${suffix}`, '100'),
    ];
    const tournamentId = await createTournament({
      name: 'Never full',
      kind: 'SNG',
      buyIn: '10.00',
      fee: '1.00',
      guarantee: '50.00',
      structure: 'turbo',
      tableSize: 9,
      maxEntrants: 9,
    });
    const path = `/api/tournaments/${tournamentId}`;
    const requestId = randomUUID();
    const first = await call('POST', `${path}/register`, dee.token, { requestId });
    expect(first.status).toBe(200);
    const again = await call('POST', `${path}/register`, dee.token, { requestId });
    expect(again).toEqual(first);
    expect((await walletOf(db, dee.userId)).toFixed(2)).toBe('89.00');
    expect(code(await call('POST', `${path}/register`, dee.token, { requestId: randomUUID() }))).toBe(
      'ledger/tournament-already-registered',
    );

    // Before the start: the guarantee is the pool, one place paid; you may unregister.
    const detail = (await call('GET', path, dee.token)).body as TournamentDetailResponse;
    expect(detail.tournament).toMatchObject({ status: 'registering', entries: 1, playersLeft: 1 });
    expect(new Money(detail.tournament.prizePool).toFixed(2)).toBe('50.00');
    expect(detail.payouts.map((payout) => new Money(payout.amount).toFixed(2))).toEqual(['50.00']);
    expect(detail.you).toMatchObject({ canRegister: false, canUnregister: true });
    expect(detail.live).toBeNull();
    const anonymous = (await call('GET', path, null)).body as TournamentDetailResponse;
    expect(anonymous.you).toBeNull();
    expect(anonymous.entrants.map((entrant) => entrant.username)).toEqual([dee.username]);

    const unregisterId = randomUUID();
    const refund = await call('POST', `${path}/unregister`, dee.token, { requestId: unregisterId });
    expect(refund.status).toBe(200);
    expect(refund.body.status).toBe('unregistered');
    expect(await call('POST', `${path}/unregister`, dee.token, { requestId: unregisterId })).toEqual(refund);
    expect((await walletOf(db, dee.userId)).toFixed(2)).toBe('100.00');
    expect(code(await call('POST', `${path}/unregister`, dee.token, { requestId: randomUUID() }))).toBe(
      'ledger/tournament-not-registered',
    );

    // Bad input: each refused with its code, and nothing moved.
    const unauthenticated = await call('POST', `${path}/register`, null, { requestId: randomUUID() });
    expect([unauthenticated.status, code(unauthenticated)]).toEqual([401, 'auth/unauthenticated']);
    const unknown = await call('POST', `/api/tournaments/${randomUUID()}/register`, eve.token, {
      requestId: randomUUID(),
    });
    expect([unknown.status, code(unknown)]).toEqual([404, 'ledger/unknown-tournament']);
    expect((await call('GET', `/api/tournaments/${randomUUID()}`, null)).status).toBe(404);
    expect((await call('GET', '/api/tournaments/not-a-uuid', null)).status).toBe(400);
    expect((await call('POST', `${path}/register`, eve.token, {})).status).toBe(400);
    expect((await call('POST', `${path}/register`, eve.token, { requestId: 7 })).status).toBe(400);
    expect(
      (await call('POST', `${path}/register`, eve.token, { requestId: randomUUID(), extra: 1 })).status,
    ).toBe(400);
    const notAdmin = await call('POST', '/api/admin/tournaments', eve.token, {
      name: 'Mine',
      kind: 'SNG',
      buyIn: '1',
      fee: '0',
      structure: 'turbo',
      tableSize: 6,
      maxEntrants: 2,
    });
    expect([notAdmin.status, code(notAdmin)]).toEqual([403, 'auth/forbidden']);
    const base = { name: 'Bad', kind: 'SNG', fee: '0', structure: 'turbo', tableSize: 6, maxEntrants: 2 };
    expect((await call('POST', '/api/admin/tournaments', adminToken, { ...base, buyIn: '-1' })).status).toBe(
      400,
    );
    expect((await call('POST', '/api/admin/tournaments', adminToken, { ...base, buyIn: 1 })).status).toBe(
      400,
    );
    expect(
      (await call('POST', '/api/admin/tournaments', adminToken, { ...base, buyIn: '1', tableSize: 11 }))
        .status,
    ).toBe(400);
    const upsideDown = {
      name: 'x',
      startingStack: 100,
      steps: [{ kind: 'level', smallBlind: 20, bigBlind: 10, ante: 0, durationMs: 1_000 }],
    };
    expect(
      (
        await call('POST', '/api/admin/tournaments', adminToken, {
          ...base,
          buyIn: '1',
          structure: upsideDown,
        })
      ).status,
    ).toBe(400);
    const noStart = await call('POST', '/api/admin/tournaments', adminToken, {
      ...base,
      kind: 'MTT',
      buyIn: '1',
    });
    expect([noStart.status, code(noStart)]).toEqual([400, 'request/bad-request']);
    expect((await walletOf(db, eve.userId)).toFixed(2)).toBe('100.00');
  }, 60_000);

  it('cancels before the start with every entry refunded, tells the players, and refuses a non-admin', async () => {
    const players = [
      await registerFundedPlayer(db.database, ledger, testConfig(), `fay_${suffix}`, '100'),
      await registerFundedPlayer(db.database, ledger, testConfig(), `gus_${suffix}`, '100'),
    ];
    const watchers = await Promise.all(
      players.map((player) => PokerClient.connect(server!.url, player.token, player.userId)),
    );
    clients.push(...watchers);
    const tournamentId = await createTournament({
      name: 'Called off',
      kind: 'SNG',
      buyIn: '5.00',
      fee: '0.50',
      structure: 'regular',
      tableSize: 6,
      maxEntrants: 6,
    });
    for (const player of players)
      expect(
        (
          await call('POST', `/api/tournaments/${tournamentId}/register`, player.token, {
            requestId: randomUUID(),
          })
        ).status,
      ).toBe(200);
    const refused = await call('POST', `/api/admin/tournaments/${tournamentId}/cancel`, players[0]!.token);
    expect([refused.status, code(refused)]).toEqual([403, 'auth/forbidden']);
    const cancelled = await call('POST', `/api/admin/tournaments/${tournamentId}/cancel`, adminToken);
    expect(cancelled.status).toBe(200);
    expect((cancelled.body as TournamentResponse).tournament.status).toBe('cancelled');
    for (const player of players) expect((await walletOf(db, player.userId)).toFixed(2)).toBe('100.00');
    for (const watcher of watchers)
      await watcher.waitFor(() => noticesOf(watcher).some((notice) => notice.kind === 'cancelled'), 5_000);
    // Again: nothing more happens; registering is refused.
    expect((await call('POST', `/api/admin/tournaments/${tournamentId}/cancel`, adminToken)).status).toBe(
      200,
    );
    const late = await call('POST', `/api/tournaments/${tournamentId}/register`, players[0]!.token, {
      requestId: randomUUID(),
    });
    expect([late.status, code(late)]).toEqual([409, 'ledger/tournament-registration-closed']);
    for (const player of players) expect((await walletOf(db, player.userId)).toFixed(2)).toBe('100.00');
  }, 60_000);

  it('cancels a multi-table tournament due to start with too few entrants, and refunds them', async () => {
    const player = await registerFundedPlayer(db.database, ledger, testConfig(), `hal_${suffix}`, '100');
    const tournamentId = await createTournament({
      name: 'Lonely MTT',
      kind: 'MTT',
      buyIn: '20.00',
      fee: '2.00',
      structure: 'deep',
      tableSize: 9,
      minEntrants: 2,
      maxEntrants: 100,
      scheduledStart: new Date(Date.now() + 1_500).toISOString(),
    });
    expect(
      (
        await call('POST', `/api/tournaments/${tournamentId}/register`, player.token, {
          requestId: randomUUID(),
        })
      ).status,
    ).toBe(200);
    expect((await walletOf(db, player.userId)).toFixed(2)).toBe('78.00');
    const deadline = Date.now() + 15_000;
    let status = 'registering';
    while (Date.now() < deadline && status !== 'cancelled') {
      await new Promise((resolve) => setTimeout(resolve, 200));
      status = (await call('GET', `/api/tournaments/${tournamentId}`, null)).body.tournament.status;
    }
    expect(status).toBe('cancelled');
    expect((await walletOf(db, player.userId)).toFixed(2)).toBe('100.00');
    const audit = await auditLedger(db.database);
    expect(audit.discrepancies).toEqual([]);
  }, 60_000);
});

/** Plays all in wherever the tournament seats this client (following moves) until it is over for them. */
async function playWhereSeated(client: PokerClient, over: () => boolean, passive = false): Promise<void> {
  let joined: string | null = null;
  const placeNotices = () =>
    noticesOf(client).filter((notice) => notice.kind === 'seated' || notice.kind === 'moved');
  for (let step = 0; step < 1_000 && !over(); step++) {
    const place = placeNotices().at(-1);
    const count = placeNotices().length;
    if (!place) {
      await client.waitFor(() => over() || placeNotices().length > 0, 30_000);
      continue;
    }
    const tableId = place.tableId!;
    if (joined !== tableId) {
      const ack = await client.send('table:join', { tableId });
      if (!ack.ok) throw new Error(`join refused: ${ack.error.code}`);
      joined = tableId;
    }
    const moved = () => placeNotices().length !== count;
    await client.waitFor(() => over() || moved() || myTurn(client.latest(tableId)), 60_000);
    if (over() || moved()) continue;
    const view = client.latest(tableId)!;
    const actions = view.hand!.legal!.actions;
    // A passive player checks when free, else folds; the others shove.
    const kind = passive
      ? actions.includes('check')
        ? 'check'
        : 'fold'
      : actions.includes('all-in')
        ? 'all-in'
        : actions.includes('call')
          ? 'call'
          : 'check';
    const ack = await act(client, tableId, kind);
    if (!ack.ok && ack.error.code !== 'table/stale-action' && ack.error.code !== 'table/not-your-turn')
      throw new Error(`${kind} refused: ${ack.error.code} ${ack.error.message}`);
    await client.waitFor(() => {
      const latest = client.latest(tableId)?.hand;
      return over() || moved() || latest?.number !== view.hand!.number || latest.turn !== view.hand!.turn;
    }, 60_000);
  }
}

/** `count` funded players, connected, all registered in a multi-table tournament starting in 3 s. */
async function enterMtt(prefix: string, count: number, name: string, tableSize: number) {
  const players: FundedPlayer[] = [];
  for (let i = 0; i < count; i++)
    players.push(
      await registerFundedPlayer(db.database, ledger, testConfig(), `${prefix}${i}_${suffix}`, '100'),
    );
  const connected = await Promise.all(
    players.map((player) => PokerClient.connect(server!.url, player.token, player.userId)),
  );
  clients.push(...connected);
  const tournamentId = await createTournament({
    name,
    kind: 'MTT',
    buyIn: '10.00',
    fee: '1.00',
    structure: FAST_STRUCTURE,
    tableSize,
    minEntrants: 2,
    maxEntrants: 50,
    scheduledStart: new Date(Date.now() + 3_000).toISOString(),
  });
  for (const player of players)
    expect(
      (
        await call('POST', `/api/tournaments/${tournamentId}/register`, player.token, {
          requestId: randomUUID(),
        })
      ).status,
    ).toBe(200);
  return { players, clients: connected, tournamentId };
}

describe('a live multi-table tournament', () => {
  it('starts at its scheduled time on two tables, plays down to one (players moved as a table breaks) and pays two places exactly', async () => {
    const { players, clients: mttClients, tournamentId } = await enterMtt('mtt', 7, 'Seven on two tables', 4);
    await Promise.all(mttClients.map((client) => playWhereSeated(client, outOfTournament(client))));
    const seatedTables = new Set(
      mttClients.flatMap((client) =>
        noticesOf(client)
          .filter((notice) => notice.kind === 'seated')
          .map((notice) => notice.tableId),
      ),
    );
    expect(seatedTables.size).toBe(2);

    const deadline = Date.now() + 15_000;
    let detail: TournamentDetailResponse | undefined;
    while (Date.now() < deadline) {
      detail = (await call('GET', `/api/tournaments/${tournamentId}`, null)).body as TournamentDetailResponse;
      if (detail.tournament.status === 'finished') break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(detail!.tournament.status).toBe('finished');
    expect(detail!.entrants.every((entrant) => entrant.place !== null)).toBe(true);
    // 7 entrants pay 2 places, 65 % and 35 % of 70.00 (split if they tied).
    expect(detail!.payouts.map((payout) => new Money(payout.amount).toFixed(2))).toEqual(['45.50', '24.50']);
    const transfers = await db.prisma.transfer.findMany({ where: { tournamentId } });
    const total = (kind: string) =>
      transfers
        .filter((transfer) => transfer.kind === kind)
        .reduce((sum, transfer) => sum.plus(transfer.amount.toFixed()), new Money(0));
    expect(total('TOURNAMENT_PRIZE').toFixed(2)).toBe('70.00');
    expect(total('TOURNAMENT_FEE').toFixed(2)).toBe('7.00');
    const wallets = await Promise.all(players.map((player) => walletOf(db, player.userId)));
    expect(wallets.reduce((sum, wallet) => sum.plus(wallet), new Money(0)).toFixed(2)).toBe('693.00');
    const audit = await auditLedger(db.database);
    expect(audit.discrepancies).toEqual([]);
    const problems = server!.logs.filter(
      (line) => Number(line.level) >= 40 && !String(line.msg).includes('web client is not built'),
    );
    expect(problems).toEqual([]);
  }, 120_000);
});

describe('a live multi-table tournament down to its bubble', () => {
  it('balances tables, plays hand for hand on the bubble, and pays three places exactly', async () => {
    const {
      players,
      clients: bubbleClients,
      tournamentId,
    } = await enterMtt('bub', 10, 'Ten on three-seat tables', 3);
    const pausedViews = () =>
      bubbleClients.some((client) =>
        client.views.some((view) => view.tournament?.paused === 'hand-for-hand'),
      );
    await Promise.all(
      bubbleClients.map((client, index) => playWhereSeated(client, outOfTournament(client), index % 3 === 0)),
    );
    const deadline = Date.now() + 15_000;
    let detail: TournamentDetailResponse | undefined;
    while (Date.now() < deadline) {
      detail = (await call('GET', `/api/tournaments/${tournamentId}`, null)).body as TournamentDetailResponse;
      if (detail.tournament.status === 'finished') break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(detail!.tournament.status).toBe('finished');
    expect(detail!.payouts.map((payout) => new Money(payout.amount).toFixed(2))).toEqual([
      '50.00',
      '30.00',
      '20.00',
    ]);
    const prizes = await db.prisma.transfer.findMany({ where: { tournamentId, kind: 'TOURNAMENT_PRIZE' } });
    expect(prizes.reduce((sum, prize) => sum.plus(prize.amount.toFixed()), new Money(0)).toFixed(2)).toBe(
      '100.00',
    );
    const wallets = await Promise.all(players.map((player) => walletOf(db, player.userId)));
    expect(wallets.reduce((sum, wallet) => sum.plus(wallet), new Money(0)).toFixed(2)).toBe('990.00');
    const events = server!.logs.filter((line) => line.msg === 'hand for hand');
    // The bubble (4 left, 3 paid) comes with two tables in play unless a hand busts several at once.
    if (events.length > 0) expect(pausedViews()).toBe(true);
    const audit = await auditLedger(db.database);
    expect(audit.discrepancies).toEqual([]);
    const problems = server!.logs.filter(
      (line) => Number(line.level) >= 40 && !String(line.msg).includes('web client is not built'),
    );
    expect(problems).toEqual([]);
  }, 180_000);
});

describe('late registration', () => {
  it('seats a player who registers after the start, while late registration is open', async () => {
    const players: FundedPlayer[] = [];
    for (const name of ['lia', 'max', 'ned'])
      players.push(await registerFundedPlayer(db.database, ledger, testConfig(), `${name}_${suffix}`, '100'));
    const lateClients = await Promise.all(
      players.map((player) => PokerClient.connect(server!.url, player.token, player.userId)),
    );
    clients.push(...lateClients);
    const tournamentId = await createTournament({
      name: 'Come in late',
      kind: 'MTT',
      buyIn: '10.00',
      fee: '1.00',
      structure: {
        name: 'slow',
        startingStack: 1_000,
        steps: [
          { kind: 'level', smallBlind: 5, bigBlind: 10, ante: 0, durationMs: 600_000 },
          { kind: 'level', smallBlind: 10, bigBlind: 20, ante: 0, durationMs: 600_000 },
        ],
      },
      tableSize: 6,
      minEntrants: 2,
      maxEntrants: 10,
      lateRegistrationLevels: 1,
      scheduledStart: new Date(Date.now() + 1_500).toISOString(),
    });
    const path = `/api/tournaments/${tournamentId}`;
    for (const player of players.slice(0, 2))
      expect((await call('POST', `${path}/register`, player.token, { requestId: randomUUID() })).status).toBe(
        200,
      );
    for (const client of lateClients.slice(0, 2))
      await client.waitFor(() => noticesOf(client).some((notice) => notice.kind === 'seated'), 15_000);

    const late = await call('POST', `${path}/register`, players[2]!.token, { requestId: randomUUID() });
    expect(late.status).toBe(200);
    expect((late.body as TournamentRegistrationResponse).status).toBe('playing');
    const lateClient = lateClients[2]!;
    await lateClient.waitFor(() => noticesOf(lateClient).some((notice) => notice.kind === 'seated'), 15_000);
    const seated = noticesOf(lateClient).find((notice) => notice.kind === 'seated')!;
    const joined = await lateClient.send<TableView>('table:join', { tableId: seated.tableId });
    expect(joined.ok).toBe(true);
    if (joined.ok) expect(joined.data.you.seat).toBe(seated.seat);

    const deadline = Date.now() + 10_000;
    let detail: TournamentDetailResponse | undefined;
    while (Date.now() < deadline) {
      detail = (await call('GET', path, players[2]!.token)).body as TournamentDetailResponse;
      if (detail.live?.tables.reduce((sum, table) => sum + table.players, 0) === 3) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(detail!.tournament).toMatchObject({ status: 'running', entries: 3, playersLeft: 3 });
    expect(detail!.live).toMatchObject({ level: 1, onBreak: false, smallBlind: 5, bigBlind: 10 });
    expect(detail!.live!.tables.reduce((sum, table) => sum + table.players, 0)).toBe(3);
    expect(detail!.you!.entries.map((entry) => entry.status)).toEqual(['playing']);
    expect(detail!.you!.entries[0]!.stack).toBe(1_000);
    expect(detail!.you!.canRegister).toBe(false);
    const twice = await call('POST', `${path}/register`, players[2]!.token, { requestId: randomUUID() });
    expect(twice.body.error.code).toBe('ledger/tournament-already-registered');
    expect((await walletOf(db, players[2]!.userId)).toFixed(2)).toBe('89.00');
  }, 60_000);
});
