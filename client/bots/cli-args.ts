import { parseArgs } from 'node:util';
import { STRATEGY_NAMES, type StrategyName } from './strategies.js';

/**
 * The command line of `npm run bots`. Every number has a hard upper bound: a load test that can be
 * asked for unbounded work is a denial-of-service tool, and these bots only ever target this
 * machine (loopback addresses only).
 */

export interface Credentials {
  readonly username: string;
  readonly password: string;
}

/** An account whose password is still to be read from standard input (--passwords-stdin). */
export interface AccountRef {
  readonly username: string;
  /** From the environment; null: the next line of standard input. */
  readonly password: string | null;
}

export const TOURNAMENT_STRUCTURES = ['turbo', 'regular', 'deep', 'custom-fast'] as const;
export type TournamentStructureName = (typeof TOURNAMENT_STRUCTURES)[number];

/** A tournament run: the bots enter one tournament and play it to the end (instead of cash tables). */
export interface TournamentOptions {
  /** An existing tournament to enter; null when the run creates it. */
  readonly id: string | null;
  /** The kind of tournament the run creates (through the admin API); null for an existing one. */
  readonly create: 'SNG' | 'MTT' | null;
  /** Bots that enter (and, for a tournament the run creates, its maximum of entrants). */
  readonly entrants: number;
  /** The structure of a tournament the run creates: a preset, or custom-fast (levels of levelS). */
  readonly structure: TournamentStructureName;
  readonly levelS: number;
  readonly buyIn: string;
  readonly fee: string;
  readonly guarantee: string;
  /** MTT the run creates: it starts this long after its creation. */
  readonly startInS: number;
}

export interface BotOptions {
  /**
   * The servers: one, or the nodes of a cluster. Bot number i connects its socket to
   * urls[i % urls.length] and makes its HTTP calls there too.
   */
  readonly urls: readonly string[];
  readonly tables: number;
  readonly playersPerTable: number;
  /** Hands each table plays before its bots leave. */
  readonly hands: number;
  readonly thinkMinMs: number;
  readonly thinkMaxMs: number;
  readonly strategy: StrategyName;
  /** The game of the tables the bots create (or look for): NT Hold'em or PO Omaha. */
  readonly variant: 'NT' | 'PO';
  /** Whether the tables they create let players all in run the board twice. */
  readonly runItTwice: boolean;
  readonly json: boolean;
  readonly reportPath: string | null;
  /** Fraction of the bots dropped and reconnected once during the run (0 = no storm). */
  readonly reconnectStorm: number;
  /** Hard limit on the whole run, set-up and cash-out included. */
  readonly durationS: number;
  readonly cashier: AccountRef | null;
  readonly admin: AccountRef | null;
  readonly databaseUrl: string | null;
  /** Requests and socket handshakes in flight at once while the bots get ready. */
  readonly setupConcurrency: number;
  /** Connection attempts per (re)connection before a bot gives up. */
  readonly connectAttempts: number;
  /** Seed of the bots' random choices (strategies, think times, storm), for repeatable runs. */
  readonly seed: number;
  /** Prefix of the bots' usernames; unique per run by default. */
  readonly namePrefix: string;
  /** Shows the progress bar even when stderr is not a terminal (never for --json runs to a pipe). */
  readonly progress: boolean;
  /**
   * With --json: every this many seconds, a JSON line with that interval's figures and histograms
   * on stdout, and one line when the bots are ready (0 = off). For benchmarks that drive several
   * bot processes and merge them.
   */
  readonly statsIntervalS: number;
  /** Play a tournament instead of cash tables (--tournament or --create-tournament). */
  readonly tournament: TournamentOptions | null;
}

export const LIMITS = {
  urls: 16,
  tables: 5_000,
  playersPerTable: 10,
  hands: 100_000,
  thinkMs: 60_000,
  durationS: 24 * 3600,
  setupConcurrency: 512,
  connectAttempts: 20,
  entrants: 10_000,
  levelS: 3_600,
  startInS: 3_600,
} as const;

