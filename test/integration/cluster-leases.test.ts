import { randomBytes } from 'node:crypto';
import { pino } from 'pino';
import { createClient } from 'redis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ClusterBus } from '../../src/cluster/cluster-bus.js';
import { ClusterKeys } from '../../src/cluster/cluster-keys.js';
import { LeaseStore } from '../../src/cluster/lease-store.js';
import { NodeDirectory } from '../../src/cluster/node-directory.js';
import type { RedisClient } from '../../src/cluster/redis-connections.js';
import { ackOk } from '../../src/protocol/ack.js';
import { TEST_REDIS_URL } from '../support/redis-server.js';

/** The Redis side of ownership and routing, against a real Redis (each run under its own prefix). */

const keys = new ClusterKeys(`lt${randomBytes(4).toString('hex')}`);
const logger = pino({ level: 'silent' });
let redis: RedisClient;
let subscriberA: RedisClient;
let subscriberB: RedisClient;

beforeAll(async () => {
  redis = createClient({ url: TEST_REDIS_URL });
  subscriberA = redis.duplicate();
  subscriberB = redis.duplicate();
  await Promise.all([redis.connect(), subscriberA.connect(), subscriberB.connect()]);
});

afterAll(async () => {
  for (const client of [redis, subscriberA, subscriberB]) if (client?.isOpen) client.destroy();
});

const store = (node: string, ttlMs = 1_000) => new LeaseStore(redis, keys, node, ttlMs, 1_000);

describe('table leases', () => {
  it('has one holder at a time; only the holder renews or releases it', async () => {
    const a = store('node-a');
    const b = store('node-b');
    expect(await a.acquire('t1')).toBe(true);
    expect(await b.acquire('t1')).toBe(false);
    expect(await a.ownerOf('t1')).toBe('node-a');
    expect(await b.renew(['t1'])).toEqual([false]);
    expect(await b.release('t1')).toBe(false);
    expect(await a.renew(['t1', 't-unknown'])).toEqual([true, false]);
    expect(await a.release('t1')).toBe(true);
    expect(await a.ownerOf('t1')).toBeNull();
    expect(await b.acquire('t1')).toBe(true);
    expect(await b.owners(['t1', 't2'])).toEqual(['node-b', null]);
  });

  it('expires when not renewed, so another node can take the table', async () => {
    const a = store('node-a', 300);
    const b = store('node-b', 300);
    expect(await a.acquire('t3')).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 450));
    expect(await a.renew(['t3'])).toEqual([false]);
    expect(await b.acquire('t3')).toBe(true);
  });

  it('hands out increasing epochs only to the holder, never below the database floor', async () => {
    const a = store('node-a');
    expect(await a.acquire('t4')).toBe(true);
    expect(await a.nextEpoch('t4', 1n)).toBe(1n);
    expect(await a.nextEpoch('t4', 1n)).toBe(2n);
    // Redis lost its counter, the database knows epoch 41: the next is 42.
    await redis.del(keys.epoch('t4'));
    expect(await a.nextEpoch('t4', 42n)).toBe(42n);
    expect(await a.nextEpoch('t4', 1n)).toBe(43n);
    expect(await store('node-b').nextEpoch('t4', 1n)).toBeNull();
  });
});

describe('node directory', () => {
  it('lists live nodes, and drops one whose heartbeat expired or that left', async () => {
    const a = new NodeDirectory(redis, keys, 'node-a', 300, 1_000);
    const b = new NodeDirectory(redis, keys, 'node-b', 5_000, 1_000);
    await a.beat();
    expect((await b.beat()).sort()).toEqual(['node-a', 'node-b']);
    await new Promise((resolve) => setTimeout(resolve, 450));
    expect(await b.beat()).toEqual(['node-b']);
    await b.leave();
    expect(await a.beat()).toEqual(['node-a']);
  });
});

describe('the cluster bus', () => {
  it('carries a command to its owner and the ack back; says at once when nobody listens', async () => {
    const a = new ClusterBus(redis, subscriberA, keys, 'node-a', 1_000, logger);
    const b = new ClusterBus(redis, subscriberB, keys, 'node-b', 1_000, logger);
    await a.start();
    await b.start();
    const user = { userId: 'u1', username: 'ann' };
    b.onRequest = async (request) => (request.tableId === 'mine' ? ackOk({ seen: request.event }) : null);
    const command = { event: 'table:sync' as const, user, payload: { tableId: 'mine' } };
    expect(await a.request('node-b', { ...command, tableId: 'mine' }, Date.now() + 2_000)).toEqual({
      kind: 'answered',
      ack: { ok: true, data: { seen: 'table:sync' } },
    });
    expect(await a.request('node-b', { ...command, tableId: 'other' }, Date.now() + 2_000)).toEqual({
      kind: 'not-owner',
    });
    const startedAt = Date.now();
    expect(await a.request('node-gone', { ...command, tableId: 'mine' }, Date.now() + 2_000)).toEqual({
      kind: 'undelivered',
    });
    expect(Date.now() - startedAt).toBeLessThan(500);
    // An owner that hears but does not answer: the sender gives up at its deadline.
    b.onRequest = () => new Promise(() => {});
    const silentAt = Date.now();
    expect(await a.request('node-b', { ...command, tableId: 'mine' }, Date.now() + 400)).toEqual({
      kind: 'timeout',
    });
    expect(Date.now() - silentAt).toBeGreaterThanOrEqual(350);
    await a.stop();
    await b.stop();
  });
});
