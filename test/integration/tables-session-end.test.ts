import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLedger } from '../../src/ledger/audit.js';
import type { SystemError } from '../../src/protocol/notices.js';
import { createSession, hashToken } from '../../src/users/sessions.js';
import { bearer, moneySnapshot } from '../support/http-app.js';
import type { PokerClient } from '../support/poker-client.js';
import { startTableServer, type TablePlayer, type TableServer } from '../support/table-server.js';

/**
 * A session ends everywhere at once. Logout, revocation and expiry close every socket of that
 * session (each told why first), and a socket whose session ended without it hearing (the notice
 * was lost) is refused at its next event that needs the session: no event of a dead session is
 * accepted, and no chip moves.
 */

/** Sessions are looked up again after this long: short here, so the tests need not wait long. */
const RECHECK_MS = 300;

let server: TableServer;
let tableId: string;
let emptyTableId: string;
const clients: PokerClient[] = [];

beforeAll(async () => {
  server = await startTableServer('tables_session_end', {
    config: { SESSION_TTL_SECONDS: '2', SOCKET_SESSION_RECHECK_MS: String(RECHECK_MS) },
  });
  tableId = await server.createTable({ name: 'Sessions' });
  emptyTableId = await server.createTable({ name: 'Sessions, empty' });
  // Two players seated, never dealt (the manual clock stays put): the table is between hands.
  for (const [name, seat] of [
    ['alice', 1],
    ['bob', 2],
  ] as const) {
    const client = await connect(await server.player(name));
    expect((await client.send('table:sit', { tableId, seat, buyIn: '100' })).ok).toBe(true);
  }
});

afterAll(async () => {
  for (const client of clients) client.close();
  await server?.close();
});

async function connect(player: Pick<TablePlayer, 'token' | 'userId'>): Promise<PokerClient> {
  const client = await server.connect({ ...player, username: '' });
  clients.push(client);
  return client;
}

/** Resolves when the server closes the socket: how long it took, and the system:error it sent before. */
function closedByServer(client: PokerClient): Promise<{ atMs: number; notice: SystemError | undefined }> {
  return new Promise((resolve) => {
    client.socket.once('disconnect', (reason) => {
      expect(reason).toBe('io server disconnect');
      const notice = client.frames.findLast((frame) => frame.event === 'system:error')?.data as
        | SystemError
        | undefined;
      resolve({ atMs: Date.now(), notice });
    });
  });
}

/** Every event that acts or moves money, as a seated player would send it. */
function moneyEvents(): [string, unknown][] {
  return [
    ['table:sit', { tableId: emptyTableId, seat: 1, buyIn: '50' }],
    ['table:act', { tableId, handNumber: 1, turn: 0, kind: 'fold' }],
    ['table:top-up', { tableId, amount: '10' }],
    ['table:leave', { tableId }],
    ['table:sit-out', { tableId }],
    ['table:sit-in', { tableId }],
  ];
}

/** A seated player with sockets on one session; the money and the seat as they are afterwards. */
async function seatedPlayer(name: string, seat: number, sockets: number, token?: string) {
  const player = await server.player(name);
  const session = { userId: player.userId, token: token ?? player.token };
  const opened: PokerClient[] = [];
  for (let i = 0; i < sockets; i++) opened.push(await connect(session));
  const sat = await opened[0]!.send('table:sit', { tableId, seat, buyIn: '50' });
  expect(sat.ok).toBe(true);
  return { player, session, sockets: opened, money: await moneySnapshot(server) };
}

async function expectNothingMoved(money: string): Promise<void> {
  expect(await moneySnapshot(server)).toBe(money);
  expect((await auditLedger(server.db.database)).discrepancies).toEqual([]);
}

async function expectSeatKept(seat: number, userId: string): Promise<void> {
  const stored = await server.db.prisma.seat.findFirst({ where: { tableId, seatNo: seat } });
  expect(stored?.userId).toBe(userId);
  expect(stored?.stack.toFixed()).toBe('50');
}

