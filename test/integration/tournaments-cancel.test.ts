import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLedger } from '../../src/ledger/audit.js';
import type { Ledger } from '../../src/ledger/transactions.js';
import { Money } from '../../src/money/index.js';
import type { TournamentDetailResponse, TournamentResponse } from '../../src/protocol/http-tournaments.js';
import { chipChopUnits } from '../../src/tournaments/deal-offers.js';
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
import { callApi, joinSeatedTable, myTurn, noticesOf, walletOf } from '../support/tournament-steps.js';

/**
 * An admin cancels a running Sit & Go on a real server, after a bust, with a hand in play: the
 * hand is void, the prize already decided stands, the pool is shared by the chips at the start of
 * that hand (the deals' chip chop), fees stay with the house, the tables close, every player is
 * told their amount, and the ledger's audit is clean.
 */

let room: TournamentRoom | undefined;
let db: TestDatabase;
let ledger: Ledger;
let server: ServerProcess | undefined;
let adminToken: string;
const clients: PokerClient[] = [];
const suffix = `${process.pid % 10_000}`;

/** Slow blinds, and a long action clock: a hand nobody acts in stays in play while it is cancelled. */
const SLOW_STRUCTURE = {
  name: 'slow',
  startingStack: 1_000,
  steps: [{ kind: 'level', smallBlind: 25, bigBlind: 50, ante: 0, durationMs: 600_000 }],
};

beforeAll(async () => {
  room = await openTournamentRoom('tournaments_cancel', `cboss_${suffix}`, {
    TABLE_ACTION_TIMEOUT_MS: '120000',
  });
  ({ db, ledger, adminToken, server } = room);
}, 90_000);

afterAll(async () => {
  await closeTournamentRoom(room, clients);
});

function call(method: string, path: string, token: string | null, body?: unknown) {
  return callApi(server!.url, method, path, token, body);
}

/** Plays this client's turns with `choose` until `stop()`. */
async function playUntil(
  client: PokerClient,
  tableId: string,
  stop: () => boolean,
  choose: (actions: readonly string[]) => string,
): Promise<void> {
  for (let step = 0; step < 300 && !stop(); step++) {
    await client.waitFor(() => stop() || myTurn(client.latest(tableId)), 60_000);
    if (stop()) return;
    const view = client.latest(tableId)!;
    const ack = await act(client, tableId, choose(view.hand!.legal!.actions) as 'fold');
    if (!ack.ok && ack.error.code !== 'table/stale-action' && ack.error.code !== 'table/not-your-turn')
      throw new Error(`refused: ${ack.error.code} ${ack.error.message}`);
    await client.waitFor(() => {
      const latest = client.latest(tableId)?.hand;
      return stop() || latest?.number !== view.hand!.number || latest.turn !== view.hand!.turn;
    }, 60_000);
  }
}

const allIn = (actions: readonly string[]) =>
  actions.includes('all-in') ? 'all-in' : actions.includes('call') ? 'call' : 'check';
const folds = (actions: readonly string[]) => (actions.includes('check') ? 'check' : 'fold');

