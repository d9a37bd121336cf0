import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TableChat } from '../../src/protocol/events.js';
import { TableChatSchema } from '../../src/protocol/server-message-schemas.js';
import { PokerClient } from '../support/poker-client.js';
import { startTableServer, type TableServer } from '../support/table-server.js';

/**
 * Table chat: only watchers of the table receive a line, as sent (text, never markup); bad input
 * gets the typed refusals of every event; the limits are settings; the game and money are untouched.
 */

let server: TableServer;
let tableId: string;
let otherTableId: string;
let alice: PokerClient;
let bob: PokerClient;
let elsewhere: PokerClient;
let anonymous: PokerClient;

const chatsOf = (client: PokerClient) =>
  client.frames.filter((frame) => frame.event === 'table:chat').map((frame) => frame.data as TableChat);

beforeAll(async () => {
  server = await startTableServer('tables_chat', {
    gateway: { chatMaxChars: 60, chatBurst: 3, chatPerMinute: 1 },
  });
  tableId = await server.createTable({ name: 'Chatty' });
  otherTableId = await server.createTable({ name: 'Quiet' });
  const [a, b, c] = await Promise.all(['alice', 'bob', 'carol'].map((name) => server.player(name)));
  [alice, bob, elsewhere] = await Promise.all([a!, b!, c!].map((person) => server.connect(person)));
  anonymous = await PokerClient.connect(server.url, null);
  expect((await alice.send('table:join', { tableId })).ok).toBe(true);
  expect((await bob.send('table:join', { tableId })).ok).toBe(true);
  expect((await elsewhere.send('table:join', { tableId: otherTableId })).ok).toBe(true);
});

afterAll(async () => {
  for (const client of [alice, bob, elsewhere, anonymous]) client?.close();
  await server?.close();
});

describe('table chat', () => {
  it('reaches every watcher of the table, the sender too, and nobody else', async () => {
    const hostile = '<img src=x onerror="alert(1)"> & </script>';
    expect(await alice.send('chat:send', { tableId, text: `  ${hostile} ` })).toEqual({
      ok: true,
      data: null,
    });
    await bob.waitFor(() => chatsOf(bob).length === 1);
    await alice.waitFor(() => chatsOf(alice).length === 1);
    const line = chatsOf(bob)[0]!;
    expect(TableChatSchema.parse(line)).toEqual(line);
    expect(line).toMatchObject({ tableId, userId: alice.userId, text: hostile });
    expect(line.username).toMatch(/^alice/);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(chatsOf(elsewhere)).toEqual([]);
    expect(chatsOf(anonymous)).toEqual([]);
  });

  it('refuses with typed errors: not watching, too long, empty, control characters, no session', async () => {
    const cases: [PokerClient, unknown, string][] = [
      [elsewhere, { tableId, text: 'hi' }, 'chat/not-watching'],
      [bob, { tableId, text: 'x'.repeat(61) }, 'chat/too-long'],
      [bob, { tableId, text: 'x'.repeat(501) }, 'realtime/invalid-payload'],
      [bob, { tableId, text: '   ' }, 'realtime/invalid-payload'],
      [bob, { tableId, text: 'two\nlines' }, 'realtime/invalid-payload'],
      [bob, { tableId, text: 'nul\u0000' }, 'realtime/invalid-payload'],
      [bob, { tableId, text: 'hi', extra: 1 }, 'realtime/invalid-payload'],
      [bob, { tableId: 'not-a-uuid', text: 'hi' }, 'realtime/invalid-payload'],
      [anonymous, { tableId, text: 'hi' }, 'realtime/unauthenticated'],
    ];
    for (const [client, payload, code] of cases) {
      const ack = await client.send('chat:send', payload);
      expect({ payload, code: ack.ok ? 'ok' : ack.error.code }).toEqual({ payload, code });
    }
  });

  it('limits each user to a burst, then a rate per minute', async () => {
    // Bob's bucket holds three lines; the fourth is refused.
    const codes: string[] = [];
    for (let i = 0; i < 4; i++) {
      const ack = await bob.send('chat:send', { tableId, text: `line ${i}` });
      codes.push(ack.ok ? 'ok' : ack.error.code);
    }
    expect(codes).toEqual(['ok', 'ok', 'ok', 'chat/rate-limited']);
  });

  it('changes nothing at the table: no table:update is sent for a chat line', async () => {
    const updatesBefore = bob.frames.filter((frame) => frame.event === 'table:update').length;
    expect((await alice.send('chat:send', { tableId, text: 'gl' })).ok).toBe(true);
    await bob.waitFor(() => chatsOf(bob).some((line) => line.text === 'gl'));
    expect(bob.frames.filter((frame) => frame.event === 'table:update').length).toBe(updatesBefore);
  });
});
