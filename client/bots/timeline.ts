import { LatencyRecorder } from './latency-recorder.js';

/**
 * Figures over time for the charts: per interval, actions, hands, errors, reconnects and latency
 * percentiles. Memory stays bounded: the interval is chosen from the run's time limit so that a
 * run never has more than POINTS_MAX points, and only two small histograms are live at a time.
 */

const POINTS_MAX = 600;

export interface TimelinePoint {
  /** Seconds since the start of the run, at the end of the interval. */
  readonly tS: number;
  readonly actionsPerS: number;
  readonly handsPerS: number;
  readonly errors: number;
  readonly reconnects: number;
  readonly ackP50Ms: number | null;
  readonly ackP99Ms: number | null;
  readonly broadcastP99Ms: number | null;
}

export interface ServerSample {
  readonly tS: number;
  readonly residentMemoryBytes: number | null;
  readonly eventLoopLagP99Ms: number | null;
  readonly eventLoopLagMaxMs: number | null;
}

export function intervalForDurationMs(durationMs: number): number {
  return Math.max(1_000, Math.ceil(durationMs / POINTS_MAX / 1_000) * 1_000);
}

export class Timeline {
  readonly points: TimelinePoint[] = [];
  readonly serverSamples: ServerSample[] = [];
  private readonly ack = new LatencyRecorder();
  private readonly broadcastLatency = new LatencyRecorder();
  private actions = 0;
  private hands = 0;
  private errors = 0;
  private reconnects = 0;
  private intervalStartMs: number;

  constructor(
    private readonly startMs: number,
    readonly intervalMs: number,
  ) {
    this.intervalStartMs = startMs;
  }

  action(ackMs: number): void {
    this.actions += 1;
    this.ack.record(ackMs);
  }

  broadcast(ms: number): void {
    this.broadcastLatency.record(ms);
  }

  hand(): void {
    this.hands += 1;
  }

  error(): void {
    this.errors += 1;
  }

  reconnect(): void {
    this.reconnects += 1;
  }

  /** Closes every interval that has ended by `nowMs`. */
  tick(nowMs: number): void {
    while (nowMs - this.intervalStartMs >= this.intervalMs && this.points.length < POINTS_MAX) {
      this.close(this.intervalStartMs + this.intervalMs);
    }
  }

  /** Closes the last, partial interval (at the end of the run). */
  finish(nowMs: number): void {
    this.tick(nowMs);
    if (nowMs > this.intervalStartMs && this.points.length < POINTS_MAX) this.close(nowMs);
  }

  addServerSample(nowMs: number, sample: Omit<ServerSample, 'tS'>): void {
    if (this.serverSamples.length >= POINTS_MAX) return;
    this.serverSamples.push({ tS: (nowMs - this.startMs) / 1000, ...sample });
  }

  private close(endMs: number): void {
    const seconds = (endMs - this.intervalStartMs) / 1000;
    this.points.push({
      tS: (endMs - this.startMs) / 1000,
      actionsPerS: this.actions / seconds,
      handsPerS: this.hands / seconds,
      errors: this.errors,
      reconnects: this.reconnects,
      ackP50Ms: this.ack.percentile(50),
      ackP99Ms: this.ack.percentile(99),
      broadcastP99Ms: this.broadcastLatency.percentile(99),
    });
    this.actions = 0;
    this.hands = 0;
    this.errors = 0;
    this.reconnects = 0;
    this.ack.reset();
    this.broadcastLatency.reset();
    this.intervalStartMs = endMs;
  }
}
