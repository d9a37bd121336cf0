import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createSession,
  findActiveSession,
  findEndedSessions,
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

describe('findEndedSessions', () => {
  it('answers, of many sessions in one query, exactly those findActiveSession would refuse', async () => {
    const ann = await user('ann');
    const bob = await user('bob');
    const cid = await user('cid', 'DISABLED');
    const live = await createSession(db.database, ann, 3_600);
    const alsoLive = await createSession(db.database, bob, 3_600);
    const revoked = await createSession(db.database, bob, 3_600);
    await revokeSession(db.database, revoked.sessionId);
    const expired = await createSession(db.database, ann, 60, new Date(Date.now() - 3_600_000));
    const disabled = await createSession(db.database, cid, 3_600);
    const unknown = { token: 'A'.repeat(43), sessionId: randomUUID() };
    const sessions = [live, alsoLive, revoked, expired, disabled, unknown];

    const ended = await findEndedSessions(
      db.database,
      sessions.map((session) => session.sessionId),
    );
    expect(new Set(ended)).toEqual(
      new Set([revoked, expired, disabled, unknown].map((session) => session.sessionId)),
    );
    for (const session of sessions) {
      const answer = await findActiveSession(db.database, session.token);
      expect(answer.ok).toBe(!ended.includes(session.sessionId));
    }
    expect(await findEndedSessions(db.database, [])).toEqual([]);
  });

  it('judges expiry at the moment it is given', async () => {
    const dan = await user('dan');
    const session = await createSession(db.database, dan, 60);
    expect(await findEndedSessions(db.database, [session.sessionId])).toEqual([]);
    const later = new Date(Date.now() + 120_000);
    expect(await findEndedSessions(db.database, [session.sessionId], later)).toEqual([session.sessionId]);
  });
});
