import { execSync } from 'node:child_process';
import { parseArgs } from 'node:util';
import { type AuditOutcome, runAuditCommand } from '../../client/bots/audit-check.js';
import type { LatencySummaryMs } from '../../client/bots/latency-recorder.js';
import type { BotsReport } from '../../client/bots/report.js';
import type { ServerMetrics } from '../../client/bots/server-metrics.js';
import { startBenchCluster } from './load/bench-cluster.js';
import { BENCH_ADMIN, BENCH_CASHIER, type BenchServer, startBenchServer } from './load/bench-server.js';
import { BotProcess, mergeWindow, type WindowFigures } from './load/bot-fleet.js';
import { coresUsed, cpuSnapshot } from './load/cpu-usage.js';
import { LatencyProbe } from './load/latency-probe.js';
import { setLoadGeneratorPolicy } from './load/load-generator-process.js';
import { measureRawCeiling, type RawCeiling } from './load/raw-ceiling.js';
import { counterOverWindow, histogramOverWindow, type WindowHistogram } from './load/server-histograms.js';

/**
 * `npm run bench:load [-- options]`: the capacity benchmark, everything on 127.0.0.1.
 *
 * 1. Human pace: one server (fresh database), 6-max tables, think 1-3 s. The number of tables
 *    steps up (250, 500, 1000, 2000, 3000 by default); at each step new bot processes add the
 *    missing tables, and once every bot is seated the latencies of ALL bots are measured over a
 *    window. A step passes with action->ack p99 < 100 ms and no error; stepping stops at the first
 *    failure, at the file-descriptor limit, or when the time budget would run out.
 *    With --nodes 1,2,3, the same stepping runs once per node count N instead, against N server
 *    processes acting as one cluster (REDIS_URL, a key prefix of the run's own) on one fresh
 *    database, the bots spread over the nodes (bot i plays through node i mod N). Before each
 *    window it waits (bounded, --spread-wait-s) until every node runs about its share of the
 *    tables. Per node count: the largest passing step, p99 at each step, the cores of all server
 *    processes together, and each node's memory. The budget is shared evenly between node counts.
 * 2. Full speed: a second server (hands back to back), 100 tables, think 0: actions per second
 *    through the whole stack; and, in the same run, the raw Socket.IO ceiling (a minimal server
 *    where each action is one emit to a room of 6 with an ack).
 * Figures are printed as they come; the last line is one JSON object with all of them.
 *
 * Every loop is bounded: the steps, the windows, the waits, the overall budget (--budget-s), each
 * process.
 */

