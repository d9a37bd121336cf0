/**
 * A bounded queue that runs one job at a time, in order. External commands are refused when
 * `capacity` jobs are already waiting; internal ones (timers, ledger completions) always get in,
 * because dropping them would lose a deadline or a buy-in result.
 */
export class Mailbox {
  private readonly queue: (() => Promise<void>)[] = [];
  private running = false;
  private idleWaiters: (() => void)[] = [];

  constructor(private readonly capacity: number) {}

  get depth(): number {
    return this.queue.length;
  }

  /** Queues `job`; returns false (and does nothing) if the mailbox is full and the job is external. */
  offer<T>(job: () => Promise<T>, options: { internal?: boolean } = {}): Promise<T> | null {
    if (!options.internal && this.queue.length >= this.capacity) return null;
    return new Promise<T>((resolve, reject) => {
      this.queue.push(() => job().then(resolve, reject));
      if (!this.running) void this.drain();
    });
  }

  /** Resolves when nothing is queued or running. */
  idle(): Promise<void> {
    if (!this.running && this.queue.length === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private async drain(): Promise<void> {
    this.running = true;
    for (let job = this.queue.shift(); job; job = this.queue.shift()) {
      // A job's own failure is delivered to its caller through its promise; the loop goes on.
      await job().catch(() => undefined);
    }
    this.running = false;
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const resolve of waiters) resolve();
  }
}
