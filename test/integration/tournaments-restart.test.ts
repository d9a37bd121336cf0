import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { auditLedger } from '../../src/ledger/audit.js';
import { createTournamentTableStore } from '../../src/ledger/tournament-tables.js';
import type { Ledger } from '../../src/ledger/transactions.js';
import { ledgerSettingsOf } from '../../src/ledger/transactions.js';
import { Money } from '../../src/money/index.js';
import type { TournamentDetailResponse, TournamentResponse } from '../../src/protocol/http-tournaments.js';
import type { TableView } from '../../src/protocol/table-view.js';
import { registerUser } from '../../src/users/accounts.js';
import { createSession } from '../../src/users/sessions.js';
import { createTestDatabase, type TestDatabase, testLedger } from '../support/database.js';
import { type FundedPlayer, registerFundedPlayer } from '../support/funded-player.js';
import { testConfig } from '../support/http-app.js';
import { PokerClient } from '../support/poker-client.js';
import { killIfRunning, type ServerProcess, spawnServer } from '../support/server-process.js';
import {
  callApi,
  joinSeatedTable,
  noticesOf,
  outOfTournament,
  playAllIn,
  walletOf,
} from '../support/tournament-steps.js';

/**
 * A live tournament survives its server's death: SIGKILL in the middle of a hand, start again on
 * the same database, and the tournament is claimed at a higher epoch, the hand is void (on record,
 * the stacks back to its start), the table comes back with its players, and play goes on to the
 * end with the prize paid exactly once.
 */

let db: TestDatabase;
let ledger: Ledger;
const servers: ServerProcess[] = [];
const clients: PokerClient[] = [];
const suffix = `${process.pid % 10_000}`;

const ENV = (url: string) => ({
  DATABASE_URL: url,
  HOST: '127.0.0.1',
  PORT: '0',
  NODE_ENV: 'test',
  LOG_LEVEL: 'info',
  TABLE_HAND_PAUSE_MS: '200',
  TABLE_GAME_START_DELAY_MS: '500',
  TABLE_RUNOUT_PAUSE_MS: '100',
  TABLE_ACTION_TIMEOUT_MS: '60000',
  TOURNAMENT_CLOCK_SAVE_MS: '500',
});

beforeAll(async () => {
  db = await createTestDatabase('tournaments_restart', 5);
  ledger = testLedger(db);
});

// Each test's servers stop with it: a server left running from an earlier test shares the
// database, and its scheduler would start the next test's Sit & Go (full) in its own process.
afterEach(async () => {
  for (const client of clients.splice(0)) client.close();
  for (const server of servers.splice(0)) {
    killIfRunning(server);
    await server.exited;
  }
});

afterAll(async () => {
  await db?.drop();
});

interface KilledTournament {
  readonly players: FundedPlayer[];
  readonly tournamentId: string;
  readonly tableId: string;
  /** The first hand, dealt and in play when the server died. */
  readonly dealt: TableView;
  readonly epochBefore: bigint;
}

/** Three players in a Sit & Go; the server is killed in the middle of its first hand. */
async function startAndKill(names: readonly string[]): Promise<KilledTournament> {
  const admin = await registerUser(db.database, testConfig(), {
    username: `chief_${names[0]}_${suffix}`,
    password: 'correct horse battery',
    role: 'admin',
  });
  if (!admin.ok) throw new Error(admin.error.message);
  const adminToken = (await createSession(db.database, admin.value.id, 3600)).token;
  const players: FundedPlayer[] = [];
  for (const name of names)
    players.push(await registerFundedPlayer(db.database, ledger, testConfig(), `${name}_${suffix}`, '50'));

  const first = await spawnServer(ENV(db.url));
  servers.push(first);
  const created = await callApi(first.url, 'POST', '/api/admin/tournaments', adminToken, {
    name: 'Phoenix',
    kind: 'SNG',
    buyIn: '10.00',
    fee: '1.00',
    structure: {
      name: 'slow then fast',
      startingStack: 1_000,
      steps: [
        { kind: 'level', smallBlind: 10, bigBlind: 20, ante: 0, durationMs: 600_000 },
        { kind: 'level', smallBlind: 500, bigBlind: 1_000, ante: 0, durationMs: 600_000 },
      ],
    },
    tableSize: 6,
    maxEntrants: 3,
  });
  expect(created.status).toBe(201);
  const tournamentId = (created.body as TournamentResponse).tournament.id;
  const before = await Promise.all(
    players.map((player) => PokerClient.connect(first.url, player.token, player.userId)),
  );
  clients.push(...before);
  for (const player of players)
    expect(
      (
        await callApi(first.url, 'POST', `/api/tournaments/${tournamentId}/register`, player.token, {
          requestId: randomUUID(),
        })
      ).status,
    ).toBe(200);
  const tableIds = await Promise.all(before.map((client) => joinSeatedTable(client, tournamentId)));
  const tableId = tableIds[0]!;
  // The first hand is dealt; nobody acts: the server dies in the middle of it.
  const dealt = await before[0]!.waitForView(tableId, (view) => view.hand?.number === 1, 15_000);
  expect(dealt.hand!.phase).not.toBe('complete');
  first.child.kill('SIGKILL');
  await first.exited;
  for (const client of before) client.close();
  const epochBefore = (await db.prisma.tournament.findUnique({ where: { id: tournamentId } }))!.directorEpoch;
  return { players, tournamentId, tableId, dealt, epochBefore };
}

