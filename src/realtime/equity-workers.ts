import { Worker } from 'node:worker_threads';
import type { EquityInput, EquityResult } from '../engine/equity.js';
import { type EquityCalculator, EquityDeclined } from '../tables/table-ports.js';
import { CpuBudget } from './cpu-budget.js';

/**
 * All-in equity for every table of this process, computed in one worker thread: an exact preflop
 * enumeration takes tens of milliseconds, which the tables' event loop must not spend. Requests
 * queue in the worker (at most `pendingMax`; more are refused, and the table shows no equity) and
 * each is abandoned after `timeoutMs`. The thread may use at most `cpuShare` of a core on average
 * (a burst of `cpuBurstMs`): at a few thousand tables, all-ins preflop would otherwise keep it busy
 * a whole core, taken from the tables; past it a table shows no equity until credit comes back.
 * The thread is unref'd, so it never holds the process open.
 */
export interface EquityWorkers {
  readonly calculate: EquityCalculator;
  close(): Promise<void>;
}

interface Pending {
  readonly resolve: (result: EquityResult) => void;
  readonly reject: (error: Error) => void;
  readonly timer: NodeJS.Timeout;
}

/** Requests waiting for the worker at most, and how long one may take (config.ts: EQUITY_*). */
export interface EquityLimits {
  readonly pendingMax: number;
  readonly timeoutMs: number;
  /** The share of one core the thread may use on average (0 to 1), and the burst it may take at once. */
  readonly cpuShare: number;
  readonly cpuBurstMs: number;
}

/**
 * The server runs its TypeScript through tsx, and a worker thread needs the same loader. Node 20
 * resolves a worker's entry file before any `--import` of its execArgv takes effect (the entry
 * fails with "Unknown file extension .ts"), so the thread starts from a line of JavaScript that
 * loads the TypeScript entry through tsx's own API, resolved here from this module.
 */
function startThread(entry: URL): Worker {
  if (!entry.pathname.endsWith('.ts')) return new Worker(entry);
  const tsxApi = import.meta.resolve('tsx/esm/api');
  const bootstrap = `import(${JSON.stringify(tsxApi)}).then((tsx) => tsx.tsImport(${JSON.stringify(entry.href)}, ${JSON.stringify(entry.href)}));`;
  return new Worker(bootstrap, { eval: true });
}

export function startEquityWorkers(options: EquityLimits): EquityWorkers {
  const worker = startThread(new URL('./equity-thread.ts', import.meta.url));
  worker.unref();
  const pending = new Map<number, Pending>();
  let nextId = 0;
  let failure: Error | null = null;
  const budget = new CpuBudget(options.cpuShare, options.cpuBurstMs);
  const settle = (id: number, outcome: { result?: EquityResult; error?: string }) => {
    const entry = pending.get(id);
    if (!entry) return;
    pending.delete(id);
    clearTimeout(entry.timer);
    if (outcome.result) entry.resolve(outcome.result);
    else entry.reject(new Error(outcome.error ?? 'equity failed'));
  };
  worker.on('message', (message: { id: number; result?: EquityResult; error?: string; cpuMs?: number }) => {
    budget.spent(message.cpuMs ?? 0);
    settle(message.id, message);
  });
  worker.on('error', (error) => {
    failure = error;
    for (const id of [...pending.keys()]) settle(id, { error: error.message });
  });
  return {
    calculate(input: EquityInput) {
      if (failure) return Promise.reject(failure);
      if (pending.size >= options.pendingMax)
        return Promise.reject(new EquityDeclined('equity workers are busy'));
      if (!budget.mayStart())
        return Promise.reject(new EquityDeclined('equity workers spent their CPU share'));
      const id = nextId++;
      return new Promise<EquityResult>((resolve, reject) => {
        const timer = setTimeout(() => settle(id, { error: 'equity timed out' }), options.timeoutMs);
        timer.unref();
        pending.set(id, { resolve, reject, timer });
        worker.postMessage({ id, input });
      });
    },
    async close() {
      for (const id of [...pending.keys()]) settle(id, { error: 'shutting down' });
      await worker.terminate();
    },
  };
}
