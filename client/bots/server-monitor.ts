import type { ApiClient } from './api-client.js';
import type { ServerFigures } from './report.js';
import type { RunStats } from './run-stats.js';
import { type ServerMetrics, serverMetricsOf } from './server-metrics.js';

/**
 * Samples the server's GET /metrics during the run: memory and event-loop lag over time (the
 * server's lag histogram restarts at each scrape, so each sample covers the time since the last).
 * A server without /metrics is reported as such; sampling then stops.
 */
export class ServerMonitor {
  private available: boolean | null = null;
  private start: ServerMetrics | null = null;
  private last: ServerMetrics | null = null;
  private peakRss: number | null = null;
  private steadyRss: number | null = null;
  private p99Max: number | null = null;
  private lagMax: number | null = null;
  private inFlight = false;

  constructor(
    private readonly api: ApiClient,
    private readonly stats: RunStats,
    private readonly now: () => number,
  ) {}

  async sample(): Promise<void> {
    if (this.available === false || this.inFlight) return;
    this.inFlight = true;
    try {
      const text = await this.api.metricsText();
      if (text === null) {
        this.available = false;
        return;
      }
      this.available = true;
      const metrics = serverMetricsOf(text);
      this.start ??= metrics;
      this.last = metrics;
      const rss = metrics.residentMemoryBytes;
      if (rss !== null) {
        this.peakRss = Math.max(this.peakRss ?? 0, rss);
        if (this.stats.phase === 'steady') this.steadyRss = rss;
      }
      if (metrics.eventLoopLagP99Ms !== null)
        this.p99Max = Math.max(this.p99Max ?? 0, metrics.eventLoopLagP99Ms);
      if (metrics.eventLoopLagMaxMs !== null)
        this.lagMax = Math.max(this.lagMax ?? 0, metrics.eventLoopLagMaxMs);
      this.stats.timeline.addServerSample(this.now(), {
        residentMemoryBytes: rss,
        eventLoopLagP99Ms: metrics.eventLoopLagP99Ms,
        eventLoopLagMaxMs: metrics.eventLoopLagMaxMs,
      });
    } catch {
      // A failed scrape under load is not fatal; the next one may succeed.
    } finally {
      this.inFlight = false;
    }
  }

  figures(): ServerFigures {
    return {
      metrics: this.available ? 'available' : 'unavailable',
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
