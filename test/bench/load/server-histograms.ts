/**
 * Quantiles of a server histogram over a measuring window, from two scrapes of GET /metrics (the
 * bucket counts at the end minus those at the start). A quantile is reported as the upper bound of
 * the bucket it falls in: the server keeps buckets, not samples, so that is all it can tell.
 */

export interface WindowHistogram {
  readonly count: number;
  /** Upper bounds in milliseconds; null when nothing was observed (or it lies past the last bucket). */
  readonly p50Ms: number | null;
  readonly p99Ms: number | null;
  readonly maxMs: number | null;
  readonly meanMs: number | null;
}

/**
 * Cumulative bucket counts by upper bound (seconds), summed over every node's samples and over the
 * label sets that contain `label` (for example `kind="major"`), or all of them.
 */
function buckets(
  nodes: readonly (Map<string, number> | null)[],
  name: string,
  label: string | undefined,
): Map<number, number> {
  const byBound = new Map<number, number>();
  const prefix = `${name}_bucket{`;
  for (const samples of nodes) {
    for (const [key, value] of samples ?? []) {
      if (!key.startsWith(prefix) || (label !== undefined && !key.includes(label))) continue;
      const le = /le="([^"]+)"/.exec(key)?.[1];
      if (le === undefined) continue;
      const bound = le === '+Inf' ? Number.POSITIVE_INFINITY : Number(le);
      byBound.set(bound, (byBound.get(bound) ?? 0) + value);
    }
  }
  return byBound;
}

function total(
  nodes: readonly (Map<string, number> | null)[],
  name: string,
  label: string | undefined,
): number {
  let sum = 0;
  for (const samples of nodes) {
    for (const [key, value] of samples ?? []) {
      const matches = label === undefined ? key === name : key.startsWith(`${name}{`) && key.includes(label);
      if (matches) sum += value;
    }
  }
  return sum;
}

export function histogramOverWindow(
  before: readonly (Map<string, number> | null)[],
  after: readonly (Map<string, number> | null)[],
  name: string,
  label?: string,
): WindowHistogram {
  const start = buckets(before, name, label);
  const end = buckets(after, name, label);
  const bounds = [...end.keys()].sort((a, b) => a - b);
  const counts = bounds.map((bound) => (end.get(bound) ?? 0) - (start.get(bound) ?? 0));
  const count = counts.at(-1) ?? 0;
  const quantile = (q: number): number | null => {
    if (count === 0) return null;
    const rank = q * count;
    const index = counts.findIndex((cumulative) => cumulative >= rank);
    const bound = bounds[index];
    return bound === undefined || !Number.isFinite(bound) ? null : bound * 1000;
  };
  const sum = total(after, `${name}_sum`, label) - total(before, `${name}_sum`, label);
  return {
    count,
    p50Ms: quantile(0.5),
    p99Ms: quantile(0.99),
    maxMs: quantile(1),
    meanMs: count > 0 ? (1000 * sum) / count : null,
  };
}

/** How much a counter (summed over every node, and over the label sets containing `label`) grew over the window. */
export function counterOverWindow(
  before: readonly (Map<string, number> | null)[],
  after: readonly (Map<string, number> | null)[],
  name: string,
  label?: string,
): number {
  return total(after, name, label) - total(before, name, label);
}