describe('logout over HTTP', () => {
  it('closes every socket of the session at once, each told why, and nothing more gets through', async () => {
    const { player, session, sockets, money } = await seatedPlayer('ann', 3, 2);
    const closed = sockets.map(closedByServer);
    const startedAtMs = Date.now();
    const logout = await server.app.inject({
      method: 'POST',
      url: '/api/auth/logout',
      headers: bearer(session.token),
    });
    expect(logout.statusCode).toBe(200);
    for (const { atMs, notice } of await Promise.all(closed)) {
      expect(atMs - startedAtMs).toBeLessThan(1_000);
      expect(notice?.code).toBe('auth/session-revoked');
      expect(notice?.message).toMatch(/logged out/);
    }
    for (const [event, payload] of moneyEvents()) {
      await expect(sockets[0]!.send(event, payload, 300), event).rejects.toThrow();
    }
    await expect(connect(session)).rejects.toThrow('realtime/unauthenticated');
    await expectNothingMoved(money);
    // The seat is kept for the disconnect grace, as for any dropped player.
    await expectSeatKept(3, player.userId);
  });
});

describe('revocation of every session of a user (the call an admin force-logout or role change makes)', () => {
  it('closes the sockets of all their sessions and refuses the sessions from then on', async () => {
    const { player, session, sockets, money } = await seatedPlayer('cid', 4, 1);
    const second = await createSession(server.db.database, player.userId, 3600);
    const secondSocket = await connect({ userId: player.userId, token: second.token });
    const closed = [...sockets, secondSocket].map(closedByServer);
    const startedAtMs = Date.now();
    expect(await server.sessions.endUser(player.userId, 'revoked')).toBe(2);
    for (const { atMs, notice } of await Promise.all(closed)) {
      expect(atMs - startedAtMs).toBeLessThan(1_000);
      expect(notice?.code).toBe('auth/session-revoked');
      expect(notice?.message).toMatch(/administrator/);
    }
    for (const token of [session.token, second.token]) {
      await expect(connect({ userId: player.userId, token })).rejects.toThrow('realtime/unauthenticated');
      const me = await server.app.inject({ method: 'GET', url: '/api/me', headers: bearer(token) });
      expect(me.statusCode).toBe(401);
    }
    await expectNothingMoved(money);
    await expectSeatKept(4, player.userId);
  });
});

describe('a session that ended without its sockets hearing of it', () => {
  it('is looked up again within the recheck time: each event that acts or moves money is refused', async () => {
    const events = moneyEvents();
    const { player, session, sockets, money } = await seatedPlayer('dee', 5, events.length);
    // Revoked behind the sockets' back, as on a node that missed the notice.
    await server.db.prisma.session.update({
      where: { tokenHash: hashToken(session.token) },
      data: { revokedAt: new Date() },
    });
    await new Promise((resolve) => setTimeout(resolve, RECHECK_MS + 50));
    const closed = sockets.map(closedByServer);
    const acks = await Promise.all(
      events.map(([event, payload], index) => sockets[index]!.send(event, payload)),
    );
    expect(acks.map((ack) => (ack.ok ? 'accepted' : ack.error.code))).toEqual(
      events.map(() => 'auth/session-revoked'),
    );
    for (const { notice } of await Promise.all(closed)) expect(notice?.code).toBe('auth/session-revoked');
    await expectNothingMoved(money);
    await expectSeatKept(5, player.userId);
  });
});

describe('expiry', () => {
  it('closes the socket when the session expires, told why, and the session is refused after', async () => {
    const player = await server.player('eve');
    const login = await server.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: player.username, password: 'correct horse battery' },
    });
    expect(login.statusCode).toBe(200);
    const { token, expiresAt } = login.json().session as { token: string; expiresAt: string };
    const session = { userId: player.userId, token };
    const socket = await connect(session);
    const closed = closedByServer(socket);
    expect((await socket.send('table:sit', { tableId, seat: 6, buyIn: '50' })).ok).toBe(true);
    const money = await moneySnapshot(server);
    const { atMs, notice } = await closed;
    expect(notice?.code).toBe('auth/session-expired');
    expect(atMs).toBeGreaterThanOrEqual(Date.parse(expiresAt));
    expect(atMs - Date.parse(expiresAt)).toBeLessThan(1_000);
    for (const [event, payload] of moneyEvents()) {
      await expect(socket.send(event, payload, 300), event).rejects.toThrow();
    }
    await expect(connect(session)).rejects.toThrow('realtime/unauthenticated');
    await expectNothingMoved(money);
    await expectSeatKept(6, player.userId);
  });
});
