import { Money } from '../../src/money/index.js';
import type { TournamentDetailResponse, TournamentSummaryOut } from '../../src/protocol/http-tournaments.js';
import { ApiClient, type Session } from './api-client.js';
import { type AuditOutcome, auditThroughApi, runAuditCommand } from './audit-check.js';
import { Bot, type BotContext } from './bot.js';
import type { BotOptions, TournamentOptions } from './cli-args.js';
import type { ConservationReport } from './conservation.js';
import { forEachLimited } from './limited.js';
import { MessageValidator } from './message-validator.js';
import { runProgressBar } from './progress.js';
import { forkRandom, seededRandom } from './random.js';
import { type BotsReport, buildReport } from './report.js';
import { fileDescriptorLimit, log, login, SetupError, withPasswords, writeStdout } from './run-setup.js';
import { RunStats } from './run-stats.js';
import { ServerMonitor } from './server-monitor.js';
import { STRATEGIES } from './strategies.js';
import { TableCrew } from './table-crew.js';
import { intervalForDurationMs, Timeline } from './timeline.js';
import { checkTournament, netFees } from './tournament-check.js';
import { createTournamentRequest } from './tournament-setup.js';

/**
 * `npm run bots -- --tournament ID` (or `--create-tournament sng|mtt`): the bots enter one
 * tournament, play it wherever it seats them, and the run ends when the tournament has finished
 * (GET /api/tournaments/:id, polled), or at --duration-s. Then the tournament's conservation is
 * checked (tournament-check.ts) with the server's audit, in the same report as a cash run's.
 */

/** How often the run asks the tournament whether it has finished. */
const POLL_MS = 2_000;
/** After the tournament finished, how long the bots still playing get for their last notice. */
const LAST_NOTICES_MS = 15_000;
/**
 * Polls in a row that show the tournament running but without live play (its director halted on
 * a fault: nothing more is dealt) before the run stops waiting for an end that will not come.
 */
const HALTED_POLLS_MAX = 5;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** The tournament, created by the admin or found, still registering. */
async function prepareTournament(
  api: ApiClient,
  options: BotOptions,
  tournament: TournamentOptions,
  admin: Session | null,
): Promise<TournamentSummaryOut> {
  let summary: TournamentSummaryOut;
  if (tournament.create) {
    if (!admin)
      throw new SetupError('--create-tournament needs an admin account (--admin-user, BOTS_ADMIN_PASSWORD)');
    summary = await api.createTournament(
      admin.token,
      createTournamentRequest(options, tournament, Date.now()),
    );
  } else {
    summary = (await api.tournament(tournament.id!)).tournament;
  }
  if (summary.status !== 'registering')
    throw new SetupError(
      `the tournament "${summary.name}" is ${summary.status}: the bots can only enter while it registers`,
    );
  const room = summary.maxEntrants - summary.entries;
  if (tournament.entrants > room)
    throw new SetupError(
      `the tournament "${summary.name}" has room for ${room} more entries, not ${tournament.entrants}`,
    );
  return summary;
}

async function feesOfHouse(api: ApiClient, admin: Session | null): Promise<Money | null> {
  if (!admin) return null;
  try {
    return netFees(await api.houseFlows(admin.token));
  } catch (error) {
    log(`bots: the house's totals could not be read: ${error instanceof Error ? error.message : error}`);
    return null;
  }
}

/** Tournament chips are not money: the cash conservation does not apply (the tournament check does). */
function notApplicable(bots: readonly Bot[]): ConservationReport {
  const given = bots.reduce((sum, bot) => sum.plus(bot.deposited), new Money(0));
  return {
    applicable: false,
    holds: null,
    given: given.toFixed(),
    inWallets: '0',
    atTables: '0',
    rake: '0',
    difference: '0',
    walletsUnread: 0,
    handsRecoveredFromHistory: 0,
    handsUnaccounted: 0,
    note: 'a tournament: see the tournament check',
  };
}

