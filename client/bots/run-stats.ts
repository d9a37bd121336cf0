import { IntervalStats } from './interval-stats.js';
import { LatencyRecorder } from './latency-recorder.js';
import type { Timeline } from './timeline.js';

/**
 * Everything the bots of one process count, in one place. "Steady" figures cover only the time
 * when every bot had finished getting ready and none had started to leave: the load the server
 * carries in play, without registrations and cash-outs mixed in.
 */

const INVALID_SAMPLES_MAX = 10;

export type RunPhase = 'setup' | 'steady' | 'ending';

export interface InvalidMessageSample {
  readonly event: string;
  readonly problem: string;
}

/** An action the server refused, with what the bot saw: for telling a bot bug from a server bug. */
export interface RefusedActionSample {
  readonly code: string;
  readonly message: string;
  readonly action: string;
  readonly legal: string;
}

export class RunStats {
  phase: RunPhase = 'setup';
  steadyStartedAtMs: number | null = null;
  steadyEndedAtMs: number | null = null;

  readonly ackLatency = new LatencyRecorder();
  readonly broadcastLatency = new LatencyRecorder();
  readonly steadyAckLatency = new LatencyRecorder();
  readonly steadyBroadcastLatency = new LatencyRecorder();

  actions = 0;
  steadyActions = 0;
  handsCompleted = 0;
  steadyHands = 0;
  messagesReceived = 0;
  invalidMessages = 0;
  readonly invalidSamples: InvalidMessageSample[] = [];
  readonly refusedSamples: RefusedActionSample[] = [];
  /** Error acks by code, plus the bots' own failures (bots/*): every one is unexpected in a healthy run. */
  readonly errorsByCode = new Map<string, number>();
  reconnects = 0;
  reconnectFailures = 0;
  /** Disconnections the bots did not cause themselves. */
  unexpectedDisconnects = 0;
  seqGaps = 0;
  syncs = 0;
  /** Table commands sent again after cluster/owner-unreachable. */
  retried = 0;
  topUps = 0;
  /** Run-it-twice questions the bots answered. */
  runTwiceAnswers = 0;
  botsReady = 0;
  botsFailed = 0;
  botsPlaying = 0;
  botsDone = 0;
  /** What stopped the first bot that failed, for the run's log line (it names the setting to change). */
  firstFailure: string | null = null;

  /** The figures of the current interval, for `--stats-interval-s` lines. */
  readonly interval = new IntervalStats();

  constructor(readonly timeline: Timeline) {}

  get errors(): number {
    let total = 0;
    for (const count of this.errorsByCode.values()) total += count;
    return total;
  }

  error(code: string): void {
    this.errorsByCode.set(code, (this.errorsByCode.get(code) ?? 0) + 1);
    this.timeline.error();
    this.interval.error(code);
  }

  invalid(event: string, problem: string): void {
    this.invalidMessages += 1;
    this.interval.invalid();
    if (this.invalidSamples.length < INVALID_SAMPLES_MAX)
      this.invalidSamples.push({ event, problem: problem.slice(0, 300) });
  }

  refused(sample: RefusedActionSample): void {
    if (this.refusedSamples.length < INVALID_SAMPLES_MAX) this.refusedSamples.push(sample);
  }

  actionAcked(latencyMs: number): void {
    this.actions += 1;
    this.ackLatency.record(latencyMs);
    this.timeline.action(latencyMs);
    this.interval.action(latencyMs);
    if (this.phase === 'steady') {
      this.steadyActions += 1;
      this.steadyAckLatency.record(latencyMs);
    }
  }

  actionBroadcast(latencyMs: number): void {
    this.broadcastLatency.record(latencyMs);
    this.timeline.broadcast(latencyMs);
    this.interval.broadcast(latencyMs);
    if (this.phase === 'steady') this.steadyBroadcastLatency.record(latencyMs);
  }

  handCompleted(): void {
    this.handsCompleted += 1;
    this.timeline.hand();
    this.interval.hand();
    if (this.phase === 'steady') this.steadyHands += 1;
  }

  reconnected(): void {
    this.reconnects += 1;
    this.timeline.reconnect();
  }

  beginSteady(nowMs: number): void {
    if (this.phase !== 'setup') return;
    this.phase = 'steady';
    this.steadyStartedAtMs = nowMs;
  }

  endSteady(nowMs: number): void {
    if (this.phase === 'ending') return;
    if (this.phase === 'steady') this.steadyEndedAtMs = nowMs;
    this.phase = 'ending';
  }
}
