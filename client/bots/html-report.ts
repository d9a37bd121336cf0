import type { LatencySummaryMs } from './latency-recorder.js';
import type { BotsReport, ServerSeriesFigures } from './report.js';

/**
 * The report as one self-contained HTML file: inline CSS and inline SVG charts, no script, no CDN,
 * so it opens anywhere (and offline) and can be attached to a ticket as is.
 */

export interface Series {
  readonly name: string;
  readonly color: string;
  readonly points: readonly (readonly [number, number | null])[];
}

const WIDTH = 880;
const HEIGHT = 240;
const MARGIN = { left: 64, right: 16, top: 44, bottom: 36 };
const LEGEND_Y = 32;

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

/** A "nice" upper bound and step for an axis: 1, 2 or 5 times a power of ten. */
export function niceScale(max: number, ticks = 5): { max: number; step: number } {
  if (!(max > 0)) return { max: 1, step: 0.2 };
  const rough = max / ticks;
  const power = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 5, 10].map((m) => m * power).find((candidate) => candidate >= rough) ?? 10 * power;
  return { max: Math.ceil(max / step) * step, step };
}

function formatTick(value: number): string {
  if (value === 0) return '0';
  if (Math.abs(value) >= 1000) return `${(value / 1000).toFixed(value % 1000 === 0 ? 0 : 1)}k`;
  return Number.isInteger(value) ? String(value) : value.toFixed(value < 1 ? 2 : 1);
}

/** A line chart as an SVG element. Null values break the line (no data in that interval). */
export function lineChart(title: string, unit: string, series: readonly Series[]): string {
  const xs = series.flatMap((s) => s.points.map(([x]) => x));
  const ys = series.flatMap((s) => s.points.flatMap(([, y]) => (y === null ? [] : [y])));
  const xMax = xs.length ? Math.max(...xs, 1) : 1;
  const y = niceScale(ys.length ? Math.max(...ys) : 0);
  const plotW = WIDTH - MARGIN.left - MARGIN.right;
  const plotH = HEIGHT - MARGIN.top - MARGIN.bottom;
  const px = (x: number) => MARGIN.left + (x / xMax) * plotW;
  const py = (value: number) => MARGIN.top + plotH - (value / y.max) * plotH;
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${WIDTH} ${HEIGHT}" width="${WIDTH}" height="${HEIGHT}" role="img" aria-label="${escapeHtml(title)}">`,
    `<text x="${MARGIN.left}" y="18" class="title">${escapeHtml(title)}</text>`,
  ];
  for (let tick = 0; tick <= y.max + y.step / 2; tick += y.step) {
    const at = py(tick).toFixed(1);
    parts.push(`<line x1="${MARGIN.left}" x2="${WIDTH - MARGIN.right}" y1="${at}" y2="${at}" class="grid"/>`);
    parts.push(
      `<text x="${MARGIN.left - 6}" y="${at}" class="tick" text-anchor="end" dominant-baseline="middle">${formatTick(tick)}</text>`,
    );
  }
  const xScale = niceScale(xMax, 8);
  for (let tick = 0; tick <= xMax; tick += xScale.step) {
    parts.push(
      `<text x="${px(tick).toFixed(1)}" y="${HEIGHT - 18}" class="tick" text-anchor="middle">${formatTick(tick)}</text>`,
    );
  }
  parts.push(
    `<text x="${WIDTH - MARGIN.right}" y="${HEIGHT - 4}" class="tick" text-anchor="end">seconds</text>`,
  );
  parts.push(
    `<text x="12" y="${MARGIN.top + plotH / 2}" class="tick" transform="rotate(-90 12 ${MARGIN.top + plotH / 2})" text-anchor="middle">${escapeHtml(unit)}</text>`,
  );
  for (const s of series) {
    let path = '';
    let pen = false;
    for (const [x, value] of s.points) {
      if (value === null) {
        pen = false;
        continue;
      }
      path += `${pen ? 'L' : 'M'}${px(x).toFixed(1)},${py(value).toFixed(1)}`;
      pen = true;
    }
    if (path) parts.push(`<path d="${path}" fill="none" stroke="${s.color}" stroke-width="1.6"/>`);
  }
  series.forEach((s, index) => {
    const lx = MARGIN.left + 8 + index * 190;
    parts.push(`<rect x="${lx}" y="${LEGEND_Y - 4}" width="12" height="3" fill="${s.color}"/>`);
    parts.push(`<text x="${lx + 16}" y="${LEGEND_Y}" class="legend">${escapeHtml(s.name)}</text>`);
  });
  if (ys.length === 0) {
    parts.push(`<text x="${WIDTH / 2}" y="${HEIGHT / 2}" class="tick" text-anchor="middle">no data</text>`);
  }
  parts.push('</svg>');
  return parts.join('');
}

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
  const charts = [
    lineChart('Actions per second', 'actions/s', [
      { name: 'actions/s', color: '#1f77b4', points: points.map((p) => [p.tS, p.actionsPerS]) },
    ]),
    lineChart('Hands per second', 'hands/s', [
      { name: 'hands/s', color: '#2ca02c', points: points.map((p) => [p.tS, p.handsPerS]) },
    ]),
    lineChart('Latency per interval', 'ms', [
      { name: 'action→ack p50', color: '#9467bd', points: points.map((p) => [p.tS, p.ackP50Ms]) },
      { name: 'action→ack p99', color: '#d62728', points: points.map((p) => [p.tS, p.ackP99Ms]) },
      { name: 'action→broadcast p99', color: '#ff7f0e', points: points.map((p) => [p.tS, p.broadcastP99Ms]) },
    ]),
    lineChart('Errors and reconnects per interval', 'count', [
      { name: 'errors', color: '#d62728', points: points.map((p) => [p.tS, p.errors]) },
      { name: 'reconnects', color: '#8c564b', points: points.map((p) => [p.tS, p.reconnects]) },
    ]),
  ];
  if (samples.length > 0) {
    charts.push(
      lineChart('Server resident memory', 'MiB', [
        { name: 'RSS', color: '#17becf', points: samples.map((s) => [s.tS, mib(s.residentMemoryBytes)]) },
      ]),
      lineChart('Server event-loop lag', 'ms', [
        { name: 'lag p99', color: '#bcbd22', points: samples.map((s) => [s.tS, s.eventLoopLagP99Ms]) },
        { name: 'lag max', color: '#7f7f7f', points: samples.map((s) => [s.tS, s.eventLoopLagMaxMs]) },
      ]),
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
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Bots load report</title>
<style>
body{font:14px/1.4 system-ui,sans-serif;margin:24px;color:#222;max-width:940px}
h1{font-size:20px}h2{font-size:16px;margin-top:28px}
table{border-collapse:collapse;margin:8px 0}th,td{border:1px solid #ddd;padding:4px 8px;text-align:left}
th{background:#f6f6f6;font-weight:600}
svg{display:block;margin:12px 0;background:#fff;border:1px solid #eee}
svg .title{font-size:14px;font-weight:600}svg .tick{font-size:11px;fill:#555}svg .legend{font-size:12px}
svg .grid{stroke:#eee}
</style></head><body>
<h1>Bots load report</h1>
<p>Generated ${escapeHtml(generatedAt.toISOString())}.</p>
<h2>Summary</h2>${summary}
<h2>Latency</h2>${latency}
<h2>Errors by code</h2>${errorTable}
<h2>Over time</h2>${charts.join('\n')}
</body></html>
`;
}
