import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { LatencySummaryMs } from './latency-recorder.js';
import type { BotsReport, ServerSeriesFigures } from './report.js';
import type { TimelinePoint } from './timeline.js';

/**
 * The report as one self-contained HTML file: the charts are drawn by uPlot (a small, well-kept
 * chart library), whose script and stylesheet are inlined with the data, so the file opens anywhere
 * (offline too) and can be attached to a ticket as is. Charts take the width of the page.
 */

export interface Series {
  readonly name: string;
  readonly color: string;
  /** One value per x of the chart; null breaks the line. */
  readonly values: readonly (number | null)[];
  /** Drawn thin and faint: the raw figures behind a smoothed line. */
  readonly faint?: boolean;
}

export interface Chart {
  readonly title: string;
  readonly unit: string;
  readonly xs: readonly number[];
  readonly series: readonly Series[];
}

/** Seconds over which rates are averaged: per-interval counts of hands come in bursts (a comb). */
export const ROLLING_WINDOW_S = 10;

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

/**
 * A rate averaged over the last `windowS` seconds at each point (a trailing window): what was
 * done in the window divided by its length, so bursts spread out into a readable line.
 */
export function rollingRate(
  points: readonly TimelinePoint[],
  rate: (point: TimelinePoint) => number,
  windowS = ROLLING_WINDOW_S,
): number[] {
  const out: number[] = [];
  let start = 0;
  let sum = 0;
  const durationOf = (index: number) => points[index]!.tS - (index > 0 ? points[index - 1]!.tS : 0);
  for (let i = 0; i < points.length; i++) {
    sum += rate(points[i]!) * durationOf(i);
    while (start < i && points[i]!.tS - points[start]!.tS >= windowS) {
      sum -= rate(points[start]!) * durationOf(start);
      start += 1;
    }
    const spanS = points[i]!.tS - (start > 0 ? points[start - 1]!.tS : 0);
    out.push(spanS > 0 ? sum / spanS : 0);
  }
  return out;
}

/** uPlot's script and stylesheet, from the package, to inline. */
function uplotAssets(): { script: string; style: string } {
  const require = createRequire(import.meta.url);
  return {
    script: readFileSync(require.resolve('uplot/dist/uPlot.iife.min.js'), 'utf8'),
    style: readFileSync(require.resolve('uplot/dist/uPlot.min.css'), 'utf8'),
  };
}

/** JSON that is safe inside a <script> element. */
function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c');
}

/** Draws every chart with uPlot at the page's width, and again when the window is resized. */
const DRAW_CHARTS = `
(() => {
  const charts = JSON.parse(document.getElementById('chart-data').textContent);
  const root = document.getElementById('charts');
  const plots = charts.map((chart) => {
    const box = document.createElement('div');
    box.className = 'chart';
    root.appendChild(box);
    const options = {
      title: chart.title,
      width: root.clientWidth,
      height: 260,
      scales: { x: { time: false } },
      axes: [{ label: 'seconds' }, { label: chart.unit }],
      series: [{ label: 's' }].concat(chart.series.map((s) => ({
        label: s.name, stroke: s.color, width: s.faint ? 1 : 2, alpha: s.faint ? 0.35 : 1, spanGaps: false,
      }))),
    };
    return new uPlot(options, [chart.xs].concat(chart.series.map((s) => s.values)), box);
  });
  window.addEventListener('resize', () => {
    for (const plot of plots) plot.setSize({ width: root.clientWidth, height: 260 });
  });
})();
`;

const fmt = (value: number | null, digits = 1) => (value === null ? 'n/a' : value.toFixed(digits));

function latencyRow(name: string, s: LatencySummaryMs): string {
  return `<tr><th>${escapeHtml(name)}</th><td>${s.count}</td><td>${fmt(s.p50, 2)}</td><td>${fmt(s.p95, 2)}</td><td>${fmt(s.p99, 2)}</td><td>${fmt(s.max, 2)}</td></tr>`;
}

