import type { BaseLogger } from 'pino';
import type { Config } from '../config.js';
import type { Database } from '../db/database.js';
import { type AccountSettings, findUserByUsername, registerUser } from './accounts.js';
import type { Role } from './roles.js';

export type BootstrapSettings = AccountSettings &
  Pick<
    Config,
    | 'BOOTSTRAP_ADMIN_USERNAME'
    | 'BOOTSTRAP_ADMIN_PASSWORD'
    | 'BOOTSTRAP_CASHIER_USERNAME'
    | 'BOOTSTRAP_CASHIER_PASSWORD'
  >;

export class BootstrapError extends Error {
  readonly code = 'users/bootstrap-failed';
}

export interface BootstrapOutcome {
  readonly username: string;
  readonly role: Role;
  readonly created: boolean;
}

/**
 * Creates the first admin and the first cashier from the settings BOOTSTRAP_ADMIN_USERNAME /
 * BOOTSTRAP_ADMIN_PASSWORD and BOOTSTRAP_CASHIER_USERNAME / BOOTSTRAP_CASHIER_PASSWORD, so a fresh
 * install has someone who can create tables and record deposits. It runs at every start but only
 * creates a user whose name does not exist yet: it never changes an existing user's password or
 * role (an existing name with another role is reported, not "fixed"). More staff accounts come
 * from `npm run user:create`.
 */
export async function ensureBootstrapUsers(
  database: Database,
  settings: BootstrapSettings,
  logger: BaseLogger,
): Promise<BootstrapOutcome[]> {
  const wanted: { username?: string; password?: string; role: Role }[] = [
    {
      username: settings.BOOTSTRAP_ADMIN_USERNAME,
      password: settings.BOOTSTRAP_ADMIN_PASSWORD,
      role: 'admin',
    },
    {
      username: settings.BOOTSTRAP_CASHIER_USERNAME,
      password: settings.BOOTSTRAP_CASHIER_PASSWORD,
      role: 'cashier',
    },
  ];
  const outcomes: BootstrapOutcome[] = [];
  for (const { username, password, role } of wanted) {
    if (username === undefined || password === undefined) continue;
    const existing = await findUserByUsername(database, username);
    if (existing) {
      if (existing.role !== role) {
        logger.warn(
          { username: existing.username, role: existing.role, wanted: role },
          'bootstrap user exists with another role; left unchanged',
        );
      }
      outcomes.push({ username: existing.username, role: existing.role, created: false });
      continue;
    }
    const created = await registerUser(database, settings, { username, password, role });
    if (!created.ok) {
      // Another instance starting at the same moment may have just created it: that is success.
      if (created.error.code === 'auth/username-taken') {
        outcomes.push({ username, role, created: false });
        continue;
      }
      throw new BootstrapError(`bootstrap ${role} "${username}": ${created.error.message}`);
    }
    logger.info({ username: created.value.username, role }, 'bootstrap user created');
    outcomes.push({ username: created.value.username, role, created: true });
  }
  return outcomes;
}
