import type { AuditOutcome } from './audit-check.js';
import type { BotOptions } from './cli-args.js';
import type { ConservationReport } from './conservation.js';
import type { HistogramJson, LatencySummaryMs } from './latency-recorder.js';
import type { RefusedActionSample, RunStats } from './run-stats.js';
import type { ServerMetrics } from './server-metrics.js';
import type { ServerSample, TimelinePoint } from './timeline.js';
import type { TournamentCheck } from './tournament-check.js';

/** The final report of a bots run: what `--json` prints, what the HTML report draws. */

/** What GET /metrics showed over the run, of one node or of the whole (server-monitor.ts). */
export interface ServerSeriesFigures {
  readonly metrics: 'available' | 'unavailable';
  readonly residentMemoryBytes: {
    readonly start: number | null;
    readonly peak: number | null;
    readonly end: number | null;
  };
  /** Resident memory while every bot was seated and playing (the steady phase), if sampled. */
  readonly steadyResidentMemoryBytes: number | null;
  readonly eventLoopLagMs: {
    readonly p99Max: number | null;
    readonly max: number | null;
    readonly meanLast: number | null;
  };
  readonly end: ServerMetrics | null;
}

export interface NodeFigures extends ServerSeriesFigures {
  readonly url: string;
}

/**
 * The server's figures. With one URL, that server's; with several (a cluster), those of the nodes
 * combined (memory added up, the worst event-loop lag), and each node's in `nodes`.
 */
export interface ServerFigures extends ServerSeriesFigures {
  readonly nodes?: readonly NodeFigures[];
}

export interface BotsReport {
  readonly ok: boolean;
  readonly problems: readonly string[];
  readonly options: Omit<BotOptions, 'urls' | 'cashier' | 'admin' | 'databaseUrl'> & {
    /** The server's URL, or the cluster's, separated by commas. */
    readonly url: string;
    readonly cashierUser: string | null;
    readonly adminUser: string | null;
    readonly databaseUrlGiven: boolean;
  };
  readonly durationS: number;
  readonly steady: { readonly startS: number | null; readonly durationS: number | null };
  readonly bots: {
    readonly planned: number;
    readonly ready: number;
    readonly failed: number;
    readonly done: number;
  };
  readonly tables: {
    readonly count: number;
    readonly created: boolean;
    /** Of the tables the run created, those it closed at the end (the others still hold chips). */
    readonly closed: number;
    readonly handsPlayed: { readonly total: number; readonly min: number; readonly max: number };
    readonly handsTargetReached: number;
  };
  readonly throughput: {
    readonly hands: number;
    readonly actions: number;
    readonly handsPerS: number;
    readonly actionsPerS: number;
    readonly steadyHandsPerS: number | null;
    readonly steadyActionsPerS: number | null;
  };
  readonly latencyMs: {
    readonly actionToAck: LatencySummaryMs;
    readonly actionToBroadcast: LatencySummaryMs;
    readonly steadyActionToAck: LatencySummaryMs;
    readonly steadyActionToBroadcast: LatencySummaryMs;
  };
  /** The histograms themselves, so reports of several bot processes can be merged exactly. */
  readonly histograms: {
    readonly actionToAck: HistogramJson;
    readonly actionToBroadcast: HistogramJson;
    readonly steadyActionToAck: HistogramJson;
    readonly steadyActionToBroadcast: HistogramJson;
  };
  readonly errors: { readonly total: number; readonly byCode: Readonly<Record<string, number>> };
  readonly messages: {
    readonly received: number;
    readonly invalid: number;
    readonly invalidSamples: readonly { readonly event: string; readonly problem: string }[];
  };
  /** The first actions the server refused, with the legal actions the bot had been offered. */
  readonly refusedActions: readonly RefusedActionSample[];
  readonly connections: {
    readonly stormBots: number;
    readonly reconnects: number;
    readonly reconnectFailures: number;
    readonly unexpectedDisconnects: number;
    readonly seqGaps: number;
    readonly syncs: number;
    /** Table commands tried again after cluster/owner-unreachable (an error only once out of tries). */
    readonly retried: number;
  };
  readonly topUps: number;
  /** Run-it-twice questions answered (tables that allow it, when everyone is all in). */
  readonly runTwiceAnswers: number;
  readonly httpRetries: number;
  readonly server: ServerFigures;
  readonly conservation: ConservationReport;
  readonly audit: AuditOutcome;
  /** A tournament run's own checks (tournament-check.ts); null for cash tables. */
  readonly tournament: TournamentCheck | null;
  readonly timeline: readonly TimelinePoint[];
  readonly serverSamples: readonly ServerSample[];
}

