import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authenticate, registerUser } from '../../src/users/accounts.js';
import { BootstrapError, ensureBootstrapUsers } from '../../src/users/bootstrap.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { testConfig } from '../support/http-app.js';

let db: TestDatabase;
const logger = pino({ level: 'silent' });

beforeAll(async () => {
  db = await createTestDatabase('users_bootstrap', 2);
});
afterAll(async () => {
  await db?.drop();
});

describe('ensureBootstrapUsers', () => {
  it('does nothing without bootstrap settings', async () => {
    await expect(ensureBootstrapUsers(db.database, testConfig(), logger)).resolves.toEqual([]);
  });

  it('creates the first admin and cashier once; later starts change nothing', async () => {
    const config = testConfig({
      BOOTSTRAP_ADMIN_USERNAME: 'Boss',
      BOOTSTRAP_ADMIN_PASSWORD: 'boss password 1',
      BOOTSTRAP_CASHIER_USERNAME: 'till',
      BOOTSTRAP_CASHIER_PASSWORD: 'till password 1',
    });
    expect(await ensureBootstrapUsers(db.database, config, logger)).toEqual([
      { username: 'boss', role: 'admin', created: true },
      { username: 'till', role: 'cashier', created: true },
    ]);
    const changed = testConfig({
      BOOTSTRAP_ADMIN_USERNAME: 'boss',
      BOOTSTRAP_ADMIN_PASSWORD: 'a different password',
    });
    expect(await ensureBootstrapUsers(db.database, changed, logger)).toEqual([
      { username: 'boss', role: 'admin', created: false },
    ]);
    // The password is still the first one: bootstrap never overwrites an account.
    const login = await authenticate(db.database, config, { username: 'boss', password: 'boss password 1' });
    expect(login.ok && login.value.role).toBe('admin');
  });

  it('leaves an existing user of another role alone', async () => {
    await registerUser(db.database, testConfig(), {
      username: 'already_player',
      password: 'player password',
    });
    const config = testConfig({
      BOOTSTRAP_CASHIER_USERNAME: 'already_player',
      BOOTSTRAP_CASHIER_PASSWORD: 'cashier password',
    });
    expect(await ensureBootstrapUsers(db.database, config, logger)).toEqual([
      { username: 'already_player', role: 'player', created: false },
    ]);
  });

  it('refuses to start with a bootstrap password that breaks the rules', async () => {
    const config = testConfig({ BOOTSTRAP_ADMIN_USERNAME: 'weak_admin', BOOTSTRAP_ADMIN_PASSWORD: 'short' });
    await expect(ensureBootstrapUsers(db.database, config, logger)).rejects.toBeInstanceOf(BootstrapError);
    expect(await db.prisma.user.count({ where: { username: 'weak_admin' } })).toBe(0);
  });
});
