import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { Money } from '../../src/money/index.js';
import type { TournamentResponse } from '../../src/protocol/http-tournaments.js';
import { registerUser } from '../../src/users/accounts.js';
import { createSession } from '../../src/users/sessions.js';
import { createFundedUsers, expectCleanAudit, withClusterTest } from '../support/cluster-fixtures.js';
import { type ClusterNodeProcess, TestCluster } from '../support/cluster-nodes.js';
import { ClusterTournamentPlayer } from '../support/cluster-tournament-player.js';
import {
  dealsAgain,
  directorOf,
  expectExactTournamentMoney,
  FAST_STRUCTURE,
  finishedDetail,
  handsOf,
} from '../support/cluster-tournament-steps.js';
import { testConfig } from '../support/http-app.js';
import { TEST_REDIS_URL } from '../support/redis-server.js';
import { testTournamentLedger } from '../support/tournament-fixtures.js';
import { callApi } from '../support/tournament-steps.js';

/**
 * A multi-table tournament on three nodes, its players connected to all of them, one of them
 * registered late. Its director
 * node is killed (SIGKILL) in the middle of play: a survivor takes the director lease once it
 * expires and resumes from the saved state (interrupted hands void, tables back on its node);
 * then that new director is paused (SIGSTOP) past its lease: the third node takes over, and the
 * paused one, woken, finds its lease lost and stops without a write. The tournament plays to the
 * end on the survivors: prizes sum to the pool, each paid once, wallets and audit exact, every
 * hand number dealt once per table, and an old epoch's state write is refused by the database.
 */

const env = withClusterTest('cluster_tournament');

