import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createSession,
  findActiveSession,
  findActiveSessions,
  revokeSession,
} from '../../src/users/sessions.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';

let db: TestDatabase;

beforeAll(async () => {
  db = await createTestDatabase('users_sessions', 2);
});
afterAll(async () => {
  await db?.drop();
});

async function user(username: string, status: 'ACTIVE' | 'DISABLED' = 'ACTIVE'): Promise<string> {
  const row = await db.prisma.user.create({
    data: { username, passwordHash: 'x', status },
    select: { id: true },
  });
  return row.id;
}

describe('findActiveSessions', () => {
  it('answers many tokens in one query, each exactly as findActiveSession does', async () => {
    const ann = await user('ann');
    const bob = await user('bob');
    const cid = await user('cid', 'DISABLED');
    const live = await createSession(db.database, ann, 3_600);
    const alsoLive = await createSession(db.database, bob, 3_600);
    const revoked = await createSession(db.database, bob, 3_600);
    await revokeSession(db.database, revoked.sessionId);
    const expired = await createSession(db.database, ann, 60, new Date(Date.now() - 3_600_000));
    const disabled = await createSession(db.database, cid, 3_600);
    const unknown = 'A'.repeat(43);
    const malformed = 'not a token';
    const tokens = [
      live.token,
      alsoLive.token,
      revoked.token,
      expired.token,
      disabled.token,
      unknown,
      malformed,
    ];

    const found = await findActiveSessions(db.database, tokens);
    const outcome = (token: string) => {
      const answer = found.get(token)!;
      return answer.ok ? answer.value.user.username : answer.error.code;
    };
    expect(tokens.map(outcome)).toEqual([
      'ann',
      'bob',
      'auth/session-revoked',
      'auth/session-expired',
      'auth/account-disabled',
      'auth/invalid-session',
      'auth/invalid-session',
    ]);
    for (const token of tokens) expect(found.get(token)).toEqual(await findActiveSession(db.database, token));
    expect(await findActiveSessions(db.database, [])).toEqual(new Map());
  });
});
