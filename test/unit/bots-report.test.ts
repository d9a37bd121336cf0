import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { type Chart, escapeHtml, renderHtmlReport, rollingRate } from '../../client/bots/html-report.js';
import { ProgressBar, type ProgressFigures, runFigures } from '../../client/bots/progress.js';
import { buildReport, formatReport, type ServerFigures } from '../../client/bots/report.js';
import { RunStats } from '../../client/bots/run-stats.js';
import { combineMetrics, parsePrometheusText, serverMetricsOf } from '../../client/bots/server-metrics.js';
import { ServerMonitor } from '../../client/bots/server-monitor.js';
import { Timeline } from '../../client/bots/timeline.js';

const METRICS = `# HELP process_resident_memory_bytes Resident memory size in bytes.
# TYPE process_resident_memory_bytes gauge
process_resident_memory_bytes 123456789
nodejs_eventloop_lag_p99_seconds 0.0125
nodejs_eventloop_lag_max_seconds 0.25
nodejs_eventloop_lag_mean_seconds 0.002
nodejs_heap_size_used_bytes 5e7
nodejs_external_memory_bytes 2048
poker_hands_settled_total{table="a"} 3
poker_hands_settled_total{table="b"} 4
poker_live_tables 2
bad line without a value
`;

const UNAVAILABLE: ServerFigures = {
  metrics: 'unavailable',
  residentMemoryBytes: { start: null, peak: null, end: null },
  steadyResidentMemoryBytes: null,
  eventLoopLagMs: { p99Max: null, max: null, meanLast: null },
  end: null,
};

const MIB = 1_048_576;

/** Prometheus text of a node with that much memory and lag. */
function metricsText(rssMib: number, lagMaxS: number): string {
  return `process_resident_memory_bytes ${rssMib * MIB}\nnodejs_eventloop_lag_p99_seconds ${lagMaxS / 2}\nnodejs_eventloop_lag_max_seconds ${lagMaxS}\npoker_connected_sockets 10\n`;
}

/** A monitor over fake nodes whose /metrics answer the texts given, one per sample (null: no route). */
function monitorOf(answers: Record<string, (string | null)[]>) {
  const timeline = new Timeline(0, 1_000);
  const stats = new RunStats(timeline);
  const sources = Object.entries(answers).map(([baseUrl, texts]) => ({
    baseUrl,
    metricsText: async () => {
      const text = texts.shift();
      if (text === undefined) throw new Error('scrape failed');
      return text;
    },
  }));
  return { monitor: new ServerMonitor(sources, stats, () => 0), stats, timeline };
}

function sampleReport(server: ServerFigures = UNAVAILABLE) {
  const timeline = new Timeline(0, 1_000);
  const stats = new RunStats(timeline);
  stats.beginSteady(100);
  for (let i = 1; i <= 100; i++) {
    stats.actionAcked(i);
    stats.actionBroadcast(i / 2);
  }
  stats.handCompleted();
  stats.error('table/illegal-action');
  stats.invalid('table:update', 'hand.board: too big');
  timeline.tick(1_500);
  stats.endSteady(2_100);
  timeline.finish(2_200);
  return buildReport({
    options: {
      urls: ['http://127.0.0.1:3000'],
      tables: 1,
      playersPerTable: 2,
      hands: 1,
      thinkMinMs: 0,
      thinkMaxMs: 0,
      strategy: 'random',
      variant: 'NT',
      runItTwice: false,
      json: true,
      reportPath: null,
      reconnectStorm: 0,
      durationS: 60,
      cashier: { username: 'c', password: 'secret' },
      admin: null,
      databaseUrl: null,
      setupConcurrency: 1,
      connectAttempts: 1,
      seed: 1,
      namePrefix: 'b',
      progress: false,
      statsIntervalS: 0,
      tournament: null,
    },
    stats,
    elapsedMs: 2_200,
    runStartMs: 0,
    handsPerTable: [1],
    tablesCreated: true,
    tablesClosed: 1,
    plannedBots: 2,
    stormBots: 0,
    httpRetries: 0,
    server,
    conservation: {
      applicable: true,
      holds: true,
      given: '100',
      inWallets: '95',
      atTables: '0',
      rake: '5',
      difference: '0',
      walletsUnread: 0,
      handsRecoveredFromHistory: 0,
      handsUnaccounted: 0,
      note: 'given = in wallets + still at tables + rake',
    },
    audit: { source: 'unavailable', ok: null, exitCode: null, detail: '<none>' },
  });
}