export interface ReportInputs {
  readonly options: BotOptions;
  readonly stats: RunStats;
  readonly elapsedMs: number;
  readonly runStartMs: number;
  readonly handsPerTable: readonly number[];
  readonly tablesCreated: boolean;
  readonly tablesClosed: number;
  readonly plannedBots: number;
  readonly stormBots: number;
  readonly httpRetries: number;
  readonly server: ServerFigures;
  readonly conservation: ConservationReport;
  readonly audit: AuditOutcome;
  /** A tournament run: its checks replace the cash tables' hand targets. */
  readonly tournament?: TournamentCheck;
}

const perSecond = (count: number, ms: number) => (ms > 0 ? count / (ms / 1000) : 0);

export function buildReport(inputs: ReportInputs): BotsReport {
  const { options, stats, elapsedMs, handsPerTable } = inputs;
  const steadyMs =
    stats.steadyStartedAtMs !== null && stats.steadyEndedAtMs !== null
      ? stats.steadyEndedAtMs - stats.steadyStartedAtMs
      : null;
  const reached = handsPerTable.filter((hands) => hands >= options.hands).length;
  const errorsByCode = Object.fromEntries(
    [...stats.errorsByCode.entries()].sort(([a], [b]) => a.localeCompare(b)),
  );
  const problems: string[] = [];
  if (stats.invalidMessages > 0) problems.push(`${stats.invalidMessages} invalid message(s)`);
  if (stats.errors > 0) problems.push(`${stats.errors} error(s)`);
  if (stats.botsFailed > 0) problems.push(`${stats.botsFailed} bot(s) failed`);
  const tournament = inputs.tournament ?? null;
  if (tournament) problems.push(...tournament.problems.map((problem) => `tournament: ${problem}`));
  else if (reached < handsPerTable.length)
    problems.push(`${handsPerTable.length - reached} table(s) short of ${options.hands} hands`);
  if (inputs.conservation.holds === false)
    problems.push(`chips not conserved (difference ${inputs.conservation.difference})`);
  if (inputs.audit.ok === false) problems.push('the server audit found discrepancies');
  const { urls, cashier, admin, databaseUrl, ...rest } = options;
  return {
    ok: problems.length === 0,
    problems,
    options: {
      url: urls.join(','),
      ...rest,
      cashierUser: cashier?.username ?? null,
      adminUser: admin?.username ?? null,
      databaseUrlGiven: databaseUrl !== null,
    },
    durationS: elapsedMs / 1000,
    steady: {
      startS: stats.steadyStartedAtMs === null ? null : (stats.steadyStartedAtMs - inputs.runStartMs) / 1000,
      durationS: steadyMs === null ? null : steadyMs / 1000,
    },
    bots: {
      planned: inputs.plannedBots,
      ready: stats.botsReady,
      failed: stats.botsFailed,
      done: stats.botsDone,
    },
    tables: {
      count: handsPerTable.length,
      created: inputs.tablesCreated,
      closed: inputs.tablesClosed,
      handsPlayed: {
        total: handsPerTable.reduce((sum, hands) => sum + hands, 0),
        min: handsPerTable.length ? Math.min(...handsPerTable) : 0,
        max: handsPerTable.length ? Math.max(...handsPerTable) : 0,
      },
      handsTargetReached: reached,
    },
    throughput: {
      hands: stats.handsCompleted,
      actions: stats.actions,
      handsPerS: perSecond(stats.handsCompleted, elapsedMs),
      actionsPerS: perSecond(stats.actions, elapsedMs),
      steadyHandsPerS: steadyMs === null ? null : perSecond(stats.steadyHands, steadyMs),
      steadyActionsPerS: steadyMs === null ? null : perSecond(stats.steadyActions, steadyMs),
    },
    latencyMs: {
      actionToAck: stats.ackLatency.summary(),
      actionToBroadcast: stats.broadcastLatency.summary(),
      steadyActionToAck: stats.steadyAckLatency.summary(),
      steadyActionToBroadcast: stats.steadyBroadcastLatency.summary(),
    },
    histograms: {
      actionToAck: stats.ackLatency.toJSON(),
      actionToBroadcast: stats.broadcastLatency.toJSON(),
      steadyActionToAck: stats.steadyAckLatency.toJSON(),
      steadyActionToBroadcast: stats.steadyBroadcastLatency.toJSON(),
    },
    errors: { total: stats.errors, byCode: errorsByCode },
    messages: {
      received: stats.messagesReceived,
      invalid: stats.invalidMessages,
      invalidSamples: stats.invalidSamples,
    },
    refusedActions: stats.refusedSamples,
    connections: {
      stormBots: inputs.stormBots,
      reconnects: stats.reconnects,
      reconnectFailures: stats.reconnectFailures,
      unexpectedDisconnects: stats.unexpectedDisconnects,
      seqGaps: stats.seqGaps,
      syncs: stats.syncs,
      retried: stats.retried,
    },
    topUps: stats.topUps,
    runTwiceAnswers: stats.runTwiceAnswers,
    httpRetries: inputs.httpRetries,
    server: inputs.server,
    conservation: inputs.conservation,
    audit: inputs.audit,
    tournament,
    timeline: stats.timeline.points,
    serverSamples: stats.timeline.serverSamples,
  };
}