const { values: args } = parseArgs({
  options: {
    steps: { type: 'string', default: '250,500,1000,2000,3000' },
    'window-s': { type: 'string', default: '30' },
    'settle-s': { type: 'string', default: '5' },
    'budget-s': { type: 'string', default: '1800' },
    'tables-per-process': { type: 'string', default: '250' },
    'setup-concurrency': { type: 'string', default: '16' },
    'think-ms': { type: 'string', default: '1000-3000' },
    strategy: { type: 'string', default: 'random' },
    /** The game the bots' tables deal (NT or PO), and whether they run it twice when all in. */
    variant: { type: 'string', default: 'NT' },
    'run-it-twice': { type: 'boolean', default: false },
    'full-tables': { type: 'string', default: '100' },
    'full-seconds': { type: 'string', default: '30' },
    'full-processes': { type: 'string', default: '2' },
    'raw-seconds': { type: 'string', default: '20' },
    'skip-human': { type: 'boolean', default: false },
    'skip-full': { type: 'boolean', default: false },
    quick: { type: 'boolean', default: false },
    nodes: { type: 'string' },
    'spread-wait-s': { type: 'string', default: '60' },
    'redis-url': { type: 'string', default: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379' },
    /** How the bots are scheduled next to the server: see load/load-generator-process.ts. */
    'bots-sched': { type: 'string', default: 'normal' },
  },
});
if (args['bots-sched'] !== 'background' && args['bots-sched'] !== 'normal') {
  throw new Error('--bots-sched is background or normal');
}
setLoadGeneratorPolicy(args['bots-sched']);
if (args.variant !== 'NT' && args.variant !== 'PO') throw new Error('--variant is NT or PO');
const GAME_ARGS = [...['--variant', args.variant], ...(args['run-it-twice'] ? ['--run-it-twice'] : [])];

const QUICK = args.quick;
const STEPS = (QUICK ? '20,40' : args.steps)
  .split(',')
  .map(Number)
  .filter((n) => Number.isInteger(n) && n > 0)
  .slice(0, 20);
const WINDOW_S = Math.min(600, Number(QUICK ? 10 : args['window-s']));
const SETTLE_S = Math.min(120, Number(args['settle-s']));
const BUDGET_S = Math.min(4 * 3600, Number(args['budget-s']));
/** Under the gateway's per-socket rate limit (15 events/s), which the human-pace server keeps. */
const PROBE_INTERVAL_MS = 100;
const TABLES_PER_PROCESS = Math.max(1, Number(args['tables-per-process']));
const SETUP_CONCURRENCY = String(Math.max(1, Number(args['setup-concurrency'])));
const FULL_TABLES = Math.min(1_000, Number(QUICK ? 20 : args['full-tables']));
const FULL_SECONDS = Math.min(600, Number(QUICK ? 10 : args['full-seconds']));
const FULL_PROCESSES = Math.max(1, Math.min(8, Number(args['full-processes'])));
const RAW_SECONDS = Math.min(600, Number(QUICK ? 8 : args['raw-seconds']));
/** Cluster sizes to compare (--nodes), or null for the single server without Redis. */
const NODE_COUNTS =
  args.nodes === undefined
    ? null
    : [...new Set(args.nodes.split(',').map(Number))]
        .filter((n) => Number.isInteger(n) && n >= 1 && n <= 8)
        .slice(0, 8);
const SPREAD_WAIT_S = Math.max(0, Math.min(600, Number(args['spread-wait-s'])));
const REDIS_URL = args['redis-url'];
const PLAYERS = 6;
const INTERVAL_S = 5;
const TARGET_TABLES = 2_000;
const P99_LIMIT_MS = 100;
/** Time kept at the end of the budget for the bots to leave and for the full-speed phase. */
const RESERVE_S = QUICK ? 60 : 240;

const startedAt = Date.now();
const budgetLeftS = () => BUDGET_S - (Date.now() - startedAt) / 1000;
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function say(line: string): void {
  process.stdout.write(`${line}\n`);
}

function fileDescriptorLimit(): number {
  try {
    return Number(execSync('ulimit -n', { shell: '/bin/bash', encoding: 'utf8' }).trim()) || 1024;
  } catch {
    return 1024;
  }
}

const fmt = (value: number | null | undefined, digits = 1) =>
  value === null || value === undefined ? 'n/a' : value.toFixed(digits);

const signed = (value: number) => `${value >= 0 ? '+' : ''}${value.toFixed(1)}`;

function latencyText(summary: LatencySummaryMs): string {
  return `p50 ${fmt(summary.p50, 2)} / p95 ${fmt(summary.p95, 2)} / p99 ${fmt(summary.p99, 2)} / max ${fmt(summary.max, 1)} ms`;
}

/** What the bots play against: one server, or the nodes of a cluster. */
interface BenchTarget {
  readonly nodes: readonly BenchServer[];
  readonly urls: readonly string[];
  readonly databaseUrl: string;
  /** The cluster's Redis key prefix (null: a single server without Redis). */
  readonly prefix: string | null;
  stop(): Promise<(number | string)[]>;
}

function singleServer(server: BenchServer): BenchTarget {
  return {
    nodes: [server],
    urls: [server.url],
    databaseUrl: server.databaseUrl,
    prefix: null,
    stop: async () => [await server.stop()],
  };
}

interface Plateau {
  readonly target: BenchTarget;
  /** The idle extra client that measures the server's round trip on its own (first node). */
  readonly probe: LatencyProbe;
  readonly processes: BotProcess[];
  tables: number;
  setupBotsPerS: number | null;
}

/** Starts bot processes for `tables` more tables and waits until all of them are seated. */
async function addTables(
  plateau: Plateau,
  tables: number,
  label: string,
  think: string,
  durationS: number,
  tablesPerProcess: number,
): Promise<{
  ready: number;
  failed: number;
  setupErrorsByCode: Record<string, number>;
  processesLost: number;
  seconds: number;
}> {
  const started = Date.now();
  const count = Math.ceil(tables / tablesPerProcess);
  const fresh: BotProcess[] = [];
  for (let index = 0; index < count; index++) {
    const share = Math.floor(tables / count) + (index < tables % count ? 1 : 0);
    const bots = new BotProcess([
      '--url',
      // Several nodes: bot i of each process plays through node i mod N.
      plateau.target.urls.join(','),
      '--tables',
      String(share),
      '--players-per-table',
      String(PLAYERS),
      '--hands',
      '100000',
      '--think-ms',
      think,
      '--strategy',
      args.strategy,
      ...GAME_ARGS,
      '--json',
      '--stats-interval-s',
      String(INTERVAL_S),
      '--duration-s',
      String(Math.max(60, Math.floor(durationS))),
      '--setup-concurrency',
      SETUP_CONCURRENCY,
      '--admin-user',
      BENCH_ADMIN.username,
      '--cashier-user',
      BENCH_CASHIER.username,
      '--name-prefix',
      `${label}p${index}`,
      '--seed',
      String(1_000 + plateau.processes.length + index),
    ]);
    fresh.push(bots);
    plateau.processes.push(bots);
  }
  const readyLines = await Promise.all(fresh.map((bots) => bots.ready));
  const seconds = (Date.now() - started) / 1000;
  plateau.tables += tables;
  const ready = readyLines.reduce((sum, line) => sum + (line?.ready ?? 0), 0);
  plateau.setupBotsPerS = ready > 0 ? ready / seconds : plateau.setupBotsPerS;
  return {
    ready,
    failed: readyLines.reduce((sum, line) => sum + (line?.failed ?? 0), 0),
    setupErrorsByCode: sumByCode(readyLines.map((line) => line?.errorsByCode ?? {})),
    processesLost: readyLines.filter((line) => line === null).length,
    seconds,
  };
}

interface Spread {
  readonly seconds: number;
  readonly balanced: boolean;
  /** Tables running on each node when the wait ended. */
  readonly tablesPerNode: readonly (number | null)[];
}

/**
 * Several nodes: waits until every table runs somewhere and each node runs about its share (at
 * most max(2, 5 %) apart; the rebalancing moves a table when one node holds two more than
 * another), so the window measures the load spread as a cluster spreads it. Bounded in time.
 */
async function spreadTables(plateau: Plateau): Promise<Spread> {
  const started = Date.now();
  const nodes = plateau.target.nodes;
  const tolerance = Math.max(2, Math.ceil((0.05 * plateau.tables) / nodes.length));
  let tablesPerNode: (number | null)[] = [];
  for (let round = 0; round < 10_000; round++) {
    tablesPerNode = (await Promise.all(nodes.map((node) => node.metrics()))).map(
      (sample) => sample?.liveTables ?? null,
    );
    const counts = tablesPerNode.flatMap((count) => (count === null ? [] : [count]));
    const balanced =
      counts.length === nodes.length &&
      counts.reduce((sum, count) => sum + count, 0) === plateau.tables &&
      Math.max(...counts) - Math.min(...counts) <= tolerance;
    const seconds = (Date.now() - started) / 1000;
    if (balanced || seconds >= SPREAD_WAIT_S) return { seconds, balanced, tablesPerNode };
    await sleep(1_000);
  }
  return { seconds: (Date.now() - started) / 1000, balanced: false, tablesPerNode };
}

/** The cluster's forwarding counters of one node (zero on a single server). */
function forwardingOf(samples: Map<string, number> | null) {
  let forwarded = 0;
  let failed = 0;
  for (const [key, value] of samples ?? []) {
    if (!key.startsWith('poker_cluster_commands_forwarded_total{')) continue;
    forwarded += value;
    if (!key.includes('outcome="ok"')) failed += value;
  }
  return {
    forwarded,
    failed,
    roundTripSeconds: samples?.get('poker_cluster_forward_seconds_sum') ?? 0,
    roundTrips: samples?.get('poker_cluster_forward_seconds_count') ?? 0,
  };
}

/** Counts by code, summed over processes. */
function sumByCode(parts: readonly Readonly<Record<string, number>>[]): Record<string, number> {
  const total: Record<string, number> = {};
  for (const part of parts)
    for (const [code, count] of Object.entries(part)) total[code] = (total[code] ?? 0) + count;
  return total;
}

type Forwarding = ReturnType<typeof forwardingOf>;

function forwardingTotal(nodes: readonly (Map<string, number> | null)[]): Forwarding {
  const total: Forwarding = { forwarded: 0, failed: 0, roundTripSeconds: 0, roundTrips: 0 };
  for (const one of nodes.map(forwardingOf)) {
    total.forwarded += one.forwarded;
    total.failed += one.failed;
    total.roundTripSeconds += one.roundTripSeconds;
    total.roundTrips += one.roundTrips;
  }
  return total;
}

/**
 * An empty plateau on a started target, with its latency probe on the first node, as the admin
 * (whose session the bots do not use).
 */
async function startPlateau(target: BenchTarget): Promise<Plateau> {
  const probe = await LatencyProbe.start(
    target.urls[0]!,
    BENCH_ADMIN.username,
    BENCH_ADMIN.password,
    PROBE_INTERVAL_MS,
  );
  return { target, probe, processes: [], tables: 0, setupBotsPerS: null };
}

/**
 * The server's own view of a window: an action inside its table's mailbox, a settlement, and the
 * garbage collector's pauses (a long one delays every socket of the node at once).
 */
interface ServerSide {
  readonly action: WindowHistogram;
  readonly settlement: WindowHistogram;
  /** Database round trips per settled hand, from the server's own count (poker_ledger_round_trips_total). */
  readonly settlementRoundTrips: number | null;
  readonly gcMinor: WindowHistogram;
  readonly gcMajor: WindowHistogram;
  /** The idle probe's round trips to the server (see load/latency-probe.ts). */
  readonly probe: { readonly roundTrip: LatencySummaryMs; readonly failures: number };
  /** Each server process's event loop: on a CPU and waiting for one (s/s), preemptions per second. */
  readonly mainThreads: readonly {
    readonly onCpu: number;
    readonly waiting: number;
    readonly preemptionsPerS: number;
  }[];
}

function serverSideText(serverSide: ServerSide): string {
  const text = (h: WindowHistogram) =>
    `p50 <= ${fmt(h.p50Ms, 2)} / p99 <= ${fmt(h.p99Ms, 2)} ms, mean ${fmt(h.meanMs, 2)} ms (n=${h.count})`;
  const gc = (h: WindowHistogram) => `${h.count} x mean ${fmt(h.meanMs, 2)} ms, max <= ${fmt(h.maxMs, 2)} ms`;
  return (
    `inside the server: action mailbox->applied ${text(serverSide.action)} | settlement ${text(serverSide.settlement)}, ${fmt(serverSide.settlementRoundTrips, 2)} round trips per hand` +
    ` | GC minor ${gc(serverSide.gcMinor)}, major ${gc(serverSide.gcMajor)}` +
    ` | idle probe round trip ${latencyText(serverSide.probe.roundTrip)} (n=${serverSide.probe.roundTrip.count}, ${serverSide.probe.failures} failed)` +
    ` | event loop ${serverSide.mainThreads
      .map(
        (thread) =>
          `on a CPU ${fmt(thread.onCpu, 2)} s/s, waiting for one ${fmt(thread.waiting, 2)} s/s, preempted ${fmt(thread.preemptionsPerS)}/s`,
      )
      .join('; ')}`
  );
}

const median = (values: readonly number[]) =>
  values.length ? [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]! : null;

/**
 * Samples the servers during a window: resident memory (each node's median, and their sum), the
 * worst event-loop lag of any node, the cores used, and on a cluster the commands forwarded.
 */
const perSettledHand = (roundTrips: number, hands: number) => (hands > 0 ? roundTrips / hands : null);

async function measureWindow(
  plateau: Plateau,
  windowS = WINDOW_S,
): Promise<{
  figures: WindowFigures;
  rssBytes: number | null;
  rssPerNodeBytes: (number | null)[];
  /** Of the RSS: the JavaScript heap in use, and the memory outside it V8 knows of (Buffers). */
  heapBytes: number | null;
  externalBytes: number | null;
  lagP99Ms: number | null;
  lagMaxMs: number | null;
  cores: ReturnType<typeof coresUsed>;
  forwarding: { perS: number; failed: number; meanRoundTripMs: number | null };
  /** Inside the server: an action from entering its table's mailbox to being applied, and a settlement. */
  serverSide: ServerSide;
}> {
  await sleep(SETTLE_S * 1000);
  const nodes = plateau.target.nodes;
  const groups = {
    servers: nodes.map((node) => node.child.pid),
    bots: plateau.processes.map((bots) => bots.child.pid),
  };
  const scrapeBefore = await Promise.all(nodes.map((node) => node.samples()));
  const forwardedBefore = forwardingTotal(scrapeBefore);
  const cpuBefore = cpuSnapshot(groups);
  plateau.probe.takeWindow();
  const from = Date.now();
  const samples: ServerMetrics[][] = nodes.map(() => []);
  while (Date.now() - from < windowS * 1000) {
    const round = await Promise.all(nodes.map((node) => node.metrics()));
    round.forEach((sample, i) => {
      if (sample) samples[i]!.push(sample);
    });
    await sleep(Math.min(5_000, Math.max(0, windowS * 1000 - (Date.now() - from))));
  }
  const to = Date.now();
  const probe = plateau.probe.takeWindow();
  const cores = coresUsed(cpuBefore, cpuSnapshot(groups));
  const scrapeAfter = await Promise.all(nodes.map((node) => node.samples()));
  const forwardedAfter = forwardingTotal(scrapeAfter);
  // The interval lines that end after the window cover part of it: wait for them.
  await sleep((INTERVAL_S + 1) * 1000);
  const rssPerNodeBytes = samples.map((node) =>
    median(node.flatMap((s) => (s.residentMemoryBytes === null ? [] : [s.residentMemoryBytes]))),
  );
  const summed = (pick: (sample: ServerMetrics) => number | null): number | null => {
    const perNode = samples.map((node) => median(node.flatMap((sample) => pick(sample) ?? [])));
    return perNode.some((value) => value === null) ? null : perNode.reduce<number>((sum, v) => sum + v!, 0);
  };
  const all = samples.flat();
  const lags = all.flatMap((s) => (s.eventLoopLagP99Ms === null ? [] : [s.eventLoopLagP99Ms]));
  const maxes = all.flatMap((s) => (s.eventLoopLagMaxMs === null ? [] : [s.eventLoopLagMaxMs]));
  const roundTrips = forwardedAfter.roundTrips - forwardedBefore.roundTrips;
  return {
    figures: mergeWindow(plateau.processes, from, to + INTERVAL_S * 1000),
    rssBytes: rssPerNodeBytes.some((rss) => rss === null)
      ? null
      : rssPerNodeBytes.reduce<number>((sum, rss) => sum + rss!, 0),
    rssPerNodeBytes,
    heapBytes: summed((sample) => sample.heapUsedBytes),
    externalBytes: summed((sample) => sample.externalMemoryBytes),
    lagP99Ms: lags.length ? Math.max(...lags) : null,
    lagMaxMs: maxes.length ? Math.max(...maxes) : null,
    cores,
    forwarding: {
      perS: (forwardedAfter.forwarded - forwardedBefore.forwarded) / ((to - from) / 1000),
      failed: forwardedAfter.failed - forwardedBefore.failed,
      meanRoundTripMs:
        roundTrips > 0
          ? (1000 * (forwardedAfter.roundTripSeconds - forwardedBefore.roundTripSeconds)) / roundTrips
          : null,
    },
    serverSide: {
      action: histogramOverWindow(scrapeBefore, scrapeAfter, 'poker_action_latency_seconds'),
      settlement: histogramOverWindow(scrapeBefore, scrapeAfter, 'poker_settlement_seconds'),
      settlementRoundTrips: perSettledHand(
        counterOverWindow(
          scrapeBefore,
          scrapeAfter,
          'poker_ledger_round_trips_total',
          'operation="settleHand"',
        ),
        counterOverWindow(scrapeBefore, scrapeAfter, 'poker_hands_settled_total'),
      ),
      gcMinor: histogramOverWindow(scrapeBefore, scrapeAfter, 'nodejs_gc_duration_seconds', 'kind="minor"'),
      gcMajor: histogramOverWindow(scrapeBefore, scrapeAfter, 'nodejs_gc_duration_seconds', 'kind="major"'),
      probe,
      mainThreads: cores.serverMainThreads,
    },
  };
}

/** Asks every bot process to leave and report; kills what is still running after the grace. */
async function endPlateau(plateau: Plateau, graceS: number): Promise<(BotsReport | null)[]> {
  for (const bots of plateau.processes) bots.interrupt();
  const timer = setTimeout(() => {
    for (const bots of plateau.processes) bots.kill();
  }, graceS * 1000);
  const reports = await Promise.all(plateau.processes.map((bots) => bots.report));
  clearTimeout(timer);
  return reports;
}

function conservationOf(reports: readonly (BotsReport | null)[]) {
  const present = reports.filter((report): report is BotsReport => report !== null);
  return {
    processesReporting: present.length,
    processes: reports.length,
    holds: present.length === reports.length && present.every((report) => report.conservation.holds === true),
    botsFailed: present.reduce((sum, report) => sum + report.bots.failed, 0),
    botsCashedOut: present.reduce((sum, report) => sum + report.bots.done, 0),
  };
}

/** What a step adds on several nodes: each node's share, and the traffic between nodes. */
interface ClusterStep {
  readonly spread: Spread;
  readonly perNode: readonly {
    readonly url: string;
    readonly tables: number | null;
    readonly residentMemoryBytes: number | null;
    readonly cores: number;
  }[];
  /** Commands forwarded to the owning node, per second, and their mean round trip. */
  readonly forwardedPerS: number;
  readonly forwardedFailed: number;
  readonly forwardMeanRoundTripMs: number | null;
}

interface StepResult {
  readonly tables: number;
  readonly players: number;
  readonly setupSeconds: number;
  readonly botsReady: number;
  readonly botsFailed: number;
  readonly window: WindowFigures;
  /** Of every server process together (each node's median summed). */
  readonly residentMemoryBytes: number | null;
  readonly memoryPerTableBytes: number | null;
  /** Where the RSS per table is: the JavaScript heap's growth and the off-heap Buffers' growth. */
  readonly heapBytes: number | null;
  readonly heapPerTableBytes: number | null;
  readonly externalBytes: number | null;
  readonly externalPerTableBytes: number | null;
  readonly eventLoopLagP99Ms: number | null;
  readonly eventLoopLagMaxMs: number | null;
  /**
   * Average cores used during the window (the machine has few: the bots share them with the
   * server); `server` is every server process together.
   */
  readonly coresUsed: CoresOfOneServer;
  readonly serverSide: ServerSide;
  readonly cluster?: ClusterStep;
  readonly passed: boolean;
}

const mib = (bytes: number | null | undefined) => fmt((bytes ?? 0) / 1_048_576);

interface CoresOfOneServer {
  readonly server: number;
  readonly bots: number;
  readonly postgres: number;
  /** Every busy core of the machine, whoever used it. */
  readonly machine: number;
}

/** The cores of a single server's run, as this benchmark always reported them. */
function serverBotsPostgres(cores: ReturnType<typeof coresUsed>): CoresOfOneServer {
  return { server: cores.server, bots: cores.bots, postgres: cores.postgres, machine: cores.machine };
}

/** CPU milliseconds per action, from average cores over a window and its actions per second. */
const msPerAction = (cores: number, actionsPerS: number) =>
  actionsPerS > 0 ? (1000 * cores) / actionsPerS : 0;

/**
 * What one action costs in CPU through the whole stack and through raw Socket.IO, measured in the
 * same run: the ratio of the two is what bounds the full stack's share of the ceiling, and the
 * split says where the difference goes.
 */
function costPerActionText(full: { cores: CoresOfOneServer; actionsPerS: number }, raw: RawCeiling): string {
  const fullCost = (cores: number) => fmt(msPerAction(cores, full.actionsPerS), 3);
  const rawCost = (cores: number) => fmt(msPerAction(cores, raw.actionsPerS), 3);
  const { server, bots, postgres, machine } = full.cores;
  return (
    `CPU per action: full stack ${fullCost(server + bots + postgres)} ms (server ${fullCost(server)}, bots ${fullCost(bots)}, postgres ${fullCost(postgres)}; ` +
    `machine busy ${fmt(machine, 2)} cores) | raw ${rawCost(raw.coresUsed.server + raw.coresUsed.clients)} ms ` +
    `(server ${rawCost(raw.coresUsed.server)}, clients ${rawCost(raw.coresUsed.clients)})`
  );
}

/**
 * The human-pace stepping against one target: the single server (`nodeCount` null) or a cluster
 * of `nodeCount` nodes, until `deadlineMs` (less the time the stepping needs to stop).
 */
async function humanPace(nodeCount: number | null, deadlineMs: number) {
  const secondsLeft = () => (deadlineMs - Date.now()) / 1000;
  const fdLimit = fileDescriptorLimit();
  // Each server holds one descriptor per player it serves; keep room for the pool, files and HTTP.
  const maxPlayers = (fdLimit - 1_500) * (nodeCount ?? 1);
  const target =
    nodeCount === null
      ? singleServer(await startBenchServer('bench_load_human'))
      : await startBenchCluster(`bench_load_n${nodeCount}`, nodeCount, REDIS_URL);
  const cluster = nodeCount !== null;
  const label = cluster ? `${nodeCount} node${nodeCount === 1 ? '' : 's'}: ` : '';
  // Start-up garbage (the migration engine) inflates the first figure; let it settle a little.
  await sleep(5_000);
  const baselines = await Promise.all(target.nodes.map((node) => node.metrics()));
  const baselineRss = baselines.some((sample) => sample?.residentMemoryBytes == null)
    ? null
    : baselines.reduce((sum, sample) => sum + sample!.residentMemoryBytes!, 0);
  const baselineOf = (pick: (sample: ServerMetrics) => number | null): number | null =>
    baselines.some((sample) => sample === null || pick(sample) === null)
      ? null
      : baselines.reduce((sum, sample) => sum + pick(sample!)!, 0);
  const baselineHeap = baselineOf((sample) => sample.heapUsedBytes);
  const baselineExternal = baselineOf((sample) => sample.externalMemoryBytes);
  say(
    cluster
      ? `human pace, ${label}${target.urls.join(', ')} (Redis ${REDIS_URL}, key prefix ${target.prefix}), baseline RSS ${baselines.map((sample) => `${mib(sample?.residentMemoryBytes)} MiB`).join(' + ')}, ulimit -n ${fdLimit}`
      : `human pace: server ${target.urls[0]}, baseline RSS ${mib(baselineRss)} MiB, ulimit -n ${fdLimit}`,
  );
  const plateau = await startPlateau(target);
  const steps: StepResult[] = [];
  const notes: string[] = [];
  let audit: AuditOutcome | null = null;
  let reports: (BotsReport | null)[] = [];
  try {
    for (const [index, tables] of STEPS.entries()) {
      if (tables <= plateau.tables) continue;
      if (tables * PLAYERS > maxPlayers) {
        notes.push(
          `step ${tables} skipped: ${tables * PLAYERS} sockets exceed ulimit -n ${fdLimit}${cluster ? ' per node' : ''} (raise it to go further)`,
        );
        break;
      }
      const adding = tables - plateau.tables;
      const rate = plateau.setupBotsPerS ?? 30;
      const spreadS = cluster && target.nodes.length > 1 ? SPREAD_WAIT_S : 0;
      const estimateS = (adding * PLAYERS) / rate + spreadS + SETTLE_S + WINDOW_S + INTERVAL_S + 10;
      if (estimateS > secondsLeft()) {
        notes.push(
          `step ${tables} skipped: about ${Math.round(estimateS)} s needed, ${Math.round(secondsLeft())} s of budget left`,
        );
        break;
      }
      say(`${label}step ${tables} tables: adding ${adding} tables (${adding * PLAYERS} bots)...`);
      const added = await addTables(
        plateau,
        adding,
        cluster ? `n${nodeCount}s${index}` : `s${index}`,
        args['think-ms'],
        budgetLeftS(),
        TABLES_PER_PROCESS,
      );
      const spread = target.nodes.length > 1 ? await spreadTables(plateau) : null;
      if (spread && !spread.balanced)
        notes.push(
          `step ${tables}: tables not spread within ${SPREAD_WAIT_S} s (${spread.tablesPerNode.join('/')}); measured anyway`,
        );
      const measured = await measureWindow(plateau);
      const stepFailed = steps.reduce((sum, step) => sum + step.botsFailed, 0) + added.failed;
      // Marginal memory: the growth since the previous step (or the idle server) per table added,
      // which cancels whatever the process holds independently of the tables.
      const previous = steps.at(-1);
      const previousRss = previous ? previous.residentMemoryBytes : baselineRss;
      const previousTables = previous ? previous.tables : 0;
      const rssGrowth =
        measured.rssBytes !== null && previousRss !== null ? measured.rssBytes - previousRss : null;
      const perAddedTable = (now: number | null, before: number | null) =>
        now === null || before === null ? null : (now - before) / (tables - (previous?.tables ?? 0));
      const previousHeap = previous ? previous.heapBytes : baselineHeap;
      const previousExternal = previous ? previous.externalBytes : baselineExternal;
      const result: StepResult = {
        tables,
        players: tables * PLAYERS,
        setupSeconds: added.seconds,
        botsReady: steps.reduce((sum, step) => sum + step.botsReady, 0) + added.ready,
        botsFailed: stepFailed,
        window: measured.figures,
        residentMemoryBytes: measured.rssBytes,
        memoryPerTableBytes: rssGrowth === null ? null : rssGrowth / (tables - previousTables),
        heapBytes: measured.heapBytes,
        heapPerTableBytes: perAddedTable(measured.heapBytes, previousHeap),
        externalBytes: measured.externalBytes,
        externalPerTableBytes: perAddedTable(measured.externalBytes, previousExternal),
        eventLoopLagP99Ms: measured.lagP99Ms,
        eventLoopLagMaxMs: measured.lagMaxMs,
        coresUsed: cluster ? measured.cores : serverBotsPostgres(measured.cores),
        serverSide: measured.serverSide,
        ...(cluster && {
          cluster: {
            spread: spread ?? { seconds: 0, balanced: true, tablesPerNode: [tables] },
            perNode: target.nodes.map((node, i) => ({
              url: node.url,
              tables: spread?.tablesPerNode[i] ?? tables,
              residentMemoryBytes: measured.rssPerNodeBytes[i] ?? null,
              cores: measured.cores.perServer[i] ?? 0,
            })),
            forwardedPerS: measured.forwarding.perS,
            forwardedFailed: measured.forwarding.failed,
            forwardMeanRoundTripMs: measured.forwarding.meanRoundTripMs,
          },
        }),
        passed:
          added.processesLost === 0 &&
          stepFailed === 0 &&
          measured.figures.errors === 0 &&
          measured.figures.invalidMessages === 0 &&
          measured.figures.ack.p99 !== null &&
          measured.figures.ack.p99 < P99_LIMIT_MS,
      };
      steps.push(result);
      say(
        `  ${label}${tables} tables / ${result.players} players: ${result.passed ? 'PASS' : 'FAIL'} | set-up ${fmt(added.seconds)} s` +
          ` | ${fmt(result.window.actionsPerS)} actions/s, ${fmt(result.window.handsPerS, 2)} hands/s` +
          ` | action->ack ${latencyText(result.window.ack)} (n=${result.window.ack.count}) | ->broadcast p99 ${fmt(result.window.broadcast.p99, 2)} ms` +
          ` | errors ${result.window.errors}${result.window.errors ? ` ${JSON.stringify(result.window.errorsByCode)}` : ''}, failed bots ${stepFailed}` +
          (added.failed > 0 ? ` (set-up errors ${JSON.stringify(added.setupErrorsByCode)})` : '') +
          ` | RSS ${mib(result.residentMemoryBytes)} MiB (${signed((result.memoryPerTableBytes ?? 0) / 1024)} KiB per added table;` +
          ` of it JS heap ${signed((result.heapPerTableBytes ?? 0) / 1024)}, Buffers ${signed((result.externalPerTableBytes ?? 0) / 1024)} KiB)` +
          ` | lag p99 ${fmt(result.eventLoopLagP99Ms)} ms, max ${fmt(result.eventLoopLagMaxMs)} ms (bots p99 ${fmt(result.window.botsLagP99Ms)} ms)` +
          ` | cores: server ${fmt(result.coresUsed.server, 2)}, bots ${fmt(result.coresUsed.bots, 2)}, postgres ${fmt(result.coresUsed.postgres, 2)}, machine busy ${fmt(result.coresUsed.machine, 2)}` +
          ` (${fmt(msPerAction(result.coresUsed.machine, result.window.actionsPerS), 2)} ms of CPU per action)` +
          (cluster ? `, redis ${fmt(measured.cores.redis, 2)}` : ''),
      );
      say(`    ${serverSideText(measured.serverSide)}`);
      if (result.cluster) {
        say(
          `    per node: ${result.cluster.perNode
            .map(
              (node, i) =>
                `n${i} ${node.tables ?? '?'} tables, RSS ${mib(node.residentMemoryBytes)} MiB, ${fmt(node.cores, 2)} cores`,
            )
            .join(' | ')}` +
            ` | forwarded ${fmt(result.cluster.forwardedPerS)} commands/s (mean round trip ${fmt(result.cluster.forwardMeanRoundTripMs, 2)} ms, ${result.cluster.forwardedFailed} not ok)` +
            (spread
              ? ` | spread in ${fmt(spread.seconds)} s${spread.balanced ? '' : ' (NOT balanced)'}`
              : ''),
        );
      }
      if (!result.passed) break;
    }
  } finally {
    say(`${label}human pace: bots leaving and cashing out...`);
    plateau.probe.stop();
    reports = await endPlateau(plateau, QUICK ? 120 : 300);
    audit = await runAuditCommand(target.databaseUrl);
    const codes = await target.stop();
    codes.forEach((code, i) => {
      if (code !== 0) notes.push(`${cluster ? `node ${i}` : 'the server'} exited with ${code} at shutdown`);
    });
  }
  const passing = steps.filter((step) => step.passed);
  const largest = passing.length ? Math.max(...passing.map((step) => step.tables)) : null;
  const last = steps.at(-1);
  // Above the idle server, per table, at the largest step: the difference between two steps moves
  // with the collector's timing (it even came out negative once); this does not.
  const memoryPerTableBytes =
    last && last.residentMemoryBytes !== null && baselineRss !== null
      ? (last.residentMemoryBytes - baselineRss) / last.tables
      : null;
  return {
    ...(cluster && { nodes: nodeCount }),
    steps,
    baselineResidentMemoryBytes: baselineRss,
    ...(cluster && {
      baselineResidentMemoryPerNodeBytes: baselines.map((sample) => sample?.residentMemoryBytes ?? null),
    }),
    /** Resident memory above the idle server's, per table, at the last step measured. */
    memoryPerTableBytes,
    largestPassingTables: largest,
    largestPassingPlayers: largest === null ? null : largest * PLAYERS,
    targetTables: TARGET_TABLES,
    targetMet: largest !== null && largest >= TARGET_TABLES,
    conservation: conservationOf(reports),
    audit,
    notes,
  };
}

type HumanPace = Awaited<ReturnType<typeof humanPace>>;

/** The cluster runs side by side: per node count, the figures a comparison needs. */
function nodesSection(runs: readonly HumanPace[]) {
  const one = runs.find((run) => run.nodes === 1)?.largestPassingTables ?? null;
  return {
    redisUrl: REDIS_URL,
    comparison: runs.map((run) => {
      const largest = run.steps.find((step) => step.passed && step.tables === run.largestPassingTables);
      const reference = largest ?? run.steps.at(-1) ?? null;
      return {
        nodes: run.nodes ?? 1,
        largestPassingTables: run.largestPassingTables,
        largestPassingPlayers: run.largestPassingPlayers,
        capacityVsOneNode: one && run.largestPassingTables !== null ? run.largestPassingTables / one : null,
        p99ByStep: run.steps.map((step) => ({
          tables: step.tables,
          p99Ms: step.window.ack.p99,
          passed: step.passed,
        })),
        /** At the largest passing step (or the last one measured, if none passed). */
        atTables: reference?.tables ?? null,
        serverCores: reference?.coresUsed.server ?? null,
        residentMemoryPerNodeBytes:
          reference?.cluster?.perNode.map((node) => node.residentMemoryBytes) ?? null,
        tablesPerNode: reference?.cluster?.perNode.map((node) => node.tables) ?? null,
      };
    }),
    runs,
  };
}

async function fullSpeed() {
  const server = await startBenchServer('bench_load_full', {
    TABLE_HAND_PAUSE_MS: '0',
    // An all-in board runs out at once (bots answer run it twice in microseconds anyway).
    TABLE_RUNOUT_PAUSE_MS: '0',
    // The gateway's per-socket limits are for humans; here they would measure the limiter.
    SOCKET_BURST: '100000',
    SOCKET_EVENTS_PER_SECOND: '100000',
    SOCKET_USER_BURST: '100000',
    SOCKET_USER_EVENTS_PER_SECOND: '100000',
  });
  const plateau = await startPlateau(singleServer(server));
  let reports: (BotsReport | null)[] = [];
  let figures: Awaited<ReturnType<typeof measureWindow>> | null = null;
  let audit: AuditOutcome | null = null;
  try {
    await addTables(
      plateau,
      FULL_TABLES,
      'f',
      '0',
      FULL_SECONDS + 300,
      Math.ceil(FULL_TABLES / FULL_PROCESSES),
    );
    figures = await measureWindow(plateau, FULL_SECONDS);
  } finally {
    plateau.probe.stop();
    reports = await endPlateau(plateau, 120);
    audit = await runAuditCommand(server.databaseUrl);
    await server.stop();
  }
  return {
    tables: FULL_TABLES,
    players: FULL_TABLES * PLAYERS,
    window: figures?.figures ?? null,
    eventLoopLagP99Ms: figures?.lagP99Ms ?? null,
    coresUsed: figures ? serverBotsPostgres(figures.cores) : null,
    serverSide: figures?.serverSide ?? null,
    conservation: conservationOf(reports),
    audit,
  };
}

const CPU_RATIO_TARGET = 2.0;
const SERVER_RATIO_TARGET = 2.5;
const MEMORY_KIB_TARGET = 150;

/**
 * The issue's targets, each as measured in this run: CPU per action of the whole stack (server,
 * bots, PostgreSQL) and of the server alone, each against the raw Socket.IO server and clients of
 * the same run; the largest human-pace step that passed; server memory per table.
 */
function targetsOf(
  human: HumanPace | null,
  full: Awaited<ReturnType<typeof fullSpeed>> | null,
  raw: RawCeiling | null,
) {
  const cores = full?.coresUsed ?? null;
  const aps = full?.window?.actionsPerS ?? 0;
  const ratio = (ours: number, theirs: number) =>
    cores && raw && aps > 0 && raw.actionsPerS > 0 && theirs > 0
      ? msPerAction(ours, aps) / msPerAction(theirs, raw.actionsPerS)
      : null;
  const memory = human?.memoryPerTableBytes ?? null;
  return {
    cpuPerActionRatio: cores
      ? ratio(
          cores.server + cores.bots + cores.postgres,
          raw ? raw.coresUsed.server + raw.coresUsed.clients : 0,
        )
      : null,
    serverCpuRatio: cores ? ratio(cores.server, raw?.coresUsed.server ?? 0) : null,
    settlementRoundTrips: full?.serverSide?.settlementRoundTrips ?? null,
    largestPassingTables: human?.largestPassingTables ?? null,
    memoryPerTableKiB: memory === null ? null : memory / 1024,
    targetsSet: {
      cpuPerActionRatio: CPU_RATIO_TARGET,
      serverCpuRatio: SERVER_RATIO_TARGET,
      settlementRoundTrips: 1,
      largestPassingTables: TARGET_TABLES,
      memoryPerTableKiB: MEMORY_KIB_TARGET,
    },
  };
}

/** Whether each target is met (null when this run did not measure it). */
function targetsMet(targets: ReturnType<typeof targetsOf>) {
  const atMost = (value: number | null, limit: number) => (value === null ? null : value <= limit);
  return {
    cpuPerActionRatio: atMost(targets.cpuPerActionRatio, CPU_RATIO_TARGET),
    serverCpuRatio: atMost(targets.serverCpuRatio, SERVER_RATIO_TARGET),
    // The two counters are scraped a moment apart within the window: a hand or two either way.
    settlementRoundTrips: atMost(targets.settlementRoundTrips, 1.01),
    largestPassingTables:
      targets.largestPassingTables === null ? null : targets.largestPassingTables >= TARGET_TABLES,
    memoryPerTableKiB: atMost(targets.memoryPerTableKiB, MEMORY_KIB_TARGET),
  };
}

async function main(): Promise<void> {
  say(
    `bench:load on 127.0.0.1: steps ${STEPS.join(', ')} tables, window ${WINDOW_S} s, budget ${BUDGET_S} s, bots scheduled ${args['bots-sched']}${QUICK ? ' (quick)' : ''}` +
      (NODE_COUNTS ? `, clusters of ${NODE_COUNTS.join(', ')} node(s)` : ''),
  );
  let human: HumanPace | null = null;
  const clusterRuns: HumanPace[] = [];
  if (!args['skip-human'] && NODE_COUNTS) {
    for (const [index, nodeCount] of NODE_COUNTS.entries()) {
      // What is left of the budget, shared evenly by the node counts still to run.
      const shareS = (budgetLeftS() - RESERVE_S) / (NODE_COUNTS.length - index);
      clusterRuns.push(await humanPace(nodeCount, Date.now() + shareS * 1000));
    }
  } else if (!args['skip-human']) {
    human = await humanPace(null, Date.now() + (budgetLeftS() - RESERVE_S) * 1000);
  }
  let full: Awaited<ReturnType<typeof fullSpeed>> | null = null;
  let raw: RawCeiling | null = null;
  if (!args['skip-full']) {
    full = await fullSpeed();
    if (full.window) {
      say(
        `full speed: ${full.tables} tables, think 0: ${fmt(full.window.actionsPerS)} actions/s, ${fmt(full.window.handsPerS, 2)} hands/s` +
          ` | action->ack ${latencyText(full.window.ack)} | errors ${full.window.errors}` +
          (full.coresUsed
            ? ` | cores: server ${fmt(full.coresUsed.server, 2)}, bots ${fmt(full.coresUsed.bots, 2)}, postgres ${fmt(full.coresUsed.postgres, 2)}, machine busy ${fmt(full.coresUsed.machine, 2)}`
            : ''),
      );
      if (full.serverSide) say(`  ${serverSideText(full.serverSide)}`);
    }
    raw = await measureRawCeiling(FULL_TABLES, RAW_SECONDS);
    say(
      `raw Socket.IO ceiling: ${raw.rooms} rooms of 6, ${fmt(raw.actionsPerS)} actions/s | ack ${latencyText(raw.ackLatencyMs)}`,
    );
    if (full.window && raw.actionsPerS > 0) {
      say(
        `full stack reaches ${fmt((100 * full.window.actionsPerS) / raw.actionsPerS)} % of the raw Socket.IO ceiling`,
      );
      if (full.coresUsed)
        say(costPerActionText({ cores: full.coresUsed, actionsPerS: full.window.actionsPerS }, raw));
    }
  }
  if (human) {
    say(
      `human pace: largest passing step ${human.largestPassingTables ?? 'none'} tables` +
        ` (${human.largestPassingPlayers ?? 0} players; target ${TARGET_TABLES} tables: ${human.targetMet ? 'met' : 'not met'})` +
        ` | memory ${fmt((human.memoryPerTableBytes ?? 0) / 1024)} KiB per table` +
        ` | conservation ${human.conservation.holds ? 'holds' : 'NOT verified'} | audit ${human.audit?.ok === true ? 'clean' : `not clean (${human.audit?.detail})`}`,
    );
    for (const note of human.notes) say(`  note: ${note}`);
  }
  const nodes = NODE_COUNTS && clusterRuns.length > 0 ? nodesSection(clusterRuns) : null;
  for (const [index, line] of (nodes?.comparison ?? []).entries()) {
    const run = clusterRuns[index]!;
    say(
      `${line.nodes} node(s): largest passing step ${line.largestPassingTables ?? 'none'} tables (${line.largestPassingPlayers ?? 0} players)` +
        (line.capacityVsOneNode === null ? '' : `, ${fmt(line.capacityVsOneNode, 2)}x one node`) +
        ` | p99 ${line.p99ByStep.map((step) => `${step.tables}: ${fmt(step.p99Ms, 2)} ms ${step.passed ? 'pass' : 'FAIL'}`).join(', ')}` +
        ` | at ${line.atTables ?? '-'} tables: server cores (all nodes) ${fmt(line.serverCores, 2)}` +
        `, RSS per node ${(line.residentMemoryPerNodeBytes ?? []).map((rss) => `${mib(rss)} MiB`).join(' / ')}` +
        ` | conservation ${run.conservation.holds ? 'holds' : 'NOT verified'} | audit ${run.audit?.ok === true ? 'clean' : `not clean (${run.audit?.detail})`}`,
    );
    for (const note of run.notes) say(`  note: ${note}`);
  }
  const targets = targetsOf(human, full, raw);
  const met = targetsMet(targets);
  const verdict = (ok: boolean | null) => (ok === null ? 'not measured' : ok ? 'met' : 'NOT met');
  say(
    `targets: whole stack CPU per action ${fmt(targets.cpuPerActionRatio, 2)}x raw (<= ${CPU_RATIO_TARGET}: ${verdict(met.cpuPerActionRatio)})` +
      ` | server ${fmt(targets.serverCpuRatio, 2)}x raw server (<= ${SERVER_RATIO_TARGET}: ${verdict(met.serverCpuRatio)})` +
      ` | ${fmt(targets.settlementRoundTrips, 2)} round trips per settled hand (<= 1: ${verdict(met.settlementRoundTrips)})` +
      ` | human pace ${targets.largestPassingTables ?? 'n/a'} tables (>= ${TARGET_TABLES}: ${verdict(met.largestPassingTables)})` +
      ` | memory ${fmt(targets.memoryPerTableKiB)} KiB per table (<= ${MEMORY_KIB_TARGET}: ${verdict(met.memoryPerTableKiB)})`,
  );
  say(
    JSON.stringify({
      bench: 'load',
      variant: args.variant,
      runItTwice: args['run-it-twice'],
      ...targets,
      targetsMet: met,
      quick: QUICK,
      seconds: (Date.now() - startedAt) / 1000,
      humanPace: human,
      nodes,
      fullSpeed: full,
      rawSocketIo: raw,
      fullStackShareOfRaw:
        full?.window && raw && raw.actionsPerS > 0 ? full.window.actionsPerS / raw.actionsPerS : null,
    }),
  );
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(
      `bench:load failed: ${error instanceof Error ? (error.stack ?? error.message) : error}\n`,
    );
    process.exit(1);
  },
);
