import { writeFile } from 'node:fs/promises';
import { Money } from '../../src/money/index.js';
import { ApiClient, type Session, type TableInfo } from './api-client.js';
import { type AuditOutcome, auditThroughApi, runAuditCommand } from './audit-check.js';
import { Bot, type BotContext } from './bot.js';
import { type BotOptions, parseBotArgs, USAGE } from './cli-args.js';
import { checkConservation } from './conservation.js';
import { renderHtmlReport } from './html-report.js';
import { forEachLimited } from './limited.js';
import { MessageValidator } from './message-validator.js';
import { runProgressBar } from './progress.js';
import { forkRandom, randomInt, seededRandom, stormedBots } from './random.js';
import { type BotsReport, buildReport, formatReport } from './report.js';
import { fileDescriptorLimit, log, login, SetupError, withPasswords, writeStdout } from './run-setup.js';
import { RunStats } from './run-stats.js';
import { ServerMonitor } from './server-monitor.js';
import { STRATEGIES } from './strategies.js';
import { TableCrew } from './table-crew.js';
import { intervalForDurationMs, Timeline } from './timeline.js';
import { runTournament } from './tournament-run.js';

/**
 * `npm run bots`: real players against a running server, then a report. Wiring only: the bots,
 * their tables, the progress bar, the server's metrics, the checks at the end.
 */

/** Stakes of the tables the bots create: whole chips, blinds 1/2, 5 % rake capped at 10. */
function tableRequest(options: BotOptions, index: number) {
  const { namePrefix, playersPerTable, variant, runItTwice } = options;
  return {
    name: `${namePrefix} load ${index + 1}`,
    variant,
    runItTwice,
    smallBlind: '1',
    bigBlind: '2',
    minBuyIn: '40',
    maxBuyIn: '400',
    chipUnit: '1',
    maxSeats: Math.max(6, playersPerTable),
    rakeBasisPoints: 500,
    rakeCap: '10',
  };
}

/** A hundred big blinds, within the table's limits. */
function buyInFor(table: TableInfo): string {
  const hundredBigBlinds = new Money(table.bigBlind).times(100);
  const clamped = Money.max(
    new Money(table.minBuyIn),
    Money.min(new Money(table.maxBuyIn), hundredBigBlinds),
  );
  return clamped.toFixed();
}

async function prepareTables(
  api: ApiClient,
  options: BotOptions,
  admin: Session | null,
): Promise<{ tables: TableInfo[]; created: boolean }> {
  if (admin) {
    const tables: TableInfo[] = new Array(options.tables);
    await forEachLimited(tables, Math.min(options.setupConcurrency, 16), async (_, index) => {
      tables[index] = await api.createTable(admin.token, tableRequest(options, index));
    });
    return { tables, created: true };
  }
  const open = (await api.listTables()).filter(
    (table) =>
      table.status === 'open' &&
      table.seatsTaken === 0 &&
      table.maxSeats >= options.playersPerTable &&
      table.variant === options.variant,
  );
  if (open.length < options.tables) {
    throw new SetupError(
      `no admin account to create tables, and only ${open.length} empty open ${options.variant} table(s) with ${options.playersPerTable}+ seats exist (need ${options.tables})`,
    );
  }
  return { tables: open.slice(0, options.tables), created: false };
}

