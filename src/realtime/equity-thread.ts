import { parentPort } from 'node:worker_threads';
import { computeEquity, type EquityInput } from '../engine/equity.js';

/**
 * The worker thread behind equity-workers.ts: computes exact all-in equity off the main event
 * loop, one request at a time. A malformed request answers an error, never ends the thread.
 */
parentPort?.on('message', (message: { id: number; input: EquityInput }) => {
  try {
    parentPort!.postMessage({ id: message.id, result: computeEquity(message.input) });
  } catch (error) {
    parentPort!.postMessage({
      id: message.id,
      error: error instanceof Error ? error.message : String(error),
    });
  }
});
