import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { createDatabase, type Database, databaseOptionsOf } from '../../src/db/database.js';
import { applyMigrations } from '../../src/db/migrations/apply-migrations.js';
import { poolOf } from '../../src/db/prisma-access.js';
import { pgRunner } from '../../src/db/transaction-runner.js';
import { auditLedger } from '../../src/ledger/audit.js';
import { createLedger, type Ledger, ledgerSettingsOf } from '../../src/ledger/transactions.js';
import { Money } from '../../src/money/index.js';
import { createEmptyDatabase, databaseUrl, dropDatabase, TEST_CONFIG } from '../support/database.js';

/**
 * `npm run bench:ledger [-- --seconds 6 --rounds 3 --clients 32 --pool 8]`
 *
 * Throughput and latency of the ledger's money transactions against the local PostgreSQL, each
 * scenario run twice in the same process: through Prisma (production) and through plain `pg`
 * executing the very same statements (the same ledger code on a bare-pg runner), the ceiling.
 *
 * Scenarios, each with `clients` concurrent callers for `seconds`:
 * - buy-in+cash-out pairs, wallets drawn uniformly from 10,000 (each client plays at its own table)
 * - the same pairs, every client on ONE hot wallet
 * - buyChips (deposits), wallets uniform, cashier sharded 16 ways, and with sharding off (1 shard)
 * - buyChips on the one hot wallet
 * Latency is per ledger call. The last line is a JSON object with every figure.
 */

const { values: args } = parseArgs({
  options: {
    seconds: { type: 'string', default: process.env.BENCH_SECONDS ?? '6' },
    rounds: { type: 'string', default: '3' },
    clients: { type: 'string', default: '32' },
    pool: { type: 'string', default: '8' },
    wallets: { type: 'string', default: '10000' },
    keep: { type: 'boolean', default: false },
  },
});
const SECONDS = Number(args.seconds);
/** Each run is split into this many alternating slices (pg, prisma, pg, ...), so a burst of noise
 * from other processes on the machine lands on both drivers rather than on one. */
const ROUNDS = Math.max(1, Number(args.rounds));
const CLIENTS = Number(args.clients);
const POOL = Number(args.pool);
const WALLETS = Number(args.wallets);

const BUY_IN = new Money(100);
const DEPOSIT = new Money('1.25');

interface Sample {
  ops: number;
  elapsedS: number;
  latencies: number[];
  errorCodes: Record<string, number>;
}

interface Figures {
  ops: number;
  opsPerSecond: number;
  calls: number;
  p50Ms: number;
  p99Ms: number;
  errors: number;
  errorCodes: Record<string, number>;
}

function percentile(sorted: number[], fraction: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * fraction))]!;
}

const round = (value: number, digits = 2) => Number(value.toFixed(digits));

/**
 * Runs `clients` loops of `step` for `seconds`. `step` returns how many operations it completed and
 * records each ledger call's latency through `time`.
 */
async function drive(
  seconds: number,
  step: (
    client: number,
    iteration: number,
    time: <T>(call: () => Promise<T>) => Promise<T>,
  ) => Promise<number>,
): Promise<Sample> {
  const latencies: number[] = [];
  const errorCodes: Record<string, number> = {};
  let ops = 0;
  const deadline = performance.now() + seconds * 1000;
  const time = async <T>(call: () => Promise<T>): Promise<T> => {
    const started = performance.now();
    const result = await call();
    latencies.push(performance.now() - started);
    const outcome = result as { ok?: boolean; error?: { code: string } };
    if (outcome.ok === false) errorCodes[outcome.error!.code] = (errorCodes[outcome.error!.code] ?? 0) + 1;
    return result;
  };
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CLIENTS }, async (_, client) => {
      for (let iteration = 0; performance.now() < deadline; iteration++) {
        const completed = await step(client, iteration, time);
        ops += completed;
      }
    }),
  );
  return { ops, elapsedS: (performance.now() - started) / 1000, latencies, errorCodes };
}

function summarize(samples: readonly Sample[]): Figures {
  const latencies = samples.flatMap((sample) => sample.latencies).sort((a, b) => a - b);
  const ops = samples.reduce((total, sample) => total + sample.ops, 0);
  const elapsedS = samples.reduce((total, sample) => total + sample.elapsedS, 0);
  const errorCodes: Record<string, number> = {};
  for (const sample of samples) {
    for (const [code, count] of Object.entries(sample.errorCodes))
      errorCodes[code] = (errorCodes[code] ?? 0) + count;
  }
  return {
    ops,
    opsPerSecond: round(ops / elapsedS, 1),
    calls: latencies.length,
    p50Ms: round(percentile(latencies, 0.5)),
    p99Ms: round(percentile(latencies, 0.99)),
    errors: Object.values(errorCodes).reduce((a, b) => a + b, 0),
    errorCodes,
  };
}

