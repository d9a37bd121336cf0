import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyPassword } from '../../src/users/password-hash.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';

const PROJECT_DIR = fileURLToPath(new URL('../..', import.meta.url));

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase('users_cli', 2);
});
afterAll(async () => {
  await db?.drop();
});

function createUser(
  args: string[],
  stdin?: string,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/create-user.ts', ...args], {
      cwd: PROJECT_DIR,
      env: { PATH: process.env.PATH ?? '', DATABASE_URL: db.url, SCRYPT_COST_LOG2: '12' },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString('utf8');
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString('utf8');
    });
    child.stdin.end(stdin ?? '');
    child.once('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('npm run user:create', () => {
  it('creates a cashier with a hashed password', async () => {
    const result = await createUser([
      '--username',
      'Desk_One',
      '--password',
      'desk one password',
      '--role',
      'cashier',
    ]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/created cashier "desk_one"/);
    const user = await db.prisma.user.findUniqueOrThrow({ where: { username: 'desk_one' } });
    expect(user.role).toBe('CASHIER');
    const params = { costLog2: 12, blockSize: 8, parallelism: 1 };
    await expect(verifyPassword('desk one password', user.passwordHash, params)).resolves.toMatchObject({
      valid: true,
    });
    // The wallet trigger ran too.
    expect(await db.prisma.account.count({ where: { userId: user.id } })).toBe(1);
  });

  it('reads the password from stdin with --password-stdin', async () => {
    const result = await createUser(
      ['--username', 'root_admin', '--password-stdin', '--role', 'admin'],
      'admin pass from stdin\n',
    );
    expect(result.code).toBe(0);
    const user = await db.prisma.user.findUniqueOrThrow({ where: { username: 'root_admin' } });
    expect(user.role).toBe('ADMIN');
    const params = { costLog2: 12, blockSize: 8, parallelism: 1 };
    await expect(verifyPassword('admin pass from stdin', user.passwordHash, params)).resolves.toMatchObject({
      valid: true,
    });
  });

  it('refuses a taken name, a bad role and a short password, creating nobody', async () => {
    const before = await db.prisma.user.count();
    const taken = await createUser([
      '--username',
      'desk_one',
      '--password',
      'another password',
      '--role',
      'cashier',
    ]);
    expect(taken.code).toBe(1);
    expect(taken.stderr).toContain('auth/username-taken');
    const badRole = await createUser([
      '--username',
      'someone',
      '--password',
      'some password',
      '--role',
      'boss',
    ]);
    expect(badRole.code).toBe(2);
    const short = await createUser(['--username', 'someone', '--password', 'short', '--role', 'cashier']);
    expect(short.code).toBe(1);
    expect(short.stderr).toContain('auth/invalid-password');
    expect(await db.prisma.user.count()).toBe(before);
  });
});
