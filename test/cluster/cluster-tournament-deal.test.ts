import { randomUUID } from 'node:crypto';
import { createClient } from 'redis';
import { describe, expect, it } from 'vitest';
import { Money } from '../../src/money/index.js';
import type {
  TournamentDealOut,
  TournamentDetailResponse,
  TournamentResponse,
} from '../../src/protocol/http-tournaments.js';
import { registerUser } from '../../src/users/accounts.js';
import { createSession } from '../../src/users/sessions.js';
import { createFundedUsers, expectCleanAudit, withClusterTest } from '../support/cluster-fixtures.js';
import { type ClusterNodeProcess, TestCluster } from '../support/cluster-nodes.js';
import { testConfig } from '../support/http-app.js';
import { TEST_REDIS_URL } from '../support/redis-server.js';
import { callApi } from '../support/tournament-steps.js';

/**
 * A deal on two nodes: a Sit & Go of three runs on its director's node, and its players propose,
 * read and answer a deal through the OTHER node, which forwards each request to the director over
 * the cluster bus. While the director does not answer (paused), the other node answers a typed
 * `tournament/director-unreachable` within its bound. The deal (the whole pool, chip chop) is paid
 * once and ends the tournament; the audit is clean. Then an admin cancels a second, running Sit &
 * Go through the other node: forwarded the same way, the pool is shared and the audit stays clean.
 */

const env = withClusterTest('cluster_tournament_deal');

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** One long level: the stacks stay as dealt while the deal is talked about. */
const SLOW_STRUCTURE = {
  name: 'slow',
  startingStack: 1_000,
  steps: [{ kind: 'level', smallBlind: 25, bigBlind: 50, ante: 0, durationMs: 600_000 }],
};