async function run(options: BotOptions): Promise<BotsReport> {
  const startMs = performance.now();
  const now = () => performance.now();
  const durationMs = options.durationS * 1000;
  const hardStopMs = startMs + durationMs;
  // Time kept at the end for leaving the tables and cashing out.
  const leaveReserveMs = Math.min(120_000, Math.max(5_000, durationMs * 0.2));
  const clock = { now, playUntilMs: hardStopMs - leaveReserveMs };
  const timeline = new Timeline(startMs, intervalForDurationMs(durationMs));
  const stats = new RunStats(timeline);
  // One client per server; the run's own calls (logins, tables, checks) go to the first.
  const apis = options.urls.map((url) => new ApiClient(url));
  const api = apis[0]!;
  const monitor = new ServerMonitor(apis, stats, now);
  const random = seededRandom(options.seed);

  const fdLimit = fileDescriptorLimit();
  const sockets = options.tables * options.playersPerTable;
  if (fdLimit !== null && sockets + options.setupConcurrency + 64 > fdLimit) {
    log(
      `bots: warning: ${sockets} sockets need more than ulimit -n ${fdLimit}; raise it or split the bots over several processes`,
    );
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
  const { tables, created } = await prepareTables(api, options, admin);
  log(
    `bots: ${tables.length} table(s) ${created ? 'created' : 'found'}; starting ${tables.length * options.playersPerTable} bots` +
      (apis.length > 1 ? ` over ${apis.length} servers` : ''),
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
  const crews = tables.map((table) => new TableCrew(table.id, options.hands, stats));
  const bots: Bot[] = [];
  const stormed = stormedBots(tables.length * options.playersPerTable, options.reconnectStorm, random);
  crews.forEach((crew, tableIndex) => {
    const buyIn = buyInFor(tables[tableIndex]!);
    for (let seatIndex = 0; seatIndex < options.playersPerTable; seatIndex++) {
      const botRandom = forkRandom(random);
      const storm = stormed.has(tableIndex * options.playersPerTable + seatIndex);
      bots.push(
        new Bot(context, {
          index: tableIndex * options.playersPerTable + seatIndex,
          crew,
          seat: seatIndex + 1,
          buyIn,
          random: botRandom,
          strategy: STRATEGIES[options.strategy],
          dropAfterHands: storm
            ? randomInt(botRandom, 0, Math.max(0, Math.min(options.hands - 2, 20)))
            : null,
        }),
      );
    }
  });
  const stormBots = options.reconnectStorm > 0 ? bots.filter((bot) => bot.plansToDrop).length : 0;

  const progress = runProgressBar(
    stats,
    () => ({
      handsPlayed: crews.reduce((sum, crew) => sum + Math.min(crew.handsPlayed, options.hands), 0),
      handsTarget: crews.length * options.hands,
    }),
    startMs,
    options.progress,
  );
  progress.start();

  let deadlineSignalled = false;
  const signalDeadline = () => {
    if (deadlineSignalled) return;
    deadlineSignalled = true;
    stats.endSteady(now());
    for (const bot of bots) bot.deadlineReached();
  };
  const sampleEveryMs = Math.max(5_000, timeline.intervalMs);
  let lastSampleMs = now();
  const ticker = setInterval(() => {
    const at = now();
    timeline.tick(at);
    if (stats.phase === 'steady' && crews.some((crew) => crew.goalReached)) stats.endSteady(at);
    if (at >= clock.playUntilMs) signalDeadline();
    if (at - lastSampleMs >= sampleEveryMs) {
      lastSampleMs = at;
      void monitor.sample();
    }
  }, 1_000);
  const intervalTimer =
    options.statsIntervalS > 0
      ? setInterval(
          () => void writeStdout(`${JSON.stringify(stats.interval.take())}\n`),
          options.statsIntervalS * 1000,
        )
      : null;
  const onInterrupt = () => {
    log('bots: interrupted; leaving the tables');
    clock.playUntilMs = now();
    signalDeadline();
  };
  process.once('SIGINT', onInterrupt);

  const hardStop = new Promise<'timeout'>((resolve) => {
    const timer = setTimeout(() => resolve('timeout'), Math.max(0, hardStopMs - now()));
    timer.unref();
  });
  try {
    const setup = (async () => {
      await forEachLimited(bots, options.setupConcurrency, async (bot) => {
        if (now() < clock.playUntilMs) await bot.prepare();
      });
      log(`bots: ${bots.length - stats.botsFailed} registered, funded and connected; sitting down`);
      await forEachLimited(bots, options.setupConcurrency, async (bot) => {
        if (now() >= clock.playUntilMs) bot.standDown();
        else if (await bot.sitDown()) bot.play();
      });
    })();
    await Promise.race([setup, hardStop]);
    if (stats.botsReady > 0) stats.beginSteady(now());
    log(`bots: ${stats.botsReady} ready, ${stats.botsFailed} failed to get ready`);
    if (stats.botsFailed > 0 && stats.firstFailure) log(`bots: the first failure: ${stats.firstFailure}`);
    if (intervalTimer) {
      // Errors by code so far: when bots failed to get ready, what stopped them.
      const ready = {
        type: 'ready',
        atMs: Date.now(),
        ready: stats.botsReady,
        failed: stats.botsFailed,
        errorsByCode: Object.fromEntries(stats.errorsByCode),
      };
      await writeStdout(`${JSON.stringify(ready)}\n`);
    }
    await monitor.sample();

    const outcome = await Promise.race([
      Promise.all(bots.map((bot) => bot.finished)).then(() => 'done' as const),
      hardStop,
    ]);
    stats.endSteady(now());
    if (outcome === 'timeout') {
      log('bots: time limit reached; stopping the bots still running');
      for (const bot of bots) bot.abort();
    }
  } finally {
    clearInterval(ticker);
    if (intervalTimer) clearInterval(intervalTimer);
    process.removeListener('SIGINT', onInterrupt);
    progress.stop();
  }

  await forEachLimited(bots, options.setupConcurrency, (bot) => bot.readWallet());
  await monitor.sample();
  const conservation = await checkConservation(
    api,
    bots.map((bot) => ({
      crew: bot.crew,
      deposited: bot.deposited,
      finalWallet: bot.finalWallet,
      chipsAtTable: bot.chipsAtTable,
      token: bot.sessionToken,
    })),
  );
  // The tables the run opened are closed again (only an empty table closes: one a bot could not
  // leave stays open, and the report says so).
  let tablesClosed = 0;
  if (created && admin) {
    await forEachLimited(tables, 8, async (table) => {
      try {
        await api.closeTable(admin.token, table.id);
        tablesClosed += 1;
      } catch (error) {
        log(`bots: table "${table.name}" not closed: ${error instanceof Error ? error.message : error}`);
      }
    });
  }
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
    handsPerTable: crews.map((crew) => crew.handsPlayed),
    tablesCreated: created,
    tablesClosed,
    plannedBots: bots.length,
    stormBots,
    httpRetries: apis.reduce((sum, client) => sum + client.retries, 0),
    server: monitor.figures(),
    conservation,
    audit,
  });
}

async function main(): Promise<number> {
  const parsed = parseBotArgs(process.argv.slice(2), process.env);
  if (!parsed.ok) {
    log(`bots: ${parsed.error}\n\n${USAGE}`);
    return 2;
  }
  const options = parsed.options;
  let report: BotsReport;
  try {
    report = await (options.tournament ? runTournament(options, options.tournament) : run(options));
  } catch (error) {
    log(
      `bots: ${error instanceof SetupError ? error.message : error instanceof Error ? (error.stack ?? error.message) : error}`,
    );
    return 3;
  }
  const text = formatReport(report);
  if (options.reportPath) {
    await writeFile(options.reportPath, renderHtmlReport(report));
    log(`bots: HTML report written to ${options.reportPath}`);
  }
  if (options.json) {
    log(text);
    await writeStdout(`${JSON.stringify(report)}\n`);
  } else {
    await writeStdout(`${text}\n`);
  }
  return report.ok ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    log(`bots: ${error instanceof Error ? (error.stack ?? error.message) : error}`);
    process.exit(3);
  },
);