interface World {
  userIds: string[];
  hotUserId: string;
  /** One table per client, so seats never collide; the wallet is what is shared. */
  tableIds: string[];
}

/** 10,000 funded users (bulk SQL: setup, not measured), one hot user, one table per client. */
async function buildWorld(database: Database, ledger: Ledger): Promise<World> {
  const pool = poolOf(database);
  await pool.query(
    `INSERT INTO users (username, password_hash) SELECT 'bench-' || n, 'x' FROM generate_series(0, $1::int) AS n`,
    [WALLETS],
  );
  // Fund every wallet with a deposit from cashier shard 0, as buyChips would, in one statement.
  await pool.query(`
    WITH funded AS (
      INSERT INTO transfers (debit_account_id, credit_account_id, amount, kind, idempotency_key, request_hash, user_id)
      SELECT (SELECT id FROM accounts WHERE kind = 'CASHIER' AND shard = 0), id, 1000000, 'DEPOSIT',
             'bench-funding:' || id, 'bench', user_id
      FROM accounts WHERE kind = 'WALLET'
      RETURNING amount),
    cashier AS (UPDATE accounts SET balance = balance - (SELECT sum(amount) FROM funded)
                WHERE kind = 'CASHIER' AND shard = 0)
    UPDATE accounts SET balance = balance + 1000000 WHERE kind = 'WALLET'`);
  const users = await pool.query<{ id: string; username: string }>(`SELECT id::text, username FROM users`);
  const hot = users.rows.find((row) => row.username === 'bench-0')!;
  const userIds = users.rows.filter((row) => row !== hot).map((row) => row.id);
  const tableIds: string[] = [];
  for (let client = 0; client < CLIENTS; client++) {
    const created = await ledger.createTable({
      name: `bench-${client}`,
      smallBlind: new Money(1),
      bigBlind: new Money(2),
      minBuyIn: new Money(40),
      maxBuyIn: new Money(200),
      chipUnit: new Money(1),
      maxSeats: 10,
    });
    if (!created.ok) throw new Error(created.error.message);
    tableIds.push(created.value.tableId);
  }
  return { userIds, hotUserId: hot.id, tableIds };
}

let sequence = 0;
const uniqueKey = (prefix: string) => `${prefix}-${process.pid}-${++sequence}`;

/** One buy-in then its cash-out, at the client's own table, on a seat that cycles 1..10. */
function pairStep(ledger: Ledger, world: World, pickUser: () => string) {
  return async (
    client: number,
    iteration: number,
    time: <T>(call: () => Promise<T>) => Promise<T>,
  ): Promise<number> => {
    const tableId = world.tableIds[client]!;
    const seat = (iteration % 10) + 1;
    const userId = pickUser();
    const bought = await time(() =>
      ledger.buyIn({ tableId, seat, userId, amount: BUY_IN, reservationId: uniqueKey('bench-buy-in') }),
    );
    if (!bought.ok) return 0;
    const cashed = await time(() => ledger.cashOut({ tableId, seat, userId, handNumber: 0 }));
    return cashed.ok ? 1 : 0;
  };
}

function depositStep(ledger: Ledger, pickUser: () => string) {
  return async (_client: number, _iteration: number, time: <T>(call: () => Promise<T>) => Promise<T>) => {
    const result = await time(() =>
      ledger.buyChips({ userId: pickUser(), amount: DEPOSIT, reference: uniqueKey('bench-deposit') }),
    );
    return result.ok ? 1 : 0;
  };
}

