import { randomBytes } from 'node:crypto';
import { pino } from 'pino';
import { io } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { sessionAuthenticator } from '../../src/realtime/session-auth.js';
import type { PokerClient } from '../support/poker-client.js';
import { startTableServer, type TableServer, UNTHROTTLED_GATEWAY } from '../support/table-server.js';

/**
 * What one client can cost the server is bounded: sockets per address and per user, handshakes
 * with a token per address (before any database lookup), one lobby computation for a crowd of
 * subscribers, and log lines per socket.
 */

describe('connections and handshakes', () => {
  let server: TableServer;
  let lookups = 0;

  beforeAll(async () => {
    server = await startTableServer('socket_limits_connections', {
      // Behind a trusted proxy: each test speaks from addresses of its own (X-Forwarded-For).
      config: {
        TRUST_PROXY: 'true',
        SOCKET_CONNECTIONS_PER_IP_MAX: '3',
        SOCKET_CONNECTIONS_PER_USER_MAX: '2',
        SOCKET_HANDSHAKE_BURST: '4',
        SOCKET_HANDSHAKES_PER_SECOND: '1',
      },
      authenticate: (token) => {
        lookups += 1;
        return sessionAuthenticator(server.db.database)(token);
      },
    });
  });

  const opened: { close(): void }[] = [];
  afterAll(async () => {
    for (const socket of opened) socket.close();
    await server?.close();
  });

  /** A handshake from `address`: 'connected' (the socket stays open), or the code it was refused with. */
  function handshake(address: string, token: string | null): Promise<string> {
    const socket = io(server.url, {
      transports: ['websocket'],
      reconnection: false,
      forceNew: true,
      extraHeaders: { 'x-forwarded-for': address },
      ...(token !== null && { auth: { token } }),
    });
    opened.push(socket);
    return new Promise((resolve) => {
      socket.once('connect', () => resolve('connected'));
      socket.once('connect_error', (error) => {
        const data = (error as Error & { data?: { code?: string } }).data;
        resolve(data?.code ?? error.message);
      });
    });
  }

  it('caps the sockets of one address, and frees a place when one closes', async () => {
    const results = [];
    for (let i = 0; i < 4; i++) results.push(await handshake('203.0.113.1', null));
    expect(results).toEqual(['connected', 'connected', 'connected', 'realtime/too-many-connections']);
    // Another address is not concerned.
    expect(await handshake('203.0.113.2', null)).toBe('connected');
    opened[0]!.close();
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(await handshake('203.0.113.1', null)).toBe('connected');
  });

  it('keeps what the handshake needs and lets the HTTP request of the connection go', async () => {
    const player = await server.player('released');
    expect(await handshake('198.51.100.9', player.token)).toBe('connected');
    const [socket] = [...server.service.io.of('/').sockets.values()].filter(
      (candidate) => candidate.data.userId === player.userId,
    );
    expect(socket?.conn.request).toBeNull();
    expect(socket?.handshake.headers['x-forwarded-for']).toBe('198.51.100.9');
  });

  it('caps the sockets of one user, from any address', async () => {
    const player = await server.player('capped');
    const results = [];
    for (const address of ['198.51.100.1', '198.51.100.2', '198.51.100.3'])
      results.push(await handshake(address, player.token));
    expect(results).toEqual(['connected', 'connected', 'realtime/too-many-connections']);
  });

  it('rate-limits handshakes with a token per address, before the token is looked up', async () => {
    const madeUp = () => randomBytes(32).toString('base64url');
    const before = lookups;
    const results = [];
    for (let i = 0; i < 6; i++) results.push(await handshake('192.0.2.7', madeUp()));
    expect(results).toEqual([
      ...Array<string>(4).fill('realtime/unauthenticated'),
      'realtime/rate-limited',
      'realtime/rate-limited',
    ]);
    expect(lookups - before).toBe(4);
    // Another address has its own allowance.
    expect(await handshake('192.0.2.8', madeUp())).toBe('realtime/unauthenticated');
  });
});

