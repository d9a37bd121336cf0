/**
 * A latency histogram in the manner of HdrHistogram: fixed memory (a few thousand counters) however
 * many samples arrive, percentiles within 1/128 (< 0.8 %) of the exact value, exact min, max and
 * count. Values are recorded in microseconds, so sub-millisecond latencies keep their precision.
 *
 * Layout: values below 256 us have a counter each; above, every power-of-two range [2^k, 2^(k+1))
 * is split into 128 equal sub-buckets.
 */

const SUB_BUCKET_BITS = 7;
const SUB_BUCKETS = 1 << SUB_BUCKET_BITS; // 128 per power of two
const LINEAR_LIMIT = SUB_BUCKETS * 2; // 256: below this, one counter per microsecond
/** Values are capped at 2^36 us (about 19 hours): beyond that, a latency is a hang anyway. */
const MAX_EXPONENT = 36;
const BUCKET_COUNT = LINEAR_LIMIT + (MAX_EXPONENT - SUB_BUCKET_BITS - 1) * SUB_BUCKETS;
const MAX_VALUE_US = 2 ** MAX_EXPONENT - 1;

/** Bucket index of a value in microseconds (a non-negative integer). */
export function bucketIndexOf(valueUs: number): number {
  const v = Math.min(MAX_VALUE_US, Math.max(0, Math.floor(valueUs)));
  if (v < LINEAR_LIMIT) return v;
  // exponent e >= 1 such that v / 2^e lies in [128, 256)
  let exponent = Math.floor(Math.log2(v)) - SUB_BUCKET_BITS;
  let sub = Math.floor(v / 2 ** exponent);
  // Guard against rounding in log2 near powers of two.
  if (sub >= LINEAR_LIMIT) {
    exponent += 1;
    sub = Math.floor(v / 2 ** exponent);
  } else if (sub < SUB_BUCKETS) {
    exponent -= 1;
    sub = Math.floor(v / 2 ** exponent);
  }
  return LINEAR_LIMIT + (exponent - 1) * SUB_BUCKETS + (sub - SUB_BUCKETS);
}

/** The highest value (us) a bucket holds: what a percentile reports, so it never under-states. */
export function bucketHighestUs(index: number): number {
  if (index < LINEAR_LIMIT) return index;
  const offset = index - LINEAR_LIMIT;
  const exponent = Math.floor(offset / SUB_BUCKETS) + 1;
  const sub = (offset % SUB_BUCKETS) + SUB_BUCKETS;
  return (sub + 1) * 2 ** exponent - 1;
}

/** The histogram as JSON: only the non-empty buckets, as [index, count] pairs. */
export interface HistogramJson {
  readonly count: number;
  readonly minUs: number;
  readonly maxUs: number;
  readonly sumUs: number;
  readonly buckets: readonly (readonly [number, number])[];
}

export interface LatencySummaryMs {
  readonly count: number;
  readonly p50: number | null;
  readonly p95: number | null;
  readonly p99: number | null;
  readonly max: number | null;
  readonly mean: number | null;
}

export class LatencyRecorder {
  private counts = new Float64Array(BUCKET_COUNT);
  private total = 0;
  private minUs = Number.POSITIVE_INFINITY;
  private maxUs = 0;
  private sumUs = 0;

  get count(): number {
    return this.total;
  }

  /** Records one latency in milliseconds (fractions allowed). Negative or NaN values are ignored. */
  record(ms: number): void {
    if (!(ms >= 0)) return;
    const us = Math.min(MAX_VALUE_US, Math.round(ms * 1000));
    this.counts[bucketIndexOf(us)]! += 1;
    this.total += 1;
    this.sumUs += us;
    if (us < this.minUs) this.minUs = us;
    if (us > this.maxUs) this.maxUs = us;
  }

  /**
   * The nearest-rank percentile in milliseconds (the smallest recorded value with at least p % of
   * the samples at or below it), as the highest value of its bucket, never above the maximum.
   */
  percentile(p: number): number | null {
    if (this.total === 0) return null;
    if (p <= 0) return this.minUs / 1000;
    const rank = Math.max(1, Math.ceil((Math.min(p, 100) / 100) * this.total));
    let seen = 0;
    for (let index = 0; index < BUCKET_COUNT; index++) {
      seen += this.counts[index]!;
      if (seen >= rank) return Math.min(bucketHighestUs(index), this.maxUs) / 1000;
    }
    return this.maxUs / 1000;
  }

  get maxMs(): number | null {
    return this.total === 0 ? null : this.maxUs / 1000;
  }

  get meanMs(): number | null {
    return this.total === 0 ? null : this.sumUs / this.total / 1000;
  }

  summary(): LatencySummaryMs {
    return {
      count: this.total,
      p50: this.percentile(50),
      p95: this.percentile(95),
      p99: this.percentile(99),
      max: this.maxMs,
      mean: this.meanMs,
    };
  }

  /** Adds another histogram's samples to this one (histograms of several bot processes). */
  merge(other: LatencyRecorder | HistogramJson): void {
    const json = other instanceof LatencyRecorder ? other.toJSON() : other;
    if (json.count === 0) return;
    for (const [index, count] of json.buckets) {
      if (Number.isInteger(index) && index >= 0 && index < BUCKET_COUNT) this.counts[index]! += count;
    }
    this.total += json.count;
    this.sumUs += json.sumUs;
    this.minUs = Math.min(this.minUs, json.minUs);
    this.maxUs = Math.max(this.maxUs, json.maxUs);
  }

  reset(): void {
    this.counts.fill(0);
    this.total = 0;
    this.minUs = Number.POSITIVE_INFINITY;
    this.maxUs = 0;
    this.sumUs = 0;
  }

  toJSON(): HistogramJson {
    const buckets: [number, number][] = [];
    for (let index = 0; index < BUCKET_COUNT; index++) {
      const count = this.counts[index]!;
      if (count > 0) buckets.push([index, count]);
    }
    return {
      count: this.total,
      minUs: this.total === 0 ? 0 : this.minUs,
      maxUs: this.maxUs,
      sumUs: this.sumUs,
      buckets,
    };
  }

  static fromJSON(json: HistogramJson): LatencyRecorder {
    const recorder = new LatencyRecorder();
    recorder.merge(json);
    return recorder;
  }
}

/** The exact nearest-rank percentile of a sorted array: the reference the histogram is tested against. */
export function exactPercentile(sorted: readonly number[], p: number): number | null {
  if (sorted.length === 0) return null;
  if (p <= 0) return sorted[0]!;
  const rank = Math.max(1, Math.ceil((Math.min(p, 100) / 100) * sorted.length));
  return sorted[rank - 1]!;
}
