/**
 * Time as the tables see it. The actor never reads Date.now() or calls setTimeout itself: deadlines
 * are values in its state, and timers are set through this interface, so tests move time by hand.
 */
export interface TableClock {
  /** Milliseconds since the epoch. */
  now(): number;
  /** Runs `task` once at `atMs` (or soon after). Returns a function that cancels it. */
  setTimer(atMs: number, task: () => void): () => void;
}

export const systemClock: TableClock = {
  now: () => Date.now(),
  setTimer(atMs, task) {
    const timer = setTimeout(task, Math.max(0, atMs - Date.now()));
    // A pending action clock must not keep a finished process alive.
    timer.unref();
    return () => clearTimeout(timer);
  },
};