describe('one client, many events', () => {
  let server: TableServer;
  let tableId: string;
  const lines: Record<string, unknown>[] = [];
  const clients: PokerClient[] = [];

  beforeAll(async () => {
    const logger = pino(
      { level: 'info' },
      {
        write: (line: string) => {
          lines.push(JSON.parse(line) as Record<string, unknown>);
        },
      },
    );
    server = await startTableServer('socket_limits_events', {
      gateway: UNTHROTTLED_GATEWAY,
      config: { LOBBY_SNAPSHOT_INTERVAL_MS: '300' },
      logger,
    });
    tableId = await server.createTable({ name: 'Flood' });
  });

  afterAll(async () => {
    for (const client of clients) client.close();
    await server?.close();
  });

  it('answers a crowd of lobby subscribers with one or two computations of the lobby, not one each', async () => {
    const crowd = await Promise.all(Array.from({ length: 20 }, () => server.connect(null)));
    clients.push(...crowd);
    const summaries = vi.spyOn(server.service.registry, 'summaries');
    const answers = await Promise.all(crowd.map((client) => client.send('lobby:subscribe', {})));
    for (const answer of answers) {
      expect(
        answer.ok && (answer.data as { tables: { tableId: string }[] }).tables.map((t) => t.tableId),
      ).toEqual([tableId]);
    }
    // One read per interval at most: the crowd, arriving within a few milliseconds, shares the
    // first read or (those who came after it started) the second.
    expect(summaries.mock.calls.length).toBeGreaterThanOrEqual(1);
    expect(summaries.mock.calls.length).toBeLessThanOrEqual(2);
    summaries.mockRestore();
  });

  it('writes at most one log line per second for a flooding socket, with the count of the rest', async () => {
    // Seated with everything the wallet held: every top-up is refused by the ledger.
    const player = await server.player('flooder', '100');
    const client = await server.connect(player);
    clients.push(client);
    expect((await client.send('table:sit', { tableId, seat: 1, buyIn: '100' })).ok).toBe(true);
    const from = lines.length;
    const startedAtMs = Date.now();
    let refused = 0;
    while (Date.now() - startedAtMs < 2_500) {
      const [topUp, garbage] = await Promise.all([
        client.send('table:top-up', { tableId, amount: '1' }),
        client.send('table:sit-out', { tableId: 'not a table' }),
      ]);
      expect(topUp.ok || garbage.ok).toBe(false);
      refused += 2;
      // Below the unthrottled 1,000 events a second: a refusal that comes back in a millisecond
      // would otherwise reach the rate limit, whose refusals are strikes that end the socket.
      await new Promise((resolve) => setTimeout(resolve, 3));
    }
    const seconds = (Date.now() - startedAtMs) / 1_000;
    // The last count is written once the interval allows it, after the socket closed.
    client.close();
    await new Promise((resolve) => setTimeout(resolve, 1_200));
    const flood = lines.slice(from);
    expect(refused).toBeGreaterThan(40);
    expect(flood.length).toBeLessThanOrEqual(Math.ceil(seconds) + 1);
    const counted = flood.reduce((sum, line) => sum + 1 + (Number(line.suppressed) || 0), 0);
    expect(counted).toBeGreaterThanOrEqual(refused);
  });

  it('answers hostile strings in payloads and event names with a typed refusal', async () => {
    const player = await server.player('hostile');
    const client = await server.connect(player);
    clients.push(client);
    const table = (tableId: string) => ({ tableId });
    const cases: [string, unknown, string][] = [
      ['table:join', table(`${tableId.slice(0, -1)}\u0000`), 'realtime/invalid-payload'],
      ['table:join', table(`${tableId}\ud800`), 'realtime/invalid-payload'],
      ['table:join', table('x'.repeat(3_000)), 'realtime/invalid-payload'],
      ['table:join', table('y'.repeat(10_000)), 'realtime/payload-too-large'],
      ['table:top-up', { tableId, amount: '5\u0000' }, 'realtime/invalid-payload'],
      ['table:top-up', { tableId, amount: '5\udc00' }, 'realtime/invalid-payload'],
      ['table:top-up', { tableId, amount: '1'.repeat(40) }, 'realtime/invalid-payload'],
      ['table:act', { tableId, handNumber: 2 ** 53, turn: 0, kind: 'fold' }, 'realtime/invalid-payload'],
      ['table:act', { tableId, handNumber: 1, turn: 0, kind: 'fold\u0000' }, 'realtime/invalid-payload'],
      ['table:\u0000join\ud800\u001b[2J', table(tableId), 'realtime/unknown-event'],
    ];
    for (const [event, payload, code] of cases) {
      const ack = await client.send(event, payload);
      expect(ack.ok ? 'accepted' : ack.error.code, JSON.stringify([event, payload]).slice(0, 80)).toBe(code);
      // What the server repeats of it is plain text: no control character, no lone surrogate.
      if (!ack.ok) expect(ack.error.message).not.toMatch(/[\p{Cc}\p{Cs}]/u);
    }
  });
});
