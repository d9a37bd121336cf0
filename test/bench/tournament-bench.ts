import { parseArgs } from 'node:util';
import { runBots } from '../support/bots-process.js';
import { BENCH_ADMIN, BENCH_CASHIER, startBenchServer } from './load/bench-server.js';
import { cpuSeconds } from './load/cpu-usage.js';

/**
 * `npm run bench:tournament [-- options]`: a live multi-table tournament, everything on 127.0.0.1.
 * The real server (a fresh database, as bench:load starts it) runs an MTT that the bots create
 * through the admin API with a fast structure (levels of a few seconds); 200 bots register, play
 * wherever the tournament seats and moves them, to the last hand. Printed: entrants, hands, the
 * run's and the tournament's seconds, the server's CPU seconds over the run (user + system, from
 * /proc, as bench:load counts them), errors, whether the prizes paid match the pool, whether the
 * ledger's audit is clean. The last line is one JSON object with them all.
 *
 * Bounded: the bots' run by --budget-s (their --duration-s), the bots' process by a little more.
 */

const { values: args } = parseArgs({
  options: {
    entrants: { type: 'string', default: '200' },
    'table-size': { type: 'string', default: '9' },
    'level-s': { type: 'string', default: '3' },
    'think-ms': { type: 'string', default: '0-20' },
    strategy: { type: 'string', default: 'random' },
    'start-in-s': { type: 'string', default: '30' },
    'budget-s': { type: 'string', default: '900' },
  },
});

const ENTRANTS = Number(args.entrants);
const BUDGET_S = Math.min(3_600, Number(args['budget-s']));

function say(line: string): void {
  process.stderr.write(`${line}\n`);
}

async function main(): Promise<void> {
  const server = await startBenchServer('bench_tournament', {
    // Hands back to back, and an all-in board at once: the tournament's pace is the bots'.
    TABLE_HAND_PAUSE_MS: '0',
    TABLE_RUNOUT_PAUSE_MS: '0',
    // The gateway's per-socket limits are for humans.
    SOCKET_BURST: '100000',
    SOCKET_EVENTS_PER_SECOND: '100000',
    SOCKET_USER_BURST: '100000',
    SOCKET_USER_EVENTS_PER_SECOND: '100000',
  });
  say(`bench:tournament: server ${server.url}, ${ENTRANTS} bots, levels of ${args['level-s']} s`);
  const cpuBefore = cpuSeconds(server.child.pid);
  const startedMs = Date.now();
  try {
    const run = await runBots(
      [
        '--url',
        server.url,
        '--create-tournament',
        'mtt',
        '--entrants',
        String(ENTRANTS),
        '--structure',
        'custom-fast',
        '--level-s',
        args['level-s'],
        '--start-in-s',
        args['start-in-s'],
        '--players-per-table',
        args['table-size'],
        '--think-ms',
        args['think-ms'],
        '--strategy',
        args.strategy,
        '--admin-user',
        BENCH_ADMIN.username,
        '--cashier-user',
        BENCH_CASHIER.username,
        '--database-url',
        server.databaseUrl,
        '--duration-s',
        String(BUDGET_S),
        '--json',
      ],
      (BUDGET_S + 120) * 1000,
      { BOTS_ADMIN_PASSWORD: BENCH_ADMIN.password, BOTS_CASHIER_PASSWORD: BENCH_CASHIER.password },
    );
    const serverCpuS = cpuSeconds(server.child.pid) - cpuBefore;
    const report = run.report;
    if (!report) throw new Error(`the bots gave no report (exit ${run.exitCode}):\n${run.stderr}`);
    const tournament = report.tournament;
    const figures = {
      entrants: tournament?.entries ?? 0,
      botsEntered: tournament?.botsEntered ?? 0,
      tables: tournament?.tables ?? 0,
      hands: report.throughput.hands,
      actions: report.throughput.actions,
      seconds: Number(((Date.now() - startedMs) / 1000).toFixed(1)),
      tournamentSeconds: tournament?.playedS ?? null,
      serverCpuSeconds: Number(serverCpuS.toFixed(2)),
      errors: report.errors.total,
      errorsByCode: report.errors.byCode,
      status: tournament?.status ?? null,
      payoutsMatchPool: tournament?.payoutsMatchPool ?? false,
      tournamentChecksHold: tournament?.holds ?? false,
      auditClean: report.audit.ok === true,
      actionToAckP99Ms: report.latencyMs.actionToAck.p99,
      problems: report.problems,
    };
    say(
      `entrants ${figures.entrants} (${figures.botsEntered} bots) over ${figures.tables} tables | hands ${figures.hands}, actions ${figures.actions}` +
        ` | ${figures.seconds} s in all, the tournament ${figures.tournamentSeconds ?? 'n/a'} s | server CPU ${figures.serverCpuSeconds} s` +
        ` | errors ${figures.errors} | payouts match pool: ${figures.payoutsMatchPool} | audit clean: ${figures.auditClean}`,
    );
    if (report.problems.length > 0) say(`problems: ${report.problems.join('; ')}`);
    process.stdout.write(`${JSON.stringify(figures)}\n`);
  } finally {
    await server.stop();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    say(`bench:tournament: ${error instanceof Error ? (error.stack ?? error.message) : error}`);
    process.exit(1);
  },
);