const ms = (value: number | null) => (value === null ? 'n/a' : `${value.toFixed(value < 10 ? 2 : 1)} ms`);
const mib = (bytes: number | null) => (bytes === null ? 'n/a' : `${(bytes / 1_048_576).toFixed(1)} MiB`);

function latencyLine(name: string, summary: LatencySummaryMs): string {
  return `  ${name.padEnd(26)} n=${summary.count}  p50 ${ms(summary.p50)}  p95 ${ms(summary.p95)}  p99 ${ms(summary.p99)}  max ${ms(summary.max)}`;
}

function serverLine(name: string, figures: ServerSeriesFigures): string {
  if (figures.metrics === 'unavailable')
    return `${name}: GET /metrics unavailable (memory and event-loop lag not measured)`;
  const rss = figures.residentMemoryBytes;
  return (
    `${name}: RSS start ${mib(rss.start)}, steady ${mib(figures.steadyResidentMemoryBytes)}, peak ${mib(rss.peak)}, end ${mib(rss.end)}` +
    ` | event-loop lag p99 max ${ms(figures.eventLoopLagMs.p99Max)}, max ${ms(figures.eventLoopLagMs.max)}`
  );
}

function tournamentLines(check: TournamentCheck): string[] {
  const verdict = (holds: boolean | null) => (holds === null ? 'not checked' : holds ? 'yes' : 'NO');
  return [
    `tournament ${check.kind} "${check.name}" ${check.status}${check.playedS === null ? '' : ` in ${check.playedS.toFixed(1)} s`}: ${check.entries} entries (${check.botsEntered} bots), ${check.tables} table(s) seen` +
      ` | buy-in ${check.buyIn} + fee ${check.fee}, guarantee ${check.guarantee}`,
    `  prizes paid ${check.prizesPaid} = pool ${check.prizePool} (expected ${check.expectedPool}, payout table ${check.payoutTableSum}): ${verdict(check.payoutsMatchPool)}` +
      ` | fees to the house ${check.feesToHouse.seen ?? 'n/a'} of ${check.feesToHouse.expected}: ${verdict(check.feesToHouse.holds)}`,
    `  wallets -buy-in -fee +prize: ${check.wallets.checked - check.wallets.wrong}/${check.wallets.checked} exact, ${check.wallets.unread} unread` +
      ` | notices missing ${check.notices.missing}, disagreeing ${check.notices.disagree}` +
      ` | chips: at most ${check.chips.maxSeenAtATable} at a table of ${check.chips.issued} issued: ${verdict(check.chips.holds)}`,
    ...check.wallets.samples.map((sample) => `  wrong wallet ${sample}`),
  ];
}

