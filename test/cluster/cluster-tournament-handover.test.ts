import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { TournamentResponse } from '../../src/protocol/http-tournaments.js';
import { registerUser } from '../../src/users/accounts.js';
import { createSession } from '../../src/users/sessions.js';
import { createFundedUsers, expectCleanAudit, withClusterTest } from '../support/cluster-fixtures.js';
import { TestCluster } from '../support/cluster-nodes.js';
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
import { callApi } from '../support/tournament-steps.js';

/**
 * A Sit & Go of six on two tables, on two nodes. Its director is stopped the graceful way
 * (SIGTERM, as a rolling deploy does): the hands in play are played out and saved, the director
 * lease is released, and the other node takes the tournament over at once, without waiting for the
 * lease to expire and without voiding a hand. It plays to the end there with exact money.
 */

const env = withClusterTest('cluster_tournament_handover');

/** Long enough that a take-over within it cannot be the lease expiring. */
const LEASE_TTL_MS = 10_000;

describe('a tournament handed over by a graceful stop', () => {
  it('moves to the other node at once, with no hand voided, and finishes with exact payouts', async () => {
    const players: ClusterTournamentPlayer[] = [];
    try {
      const admin = await registerUser(env.db.database, testConfig(), {
        username: `boss_${process.pid % 1000}`,
        password: 'correct horse battery',
        role: 'admin',
      });
      if (!admin.ok) throw new Error(admin.error.message);
      const adminToken = (await createSession(env.db.database, admin.value.id, 3600)).token;
      const users = await createFundedUsers(env.db, env.ledger, ['ha', 'hb', 'hc', 'hd', 'he', 'hf'], '100');
      env.cluster = await TestCluster.start({
        databaseUrl: env.db.url,
        redisUrl: TEST_REDIS_URL,
        nodes: 2,
        env: {
          TABLE_HAND_PAUSE_MS: '200',
          TABLE_GAME_START_DELAY_MS: '500',
          TABLE_RUNOUT_PAUSE_MS: '100',
          TOURNAMENT_CLOCK_SAVE_MS: '500',
          TOURNAMENT_SCHEDULER_INTERVAL_MS: '200',
          CLUSTER_LEASE_TTL_MS: String(LEASE_TTL_MS),
          CLUSTER_LEASE_RENEW_MS: '2000',
        },
      });
      const urls = () => env.cluster.live().map((node) => node.url);

      const created = await callApi(env.cluster.node(0).url, 'POST', '/api/admin/tournaments', adminToken, {
        name: 'Six on two nodes',
        kind: 'SNG',
        buyIn: '10.00',
        fee: '1.00',
        structure: FAST_STRUCTURE,
        tableSize: 3,
        maxEntrants: 6,
      });
      expect(created.status).toBe(201);
      const tournamentId = (created.body as TournamentResponse).tournament.id;
      for (const [i, user] of users.entries()) {
        const player = new ClusterTournamentPlayer(user.name, user.userId, user.token, tournamentId, urls);
        players.push(player);
        await player.start(env.cluster.node(i % 2).url);
      }
      // The last seat bought starts it.
      for (const [i, user] of users.entries()) {
        const registered = await callApi(
          env.cluster.node(i % 2).url,
          'POST',
          `/api/tournaments/${tournamentId}/register`,
          user.token,
          { requestId: randomUUID() },
        );
        expect(registered.status).toBe(200);
      }
      const first = await directorOf(env, tournamentId, null, 20_000);

      // Two hands in, the director's node is stopped gracefully.
      const deadline = Date.now() + 30_000;
      while ((await handsOf(env, tournamentId)).length < 2 && Date.now() < deadline)
        await new Promise((resolve) => setTimeout(resolve, 50));
      const beforeStop = await handsOf(env, tournamentId);
      expect(beforeStop.length).toBeGreaterThanOrEqual(2);
      const stoppedAt = Date.now();
      const code = await env.cluster.stop(first.index);
      if (code !== 0)
        console.log(
          'STOPLOG',
          JSON.stringify(
            first.server.logs
              .filter((l) => Number(l.time) >= stoppedAt - 3000)
              .map((l) => ({ ...l, t: Number(l.time) - stoppedAt })),
          ),
        );
      expect(code).toBe(0);
      const second = await directorOf(env, tournamentId, first.nodeId, LEASE_TTL_MS / 2);
      const handoverMs =
        (await dealsAgain(env, tournamentId, beforeStop.at(-1)!.id, LEASE_TTL_MS / 2)) - stoppedAt;

      const detail = await finishedDetail(second.url, tournamentId, 60_000);
      expect(detail?.tournament.status).toBe('finished');
      expect(detail!.entrants.every((entrant) => entrant.place !== null)).toBe(true);
      await expectExactTournamentMoney(env, tournamentId, { prizes: '60.00', fees: '6.00' });
      await expectCleanAudit(env.db);

      // The stop played its hands out: none was voided, none is left in play, each number once.
      const hands = await handsOf(env, tournamentId);
      expect(hands.filter((hand) => hand.status === 'VOIDED')).toEqual([]);
      expect(hands.every((hand) => hand.status === 'SETTLED')).toBe(true);
      const keys = hands.map((hand) => `${hand.tableId}:${hand.number}`);
      expect(new Set(keys).size).toBe(keys.length);
      console.log(JSON.stringify({ handoverMs, hands: hands.length }));
    } finally {
      for (const player of players) player.close();
    }
  }, 120_000);
});