describe('bots report', () => {
  it('reads the figures it needs from Prometheus text', () => {
    const samples = parsePrometheusText(METRICS);
    expect(samples.get('poker_live_tables')).toBe(2);
    expect(samples.has('bad')).toBe(false);
    expect(serverMetricsOf(METRICS)).toEqual({
      residentMemoryBytes: 123456789,
      heapUsedBytes: 5e7,
      externalMemoryBytes: 2048,
      eventLoopLagP99Ms: 12.5,
      eventLoopLagMaxMs: 250,
      eventLoopLagMeanMs: 2,
      connectedSockets: null,
      liveTables: 2,
      handsSettled: 7,
    });
  });

  it('sums up a run, never leaks passwords, and says why it is not OK', () => {
    const report = sampleReport();
    expect(report.ok).toBe(false);
    expect(report.problems).toEqual(['1 invalid message(s)', '1 error(s)']);
    const ack = report.latencyMs.actionToAck;
    expect(ack).toMatchObject({ count: 100, max: 100 });
    // Percentiles are bucket tops: never below the exact value, within 1/128 above it.
    expect(ack.p50).toBeGreaterThanOrEqual(50);
    expect(ack.p50).toBeLessThanOrEqual(50 * (1 + 1 / 128));
    expect(ack.p99).toBeGreaterThanOrEqual(99);
    expect(ack.p99).toBeLessThanOrEqual(99 * (1 + 1 / 128));
    expect(report.latencyMs.steadyActionToAck.count).toBe(100);
    expect(report.steady.durationS).toBeCloseTo(2, 6);
    expect(report.throughput.actionsPerS).toBeCloseTo(100 / 2.2, 6);
    expect(report.errors.byCode).toEqual({ 'table/illegal-action': 1 });
    expect(report.options.cashierUser).toBe('c');
    expect(JSON.stringify(report)).not.toContain('secret');
    expect(report.timeline.length).toBe(3);
    expect(report.timeline[0]!.actionsPerS).toBe(100);
    const text = formatReport(report);
    expect(text).toContain('NOT OK');
    expect(text).toContain('GET /metrics unavailable');
    expect(text).toContain('invalid table:update: hand.board: too big');
    expect(report.options.url).toBe('http://127.0.0.1:3000');
    expect(report.connections.retried).toBe(0);
  });

  it('combines the nodes of a cluster: memory adds up, lag is the worst node', () => {
    const a = serverMetricsOf(metricsText(100, 0.02));
    const b = serverMetricsOf(metricsText(50, 0.3));
    expect(combineMetrics([a])).toBe(a);
    expect(combineMetrics([])).toBeNull();
    expect(combineMetrics([a, b])).toMatchObject({
      residentMemoryBytes: 150 * MIB,
      eventLoopLagMaxMs: 300,
      eventLoopLagP99Ms: 150,
      connectedSockets: 20,
      liveTables: null,
    });
  });

  it('reads one server as before, without a list of nodes', async () => {
    const { monitor, timeline } = monitorOf({
      'http://127.0.0.1:3000': [metricsText(100, 0.01), metricsText(120, 0.02)],
    });
    await monitor.sample();
    await monitor.sample();
    const figures = monitor.figures();
    expect(figures).not.toHaveProperty('nodes');
    expect(figures).toMatchObject({
      metrics: 'available',
      residentMemoryBytes: { start: 100 * MIB, peak: 120 * MIB, end: 120 * MIB },
      eventLoopLagMs: { max: 20 },
    });
    expect(timeline.serverSamples).toHaveLength(2);
  });

  it('reads every node of a cluster and reports each', async () => {
    const { monitor, stats } = monitorOf({
      'http://127.0.0.1:3000': [metricsText(100, 0.01), metricsText(110, 0.01)],
      'http://127.0.0.1:3001': [metricsText(200, 0.05)], // the second scrape fails
      'http://127.0.0.1:3002': [null], // no /metrics: asked once only
    });
    await monitor.sample();
    stats.beginSteady(0);
    await monitor.sample();
    const figures = monitor.figures();
    expect(figures).toMatchObject({
      metrics: 'available',
      residentMemoryBytes: { start: 300 * MIB, peak: 300 * MIB, end: 110 * MIB },
      steadyResidentMemoryBytes: 110 * MIB,
      eventLoopLagMs: { max: 50 },
    });
    expect(figures.nodes?.map((node) => [node.url, node.metrics, node.residentMemoryBytes.end])).toEqual([
      ['http://127.0.0.1:3000', 'available', 110 * MIB],
      ['http://127.0.0.1:3001', 'available', 200 * MIB],
      ['http://127.0.0.1:3002', 'unavailable', null],
    ]);

    const text = formatReport(sampleReport(figures));
    expect(text).toContain('servers (combined): RSS start 300.0 MiB');
    expect(text).toContain('  node http://127.0.0.1:3001: RSS start 200.0 MiB');
    expect(text).toContain('  node http://127.0.0.1:3002: GET /metrics unavailable');
    const html = renderHtmlReport(sampleReport(figures));
    expect(html).toContain('server memory (http://127.0.0.1:3000)');
    expect(html).toContain('event-loop lag (combined)');
  });

  it('writes a self-contained HTML report: uPlot and the data inline, charts at the page width', () => {
    const html = renderHtmlReport(sampleReport(), new Date('2030-01-01T00:00:00Z'));
    expect(html.startsWith('<!doctype html>')).toBe(true);
    // Nothing is fetched: no external script, stylesheet or image; uPlot itself is inline.
    expect(html).not.toMatch(/<script[^>]+src=|<link|<img/);
    expect(html).toContain('uPlot');
    const data = /<script type="application\/json" id="chart-data">(.*?)<\/script>/s.exec(html)?.[1];
    const charts = JSON.parse(data!) as Chart[];
    expect(charts.map((chart) => chart.title)).toEqual([
      'Actions per second (rolling 10 s)',
      'Hands per second (rolling 10 s)',
      'Latency per interval',
      'Errors and reconnects per interval',
    ]); // no server samples: no server charts
    expect(html).toContain('width: root.clientWidth');
    expect(html).not.toMatch(/max-width/);
    expect(html).toContain('&#60;none&#62;');
    expect(html).toContain('table/illegal-action');
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&#60;a href=&#34;x&#34;&#62;&#39;&#38;&#39;&#60;/a&#62;');
  });

  it('smooths a comb of per-interval rates into a rolling rate', () => {
    // One second a point; hands land every other second (0, 2, 0, 2, ...): 1 hand/s on average.
    const points = Array.from({ length: 30 }, (_, i) => ({
      tS: i + 1,
      actionsPerS: 0,
      handsPerS: i % 2 === 0 ? 0 : 2,
      errors: 0,
      reconnects: 0,
      ackP50Ms: null,
      ackP99Ms: null,
      broadcastP99Ms: null,
    }));
    const rolling = rollingRate(points, (p) => p.handsPerS, 10);
    for (const rate of rolling.slice(10)) expect(rate).toBeCloseTo(1, 9);
    expect(rolling[0]).toBe(0);
    expect(rolling[1]).toBeCloseTo(1, 9);
  });

  it('draws the progress line (cli-progress), forced on a stream that is not a terminal', async () => {
    const figures: ProgressFigures = {
      phase: 'steady',
      handsPlayed: 5,
      handsTarget: 10,
      actions: 99,
      errors: 1,
      invalidMessages: 0,
      reconnects: 2,
      botsPlaying: 6,
      elapsedMs: 12_345,
    };
    const stream = new PassThrough();
    let written = '';
    stream.on('data', (chunk: Buffer) => {
      written += chunk.toString();
    });
    const bar = new ProgressBar(() => figures, stream as unknown as NodeJS.WriteStream, true, 10);
    bar.start();
    await new Promise((resolve) => setTimeout(resolve, 50));
    bar.stop();
    expect(written).toContain(
      '[############------------] steady hands 5/10 | 0.0 act/s | errors 1 | invalid 0 | reconnects 2 | bots 6 | 12s',
    );
  });

  it("takes a run's figures for the bar from its stats, with the hands as the run counts them", () => {
    const stats = new RunStats(new Timeline(0, 1_000));
    stats.beginSteady(0);
    stats.actionAcked(1);
    stats.actionAcked(2);
    stats.error('table/not-your-turn');
    stats.reconnects = 3;
    stats.botsPlaying = 4;
    expect(runFigures(stats, { handsPlayed: 7, handsTarget: 20 }, 5_000)).toEqual({
      phase: 'steady',
      handsPlayed: 7,
      handsTarget: 20,
      actions: 2,
      errors: 1,
      invalidMessages: 0,
      reconnects: 3,
      botsPlaying: 4,
      elapsedMs: 5_000,
    });
  });
});
