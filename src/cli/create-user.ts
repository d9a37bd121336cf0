import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { pino } from 'pino';
import { ConfigError, loadConfig } from '../config.js';
import { applyMigrations } from '../db/migrations/apply-migrations.js';
import { openOperatorDatabase } from '../db/operator-database.js';
import { registerUser } from '../users/accounts.js';
import { ROLES, type Role } from '../users/roles.js';

const USAGE = `usage: npm run user:create -- --username NAME (--password PASS | --password-stdin) [--role player|cashier|admin]

Creates a user in the server's database: DATABASE_URL, or else the embedded PostgreSQL in DATA_DIR
(the running server's, or started for the moment). --password-stdin reads the password from the
first line of standard input, which keeps it out of the shell history and the process list.`;

function fail(message: string, code = 2): never {
  console.error(message);
  process.exit(code);
}

async function main(): Promise<void> {
  let args: ReturnType<typeof parseOptions>;
  try {
    args = parseOptions();
  } catch (error) {
    fail(`${error instanceof Error ? error.message : String(error)}\n\n${USAGE}`);
  }
  if (args.help) fail(USAGE, 0);
  const { username, role } = args;
  if (!username) fail(`--username is required\n\n${USAGE}`);
  if (!ROLES.includes(role as Role)) fail(`--role must be one of ${ROLES.join(', ')}`);
  const password = args['password-stdin'] ? readFileSync(0, 'utf8').split(/\r?\n/)[0] : args.password;
  if (!password) fail(`--password or --password-stdin is required\n\n${USAGE}`);

  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) fail(error.message);
    throw error;
  }
  const operator = await openOperatorDatabase(config, 'holdem-user-create', pino({ level: 'warn' }));
  let exitCode = 0;
  try {
    await applyMigrations(operator.url);
    const created = await registerUser(operator.database(), config, {
      username,
      password,
      role: role as Role,
    });
    if (created.ok) {
      console.log(`created ${created.value.role} "${created.value.username}" (${created.value.id})`);
    } else {
      console.error(`${created.error.code}: ${created.error.message}`);
      exitCode = 1;
    }
  } finally {
    await operator.close();
  }
  // The migration engine may leave a timer behind; the work is done.
  process.exit(exitCode);
}

function parseOptions() {
  return parseArgs({
    options: {
      username: { type: 'string' },
      password: { type: 'string' },
      'password-stdin': { type: 'boolean', default: false },
      role: { type: 'string', default: 'player' },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
    allowPositionals: false,
  }).values;
}

main().catch((error: unknown) => {
  console.error('user:create failed:', error instanceof Error ? error.message : error);
  process.exit(1);
});
