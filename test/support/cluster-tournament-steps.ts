import { expect } from 'vitest';
import { Money } from '../../src/money/index.js';
import type { TournamentDetailResponse } from '../../src/protocol/http-tournaments.js';
import type { ClusterTestEnv } from './cluster-fixtures.js';
import type { ClusterNodeProcess } from './cluster-nodes.js';
import { callApi } from './tournament-steps.js';

/** Steps shared by the cluster tournament tests: who directs, hands on record, the end and its money. */

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Short levels that climb fast: all-in players finish within a few dozen hands. */
export const FAST_STRUCTURE = {
  name: 'two-second turbo',
  startingStack: 1_000,
  steps: [
    { kind: 'level', smallBlind: 25, bigBlind: 50, ante: 0, durationMs: 2_000 },
    { kind: 'level', smallBlind: 50, bigBlind: 100, ante: 100, durationMs: 2_000 },
    { kind: 'level', smallBlind: 100, bigBlind: 200, ante: 200, durationMs: 2_000 },
    { kind: 'level', smallBlind: 200, bigBlind: 400, ante: 400, durationMs: 2_000 },
    { kind: 'level', smallBlind: 500, bigBlind: 1_000, ante: 1_000, durationMs: 2_000 },
  ],
};

/** The hands of the tournament's tables on record, in the order they were written. */
export async function handsOf(env: ClusterTestEnv, tournamentId: string) {
  const tables = await env.db.prisma.pokerTable.findMany({ where: { tournamentId }, select: { id: true } });
  return env.db.prisma.hand.findMany({
    where: { tableId: { in: tables.map((table) => table.id) } },
    select: { id: true, tableId: true, number: true, status: true, ownerEpoch: true, createdAt: true },
    orderBy: { id: 'asc' },
  });
}

/** The node holding the tournament's director lease (other than `not`), once one does. */
export async function directorOf(
  env: ClusterTestEnv,
  tournamentId: string,
  not: string | null,
  timeoutMs: number,
): Promise<ClusterNodeProcess> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const holder = await env.cluster.leaseHolder(`tournament:${tournamentId}`);
    const node = env.cluster.live().find((candidate) => candidate.nodeId === holder);
    if (node && node.nodeId !== not) return node;
    await sleep(50);
  }
  throw new Error(`no node directs tournament ${tournamentId} within ${timeoutMs} ms`);
}

/** Waits until a hand is dealt after `sinceId` (the tournament deals again); answers when, in ms. */
export async function dealsAgain(
  env: ClusterTestEnv,
  tournamentId: string,
  sinceId: bigint,
  timeoutMs: number,
): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const hands = await handsOf(env, tournamentId);
    if (hands.some((hand) => hand.id > sinceId && hand.status !== 'VOIDED')) return Date.now();
    await sleep(50);
  }
  throw new Error(`tournament ${tournamentId} did not deal again within ${timeoutMs} ms`);
}

/** Polls a node's tournament page until the tournament is finished (bounded); answers the page. */
export async function finishedDetail(
  url: string,
  tournamentId: string,
  timeoutMs: number,
): Promise<TournamentDetailResponse | undefined> {
  const deadline = Date.now() + timeoutMs;
  let detail: TournamentDetailResponse | undefined;
  while (Date.now() < deadline) {
    detail = (await callApi(url, 'GET', `/api/tournaments/${tournamentId}`, null)).body;
    if (detail?.tournament.status === 'finished') break;
    await sleep(200);
  }
  return detail;
}

/**
 * The money of a finished tournament: its prizes add up to the pool, each entry's once; a fee per
 * entry; the pool account at zero. Answers the sum of the transfers of a kind, for more checks.
 */
export async function expectExactTournamentMoney(
  env: ClusterTestEnv,
  tournamentId: string,
  expected: { readonly prizes: string; readonly fees: string },
): Promise<void> {
  const transfers = await env.db.prisma.transfer.findMany({ where: { tournamentId } });
  const total = (kind: string) =>
    transfers
      .filter((transfer) => transfer.kind === kind)
      .reduce((sum, transfer) => sum.plus(transfer.amount.toFixed()), new Money(0));
  expect(total('TOURNAMENT_PRIZE').toFixed(2)).toBe(expected.prizes);
  expect(total('TOURNAMENT_FEE').toFixed(2)).toBe(expected.fees);
  const prizeKeys = transfers
    .filter((transfer) => transfer.kind === 'TOURNAMENT_PRIZE')
    .map((transfer) => String(transfer.tournamentEntryId));
  expect(new Set(prizeKeys).size).toBe(prizeKeys.length);
  const pool = await env.db.prisma.account.findFirst({ where: { tournamentId } });
  expect(pool!.balance.toFixed()).toBe('0');
}
