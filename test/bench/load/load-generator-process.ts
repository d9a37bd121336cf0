import { type ChildProcess, type SpawnOptions, spawn } from 'node:child_process';

/**
 * How the load generators (the bot processes, and the raw ceiling's client process) are scheduled
 * next to the server on the same two cores.
 *
 * - 'normal' (the default): every process alike.
 * - 'background': `nice -n 10` and Linux's SCHED_BATCH (`chrt -b 0`), to see how much of a figure
 *   comes from sharing two cores with the bots. A batch task never preempts another when it wakes
 *   up: otherwise a frame the server writes to an idle bot may switch the core to that bot in the
 *   middle of the server's `writev` (a profile of the server at 1,500 tables put 28% of its wall
 *   time inside `writev`). The bots still count every delay they add: their clock runs from the
 *   emit to the ack, through their own event loop. Measured so far, it changed p99 by less than
 *   the run-to-run noise (see the notes of issue 5).
 */
export type LoadGeneratorPolicy = 'background' | 'normal';

let policy: LoadGeneratorPolicy = 'normal';

export function setLoadGeneratorPolicy(next: LoadGeneratorPolicy): void {
  policy = next;
}

export function loadGeneratorPolicy(): LoadGeneratorPolicy {
  return policy;
}

/** Starts `node <nodeArgs>` under the chosen policy (`nice` and `chrt` exec node: the pid is node's). */
export function spawnLoadGenerator(nodeArgs: readonly string[], options: SpawnOptions): ChildProcess {
  return policy === 'background'
    ? spawn('nice', ['-n', '10', 'chrt', '-b', '0', process.execPath, ...nodeArgs], options)
    : spawn(process.execPath, [...nodeArgs], options);
}