describe('cancelling a running tournament', () => {
  it('stops play after a bust, voids the hand in play and shares the pool by chips', async () => {
    const players: FundedPlayer[] = [];
    for (const name of ['ca', 'cb', 'cc', 'cd'])
      players.push(await registerFundedPlayer(db.database, ledger, testConfig(), `${name}_${suffix}`, '100'));
    const playing: PokerClient[] = [];
    for (const player of players) {
      const client = await PokerClient.connect(server!.url, player.token, player.userId);
      clients.push(client);
      playing.push(client);
    }
    const created = await call('POST', '/api/admin/tournaments', adminToken, {
      name: 'Called off mid-play',
      kind: 'SNG',
      buyIn: '10.00',
      fee: '1.00',
      structure: SLOW_STRUCTURE,
      tableSize: 4,
      maxEntrants: 4,
    });
    expect(created.status).toBe(201);
    const tournamentId = (created.body as TournamentResponse).tournament.id;
    for (const player of players) {
      const registered = await call('POST', `/api/tournaments/${tournamentId}/register`, player.token, {
        requestId: randomUUID(),
      });
      expect(registered.status).toBe(200);
    }
    const tableIds = await Promise.all(playing.map((client) => joinSeatedTable(client, tournamentId)));
    const tableId = tableIds[0]!;

    // Two players go all in against each other, two fold, until one busts (4th, no prize).
    const busted = () =>
      playing.some((client) => noticesOf(client).some((notice) => notice.kind === 'eliminated'));
    await Promise.all(
      playing.map((client, index) => playUntil(client, tableId, busted, index < 2 ? allIn : folds)),
    );
    const outIndex = playing.findIndex((client) =>
      noticesOf(client).some((notice) => notice.kind === 'eliminated'),
    );
    expect(outIndex).toBeGreaterThanOrEqual(0);
    expect(noticesOf(playing[outIndex]!).find((n) => n.kind === 'eliminated')!.place).toBe(4);
    // The next hand is dealt, and nobody acts in it: it is in play when the admin cancels.
    await playing[0]!.waitForView(
      tableId,
      (view) => view.hand !== null && view.hand !== undefined && view.hand.phase !== 'complete',
      15_000,
    );
    const handInPlay = playing[0]!.latest(tableId)!.hand!.number;
    const before = (await call('GET', `/api/tournaments/${tournamentId}`, null))
      .body as TournamentDetailResponse;
    // In entry order, as the director lists them (equal remainders go to the earlier entry).
    const order = players.map((player) => player.username);
    const standing = before.entrants
      .filter((entrant) => entrant.status === 'playing')
      .sort((a, b) => order.indexOf(a.username) - order.indexOf(b.username));
    expect(standing).toHaveLength(3);
    expect(standing.reduce((sum, entrant) => sum + entrant.stack!, 0)).toBe(4_000);

    const refused = await call('POST', `/api/admin/tournaments/${tournamentId}/cancel`, players[0]!.token);
    expect(refused.status).toBe(403);
    const cancelled = await call('POST', `/api/admin/tournaments/${tournamentId}/cancel`, adminToken);
    expect(cancelled.status).toBe(200);
    expect((cancelled.body as TournamentResponse).tournament.status).toBe('cancelled');

    // The shares: the chip chop of 40.00 over the stacks at the start of the hand in play.
    const units = chipChopUnits(
      standing.map((entrant) => entrant.stack!),
      4_000n,
    );
    const expected = new Map(
      standing.map((entrant, index) => [entrant.username, new Money('0.01').times(units[index]!.toString())]),
    );
    let total = new Money(0);
    for (const [index, player] of players.entries()) {
      const client = playing[index]!;
      await client.waitFor(() => noticesOf(client).some((notice) => notice.kind === 'cancelled'), 10_000);
      const notice = noticesOf(client).find((n) => n.kind === 'cancelled')!;
      const share = expected.get(player.username);
      if (index === outIndex) {
        expect(share).toBeUndefined();
        expect(notice.prize).toBeNull();
        expect((await walletOf(db, player.userId)).toFixed(2)).toBe('89.00');
        continue;
      }
      expect(new Money(notice.prize!).toFixed(2)).toBe(share!.toFixed(2));
      expect((await walletOf(db, player.userId)).toFixed(2)).toBe(new Money('89').plus(share!).toFixed(2));
      total = total.plus(share!);
    }
    expect(total.toFixed(2)).toBe('40.00');
    const pool = await db.prisma.account.findFirst({ where: { tournamentId } });
    expect(pool!.balance.toFixed()).toBe('0');
    const entries = await db.prisma.tournamentEntry.findMany({
      where: { tournamentId },
      orderBy: { id: 'asc' },
    });
    expect(entries.map((entry) => entry.status).sort()).toEqual([
      'CANCELLED',
      'CANCELLED',
      'CANCELLED',
      'ELIMINATED',
    ]);
    const tables = await db.prisma.pokerTable.findMany({ where: { tournamentId } });
    expect(tables.map((table) => table.status)).toEqual(['CLOSED']);
    const lastHand = await db.prisma.hand.findFirst({ where: { tableId, number: handInPlay } });
    expect(lastHand?.status).toBe('VOIDED');
    expect(await db.prisma.hand.count({ where: { tableId, number: { gt: handInPlay } } })).toBe(0);

    // Again: nothing more moves.
    const again = await call('POST', `/api/admin/tournaments/${tournamentId}/cancel`, adminToken);
    expect(again.status).toBe(200);
    expect(await db.prisma.transfer.count({ where: { tournamentId, kind: 'TOURNAMENT_CANCEL_SHARE' } })).toBe(
      3,
    );
    const detail = (await call('GET', `/api/tournaments/${tournamentId}`, null))
      .body as TournamentDetailResponse;
    expect(detail.tournament.status).toBe('cancelled');

    const audit = await auditLedger(db.database);
    expect(audit.discrepancies).toEqual([]);
    expect(audit.ok).toBe(true);
    const problems = server!.logs.filter(
      (line) => Number(line.level) >= 40 && !String(line.msg).includes('web client is not built'),
    );
    expect(problems).toEqual([]);
  }, 120_000);
});
