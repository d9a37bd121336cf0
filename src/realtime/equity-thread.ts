import { setPriority } from 'node:os';
import { parentPort } from 'node:worker_threads';
import { computeEquity, type EquityInput } from '../engine/equity.js';

/**
 * The worker thread behind equity-workers.ts: computes exact all-in equity off the main event
 * loop, one request at a time, and tells the CPU time each took (the workers' budget pays it).
 * A malformed request answers an error, never ends the thread.
 *
 * The thread runs at the lowest scheduling priority: equity is decoration, and on a busy machine a
 * burst of preflop enumerations must wait for the tables, never the other way round. On Linux a
 * nice value belongs to the calling thread (setpriority with pid 0), so this leaves the event
 * loop's priority alone; where it is refused the thread keeps its priority and its CPU budget.
 */
try {
  setPriority(19);
} catch {
  // Not allowed here: the CPU budget (equity-workers.ts) still bounds the thread.
}
parentPort?.on('message', (message: { id: number; input: EquityInput }) => {
  const started = performance.now();
  try {
    const result = computeEquity(message.input);
    parentPort!.postMessage({ id: message.id, result, cpuMs: performance.now() - started });
  } catch (error) {
    parentPort!.postMessage({
      id: message.id,
      error: error instanceof Error ? error.message : String(error),
    });
  }
});
