import { describe, expect, it } from 'vitest';
import { isLoopbackUrl, parseBotArgs } from '../../client/bots/cli-args.js';
import { seededRandom, stormedBots } from '../../client/bots/random.js';

const base = ['--url', 'http://127.0.0.1:3000'];
const fixedSeed = () => 12345;

function parse(args: string[], env: Record<string, string> = {}) {
  return parseBotArgs([...base, ...args], env, fixedSeed);
}

function options(args: string[], env: Record<string, string> = {}) {
  const result = parse(args, env);
  if (!result.ok) throw new Error(result.error);
  return result.options;
}

function error(args: string[], env: Record<string, string> = {}): string {
  const result = parse(args, env);
  if (result.ok) throw new Error('expected a usage error');
  return result.error;
}

describe('bots command line', () => {
  it('parses the full command of the brief', () => {
    const parsed = options([
      '--tables',
      '2',
      '--players-per-table',
      '3',
      '--hands',
      '5',
      '--think-ms',
      '0-5',
      '--strategy',
      'tight',
      '--variant',
      'PO',
      '--run-it-twice',
      '--json',
      '--report',
      'out.html',
      '--reconnect-storm',
      '0.25',
      '--duration-s',
      '90',
      '--cashier-user',
      'cash',
      '--admin-user',
      'boss',
      '--passwords-stdin',
      '--database-url',
      'postgresql://root@127.0.0.1:5432/x',
    ]);
    expect(parsed).toMatchObject({
      urls: ['http://127.0.0.1:3000'],
      tables: 2,
      playersPerTable: 3,
      hands: 5,
      thinkMinMs: 0,
      thinkMaxMs: 5,
      strategy: 'tight',
      variant: 'PO',
      runItTwice: true,
      json: true,
      reportPath: 'out.html',
      reconnectStorm: 0.25,
      durationS: 90,
      // Read from standard input when the run starts.
      cashier: { username: 'cash', password: null },
      admin: { username: 'boss', password: null },
      databaseUrl: 'postgresql://root@127.0.0.1:5432/x',
    });
  });

  it('has bounded defaults', () => {
    const parsed = options([]);
    expect(parsed).toMatchObject({
      tables: 1,
      playersPerTable: 6,
      hands: 10,
      thinkMinMs: 500,
      thinkMaxMs: 1500,
      strategy: 'random',
      variant: 'NT',
      runItTwice: false,
      json: false,
      reportPath: null,
      reconnectStorm: 0,
      durationS: 600,
      cashier: null,
      admin: null,
      databaseUrl: null,
      seed: 12345,
    });
    expect(parsed.namePrefix).toMatch(/^b[a-z0-9]{1,5}$/);
  });

  it('takes the bootstrap accounts from the environment when no flags are given', () => {
    const env = {
      BOOTSTRAP_CASHIER_USERNAME: 'cashier',
      BOOTSTRAP_CASHIER_PASSWORD: 'cashier-password',
      BOOTSTRAP_ADMIN_USERNAME: 'admin',
      BOOTSTRAP_ADMIN_PASSWORD: 'admin-password',
    };
    const parsed = options([], env);
    expect(parsed.cashier).toEqual({ username: 'cashier', password: 'cashier-password' });
    expect(parsed.admin).toEqual({ username: 'admin', password: 'admin-password' });
    // Flags win over the environment for the name; BOTS_*_PASSWORD over BOOTSTRAP_*_PASSWORD.
    expect(options(['--admin-user', 'other'], { ...env, BOTS_ADMIN_PASSWORD: 'bots-pw' }).admin).toEqual({
      username: 'other',
      password: 'bots-pw',
    });
  });

  it('never takes a password from the command line, and says where to put it', () => {
    for (const kind of ['cashier', 'admin']) {
      const parsed = parseBotArgs(['--url', 'http://127.0.0.1:3000', `--${kind}-password`, 'visible-in-ps']);
      expect(parsed.ok).toBe(false);
      if (!parsed.ok) expect(parsed.error).toContain(`BOTS_${kind.toUpperCase()}_PASSWORD`);
    }
    const missing = parseBotArgs(['--url', 'http://127.0.0.1:3000', '--cashier-user', 'cash'], {});
    expect(missing.ok).toBe(false);
    if (!missing.ok) expect(missing.error).toMatch(/no password for the cashier "cash".*--passwords-stdin/);
  });

  it('accepts a single think time', () => {
    expect(options(['--think-ms', '250'])).toMatchObject({ thinkMinMs: 250, thinkMaxMs: 250 });
  });

  it.each([
    [['--think-ms', '5-1'], /exceeds MAX/],
    [['--think-ms', 'fast'], /MIN-MAX/],
    [['--think-ms', '0-600000'], /at most/],
    [['--tables', '0'], /between 1 and/],
    [['--tables', '1.5'], /whole number/],
    [['--tables', '999999'], /between 1 and 5000/],
    [['--players-per-table', '1'], /between 2 and 10/],
    [['--players-per-table', '11'], /between 2 and 10/],
    [['--hands=-3'], /whole number/],
    [['--strategy', 'maniac'], /one of random, tight, calling/],
    [['--variant', 'NLHE'], /NT or PO/],
    [['--reconnect-storm', '1.5'], /fraction/],
    [['--reconnect-storm=-0.1'], /fraction/],
    [['--duration-s', '1'], /between 5 and/],
    [['--report', 'out.txt'], /\.html/],
    [['--database-url', 'mysql://x'], /postgresql/],
    [['--cashier-user', 'only-name'], /no password for the cashier/],
    [['--name-prefix', 'Bad-Prefix'], /name-prefix/],
    [['--bogus'], /bogus/],
    [['extra'], /unexpected argument/],
  ])('refuses %j', (args, message) => {
    expect(error(args as string[])).toMatch(message);
  });

  it('requires a URL, and only on this machine', () => {
    expect(parseBotArgs([], {}, fixedSeed)).toEqual({
      ok: false,
      error: expect.stringMatching(/--url is required/),
    });
    expect(error(['--url', 'http://example.com:3000'])).toMatch(/this machine/);
    expect(error(['--url', 'ftp://127.0.0.1'])).toMatch(/http/);
    expect(error(['--url', 'not a url'])).toMatch(/not a URL/);
    expect(options(['--url', 'http://localhost:4000/ignored/path']).urls).toEqual(['http://localhost:4000']);
  });

  it('takes the nodes of a cluster as a comma-separated list', () => {
    expect(options(['--url', 'http://127.0.0.1:3000, http://127.0.0.1:3001/x']).urls).toEqual([
      'http://127.0.0.1:3000',
      'http://127.0.0.1:3001',
    ]);
    expect(error(['--url', 'http://127.0.0.1:3000,http://example.com'])).toMatch(/this machine/);
    expect(error(['--url', 'http://127.0.0.1:3000,'])).toMatch(/not a URL/);
    expect(error(['--url', 'http://127.0.0.1:3000,http://127.0.0.1:3000/'])).toMatch(/twice/);
    const seventeen = Array.from({ length: 17 }, (_, i) => `http://127.0.0.1:${3000 + i}`).join(',');
    expect(error(['--url', seventeen])).toMatch(/at most 16/);
  });

  it('recognizes loopback hosts only', () => {
    expect(isLoopbackUrl(new URL('http://127.0.0.1:1'))).toBe(true);
    expect(isLoopbackUrl(new URL('http://127.3.4.5'))).toBe(true);
    expect(isLoopbackUrl(new URL('http://[::1]:3000'))).toBe(true);
    expect(isLoopbackUrl(new URL('http://localhost'))).toBe(true);
    expect(isLoopbackUrl(new URL('http://10.0.0.1'))).toBe(false);
    expect(isLoopbackUrl(new URL('http://127.0.0.1.example.com'))).toBe(false);
  });
});

describe('the reconnect storm', () => {
  it('drops exactly that fraction of the bots, chosen by the seed', () => {
    for (const [count, fraction, expected] of [
      [60, 0.25, 15],
      [6, 0.5, 3],
      [7, 0.1, 1],
      [10, 1, 10],
      [10, 0, 0],
    ] as const) {
      const dropped = stormedBots(count, fraction, seededRandom(3));
      expect(dropped.size).toBe(expected);
      expect([...dropped].every((index) => index >= 0 && index < count)).toBe(true);
    }
    expect([...stormedBots(60, 0.25, seededRandom(3))]).toEqual([...stormedBots(60, 0.25, seededRandom(3))]);
  });
});