export const USAGE = `usage: npm run bots -- --url http://127.0.0.1:3000[,http://127.0.0.1:3001,...] [options]
  --url URL[,URL...]         the server, or the nodes of a cluster (at most ${LIMITS.urls}): bot i plays
                             through URL number i mod n; /metrics is read from every one
  --tables N                 tables to play at (default 1, max ${LIMITS.tables})
  --players-per-table K      bots per table, 2..${LIMITS.playersPerTable} (default 6)
  --hands H                  hands each table plays before its bots leave (default 10)
  --think-ms MIN-MAX         think time before each action, ms (default 500-1500)
  --strategy NAME            ${STRATEGY_NAMES.join(' | ')} (default random)
  --variant NT|PO            the game: No-Limit Hold'em or Pot-Limit Omaha (default NT)
  --run-it-twice             the tables created let players all in run the board twice
  --duration-s S             hard limit on the whole run, seconds (default 600)
  --reconnect-storm F        drop and reconnect this fraction of the bots once, 0..1 (default 0)
  --json                     print the report as JSON on the last line of stdout
  --report FILE.html         write a self-contained HTML report with charts
  --cashier-user U           cashier account that funds the bots (default: BOOTSTRAP_CASHIER_USERNAME)
  --admin-user U             admin account that creates (and closes) the tables and registers the bots
                             (default: BOOTSTRAP_ADMIN_USERNAME; without one, open empty tables are used)
                             Passwords never go on the command line (ps and npm show it): they come from
                             BOTS_CASHIER_PASSWORD / BOTS_ADMIN_PASSWORD (or BOOTSTRAP_*_PASSWORD), or
  --passwords-stdin          from standard input, one line each: the cashier's, then the admin's
  --database-url URL         run \`npm run audit\` against this database at the end
  --setup-concurrency C      requests in flight while the bots get ready (default 32)
  --connect-attempts A       attempts per (re)connection (default 5)
  --seed N                   seed of the random choices (default: random)
  --name-prefix P            prefix of the bots' usernames (default: random per run)
  --progress                 show the progress bar even when stderr is not a terminal
  --stats-interval-s N       with --json: a JSON line of figures every N s, and one when ready (default 0: off)
 Tournaments (instead of cash tables; --tables, --hands and --reconnect-storm do not apply):
  --tournament ID            the bots enter this tournament (still registering) and play it to the end
  --create-tournament sng|mtt  or the run creates one first (admin account needed): an SNG starts when
                             full, an MTT at --start-in-s; tables of --players-per-table seats
  --entrants N               bots that enter (and the created tournament's maximum), 2..${LIMITS.entrants} (default 6)
  --structure NAME           ${TOURNAMENT_STRUCTURES.join(' | ')} (default custom-fast: levels of --level-s)
  --level-s S                custom-fast: seconds per level, 1..${LIMITS.levelS} (default 5)
  --buy-in A / --fee A       the created tournament's buy-in and fee (default 10 and 1)
  --guarantee A              the created tournament's guaranteed prize pool (default 0)
  --start-in-s S             the created MTT starts S seconds after its creation (default 30)
  Ctrl-C (SIGINT): the bots leave their tables, cash out and report.`;

export type ParseResult =
  | { readonly ok: true; readonly options: BotOptions }
  | { readonly ok: false; readonly error: string };

function integerIn(
  name: string,
  text: string | undefined,
  fallback: number,
  min: number,
  max: number,
): number {
  if (text === undefined) return fallback;
  if (!/^\d+$/.test(text)) throw new Error(`--${name} must be a whole number, got "${text}"`);
  const value = Number(text);
  if (value < min || value > max)
    throw new Error(`--${name} must be between ${min} and ${max}, got ${value}`);
  return value;
}

function parseThink(text: string | undefined): { min: number; max: number } {
  if (text === undefined) return { min: 500, max: 1500 };
  const match = /^(\d+)(?:-(\d+))?$/.exec(text);
  if (!match) throw new Error(`--think-ms must be MIN-MAX in milliseconds (e.g. 1000-3000), got "${text}"`);
  const min = Number(match[1]);
  const max = match[2] === undefined ? min : Number(match[2]);
  if (min > max) throw new Error(`--think-ms: MIN (${min}) exceeds MAX (${max})`);
  if (max > LIMITS.thinkMs) throw new Error(`--think-ms: at most ${LIMITS.thinkMs} ms`);
  return { min, max };
}

function parseFraction(text: string | undefined): number {
  if (text === undefined) return 0;
  if (!/^(0|1|0?\.\d+|1\.0+)$/.test(text))
    throw new Error(`--reconnect-storm must be a fraction 0..1, got "${text}"`);
  return Number(text);
}

const LOOPBACK_HOSTS = new Set(['localhost', '[::1]', '::1']);

/** Load stays on this machine: only loopback addresses are accepted. */
export function isLoopbackUrl(url: URL): boolean {
  return LOOPBACK_HOSTS.has(url.hostname) || /^127(\.\d{1,3}){3}$/.test(url.hostname);
}