/** On a new server: everyone joins the table again and plays all in to the end; the winner's index. */
async function playToTheEnd(killed: KilledTournament, url: string): Promise<number> {
  const { players, tournamentId, tableId } = killed;
  const after = await Promise.all(
    players.map((player) => PokerClient.connect(url, player.token, player.userId)),
  );
  clients.push(...after);
  for (const client of after) {
    const joined = await client.send<TableView>('table:join', { tableId });
    expect(joined.ok).toBe(true);
    if (!joined.ok) continue;
    expect(joined.data.you.seat).not.toBeNull();
  }
  await Promise.all(after.map((client) => playAllIn(client, tableId, outOfTournament(client))));
  const winner = after.findIndex((client) => noticesOf(client).some((notice) => notice.kind === 'finished'));
  expect(winner).toBeGreaterThanOrEqual(0);

  const deadline = Date.now() + 15_000;
  let status = 'RUNNING';
  while (Date.now() < deadline && status !== 'FINISHED') {
    await new Promise((resolve) => setTimeout(resolve, 100));
    status = (await db.prisma.tournament.findUnique({ where: { id: tournamentId } }))!.status;
  }
  expect(status).toBe('FINISHED');
  const wallets = await Promise.all(players.map((player) => walletOf(db, player.userId)));
  wallets.forEach((wallet, index) => {
    expect(wallet.toFixed(2)).toBe(index === winner ? '69.00' : '39.00');
  });
  const prizes = await db.prisma.transfer.findMany({ where: { tournamentId, kind: 'TOURNAMENT_PRIZE' } });
  expect(prizes.map((prize) => new Money(prize.amount.toFixed()).toFixed(2))).toEqual(['30.00']);
  const audit = await auditLedger(db.database);
  expect(audit.discrepancies).toEqual([]);
  expect(audit.ok).toBe(true);
  return winner;
}

describe('a tournament whose server is killed mid-hand', () => {
  it('resumes after a restart: the hand void, the stacks of its start, play to the end, the prize paid once', async () => {
    const killed = await startAndKill(['ivy', 'jo', 'kai']);
    const { tournamentId, tableId, epochBefore } = killed;

    const second = await spawnServer(ENV(db.url));
    servers.push(second);
    const tournament = (await db.prisma.tournament.findUnique({ where: { id: tournamentId } }))!;
    expect(tournament.status).toBe('RUNNING');
    expect(tournament.directorEpoch).toBeGreaterThan(epochBefore);
    const voided = await db.prisma.hand.findFirst({ where: { tableId, number: 1 } });
    expect(voided!.status).toBe('VOIDED');

    await playToTheEnd(killed, second.url);
    // The next hand was dealt from the stacks of the start of the void one: the starting stacks.
    const next = await db.prisma.hand.findFirst({ where: { tableId, number: 2 } });
    expect((next!.result as { startingStacks?: number[] }).startingStacks).toEqual([1000, 1000, 1000]);
  }, 120_000);

  it('keeps a hand settled on record that the director had not yet applied: its stacks stand', async () => {
    const killed = await startAndKill(['lu', 'mo', 'nia']);
    const { players, tournamentId, tableId, dealt } = killed;
    // The process died after the hand's record was written and before the director saved its
    // report: write that record as the table would have (the first player won 300 of the second).
    const [first, second, third] = players.map((player) => player.userId) as [string, string, string];
    const row = (await db.prisma.hand.findFirst({ where: { tableId, number: 1 } }))!;
    expect(row.status).toBe('DEALT');
    const table = (await db.prisma.pokerTable.findUnique({ where: { id: tableId } }))!;
    const store = createTournamentTableStore(db.database, ledgerSettingsOf(testConfig()));
    const recorded = await store.recordHand({
      tournamentId,
      tableId,
      handNumber: 1,
      bigBlindSeat: dealt.hand!.bigBlindSeat!,
      stacksAtStart: { [first]: 1000, [second]: 1000, [third]: 1000 },
      stacksAfter: { [first]: 1300, [second]: 700, [third]: 1000 },
      busted: [],
      ownerEpoch: table.ownerEpoch,
      deckCommitment: row.deckCommitment,
      deck: '',
      salt: '',
      history: '',
      result: {},
    });
    expect(recorded.ok).toBe(true);

    const next = await spawnServer(ENV(db.url));
    servers.push(next);
    // The hand stays settled, and the director holds the stacks it ended with.
    expect((await db.prisma.hand.findFirst({ where: { tableId, number: 1 } }))!.status).toBe('SETTLED');
    // The director applies the report as it resumes (just after the server is ready).
    const stacksOf = async () => {
      const detail = await callApi(next.url, 'GET', `/api/tournaments/${tournamentId}`, players[0]!.token);
      expect(detail.status).toBe(200);
      const stacks = new Map<string, number | null>(
        (detail.body as TournamentDetailResponse).entrants.map((entrant) => [
          entrant.username,
          entrant.stack,
        ]),
      );
      return players.map((player) => stacks.get(player.username));
    };
    let stacks = await stacksOf();
    for (let wait = 0; wait < 50 && stacks[0] === 1000; wait++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      stacks = await stacksOf();
    }
    expect(stacks).toEqual([1300, 700, 1000]);

    await playToTheEnd(killed, next.url);
    const hand2 = await db.prisma.hand.findFirst({ where: { tableId, number: 2 } });
    const byStack = (a: number, b: number) => a - b;
    expect(
      [...((hand2!.result as { startingStacks?: number[] }).startingStacks ?? [])].sort(byStack),
    ).toEqual([700, 1000, 1300]);
  }, 120_000);
});
