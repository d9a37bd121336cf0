import { parentPort } from 'node:worker_threads';
import { computeEquity, type EquityInput } from '../engine/equity.js';

/**
 * The worker thread behind equity-workers.ts: computes exact all-in equity off the main event
 * loop, one request at a time, and tells the CPU time each took (the workers' budget pays it).
 * A malformed request answers an error, never ends the thread.
 */
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
