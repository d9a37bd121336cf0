import type { ApiClient } from './api-client.js';
import type { NodeFigures, ServerFigures, ServerSeriesFigures } from './report.js';
import type { RunStats } from './run-stats.js';
import { combineMetrics, type ServerMetrics, serverMetricsOf } from './server-metrics.js';

/**
 * Samples the servers' GET /metrics during the run: memory and event-loop lag over time (a
 * server's lag histogram restarts at each scrape, so each sample covers the time since the last).
 * With several nodes, every one is read at each sample: each is reported on its own, and the
 * figures of the whole are those of the nodes that answered, combined (combineMetrics). A node
 * without /metrics is reported as such; sampling it then stops.
 */
/** What the monitor needs of a server's API client. */
export type MetricsSource = Pick<ApiClient, 'baseUrl' | 'metricsText'>;

export class ServerMonitor {
  private readonly nodes: readonly { readonly api: MetricsSource; readonly track: MetricsTrack }[];
  private readonly whole = new MetricsTrack();
  private inFlight = false;

  constructor(
    apis: readonly MetricsSource[],
    private readonly stats: RunStats,
    private readonly now: () => number,
  ) {
    this.nodes = apis.map((api) => ({ api, track: new MetricsTrack() }));
  }

  async sample(): Promise<void> {
    const live = this.nodes.filter((node) => node.track.available !== false);
    if (live.length === 0 || this.inFlight) return;
    this.inFlight = true;
    try {
      const read = await Promise.all(live.map((node) => readNode(node.api)));
      const steady = this.stats.phase === 'steady';
      const answered: ServerMetrics[] = [];
      read.forEach((metrics, index) => {
        const track = live[index]!.track;
        if (metrics === 'unavailable') track.available = false;
        else if (metrics !== null) {
          track.record(metrics, steady);
          answered.push(metrics);
        }
      });
      const metrics = combineMetrics(answered);
      if (!metrics) return;
      this.whole.record(metrics, steady);
      this.stats.timeline.addServerSample(this.now(), {
        residentMemoryBytes: metrics.residentMemoryBytes,
        eventLoopLagP99Ms: metrics.eventLoopLagP99Ms,
        eventLoopLagMaxMs: metrics.eventLoopLagMaxMs,
      });
    } finally {
      this.inFlight = false;
    }
  }

  /** The figures of the whole; with several nodes, those of each node besides. */
  figures(): ServerFigures {
    const available = this.nodes.some((node) => node.track.available === true);
    const whole = this.whole.figures(available);
    if (this.nodes.length < 2) return whole;
    const nodes: NodeFigures[] = this.nodes.map((node) => ({
      url: node.api.baseUrl,
      ...node.track.figures(node.track.available === true),
    }));
    return { ...whole, nodes };
  }
}

/** One scrape: the metrics, 'unavailable' for a server without /metrics, null for a failed scrape. */
async function readNode(api: MetricsSource): Promise<ServerMetrics | 'unavailable' | null> {
  try {
    const text = await api.metricsText();
    return text === null ? 'unavailable' : serverMetricsOf(text);
  } catch {
    // A failed scrape under load is not fatal; the next one may succeed.
    return null;
  }
}

/** Start, peak, steady and end of one series of samples (one node, or the whole). */
class MetricsTrack {
  /** Null until the first answer. */
  available: boolean | null = null;
  private start: ServerMetrics | null = null;
  private last: ServerMetrics | null = null;
  private peakRss: number | null = null;
  private steadyRss: number | null = null;
  private p99Max: number | null = null;
  private lagMax: number | null = null;

  record(metrics: ServerMetrics, steady: boolean): void {
    this.available = true;
    this.start ??= metrics;
    this.last = metrics;
    const rss = metrics.residentMemoryBytes;
    if (rss !== null) {
      this.peakRss = Math.max(this.peakRss ?? 0, rss);
      if (steady) this.steadyRss = rss;
    }
    if (metrics.eventLoopLagP99Ms !== null)
      this.p99Max = Math.max(this.p99Max ?? 0, metrics.eventLoopLagP99Ms);
    if (metrics.eventLoopLagMaxMs !== null)
      this.lagMax = Math.max(this.lagMax ?? 0, metrics.eventLoopLagMaxMs);
  }

  figures(available: boolean): ServerSeriesFigures {
    return {
      metrics: available ? 'available' : 'unavailable',
      residentMemoryBytes: {
        start: this.start?.residentMemoryBytes ?? null,
        peak: this.peakRss,
        end: this.last?.residentMemoryBytes ?? null,
      },
      steadyResidentMemoryBytes: this.steadyRss,
      eventLoopLagMs: {
        p99Max: this.p99Max,
        max: this.lagMax,
        meanLast: this.last?.eventLoopLagMeanMs ?? null,
      },
      end: this.last,
    };
  }
}