export async function runTournament(options: BotOptions, tournament: TournamentOptions): Promise<BotsReport> {
  const startMs = performance.now();
  const now = () => performance.now();
  const hardStopMs = startMs + options.durationS * 1000;
  // No leaving in a tournament: the bots play until they are out, or the run's hard stop.
  const clock = { now, playUntilMs: hardStopMs };
  const timeline = new Timeline(startMs, intervalForDurationMs(options.durationS * 1000));
  const stats = new RunStats(timeline);
  const apis = options.urls.map((url) => new ApiClient(url));
  const api = apis[0]!;
  const monitor = new ServerMonitor(apis, stats, now);
  const random = seededRandom(options.seed);

  const fdLimit = fileDescriptorLimit();
  if (fdLimit !== null && tournament.entrants + options.setupConcurrency + 64 > fdLimit) {
    log(`bots: warning: ${tournament.entrants} sockets need more than ulimit -n ${fdLimit}`);
  }
  await monitor.sample();
  const [cashierAccount, adminAccount] = await withPasswords([options.cashier, options.admin]);
  if (!cashierAccount) {
    throw new SetupError(
      'no cashier account: pass --cashier-user with BOTS_CASHIER_PASSWORD in the environment (or set BOOTSTRAP_CASHIER_*)',
    );
  }
  const cashier = await login(api, cashierAccount, 'cashier');
  const admin = adminAccount ? await login(api, adminAccount, 'admin') : null;
  const summary = await prepareTournament(api, options, tournament, admin);
  const feesBefore = await feesOfHouse(api, admin);
  const cost = new Money(summary.buyIn).plus(summary.fee).toFixed();
  log(
    `bots: tournament ${summary.kind} "${summary.name}" (${summary.id}) ${tournament.create ? 'created' : 'found'}; ` +
      `${tournament.entrants} bots enter at ${summary.buyIn} + ${summary.fee}`,
  );

  const context: BotContext = {
    apis,
    options,
    stats,
    validator: new MessageValidator(stats),
    cashierToken: cashier.token,
    adminToken: admin?.token ?? null,
    clock,
  };
  // One crew per table the tournament seats bots at; at most one table per entrant.
  const crews = new Map<string, TableCrew>();
  const crewFor = (tableId: string) => {
    let crew = crews.get(tableId);
    if (!crew) {
      crew = TableCrew.fromFirstHand(tableId, stats);
      crews.set(tableId, crew);
    }
    return crew;
  };
  const bots: Bot[] = [];
  for (let index = 0; index < tournament.entrants; index++) {
    bots.push(
      new Bot(context, {
        index,
        random: forkRandom(random),
        strategy: STRATEGIES[options.strategy],
        dropAfterHands: null,
        tournament: { id: summary.id, cost, api: apis[index % apis.length]!, crewFor },
      }),
    );
  }

  // A tournament's hands are not known ahead: the bar's target follows the hands played.
  const progress = runProgressBar(
    stats,
    () => ({ handsPlayed: stats.handsCompleted, handsTarget: Math.max(1, stats.handsCompleted) }),
    startMs,
    options.progress,
  );
  progress.start();
  let interrupted = false;
  const onInterrupt = () => {
    log('bots: interrupted; stopping the bots (a tournament cannot be left)');
    interrupted = true;
  };
  process.once('SIGINT', onInterrupt);
  const ticker = setInterval(
    () => {
      timeline.tick(now());
      void monitor.sample();
    },
    Math.max(5_000, timeline.intervalMs),
  );
  const intervalTimer =
    options.statsIntervalS > 0
      ? setInterval(
          () => void writeStdout(`${JSON.stringify(stats.interval.take())}\n`),
          options.statsIntervalS * 1000,
        )
      : null;

  let detail: TournamentDetailResponse | null = null;
  try {
    await forEachLimited(bots, options.setupConcurrency, async (bot) => {
      if (now() < hardStopMs && !interrupted) await bot.enter();
    });
    stats.beginSteady(now());
    log(`bots: ${stats.botsReady} entered, ${stats.botsFailed} failed`);
    if (stats.botsFailed > 0 && stats.firstFailure) log(`bots: the first failure: ${stats.firstFailure}`);
    if (intervalTimer) {
      const ready = {
        type: 'ready',
        atMs: Date.now(),
        ready: stats.botsReady,
        failed: stats.botsFailed,
        errorsByCode: Object.fromEntries(stats.errorsByCode),
      };
      await writeStdout(`${JSON.stringify(ready)}\n`);
    }
    // A Sit & Go the run created that not every bot entered would wait forever: cancel it (refunds).
    if (tournament.create === 'SNG' && stats.botsReady < tournament.entrants && admin) {
      log('bots: not every bot entered the Sit & Go: cancelling it');
      await api.cancelTournament(admin.token, summary.id);
    }
    // Bounded: until the tournament ends (or halts), the hard stop, or Ctrl-C.
    let haltedPolls = 0;
    while (now() < hardStopMs && !interrupted) {
      try {
        detail = await api.tournament(summary.id);
      } catch (error) {
        stats.error('bots/tournament-poll');
        log(`bots: the tournament could not be read: ${error instanceof Error ? error.message : error}`);
      }
      const status = detail?.tournament.status;
      if (status === 'finished' || status === 'cancelled') break;
      haltedPolls = status === 'running' && detail?.live === null ? haltedPolls + 1 : 0;
      if (haltedPolls >= HALTED_POLLS_MAX) {
        stats.error('bots/tournament-halted');
        log('bots: the tournament runs no more (halted by the server): stopping');
        break;
      }
      await sleep(Math.min(POLL_MS, Math.max(0, hardStopMs - now())));
    }
    stats.endSteady(now());
    const allDone = Promise.all(bots.map((bot) => bot.finished));
    await Promise.race([
      allDone,
      sleep(interrupted ? 0 : Math.min(LAST_NOTICES_MS, Math.max(0, hardStopMs - now()))),
    ]);
    for (const bot of bots) bot.abort();
  } finally {
    clearInterval(ticker);
    if (intervalTimer) clearInterval(intervalTimer);
    process.removeListener('SIGINT', onInterrupt);
    progress.stop();
  }

  await forEachLimited(bots, options.setupConcurrency, (bot) => bot.readWallet());
  await monitor.sample();
  const final = await api.tournament(summary.id);
  const feesAfter = await feesOfHouse(api, admin);
  const check = checkTournament({
    detail: final,
    bots: bots.map((bot) => ({
      username: bot.username,
      entered: bot.entered,
      deposited: bot.deposited,
      finalWallet: bot.finalWallet,
      outcome: bot.tournamentOutcome,
    })),
    tables: crews.size,
    maxChipsSeen: Math.max(0, ...[...crews.values()].map((crew) => crew.maxChipsSeen)),
    feesBefore,
    feesAfter,
  });
  const audit: AuditOutcome = options.databaseUrl
    ? await runAuditCommand(options.databaseUrl)
    : await auditThroughApi(api, admin?.token ?? null);
  const elapsedMs = now() - startMs;
  timeline.finish(now());
  return buildReport({
    options,
    stats,
    elapsedMs,
    runStartMs: startMs,
    handsPerTable: [...crews.values()].map((crew) => crew.handsPlayed),
    tablesCreated: false,
    tablesClosed: 0,
    plannedBots: bots.length,
    stormBots: 0,
    httpRetries: apis.reduce((sum, client) => sum + client.retries, 0),
    server: monitor.figures(),
    conservation: notApplicable(bots),
    audit,
    tournament: check,
  });
}