function parseUrl(text: string): string {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new Error(`--url is not a URL: "${text}"`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new Error('--url must be http:// or https://');
  if (!isLoopbackUrl(url))
    throw new Error(`--url must point to this machine (127.0.0.1, localhost, ::1), got ${url.hostname}`);
  return url.origin;
}

/** One URL, or a comma-separated list of the nodes of a cluster (each once). */
function parseUrls(text: string | undefined): string[] {
  if (text === undefined) throw new Error('--url is required (e.g. --url http://127.0.0.1:3000)');
  const urls = text.split(',').map((part) => parseUrl(part.trim()));
  if (urls.length > LIMITS.urls) throw new Error(`--url: at most ${LIMITS.urls} servers, got ${urls.length}`);
  const duplicate = urls.find((url, index) => urls.indexOf(url) !== index);
  if (duplicate !== undefined) throw new Error(`--url lists ${duplicate} twice`);
  return urls;
}

/**
 * An account of the run: its name from --KIND-user or BOOTSTRAP_KIND_USERNAME; its password from
 * BOTS_KIND_PASSWORD or BOOTSTRAP_KIND_PASSWORD, or else standard input (--passwords-stdin).
 */
function account(
  kind: 'cashier' | 'admin',
  username: string | undefined,
  env: Readonly<Record<string, string | undefined>>,
  passwordsStdin: boolean,
): AccountRef | null {
  const KIND = kind.toUpperCase();
  const name = username ?? env[`BOOTSTRAP_${KIND}_USERNAME`];
  if (!name) return null;
  const password = env[`BOTS_${KIND}_PASSWORD`] || env[`BOOTSTRAP_${KIND}_PASSWORD`] || null;
  if (password === null && !passwordsStdin) {
    throw new Error(
      `no password for the ${kind} "${name}": set BOTS_${KIND}_PASSWORD in the environment, or use --passwords-stdin`,
    );
  }
  return { username: name, password };
}

function parseStrategy(text: string | undefined): StrategyName {
  const name = text ?? 'random';
  if (!(STRATEGY_NAMES as readonly string[]).includes(name)) {
    throw new Error(`--strategy must be one of ${STRATEGY_NAMES.join(', ')}, got "${name}"`);
  }
  return name as StrategyName;
}

const AMOUNT = /^\d{1,9}(\.\d{1,2})?$/;

function parseAmount(name: string, text: string | undefined, fallback: string): string {
  const value = text ?? fallback;
  if (!AMOUNT.test(value)) throw new Error(`--${name} must be an amount like 10 or 2.50, got "${value}"`);
  return value;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function parseTournament(values: {
  tournament?: string | undefined;
  'create-tournament'?: string | undefined;
  entrants?: string | undefined;
  structure?: string | undefined;
  'level-s'?: string | undefined;
  'buy-in'?: string | undefined;
  fee?: string | undefined;
  guarantee?: string | undefined;
  'start-in-s'?: string | undefined;
}): TournamentOptions | null {
  const id = values.tournament ?? null;
  const kind = values['create-tournament'];
  if (id === null && kind === undefined) {
    for (const name of [
      'entrants',
      'structure',
      'level-s',
      'buy-in',
      'fee',
      'guarantee',
      'start-in-s',
    ] as const) {
      if (values[name] !== undefined) throw new Error(`--${name} needs --tournament or --create-tournament`);
    }
    return null;
  }
  if (id !== null && kind !== undefined)
    throw new Error('--tournament and --create-tournament exclude each other');
  if (id !== null && !UUID.test(id))
    throw new Error(`--tournament must be a tournament id (a UUID), got "${id}"`);
  if (kind !== undefined && kind !== 'sng' && kind !== 'mtt')
    throw new Error(`--create-tournament must be sng or mtt, got "${kind}"`);
  const structure = values.structure ?? 'custom-fast';
  if (!(TOURNAMENT_STRUCTURES as readonly string[]).includes(structure))
    throw new Error(`--structure must be one of ${TOURNAMENT_STRUCTURES.join(', ')}, got "${structure}"`);
  return {
    id,
    create: kind === undefined ? null : kind === 'sng' ? 'SNG' : 'MTT',
    entrants: integerIn('entrants', values.entrants, 6, 2, LIMITS.entrants),
    structure: structure as TournamentStructureName,
    levelS: integerIn('level-s', values['level-s'], 5, 1, LIMITS.levelS),
    buyIn: parseAmount('buy-in', values['buy-in'], '10'),
    fee: parseAmount('fee', values.fee, '1'),
    guarantee: parseAmount('guarantee', values.guarantee, '0'),
    startInS: integerIn('start-in-s', values['start-in-s'], 30, 1, LIMITS.startInS),
  };
}

function parseVariant(text: string | undefined): 'NT' | 'PO' {
  const variant = text ?? 'NT';
  if (variant !== 'NT' && variant !== 'PO') throw new Error(`--variant must be NT or PO, got "${variant}"`);
  return variant;
}

/** Parses the arguments after `npm run bots --`. Never throws: usage errors come back as values. */
export function parseBotArgs(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>> = {},
  randomSeed: () => number = () => Math.floor(Math.random() * 2 ** 31),
): ParseResult {
  try {
    const { values, positionals } = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: {
        url: { type: 'string' },
        tables: { type: 'string' },
        'players-per-table': { type: 'string' },
        hands: { type: 'string' },
        'think-ms': { type: 'string' },
        strategy: { type: 'string' },
        variant: { type: 'string' },
        'run-it-twice': { type: 'boolean', default: false },
        json: { type: 'boolean', default: false },
        report: { type: 'string' },
        'reconnect-storm': { type: 'string' },
        'duration-s': { type: 'string' },
        'cashier-user': { type: 'string' },
        'cashier-password': { type: 'string' },
        'admin-user': { type: 'string' },
        'admin-password': { type: 'string' },
        'passwords-stdin': { type: 'boolean', default: false },
        'database-url': { type: 'string' },
        'setup-concurrency': { type: 'string' },
        'connect-attempts': { type: 'string' },
        seed: { type: 'string' },
        'name-prefix': { type: 'string' },
        progress: { type: 'boolean', default: false },
        'stats-interval-s': { type: 'string' },
        tournament: { type: 'string' },
        'create-tournament': { type: 'string' },
        entrants: { type: 'string' },
        structure: { type: 'string' },
        'level-s': { type: 'string' },
        'buy-in': { type: 'string' },
        fee: { type: 'string' },
        guarantee: { type: 'string' },
        'start-in-s': { type: 'string' },
      },
    });
    if (positionals.length > 0) throw new Error(`unexpected argument "${positionals[0]}"`);
    for (const kind of ['cashier', 'admin'] as const) {
      if (values[`${kind}-password`] !== undefined) {
        throw new Error(
          `--${kind}-password is not taken: a password on the command line is visible to every user (ps, npm's echo); ` +
            `set BOTS_${kind.toUpperCase()}_PASSWORD in the environment, or use --passwords-stdin`,
        );
      }
    }
    const think = parseThink(values['think-ms']);
    const namePrefix = values['name-prefix'] ?? `b${randomSeed().toString(36).slice(0, 5)}`;
    if (!/^[a-z][a-z0-9]{0,9}$/.test(namePrefix)) {
      throw new Error('--name-prefix: 1 to 10 lower-case letters and digits, starting with a letter');
    }
    const report = values.report;
    if (report !== undefined && !report.endsWith('.html'))
      throw new Error('--report must name an .html file');
    const statsIntervalS = integerIn('stats-interval-s', values['stats-interval-s'], 0, 0, 3_600);
    if (statsIntervalS > 0 && !values.json)
      throw new Error('--stats-interval-s needs --json (its lines go to stdout)');
    const databaseUrl = values['database-url'] ?? null;
    if (databaseUrl !== null && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
      throw new Error('--database-url must be a postgresql:// URL');
    }
    return {
      ok: true,
      options: {
        urls: parseUrls(values.url),
        tables: integerIn('tables', values.tables, 1, 1, LIMITS.tables),
        playersPerTable: integerIn(
          'players-per-table',
          values['players-per-table'],
          6,
          2,
          LIMITS.playersPerTable,
        ),
        hands: integerIn('hands', values.hands, 10, 1, LIMITS.hands),
        thinkMinMs: think.min,
        thinkMaxMs: think.max,
        strategy: parseStrategy(values.strategy),
        variant: parseVariant(values.variant),
        runItTwice: values['run-it-twice'],
        json: values.json,
        reportPath: report ?? null,
        reconnectStorm: parseFraction(values['reconnect-storm']),
        durationS: integerIn('duration-s', values['duration-s'], 600, 5, LIMITS.durationS),
        cashier: account('cashier', values['cashier-user'], env, values['passwords-stdin']),
        admin: account('admin', values['admin-user'], env, values['passwords-stdin']),
        databaseUrl,
        setupConcurrency: integerIn(
          'setup-concurrency',
          values['setup-concurrency'],
          32,
          1,
          LIMITS.setupConcurrency,
        ),
        connectAttempts: integerIn(
          'connect-attempts',
          values['connect-attempts'],
          5,
          1,
          LIMITS.connectAttempts,
        ),
        seed: integerIn('seed', values.seed, randomSeed(), 0, 2 ** 31 - 1),
        namePrefix,
        progress: values.progress,
        statsIntervalS,
        tournament: parseTournament(values),
      },
    };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
}