describe('deals of a tournament directed by another node', () => {
  it('are forwarded to the director: proposed, read and answered elsewhere, paid once', async () => {
    const redis = createClient({ url: TEST_REDIS_URL });
    redis.on('error', () => {});
    await redis.connect();
    try {
      const admin = await registerUser(env.db.database, testConfig(), {
        username: `dboss_${process.pid % 1000}`,
        password: 'correct horse battery',
        role: 'admin',
      });
      if (!admin.ok) throw new Error(admin.error.message);
      const adminToken = (await createSession(env.db.database, admin.value.id, 3600)).token;
      const users = await createFundedUsers(env.db, env.ledger, ['xa', 'xb', 'xc'], '100');
      env.cluster = await TestCluster.start({
        databaseUrl: env.db.url,
        redisUrl: TEST_REDIS_URL,
        nodes: 2,
        env: {
          TABLE_HAND_PAUSE_MS: '200',
          TABLE_GAME_START_DELAY_MS: '300',
          TABLE_RUNOUT_PAUSE_MS: '100',
          // Nobody plays: each hand ends by the action clock.
          TABLE_ACTION_TIMEOUT_MS: '300',
          TABLE_TIME_BANK_INITIAL_MS: '0',
          TABLE_TIME_BANK_PER_HAND_MS: '0',
          TOURNAMENT_CLOCK_SAVE_MS: '500',
          TOURNAMENT_SCHEDULER_INTERVAL_MS: '200',
          // A pause of the director shorter than its lease: the other node does not take over.
          CLUSTER_LEASE_TTL_MS: '20000',
          CLUSTER_LEASE_RENEW_MS: '2000',
        },
      });
      const created = await callApi(env.cluster.node(0).url, 'POST', '/api/admin/tournaments', adminToken, {
        name: 'Deal on two nodes',
        kind: 'SNG',
        buyIn: '10.00',
        fee: '1.00',
        structure: SLOW_STRUCTURE,
        tableSize: 3,
        maxEntrants: 3,
      });
      expect(created.status).toBe(201);
      const tournamentId = (created.body as TournamentResponse).tournament.id;
      for (const user of users) {
        const registered = await callApi(
          env.cluster.node(0).url,
          'POST',
          `/api/tournaments/${tournamentId}/register`,
          user.token,
          { requestId: randomUUID() },
        );
        expect(registered.status).toBe(200);
      }
      // The director: the holder of the tournament's lease; the players talk to the other node.
      let director: ClusterNodeProcess | undefined;
      for (let i = 0; i < 200 && !director; i++) {
        const holder = await redis.get(`${env.cluster.prefix}:lease:tournament:${tournamentId}`);
        director = env.cluster.live().find((node) => node.nodeId === String(holder));
        if (!director) await sleep(50);
      }
      expect(director).toBeDefined();
      const other = env.cluster.live().find((node) => node !== director)!;
      const call = (method: string, path: string, token: string, body?: unknown) =>
        callApi(other.url, method, `/api/tournaments/${tournamentId}${path}`, token, body);
      const dealOf = async (): Promise<TournamentDealOut | null> => {
        const read = await call('GET', '/deal', users[0]!.token);
        expect(read.status).toBe(200);
        return read.body.deal;
      };
      const runDeadline = Date.now() + 15_000;
      while (
        !director!.server.logs.some((line) => line.msg === 'tournament running') &&
        Date.now() < runDeadline
      )
        await sleep(50);
      expect(await dealOf()).toBeNull();

      // The director does not answer: a typed refusal within the bound, nothing proposed.
      director!.server.child.kill('SIGSTOP');
      const pausedAt = Date.now();
      let unreachable: Awaited<ReturnType<typeof call>>;
      try {
        unreachable = await call('POST', '/deal', users[0]!.token, {});
      } finally {
        director!.server.child.kill('SIGCONT');
      }
      const waitedMs = Date.now() - pausedAt;
      expect([unreachable.status, unreachable.body.error.code]).toEqual([
        503,
        'tournament/director-unreachable',
      ]);
      expect(waitedMs).toBeLessThan(10_000);
      expect(await dealOf()).toBeNull();

      // Proposed through the other node; a second proposal is refused by the director, as data.
      const proposed = await call('POST', '/deal', users[1]!.token, {});
      expect(proposed.status).toBe(200);
      expect(proposed.body.deal.proposedBy).toBe(users[1]!.userId);
      const again = await call('POST', '/deal', users[2]!.token, {});
      expect([again.status, again.body.error.code]).toEqual([409, 'tournament/deal-pending']);
      let open: TournamentDealOut | null = null;
      const openDeadline = Date.now() + 20_000;
      while (open?.status !== 'open' && Date.now() < openDeadline) {
        open = await dealOf();
        if (open?.status !== 'open') await sleep(100);
      }
      expect(open?.status).toBe('open');
      expect(new Money(open!.dealt!).toFixed(2)).toBe('30.00');

      const byUser = new Map(users.map((user) => [user.userId, user]));
      let last: TournamentDealOut | undefined;
      for (const seat of open!.players) {
        const answered = await call('POST', '/deal/answer', byUser.get(seat.userId)!.token, {
          offerId: open!.offerId,
          answer: 'chip-chop',
        });
        expect(answered.status).toBe(200);
        last = answered.body.deal;
      }
      expect(last!.status).toBe('agreed');
      const twice = await call('POST', '/deal/answer', users[0]!.token, {
        offerId: open!.offerId,
        answer: 'chip-chop',
      });
      expect(twice.status).toBe(409);

      // Nothing left to play for: the tournament is over, the shares paid once each.
      let detail: TournamentDetailResponse | undefined;
      const endDeadline = Date.now() + 15_000;
      while (detail?.tournament.status !== 'finished' && Date.now() < endDeadline) {
        detail = (await callApi(other.url, 'GET', `/api/tournaments/${tournamentId}`, null)).body;
        if (detail?.tournament.status !== 'finished') await sleep(100);
      }
      expect(detail?.tournament.status).toBe('finished');
      const deals = await env.db.prisma.transfer.findMany({
        where: { tournamentId, kind: 'TOURNAMENT_DEAL' },
      });
      expect(deals).toHaveLength(3);
      expect(new Set(deals.map((deal) => String(deal.tournamentEntryId))).size).toBe(3);
      const dealt = deals.reduce((sum, deal) => sum.plus(deal.amount.toFixed()), new Money(0));
      expect(dealt.toFixed(2)).toBe('30.00');
      for (const seat of open!.players) {
        const wallet = await env.db.prisma.account.findUnique({ where: { userId: seat.userId } });
        expect(wallet!.balance.toFixed(2)).toBe(new Money('89').plus(seat.chipChop!).toFixed(2));
      }
      const pool = await env.db.prisma.account.findFirst({ where: { tournamentId } });
      expect(pool!.balance.toFixed()).toBe('0');
      await expectCleanAudit(env.db);

      // An admin's cancellation of a running tournament, asked of the other node, is forwarded too.
      const second = await callApi(env.cluster.node(0).url, 'POST', '/api/admin/tournaments', adminToken, {
        name: 'Cancelled on two nodes',
        kind: 'SNG',
        buyIn: '10.00',
        fee: '1.00',
        structure: SLOW_STRUCTURE,
        tableSize: 3,
        maxEntrants: 3,
      });
      const secondId = (second.body as TournamentResponse).tournament.id;
      for (const user of users)
        await callApi(env.cluster.node(0).url, 'POST', `/api/tournaments/${secondId}/register`, user.token, {
          requestId: randomUUID(),
        });
      let secondDirector: string | null = null;
      for (let i = 0; i < 200 && secondDirector === null; i++) {
        const holder = await redis.get(`${env.cluster.prefix}:lease:tournament:${secondId}`);
        secondDirector = holder === null ? null : String(holder);
        if (secondDirector === null) await sleep(50);
      }
      const elsewhere = env.cluster.live().find((node) => node.nodeId !== secondDirector)!;
      let status = '';
      for (let i = 0; i < 100 && status !== 'running'; i++) {
        status = (await callApi(elsewhere.url, 'GET', `/api/tournaments/${secondId}`, null)).body.tournament
          .status;
        if (status !== 'running') await sleep(100);
      }
      const cancelled = await callApi(
        elsewhere.url,
        'POST',
        `/api/admin/tournaments/${secondId}/cancel`,
        adminToken,
      );
      expect(cancelled.status).toBe(200);
      expect((cancelled.body as TournamentResponse).tournament.status).toBe('cancelled');
      const shares = await env.db.prisma.transfer.findMany({
        where: { tournamentId: secondId, kind: 'TOURNAMENT_CANCEL_SHARE' },
      });
      expect(shares.reduce((sum, share) => sum.plus(share.amount.toFixed()), new Money(0)).toFixed(2)).toBe(
        '30.00',
      );
      await expectCleanAudit(env.db);
    } finally {
      await redis.quit().catch(() => undefined);
    }
  }, 90_000);
});