function keyValueTable(rows: readonly (readonly [string, string])[]): string {
  return `<table>${rows.map(([key, value]) => `<tr><th>${escapeHtml(key)}</th><td>${escapeHtml(value)}</td></tr>`).join('')}</table>`;
}

const mib = (bytes: number | null) => (bytes === null ? null : bytes / 1_048_576);

/** Memory and event-loop lag of one server (or of the nodes combined): two summary rows. */
function serverRows(suffix: string, figures: ServerSeriesFigures): [string, string][] {
  const unavailable = figures.metrics === 'unavailable';
  const rss = figures.residentMemoryBytes;
  const lag = figures.eventLoopLagMs;
  return [
    [
      `server memory${suffix}`,
      unavailable
        ? 'GET /metrics unavailable'
        : `start ${fmt(mib(rss.start))} MiB, peak ${fmt(mib(rss.peak))} MiB`,
    ],
    [
      `event-loop lag${suffix}`,
      unavailable ? 'unavailable' : `p99 max ${fmt(lag.p99Max, 2)} ms, max ${fmt(lag.max, 2)} ms`,
    ],
  ];
}

export function renderHtmlReport(report: BotsReport, generatedAt: Date = new Date()): string {
  const points = report.timeline;
  const samples = report.serverSamples;
  const xs = points.map((p) => p.tS);
  /** A rate: its rolling average, and each interval's own figure drawn faint behind it. */
  const rateChart = (noun: string, color: string, rate: (point: TimelinePoint) => number): Chart => ({
    title: `${noun[0]!.toUpperCase()}${noun.slice(1)} per second (rolling ${ROLLING_WINDOW_S} s)`,
    unit: `${noun}/s`,
    xs,
    series: [
      { name: `${noun}/s, ${ROLLING_WINDOW_S} s average`, color, values: rollingRate(points, rate) },
      { name: 'per interval', color, values: points.map(rate), faint: true },
    ],
  });
  const charts: Chart[] = [
    rateChart('actions', '#1f77b4', (p) => p.actionsPerS),
    rateChart('hands', '#2ca02c', (p) => p.handsPerS),
    {
      title: 'Latency per interval',
      unit: 'ms',
      xs,
      series: [
        { name: 'action→ack p50', color: '#9467bd', values: points.map((p) => p.ackP50Ms) },
        { name: 'action→ack p99', color: '#d62728', values: points.map((p) => p.ackP99Ms) },
        { name: 'action→broadcast p99', color: '#ff7f0e', values: points.map((p) => p.broadcastP99Ms) },
      ],
    },
    {
      title: 'Errors and reconnects per interval',
      unit: 'count',
      xs,
      series: [
        { name: 'errors', color: '#d62728', values: points.map((p) => p.errors) },
        { name: 'reconnects', color: '#8c564b', values: points.map((p) => p.reconnects) },
      ],
    },
  ];
  if (samples.length > 0) {
    const sampleXs = samples.map((s) => s.tS);
    charts.push(
      {
        title: 'Server resident memory',
        unit: 'MiB',
        xs: sampleXs,
        series: [{ name: 'RSS', color: '#17becf', values: samples.map((s) => mib(s.residentMemoryBytes)) }],
      },
      {
        title: 'Server event-loop lag',
        unit: 'ms',
        xs: sampleXs,
        series: [
          { name: 'lag p99', color: '#bcbd22', values: samples.map((s) => s.eventLoopLagP99Ms) },
          { name: 'lag max', color: '#7f7f7f', values: samples.map((s) => s.eventLoopLagMaxMs) },
        ],
      },
    );
  }
  const t = report.throughput;
  const o = report.options;
  const summary = keyValueTable([
    ['verdict', report.ok ? 'OK' : `NOT OK: ${report.problems.join('; ')}`],
    ['server', o.url],
    [
      'tables × players',
      `${o.tables} × ${o.playersPerTable}, ${o.hands} hands, think ${o.thinkMinMs}-${o.thinkMaxMs} ms, ${o.strategy}`,
    ],
    [
      'run / steady',
      `${report.durationS.toFixed(1)} s / ${report.steady.durationS === null ? 'n/a' : `${report.steady.durationS.toFixed(1)} s`}`,
    ],
    [
      'bots',
      `${report.bots.ready}/${report.bots.planned} ready, ${report.bots.done} cashed out, ${report.bots.failed} failed`,
    ],
    ['hands per table', `${report.tables.handsPlayed.min} .. ${report.tables.handsPlayed.max}`],
    ['throughput', `${t.handsPerS.toFixed(2)} hands/s, ${t.actionsPerS.toFixed(1)} actions/s`],
    [
      'steady throughput',
      t.steadyActionsPerS === null
        ? 'n/a'
        : `${t.steadyHandsPerS!.toFixed(2)} hands/s, ${t.steadyActionsPerS.toFixed(1)} actions/s`,
    ],
    ['messages', `${report.messages.received} received, ${report.messages.invalid} invalid`],
    [
      'reconnects',
      `${report.connections.reconnects} (storm ${report.connections.stormBots} bots, ${report.connections.reconnectFailures} failed)`,
    ],
    ...serverRows(report.server.nodes ? ' (combined)' : '', report.server),
    ...(report.server.nodes ?? []).flatMap((node) => serverRows(` (${node.url})`, node)),
    [
      'conservation',
      `${report.conservation.holds === null ? 'not checked' : report.conservation.holds ? 'holds' : 'BROKEN'}: given ${report.conservation.given} = wallets ${report.conservation.inWallets} + tables ${report.conservation.atTables} + rake ${report.conservation.rake}`,
    ],
    [
      'audit',
      `${report.audit.source}: ${report.audit.ok === null ? 'n/a' : report.audit.ok ? 'clean' : 'DISCREPANCIES'} ${report.audit.detail}`,
    ],
  ]);
  const latency = `<table><tr><th></th><th>n</th><th>p50 ms</th><th>p95 ms</th><th>p99 ms</th><th>max ms</th></tr>${[
    latencyRow('action → ack', report.latencyMs.actionToAck),
    latencyRow('action → broadcast', report.latencyMs.actionToBroadcast),
    latencyRow('steady action → ack', report.latencyMs.steadyActionToAck),
    latencyRow('steady action → broadcast', report.latencyMs.steadyActionToBroadcast),
  ].join('')}</table>`;
  const errors = Object.entries(report.errors.byCode);
  const errorTable = errors.length
    ? keyValueTable(errors.map(([code, count]) => [code, String(count)]))
    : '<p>No errors.</p>';
  const uplot = uplotAssets();
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Bots load report</title>
<style>${uplot.style}</style>
<style>
body{font:14px/1.4 system-ui,sans-serif;margin:24px;color:#222}
h1{font-size:20px}h2{font-size:16px;margin-top:28px}
table{border-collapse:collapse;margin:8px 0}th,td{border:1px solid #ddd;padding:4px 8px;text-align:left}
th{background:#f6f6f6;font-weight:600}
#charts{width:100%}.chart{margin:12px 0;border:1px solid #eee}
</style></head><body>
<h1>Bots load report</h1>
<p>Generated ${escapeHtml(generatedAt.toISOString())}.</p>
<h2>Summary</h2>${summary}
<h2>Latency</h2>${latency}
<h2>Errors by code</h2>${errorTable}
<h2>Over time</h2>
<p>Rates are averaged over the last ${ROLLING_WINDOW_S} s (the faint line is each interval's own figure).</p>
<div id="charts"></div>
<script type="application/json" id="chart-data">${scriptJson(charts)}</script>
<script>${uplot.script}</script>
<script>${DRAW_CHARTS}</script>
</body></html>
`;
}
