import { z } from 'zod';
import { parseAmount } from './money/amount.js';

/**
 * Every setting and every limit of the server, read from the environment once at start-up. Keys
 * are the environment variable names, so a setting is found by grepping for one name. Every
 * setting has a default that is safe on a single machine; production overrides through the
 * environment. A bad value stops the server at start-up with a message naming the variable,
 * rather than surfacing later as an odd behaviour.
 */

const booleanFromEnv = z.stringbool({ truthy: ['true', '1', 'yes'], falsy: ['false', '0', 'no'] });

const integer = (min: number, max: number) => z.coerce.number().int().min(min).max(max);

/** A money limit written as a decimal string ("100000"), parsed with the same rules as the wire. */
const moneyLimit = z.string().refine((text) => parseAmount(text).ok, 'must be a positive decimal amount');

const optionalText = z
  .string()
  .optional()
  .transform((text) => (text === undefined || text.trim() === '' ? undefined : text));

const ConfigSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
    /**
     * info: one line per business event (sit and buy-in, top-up, cash-out, deposit, withdrawal, hand
     * settled or voided, tables opened, closed, halted) and every problem; debug adds one line per
     * HTTP request and per refused request.
     */
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    /** json: one JSON object a line (for log shippers); pretty: coloured lines for a person at a terminal (pino-pretty). */
    LOG_FORMAT: z.enum(['json', 'pretty']).default('json'),

    // --- HTTP listener
    HOST: z.string().min(1).default('127.0.0.1'),
    PORT: integer(0, 65_535).default(3000),
    /** Trust X-Forwarded-For (only behind a reverse proxy you control), so rate limits see real IPs. */
    TRUST_PROXY: booleanFromEnv.default(false),
    /** Largest accepted request body. Every request here is a small JSON document. */
    BODY_LIMIT_BYTES: integer(1024, 1_048_576).default(16_384),
    /** How long SIGTERM waits for in-flight requests and connections before exiting anyway. */
    SHUTDOWN_TIMEOUT_MS: integer(100, 120_000).default(10_000),

    // --- Database
    /** PostgreSQL URL. Without it the server starts an embedded PostgreSQL in DATA_DIR. */
    DATABASE_URL: optionalText.pipe(z.url({ protocol: /^postgres(ql)?$/ }).optional()),
    /** Where the embedded PostgreSQL keeps its cluster (DATA_DIR/postgres) and its password. */
    DATA_DIR: z.string().min(1).default('./.data'),
    /** Port of the embedded PostgreSQL (TCP on 127.0.0.1 only). 0 picks a free port at each start. */
    EMBEDDED_PG_PORT: integer(0, 65_535).default(54_329),
    /**
     * PostgreSQL refuses to run as root. Running as root, the embedded database runs as the
     * `postgres` system user; when that user is missing, this allows creating it (a change to the
     * host system, so it is off unless asked for).
     */
    EMBEDDED_PG_CREATE_SYSTEM_USER: booleanFromEnv.default(false),
    /** Most connections in the pg pool of this process. */
    PG_POOL_MAX: integer(1, 500).default(10),
    /** How long a query waits for a free pool connection before failing (pg's default is forever). */
    PG_POOL_WAIT_MS: integer(100, 120_000).default(5_000),
    /** How long an idle pool connection is kept. */
    PG_IDLE_TIMEOUT_MS: integer(1_000, 3_600_000).default(30_000),
    /** How long a money transaction may wait to start (to get a connection). */
    TX_MAX_WAIT_MS: integer(100, 120_000).default(5_000),
    /** How long a money transaction may run, row-lock waits included. */
    TX_TIMEOUT_MS: integer(100, 120_000).default(10_000),
    /** The longest wait for one row lock inside a money transaction (then it is retried). */
    TX_LOCK_TIMEOUT_MS: integer(10, 60_000).default(2_000),
    /** The database cancels any statement running longer than this. */
    PG_STATEMENT_TIMEOUT_MS: integer(100, 600_000).default(10_000),
    /** The database ends a session left idle inside an open transaction this long (a leak). */
    PG_IDLE_IN_TRANSACTION_TIMEOUT_MS: integer(1_000, 3_600_000).default(30_000),

    // --- Accounts and sessions
    /**
     * Lifetime of a login session; there is no sliding renewal, a player logs in again. The
     * minimum of one second is for tests of expiry; anything below a few minutes is impractical.
     */
    SESSION_TTL_SECONDS: integer(1, 30 * 24 * 3600).default(12 * 3600),
    /** Name of the optional session cookie set at login (the Bearer header works without it). */
    SESSION_COOKIE_NAME: z
      .string()
      .regex(/^[A-Za-z0-9_-]{1,32}$/)
      .default('sid'),
    /** Mark the session cookie Secure (HTTPS only). Defaults to true in production. */
    SESSION_COOKIE_SECURE: booleanFromEnv.optional(),
    USERNAME_LENGTH_MIN: integer(1, 64).default(3),
    USERNAME_LENGTH_MAX: integer(1, 64).default(24),
    PASSWORD_LENGTH_MIN: integer(8, 1024).default(10),
    /** Upper bound so nobody can make the server hash megabytes of "password". */
    PASSWORD_LENGTH_MAX: integer(8, 1024).default(128),
    /** scrypt cost as log2(N). 15 means N = 32768: 32 MiB and tens of milliseconds per hash. */
    SCRYPT_COST_LOG2: integer(10, 20).default(15),
    SCRYPT_BLOCK_SIZE: integer(1, 32).default(8),
    SCRYPT_PARALLELISM: integer(1, 16).default(1),

    /**
     * Bootstrap accounts, created at start-up only when no user with that name exists yet, so the
     * first admin and cashier can log in on a fresh install. Changing these later changes nothing;
     * remove them from the environment once the accounts exist.
     */
    BOOTSTRAP_ADMIN_USERNAME: optionalText,
    BOOTSTRAP_ADMIN_PASSWORD: optionalText,
    BOOTSTRAP_CASHIER_USERNAME: optionalText,
    BOOTSTRAP_CASHIER_PASSWORD: optionalText,

    // --- Money limits
    /** Largest single deposit (buy chips) a cashier may record. */
    DEPOSIT_AMOUNT_MAX: moneyLimit.default('100000'),
    /** Largest single withdrawal a cashier may record. */
    WITHDRAWAL_AMOUNT_MAX: moneyLimit.default('100000'),
    /** Default and largest page size of ledger and search listings. */
    PAGE_LIMIT_DEFAULT: integer(1, 1000).default(20),
    PAGE_LIMIT_MAX: integer(1, 1000).default(100),

    // --- Rate limits (per client IP, or per session for authenticated money routes), per window
    RATE_LIMIT_WINDOW_MS: integer(1_000, 3_600_000).default(60_000),
    /** Every route not listed below. */
    RATE_LIMIT_GLOBAL_MAX: integer(1, 1_000_000).default(600),
    RATE_LIMIT_LOGIN_MAX: integer(1, 1_000_000).default(10),
    RATE_LIMIT_REGISTER_MAX: integer(1, 1_000_000).default(5),
    /** Every route that moves money (deposits, withdrawals). */
    RATE_LIMIT_MONEY_MAX: integer(1, 1_000_000).default(60),

    // --- Tables (src/tables): the action clock, reservations and the mailbox
    /** Commands waiting for one table's actor; more are refused with table/mailbox-full. */
    TABLE_MAILBOX_CAPACITY: integer(1, 100_000).default(256),
    /** How long a seat is held while its buy-in goes through the ledger. */
    TABLE_RESERVATION_MS: integer(1_000, 300_000).default(15_000),
    /** Time to act on each turn, before the time bank starts. */
    TABLE_ACTION_TIMEOUT_MS: integer(100, 600_000).default(15_000),
    TABLE_TIME_BANK_INITIAL_MS: integer(0, 3_600_000).default(30_000),
    /** Added to every player's time bank after each hand, up to TABLE_TIME_BANK_MAX_MS. */
    TABLE_TIME_BANK_PER_HAND_MS: integer(0, 600_000).default(2_000),
    TABLE_TIME_BANK_MAX_MS: integer(0, 3_600_000).default(60_000),
    /** Turns in a row a player may time out on before being sat out. */
    TABLE_MISSED_TURNS_BEFORE_SIT_OUT: integer(1, 100).default(2),
    /** Pause between hands, so players see the result. */
    TABLE_HAND_PAUSE_MS: integer(0, 60_000).default(2_500),
    /**
     * How long a table with no game going waits, once two players could play, before it deals the
     * game's first hand: players sitting down together are all dealt into it (nobody waits for the
     * big blind at a game's first hand, only when joining a game in progress).
     */
    TABLE_GAME_START_DELAY_MS: integer(0, 60_000).default(2_000),
    /** How long a disconnected player plays on (their clock keeps running) before being sat out. */
    TABLE_DISCONNECT_GRACE_MS: integer(0, 3_600_000).default(60_000),
    /**
     * How long a player sat out at the end of the disconnect grace keeps the seat and the chips at
     * the table; still away after that, they leave and the chips go back to their wallet.
     */
    TABLE_AWAY_SEAT_KEEP_MS: integer(0, 86_400_000).default(600_000),
    /** When the betting is over with cards to come: how long the hands stay face up, with their equity. */
    TABLE_RUNOUT_PAUSE_MS: integer(0, 30_000).default(1_500),
    /** At a table that allows it: how long the players all-in have to agree to run the board twice. */
    TABLE_RUN_IT_TWICE_DECISION_MS: integer(0, 60_000).default(6_000),
    /**
     * All-in equity is computed in a worker thread: requests waiting for it at most, and how long
     * one may take. Beyond them a table shows no equity; the board runs out all the same.
     */
    EQUITY_QUEUE_MAX: integer(1, 100_000).default(256),
    EQUITY_TIMEOUT_MS: integer(100, 60_000).default(5_000),
    /**
     * The share of one core the equity thread may use on average, in percent, and the burst (ms of
     * CPU) it may take at once: beyond it a table shows no equity until the share has built up again.
     */
    EQUITY_CPU_PERCENT: integer(1, 100).default(25),
    EQUITY_CPU_BURST_MS: integer(10, 60_000).default(2_000),
    /** At shutdown, how long hands may take to finish before they are voided. */
    TABLE_SHUTDOWN_HAND_WAIT_MS: integer(0, 600_000).default(8_000),

    // --- Socket.IO gateway (src/realtime)
    /** Largest WebSocket message accepted; a bigger one closes the connection. */
    SOCKET_MAX_MESSAGE_BYTES: integer(1_024, 16 * 1_048_576).default(64 * 1_024),
    /** Largest payload of one event; a bigger one is refused with realtime/invalid-payload. */
    SOCKET_MAX_PAYLOAD_BYTES: integer(256, 1_048_576).default(4 * 1_024),
    /** Token buckets per socket and per user: burst size and refill per second. */
    SOCKET_BURST: integer(1, 100_000).default(30),
    SOCKET_EVENTS_PER_SECOND: integer(1, 100_000).default(15),
    SOCKET_USER_BURST: integer(1, 100_000).default(60),
    SOCKET_USER_EVENTS_PER_SECOND: integer(1, 100_000).default(30),
    /** Events refused for the rate limit before the socket is disconnected. */
    SOCKET_STRIKES_BEFORE_DISCONNECT: integer(1, 100_000).default(30),
    /**
     * How long a socket's session check is trusted before an event that needs the session looks
     * it up again. Logout, revocation and role changes close sockets at once (on every node); this
     * bounds what a socket can still do if that notice is lost (a node that missed it). Never the
     * life of the socket: at most five seconds. 0 looks the session up at every such event.
     */
    SOCKET_SESSION_RECHECK_MS: integer(0, 5_000).default(2_000),
    /** Open sockets of one client address on this node; the next handshake is refused. */
    SOCKET_CONNECTIONS_PER_IP_MAX: integer(1, 100_000).default(50),
    /** Open sockets of one user on this node (browser tabs, a reconnect racing the old socket). */
    SOCKET_CONNECTIONS_PER_USER_MAX: integer(1, 1_000).default(8),
    /**
     * Handshakes that carry a session token, per client address (a token bucket: burst and refill
     * per second), counted before the token is looked up in the database.
     */
    SOCKET_HANDSHAKE_BURST: integer(1, 100_000).default(20),
    SOCKET_HANDSHAKES_PER_SECOND: integer(1, 100_000).default(5),
    /** Client addresses whose handshake buckets are kept; beyond it the least recent is dropped. */
    SOCKET_HANDSHAKE_ADDRESSES_MAX: integer(100, 10_000_000).default(100_000),
    /** A socket's refused events are logged at most once per interval, with a count of the rest. */
    SOCKET_LOG_INTERVAL_MS: integer(100, 600_000).default(1_000),
    /** Longest line of table chat, in characters (the protocol carries at most 500). */
    CHAT_MESSAGE_MAX_CHARS: integer(1, 500).default(200),
    /** Chat lines per user: a burst, then this many a minute (a token bucket over all tables). */
    CHAT_BURST: integer(1, 1_000).default(5),
    CHAT_MESSAGES_PER_MINUTE: integer(1, 10_000).default(20),
    /** Lobby updates are batched and sent at most this often. */
    LOBBY_UPDATE_INTERVAL_MS: integer(10, 60_000).default(500),
    /**
     * The lobby a subscriber receives (lobby:subscribe) is read at most this often; subscribers
     * arriving meanwhile share the next read, so a crowd costs one (one Redis read in a cluster).
     */
    LOBBY_SNAPSHOT_INTERVAL_MS: integer(0, 10_000).default(250),
    /**
     * GET /metrics is computed at most this often and shared meanwhile: with ten thousand sockets
     * one collection walks every handle and file descriptor, and a burst of scrapers must not stall
     * the tables.
     */
    METRICS_MAX_AGE_MS: integer(0, 60_000).default(2_000),
    /**
     * When set, GET /metrics answers only requests with `Authorization: Bearer <this token>` (what
     * Prometheus sends with `authorization: { credentials: ... }`); unset, it is open (keep it on an
     * internal network then).
     */
    METRICS_TOKEN: optionalText.pipe(z.string().min(16, 'use at least 16 characters').optional()),

    // --- Tournaments (src/realtime/tournament-*.ts)
    /**
     * Events a live tournament's runner holds waiting (hand ends, late entries, clock ticks): past
     * it a late registration is not seated (a table's hand end always is: one per table at most).
     */
    TOURNAMENT_QUEUE_MAX: integer(16, 1_000_000).default(10_000),
    /** The level clock is counted and saved at least this often: a restart loses at most this much play time. */
    TOURNAMENT_CLOCK_SAVE_MS: integer(100, 600_000).default(5_000),
    /** A deal proposed at a final table and not agreed within this long is off: play resumes. */
    TOURNAMENT_DEAL_ANSWER_MS: integer(1_000, 600_000).default(60_000),
    /** How often the scheduler looks for multi-table tournaments due to start (and full Sit & Gos). */
    TOURNAMENT_SCHEDULER_INTERVAL_MS: integer(100, 600_000).default(1_000),
    /** Tournaments started, resumed or listed in one go at most (scheduler pass, restart, GET /api/tournaments). */
    TOURNAMENT_BATCH_MAX: integer(1, 10_000).default(100),

    // --- Other nodes and services
    /** Redis for several nodes; without it a single node runs alone. */
    REDIS_URL: optionalText.pipe(z.url({ protocol: /^rediss?$/ }).optional()),
    /** A readable name for this node in logs and in Redis (the host name by default). */
    CLUSTER_NODE_NAME: optionalText,
    /** Prefix of every Redis key and channel of this cluster, so several can share one Redis. */
    CLUSTER_PREFIX: z
      .string()
      .regex(/^[A-Za-z0-9_.-]{1,64}$/)
      .default('holdem'),
    /** Lifetime of a table's ownership lease: a dead owner's tables move after at most this long. */
    CLUSTER_LEASE_TTL_MS: integer(300, 60_000).default(3_000),
    /** How often an owner renews its leases: a few times per lease lifetime. */
    CLUSTER_LEASE_RENEW_MS: integer(50, 30_000).default(1_000),
    /** How often each node looks for tables without an owner, and for its fair share of them. */
    CLUSTER_SCAN_INTERVAL_MS: integer(50, 60_000).default(500),
    /** A command forwarded to the owning node fails with cluster/owner-unreachable after this long. */
    CLUSTER_ROUTE_TIMEOUT_MS: integer(100, 60_000).default(5_000),
    /**
     * A table moved to another node to spread the load finishes its hand first (no new hand is
     * dealt meanwhile); only a hand still running after this long is void. The action clock bounds
     * a hand well below it.
     */
    CLUSTER_REBALANCE_HAND_WAIT_MS: integer(0, 600_000).default(120_000),
    /**
     * An owner that cannot prove its lease stops the table and refuses its money calls at once.
     * Turn off only to test that the database's epoch check alone rejects a stale owner.
     */
    CLUSTER_LEASE_SELF_FENCE: booleanFromEnv.default(true),
  })
  .superRefine((config, ctx) => {
    const pairs = [
      ['BOOTSTRAP_ADMIN_USERNAME', 'BOOTSTRAP_ADMIN_PASSWORD'],
      ['BOOTSTRAP_CASHIER_USERNAME', 'BOOTSTRAP_CASHIER_PASSWORD'],
    ] as const;
    for (const [name, password] of pairs) {
      if ((config[name] === undefined) !== (config[password] === undefined)) {
        ctx.addIssue({ code: 'custom', path: [name], message: `${name} and ${password} go together` });
      }
    }
    if (config.USERNAME_LENGTH_MIN > config.USERNAME_LENGTH_MAX) {
      ctx.addIssue({ code: 'custom', path: ['USERNAME_LENGTH_MIN'], message: 'exceeds USERNAME_LENGTH_MAX' });
    }
    if (config.PASSWORD_LENGTH_MIN > config.PASSWORD_LENGTH_MAX) {
      ctx.addIssue({ code: 'custom', path: ['PASSWORD_LENGTH_MIN'], message: 'exceeds PASSWORD_LENGTH_MAX' });
    }
    if (config.SOCKET_MAX_PAYLOAD_BYTES > config.SOCKET_MAX_MESSAGE_BYTES) {
      ctx.addIssue({
        code: 'custom',
        path: ['SOCKET_MAX_PAYLOAD_BYTES'],
        message: 'exceeds SOCKET_MAX_MESSAGE_BYTES',
      });
    }
    if (config.CLUSTER_LEASE_RENEW_MS * 2 > config.CLUSTER_LEASE_TTL_MS) {
      ctx.addIssue({
        code: 'custom',
        path: ['CLUSTER_LEASE_RENEW_MS'],
        message: 'must be at most half of CLUSTER_LEASE_TTL_MS, so one slow renewal does not lose a table',
      });
    }
    if (config.PAGE_LIMIT_DEFAULT > config.PAGE_LIMIT_MAX) {
      ctx.addIssue({ code: 'custom', path: ['PAGE_LIMIT_DEFAULT'], message: 'exceeds PAGE_LIMIT_MAX' });
    }
  })
  .transform((config) => ({
    ...config,
    SESSION_COOKIE_SECURE: config.SESSION_COOKIE_SECURE ?? config.NODE_ENV === 'production',
  }));

export type Config = Readonly<z.output<typeof ConfigSchema>>;
export type ConfigInput = Partial<Record<keyof z.input<typeof ConfigSchema>, string>>;

export class ConfigError extends Error {
  readonly code = 'config/invalid';
  constructor(readonly problems: readonly string[]) {
    super(`invalid configuration:\n  ${problems.join('\n  ')}`);
    this.name = 'ConfigError';
  }
}

/**
 * Parses the settings from an environment (process.env in production, a literal object in tests).
 * Unknown variables are ignored; a bad value throws a ConfigError that lists every problem at once.
 */
export function loadConfig(env: Readonly<Record<string, string | undefined>> = process.env): Config {
  const result = ConfigSchema.safeParse(env);
  if (!result.success) {
    throw new ConfigError(result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`));
  }
  return Object.freeze(result.data);
}