async function main(): Promise<void> {
  const name = await createEmptyDatabase('ledger_bench');
  const url = databaseUrl(name);
  await applyMigrations(url);
  // Two pools of the same size: one under Prisma, one for the plain-pg ceiling.
  const viaPrisma = createDatabase({
    ...databaseOptionsOf(TEST_CONFIG, url, 'bench-prisma'),
    poolSizeMax: POOL,
  });
  const viaPg = createDatabase({ ...databaseOptionsOf(TEST_CONFIG, url, 'bench-pg'), poolSizeMax: POOL });
  const settings = ledgerSettingsOf(TEST_CONFIG);
  const ledgers = {
    prisma: createLedger(viaPrisma, settings),
    pg: createLedger(pgRunner(poolOf(viaPg)), settings),
  };
  const unsharded = {
    prisma: createLedger(viaPrisma, { ...settings, shardCount: 1 }),
    pg: createLedger(pgRunner(poolOf(viaPg)), { ...settings, shardCount: 1 }),
  };
  try {
    const world = await buildWorld(viaPrisma, ledgers.prisma);
    const uniform = () => world.userIds[Math.floor(Math.random() * world.userIds.length)]!;
    const hot = () => world.hotUserId;
    console.log(
      `ledger bench: ${CLIENTS} clients, pool ${POOL}, ${SECONDS}s per driver and scenario in ${ROUNDS} slices, ` +
        `${world.userIds.length} wallets, database ${name}`,
    );

    // Warm-up, not measured: JIT, connections opened, statements prepared on them, for both drivers.
    for (const driver of ['pg', 'prisma'] as const) {
      await drive(Math.min(2, SECONDS), pairStep(ledgers[driver], world, uniform));
      await drive(Math.min(1, SECONDS), depositStep(unsharded[driver], uniform));
    }

    const figures: Record<string, Record<string, Figures>> = {};
    const scenarios: [string, (driver: 'prisma' | 'pg') => Parameters<typeof drive>[1]][] = [
      ['pairsUniform', (driver) => pairStep(ledgers[driver], world, uniform)],
      ['pairsHotWallet', (driver) => pairStep(ledgers[driver], world, hot)],
      ['buyChipsUniform', (driver) => depositStep(ledgers[driver], uniform)],
      ['buyChipsUniformOneShard', (driver) => depositStep(unsharded[driver], uniform)],
      ['buyChipsHotWallet', (driver) => depositStep(ledgers[driver], hot)],
    ];
    for (const [scenario, stepFor] of scenarios) {
      const samples: Record<'pg' | 'prisma', Sample[]> = { pg: [], prisma: [] };
      for (let roundNo = 0; roundNo < ROUNDS; roundNo++) {
        for (const driver of ['pg', 'prisma'] as const)
          samples[driver].push(await drive(SECONDS / ROUNDS, stepFor(driver)));
      }
      figures[scenario] = {};
      for (const driver of ['pg', 'prisma'] as const) {
        const result = summarize(samples[driver]);
        figures[scenario][driver] = result;
        console.log(
          `${scenario.padEnd(24)} ${driver.padEnd(6)} ${String(result.opsPerSecond).padStart(8)}/s` +
            `  p50 ${String(result.p50Ms).padStart(6)} ms  p99 ${String(result.p99Ms).padStart(7)} ms` +
            `  errors ${result.errors}${result.errors ? ` ${JSON.stringify(result.errorCodes)}` : ''}`,
        );
      }
    }

    const ratio = (scenario: string) =>
      round(figures[scenario]!.prisma!.opsPerSecond / figures[scenario]!.pg!.opsPerSecond, 3);
    const audit = await auditLedger(viaPrisma);
    const summary = {
      clients: CLIENTS,
      poolSize: POOL,
      secondsPerRun: SECONDS,
      wallets: world.userIds.length,
      pairsPerSecondUniform: figures.pairsUniform!.prisma!.opsPerSecond,
      pairsPerSecondUniformPg: figures.pairsUniform!.pg!.opsPerSecond,
      prismaToPgRatioUniform: ratio('pairsUniform'),
      p50MsUniform: figures.pairsUniform!.prisma!.p50Ms,
      p99MsUniform: figures.pairsUniform!.prisma!.p99Ms,
      pairsPerSecondHotWallet: figures.pairsHotWallet!.prisma!.opsPerSecond,
      pairsPerSecondHotWalletPg: figures.pairsHotWallet!.pg!.opsPerSecond,
      p50MsHotWallet: figures.pairsHotWallet!.prisma!.p50Ms,
      p99MsHotWallet: figures.pairsHotWallet!.prisma!.p99Ms,
      errorsHotWallet: figures.pairsHotWallet!.prisma!.errors + figures.buyChipsHotWallet!.prisma!.errors,
      buyChipsPerSecondUniform: figures.buyChipsUniform!.prisma!.opsPerSecond,
      buyChipsPerSecondUniformPg: figures.buyChipsUniform!.pg!.opsPerSecond,
      prismaToPgRatioBuyChips: ratio('buyChipsUniform'),
      buyChipsP99MsUniform: figures.buyChipsUniform!.prisma!.p99Ms,
      buyChipsPerSecondOneShard: figures.buyChipsUniformOneShard!.prisma!.opsPerSecond,
      buyChipsPerSecondOneShardPg: figures.buyChipsUniformOneShard!.pg!.opsPerSecond,
      buyChipsP99MsOneShard: figures.buyChipsUniformOneShard!.prisma!.p99Ms,
      buyChipsPerSecondHotWallet: figures.buyChipsHotWallet!.prisma!.opsPerSecond,
      errorsUniform: figures.pairsUniform!.prisma!.errors + figures.buyChipsUniform!.prisma!.errors,
      auditClean: audit.ok,
      runs: figures,
    };
    console.log(
      `prisma/pg ratio, uniform pairs: ${summary.prismaToPgRatioUniform}; audit ${audit.ok ? 'clean' : 'FAILED'}`,
    );
    console.log(JSON.stringify(summary));
  } finally {
    await viaPrisma.close();
    await viaPg.close();
    if (!args.keep) await dropDatabase(name);
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
