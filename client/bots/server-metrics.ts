/**
 * The few figures the report takes from the server's GET /metrics (Prometheus text format):
 * resident memory, event-loop lag, and some of the server's own counters. A metric the server does
 * not export is null, never a guess.
 */

export interface ServerMetrics {
  readonly residentMemoryBytes: number | null;
  readonly heapUsedBytes: number | null;
  /** Memory outside the JavaScript heap that V8 knows of: Buffers and the like. */
  readonly externalMemoryBytes: number | null;
  readonly eventLoopLagP99Ms: number | null;
  readonly eventLoopLagMaxMs: number | null;
  readonly eventLoopLagMeanMs: number | null;
  readonly connectedSockets: number | null;
  readonly liveTables: number | null;
  readonly handsSettled: number | null;
}

/** Sample lines as "name" (no labels) or "name{labels}" -> value; comments and bad lines skipped. */
export function parsePrometheusText(text: string): Map<string, number> {
  const samples = new Map<string, number>();
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const match = /^([a-zA-Z_:][a-zA-Z0-9_:]*(?:\{[^}]*\})?)\s+(\S+)/.exec(line);
    if (!match) continue;
    const value = Number(match[2]);
    if (!Number.isNaN(value)) samples.set(match[1]!, value);
  }
  return samples;
}

/** The sum of a metric over all its label sets (a counter split by label, like heap spaces). */
function total(samples: Map<string, number>, name: string): number | null {
  let sum: number | null = null;
  for (const [key, value] of samples) {
    if (key === name || key.startsWith(`${name}{`)) sum = (sum ?? 0) + value;
  }
  return sum;
}

const secondsToMs = (value: number | null) => (value === null ? null : value * 1000);

export function serverMetricsOf(text: string): ServerMetrics {
  const samples = parsePrometheusText(text);
  const one = (name: string) => samples.get(name) ?? null;
  return {
    residentMemoryBytes: one('process_resident_memory_bytes'),
    heapUsedBytes: one('nodejs_heap_size_used_bytes'),
    externalMemoryBytes: one('nodejs_external_memory_bytes'),
    eventLoopLagP99Ms: secondsToMs(one('nodejs_eventloop_lag_p99_seconds')),
    eventLoopLagMaxMs: secondsToMs(one('nodejs_eventloop_lag_max_seconds')),
    eventLoopLagMeanMs: secondsToMs(one('nodejs_eventloop_lag_mean_seconds')),
    connectedSockets: one('poker_connected_sockets'),
    liveTables: one('poker_live_tables'),
    handsSettled: total(samples, 'poker_hands_settled_total'),
  };
}

function sumOf(values: readonly (number | null)[]): number | null {
  let sum: number | null = null;
  for (const value of values) if (value !== null) sum = (sum ?? 0) + value;
  return sum;
}

function maxOf(values: readonly (number | null)[]): number | null {
  let max: number | null = null;
  for (const value of values) if (value !== null) max = Math.max(max ?? value, value);
  return max;
}

/**
 * The nodes of a cluster as one: memory, sockets, tables and hands add up; event-loop lag is the
 * worst node's (a table on the slowest node waits that long). One node is returned as it is.
 */
export function combineMetrics(nodes: readonly ServerMetrics[]): ServerMetrics | null {
  if (nodes.length <= 1) return nodes[0] ?? null;
  const all = <K extends keyof ServerMetrics>(key: K) => nodes.map((node) => node[key]);
  return {
    residentMemoryBytes: sumOf(all('residentMemoryBytes')),
    heapUsedBytes: sumOf(all('heapUsedBytes')),
    externalMemoryBytes: sumOf(all('externalMemoryBytes')),
    eventLoopLagP99Ms: maxOf(all('eventLoopLagP99Ms')),
    eventLoopLagMaxMs: maxOf(all('eventLoopLagMaxMs')),
    eventLoopLagMeanMs: maxOf(all('eventLoopLagMeanMs')),
    connectedSockets: sumOf(all('connectedSockets')),
    liveTables: sumOf(all('liveTables')),
    handsSettled: sumOf(all('handsSettled')),
  };
}