const LEASE_TTL_MS = 1_500;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('a tournament across three nodes', () => {
  it('survives its director killed and its next director paused: finishes on the survivors with exact payouts', async () => {
    let players: ClusterTournamentPlayer[] = [];
    try {
      const admin = await registerUser(env.db.database, testConfig(), {
        username: `boss_${process.pid % 1000}`,
        password: 'correct horse battery',
        role: 'admin',
      });
      if (!admin.ok) throw new Error(admin.error.message);
      const adminToken = (await createSession(env.db.database, admin.value.id, 3600)).token;
      // Nine register before the start (on any node), the tenth late (on a node that does not direct it).
      const names = ['ta', 'tb', 'tc', 'td', 'te', 'tf', 'tg', 'th', 'ti', 'tj'];
      const users = await createFundedUsers(env.db, env.ledger, names, '100');
      env.cluster = await TestCluster.start({
        databaseUrl: env.db.url,
        redisUrl: TEST_REDIS_URL,
        nodes: 3,
        env: {
          TABLE_HAND_PAUSE_MS: '200',
          TABLE_GAME_START_DELAY_MS: '500',
          TABLE_RUNOUT_PAUSE_MS: '100',
          TOURNAMENT_CLOCK_SAVE_MS: '500',
          TOURNAMENT_SCHEDULER_INTERVAL_MS: '200',
          CLUSTER_LEASE_TTL_MS: String(LEASE_TTL_MS),
          CLUSTER_LEASE_RENEW_MS: '400',
          // A director paused inside a transaction holds the tournament's row lock until PostgreSQL
          // ends that transaction: its successor's claim waits this long at most.
          PG_IDLE_IN_TRANSACTION_TIMEOUT_MS: '2000',
        },
      });
      const urls = () => env.cluster.live().map((node) => node.url);
      const nodeUrl = (i: number) => env.cluster.node(i % 3).url;

      const created = await callApi(nodeUrl(0), 'POST', '/api/admin/tournaments', adminToken, {
        name: 'Nine on three nodes',
        kind: 'MTT',
        buyIn: '10.00',
        fee: '1.00',
        structure: FAST_STRUCTURE,
        tableSize: 4,
        minEntrants: 2,
        maxEntrants: 50,
        lateRegistrationLevels: 2,
        scheduledStart: new Date(Date.now() + 4_000).toISOString(),
      });
      expect(created.status).toBe(201);
      const tournamentId = (created.body as TournamentResponse).tournament.id;
      // Registration is ledger-only: any node takes it.
      for (const [i, user] of users.slice(0, 9).entries()) {
        const registered = await callApi(
          nodeUrl(i),
          'POST',
          `/api/tournaments/${tournamentId}/register`,
          user.token,
          {
            requestId: randomUUID(),
          },
        );
        expect(registered.status).toBe(200);
      }
      players = users.map(
        (user) => new ClusterTournamentPlayer(user.name, user.userId, user.token, tournamentId, urls),
      );
      for (const [i, player] of players.slice(0, 9).entries()) await player.start(nodeUrl(i + 1));

      // Exactly one node directs it; its tables run there.
      const first = await directorOf(env, tournamentId, null, 20_000);
      const firstEpoch = (await env.db.prisma.tournament.findUnique({ where: { id: tournamentId } }))!
        .directorEpoch;
      const running = (node: ClusterNodeProcess) =>
        node.server.logs.some((line) => line.msg === 'tournament running');
      const runDeadline = Date.now() + 10_000;
      while (!running(first) && Date.now() < runDeadline) await sleep(50);
      expect(
        env.cluster
          .live()
          .filter(running)
          .map((node) => node.nodeId),
      ).toEqual([first.nodeId]);

      // A late entry bought on another node is forwarded to the director, which buys and seats it.
      const elsewhere = env.cluster.live().find((node) => node !== first)!;
      const late = await callApi(
        elsewhere.url,
        'POST',
        `/api/tournaments/${tournamentId}/register`,
        users[9]!.token,
        {
          requestId: randomUUID(),
        },
      );
      expect(late.status).toBe(200);
      const latePlayer = players[9]!;
      await latePlayer.start(elsewhere.url);
      const seatDeadline = Date.now() + 10_000;
      while (latePlayer.tableId === null && Date.now() < seatDeadline) await sleep(50);
      expect(latePlayer.tableId).not.toBeNull();

      // A hand or two in, the director dies.
      const deadline = Date.now() + 30_000;
      while ((await handsOf(env, tournamentId)).length < 2 && Date.now() < deadline) await sleep(50);
      const beforeKill = await handsOf(env, tournamentId);
      expect(beforeKill.length).toBeGreaterThanOrEqual(2);
      const killedAt = Date.now();
      await env.cluster.kill(first.index);
      const second = await directorOf(env, tournamentId, first.nodeId, 15_000);
      const firstFailoverMs = (await dealsAgain(env, tournamentId, beforeKill.at(-1)!.id, 20_000)) - killedAt;

      // Then the new director stops (SIGSTOP) past its lease: the third node takes over.
      const beforePause = await handsOf(env, tournamentId);
      const pausedAt = Date.now();
      second.server.child.kill('SIGSTOP');
      let third: ClusterNodeProcess;
      let secondFailoverMs: number;
      try {
        third = await directorOf(env, tournamentId, second.nodeId, 15_000);
        secondFailoverMs = (await dealsAgain(env, tournamentId, beforePause.at(-1)!.id, 20_000)) - pausedAt;
      } finally {
        second.server.child.kill('SIGCONT');
      }
      const wokenAt = new Date();
      // Woken, the paused director finds its lease lost and stops its runner.
      const lostDeadline = Date.now() + 10_000;
      const lostLogged = () =>
        second.server.logs.some((line) => String(line.msg).startsWith('tournament lease lost'));
      while (!lostLogged() && Date.now() < lostDeadline) await sleep(50);
      expect(lostLogged()).toBe(true);
      expect(third.nodeId).not.toBe(first.nodeId);

      // Played to the end on the survivors.
      const detail = await finishedDetail(third.url, tournamentId, 60_000);
      expect(detail?.tournament.status).toBe('finished');
      expect(detail!.entrants.every((entrant) => entrant.place !== null)).toBe(true);

      // Money: the prizes are the pool, each paid once, per entry; fees once per entry.
      await expectExactTournamentMoney(env, tournamentId, { prizes: '100.00', fees: '10.00' });
      const transfers = await env.db.prisma.transfer.findMany({ where: { tournamentId } });
      const prizes = transfers.filter((transfer) => transfer.kind === 'TOURNAMENT_PRIZE');
      const payouts = detail!.payouts.map((payout) => new Money(payout.amount).toFixed(2));
      expect(prizes.length).toBeLessThanOrEqual(payouts.length + 1);
      const wallets = await env.db.prisma.account.findMany({
        where: { userId: { in: users.map((user) => user.userId) } },
      });
      expect(
        wallets.reduce((sum, wallet) => sum.plus(wallet.balance.toFixed()), new Money(0)).toFixed(2),
      ).toBe('990.00');
      await expectCleanAudit(env.db);

      // Every hand number was dealt once per table; none is left in play.
      const hands = await handsOf(env, tournamentId);
      // The woken director dealt nothing: every hand on record since is the third director's.
      const thirdEpoch = BigInt(
        String(third.server.logs.find((line) => line.msg === 'tournament running')?.directorEpoch),
      );
      const lateHands = hands.filter((hand) => hand.createdAt >= wokenAt);
      expect(lateHands.every((hand) => hand.ownerEpoch >= thirdEpoch)).toBe(true);
      const keys = hands.map((hand) => `${hand.tableId}:${hand.number}`);
      expect(new Set(keys).size).toBe(keys.length);
      expect(hands.every((hand) => hand.status === 'SETTLED' || hand.status === 'VOIDED')).toBe(true);
      // Three directors: the epoch went up at each take-over.
      const finalEpoch = (await env.db.prisma.tournament.findUnique({ where: { id: tournamentId } }))!
        .directorEpoch;
      expect(finalEpoch).toBeGreaterThanOrEqual(firstEpoch + 2n);

      // A stale director's write is refused by the database.
      const stale = await testTournamentLedger(env.db.database).saveTournamentState({
        tournamentId,
        directorEpoch: firstEpoch,
        expectedVersion: 0n,
        state: { version: 1 },
      });
      expect(stale.ok).toBe(false);
      if (!stale.ok) expect(stale.error.code).toBe('ledger/stale-epoch');

      // Nobody's action was refused for a reason other than a turn that moved on or a node that went away.
      const refusals = players.flatMap((player) => player.refusals);
      expect(
        refusals.filter((code) => code !== 'internal/error' && code !== 'cluster/owner-unreachable'),
      ).toEqual([]);
      console.log(
        JSON.stringify({
          firstFailoverMs,
          secondFailoverMs,
          hands: hands.length,
          voided: hands.filter((hand) => hand.status === 'VOIDED').length,
          reconnects: players.map((player) => player.reconnects.length),
        }),
      );
    } finally {
      if (process.env.TOURNAMENT_TEST_LOGS)
        (await import('node:fs')).writeFileSync(
          process.env.TOURNAMENT_TEST_LOGS,
          JSON.stringify(
            {
              players: players.map((player) => ({
                name: player.name,
                over: player.over,
                table: player.tableId,
                url: player.connectedUrl,
                acts: player.acts,
                refusals: player.refusals,
                reconnects: player.reconnects,
              })),
              logs: env.cluster.logs(),
            },
            null,
            1,
          ),
        );
      for (const player of players) player.close();
    }
  }, 150_000);
});
