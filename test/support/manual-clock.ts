import type { TableClock } from '../../src/tables/clock.js';

interface PendingTimer {
  readonly atMs: number;
  readonly order: number;
  readonly task: () => void;
}

/** A clock that only moves when told to: for tests of deadlines, time banks and pauses. */
export class ManualClock implements TableClock {
  private nowMs: number;
  private order = 0;
  private timers = new Set<PendingTimer>();

  constructor(startMs = Date.UTC(2025, 0, 1)) {
    this.nowMs = startMs;
  }

  now(): number {
    return this.nowMs;
  }

  setTimer(atMs: number, task: () => void): () => void {
    const timer = { atMs, order: this.order++, task };
    this.timers.add(timer);
    return () => {
      this.timers.delete(timer);
    };
  }

  /** Moves time forward, running every timer that falls due, earliest first. */
  advance(ms: number): void {
    const target = this.nowMs + ms;
    for (;;) {
      const next = this.nextDue(target);
      if (!next) break;
      this.timers.delete(next);
      this.nowMs = Math.max(this.nowMs, next.atMs);
      next.task();
    }
    this.nowMs = target;
  }

  pendingTimers(): number {
    return this.timers.size;
  }

  private nextDue(limitMs: number): PendingTimer | undefined {
    let best: PendingTimer | undefined;
    for (const timer of this.timers) {
      if (timer.atMs > limitMs) continue;
      if (!best || timer.atMs < best.atMs || (timer.atMs === best.atMs && timer.order < best.order))
        best = timer;
    }
    return best;
  }
}
