/**
 * A share of one CPU core that some background work may use, averaged over time: a bucket of
 * milliseconds of CPU that fills at `share` ms per ms of wall time, up to `burstMs`, and that each
 * piece of work drains by the CPU time it took. Work is started only while the bucket holds
 * credit, so a flood of requests costs at most the share (plus one piece of work), never a core.
 * The clock comes in (milliseconds, monotonic) so that the budget can be tested without waiting.
 */
export class CpuBudget {
  private creditMs: number;
  private lastMs: number;

  constructor(
    private readonly share: number,
    private readonly burstMs: number,
    private readonly now: () => number = () => performance.now(),
  ) {
    if (!(share > 0 && share <= 1)) throw new Error('a CPU share is more than 0 and at most 1');
    if (!(burstMs > 0)) throw new Error('a CPU burst is more than 0 ms');
    this.creditMs = burstMs;
    this.lastMs = now();
  }

  /** Whether work may start now: some credit is left. */
  mayStart(): boolean {
    this.refill();
    return this.creditMs > 0;
  }

  /** A piece of work took `cpuMs` of CPU: the bucket pays it (it may go below zero, and refills). */
  spent(cpuMs: number): void {
    this.refill();
    this.creditMs -= Math.max(0, cpuMs);
  }

  private refill(): void {
    const at = this.now();
    this.creditMs = Math.min(this.burstMs, this.creditMs + (at - this.lastMs) * this.share);
    this.lastMs = at;
  }
}