/** The human-readable report (stderr, or stdout without --json). */
export function formatReport(report: BotsReport): string {
  const t = report.throughput;
  const lines = [
    `bots report: ${report.ok ? 'OK' : `NOT OK (${report.problems.join('; ')})`}`,
    `  run ${report.durationS.toFixed(1)} s, steady ${report.steady.durationS === null ? 'n/a' : `${report.steady.durationS.toFixed(1)} s`}` +
      ` | bots ${report.bots.ready}/${report.bots.planned} ready, ${report.bots.done} cashed out, ${report.bots.failed} failed`,
    `  tables ${report.tables.count} (${report.tables.created ? `created, ${report.tables.closed} closed at the end` : 'existing'}), hands per table ${report.tables.handsPlayed.min}..${report.tables.handsPlayed.max}, target reached at ${report.tables.handsTargetReached}`,
    `  throughput: ${t.hands} hands (${t.handsPerS.toFixed(2)}/s), ${t.actions} actions (${t.actionsPerS.toFixed(1)}/s)` +
      (t.steadyActionsPerS === null
        ? ''
        : ` | steady ${t.steadyHandsPerS!.toFixed(2)} hands/s, ${t.steadyActionsPerS.toFixed(1)} actions/s`),
    'latency:',
    latencyLine('action -> ack', report.latencyMs.actionToAck),
    latencyLine('action -> broadcast', report.latencyMs.actionToBroadcast),
    latencyLine('steady action -> ack', report.latencyMs.steadyActionToAck),
    latencyLine('steady action -> broadcast', report.latencyMs.steadyActionToBroadcast),
    `errors: ${report.errors.total}${Object.keys(report.errors.byCode).length ? ` ${JSON.stringify(report.errors.byCode)}` : ''}`,
    `messages: ${report.messages.received} received, ${report.messages.invalid} invalid`,
    ...report.messages.invalidSamples.map((sample) => `  invalid ${sample.event}: ${sample.problem}`),
    ...report.refusedActions.map(
      (sample) => `  refused ${sample.action}: ${sample.code} ${sample.message}; offered ${sample.legal}`,
    ),
    `connections: storm ${report.connections.stormBots} bots, ${report.connections.reconnects} reconnects, ${report.connections.reconnectFailures} failed,` +
      ` ${report.connections.unexpectedDisconnects} unexpected disconnects, ${report.connections.seqGaps} seq gaps, ${report.connections.syncs} syncs,` +
      ` ${report.connections.retried} retried (owner unreachable)`,
    serverLine(report.server.nodes ? 'servers (combined)' : 'server', report.server),
    ...(report.server.nodes ?? []).map((node) => serverLine(`  node ${node.url}`, node)),
    `conservation: ${report.conservation.holds === null ? 'not checked' : report.conservation.holds ? 'holds' : 'BROKEN'} (${report.conservation.note})` +
      ` given ${report.conservation.given} = wallets ${report.conservation.inWallets} + tables ${report.conservation.atTables} + rake ${report.conservation.rake}` +
      ` (difference ${report.conservation.difference}; ${report.conservation.handsRecoveredFromHistory} hand(s) from history, ${report.conservation.handsUnaccounted} unaccounted)`,
    ...(report.tournament ? tournamentLines(report.tournament) : []),
    `audit (${report.audit.source}): ${report.audit.ok === null ? 'not available' : report.audit.ok ? 'clean' : 'DISCREPANCIES'}${report.audit.detail ? ` - ${report.audit.detail}` : ''}`,
  ];
  return lines.join('\n');
}
