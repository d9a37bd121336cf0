import { monitorEventLoopDelay } from 'node:perf_hooks';
import { type HistogramJson, LatencyRecorder } from './latency-recorder.js';

/**
 * Figures of the last few seconds, printed as JSON lines while the run goes on (`--stats-interval-s`),
 * so a benchmark driving several bot processes can merge their latencies over a window of its
 * choosing: each line carries the interval's histograms, which merge exactly.
 */
export interface IntervalLine {
  readonly type: 'interval';
  /** Wall-clock end of the interval (ms since the epoch), comparable across processes. */
  readonly atMs: number;
  readonly seconds: number;
  readonly actions: number;
  readonly hands: number;
  readonly errors: Readonly<Record<string, number>>;
  readonly invalidMessages: number;
  readonly ack: HistogramJson;
  readonly broadcast: HistogramJson;
  /**
   * This bot process's own event-loop delay over the interval (p99 and max, ms): every latency the
   * bots measure includes it, so a benchmark can tell a slow server from a busy load generator.
   */
  readonly eventLoopLagP99Ms: number;
  readonly eventLoopLagMaxMs: number;
}

export class IntervalStats {
  private readonly ack = new LatencyRecorder();
  private readonly broadcastLatency = new LatencyRecorder();
  private actions = 0;
  private hands = 0;
  private invalidMessages = 0;
  private errors = new Map<string, number>();
  private startedAtMs = Date.now();
  private readonly loopDelay = monitorEventLoopDelay({ resolution: 10 });

  constructor() {
    this.loopDelay.enable();
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

  error(code: string): void {
    this.errors.set(code, (this.errors.get(code) ?? 0) + 1);
  }

  invalid(): void {
    this.invalidMessages += 1;
  }

  /** The interval since the last call, then starts a new one. */
  take(nowMs = Date.now()): IntervalLine {
    const line: IntervalLine = {
      type: 'interval',
      atMs: nowMs,
      seconds: (nowMs - this.startedAtMs) / 1000,
      actions: this.actions,
      hands: this.hands,
      errors: Object.fromEntries(this.errors),
      invalidMessages: this.invalidMessages,
      ack: this.ack.toJSON(),
      broadcast: this.broadcastLatency.toJSON(),
      eventLoopLagP99Ms: this.loopDelay.count > 0 ? this.loopDelay.percentile(99) / 1e6 : 0,
      eventLoopLagMaxMs: this.loopDelay.count > 0 ? this.loopDelay.max / 1e6 : 0,
    };
    this.loopDelay.reset();
    this.ack.reset();
    this.broadcastLatency.reset();
    this.actions = 0;
    this.hands = 0;
    this.invalidMessages = 0;
    this.errors = new Map();
    this.startedAtMs = nowMs;
    return line;
  }
}
