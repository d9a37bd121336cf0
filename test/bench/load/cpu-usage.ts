import { readdirSync, readFileSync } from 'node:fs';

/**
 * CPU time of processes, from /proc (Linux): how the machine's cores were shared during a window
 * between the server (all its processes, for a cluster), the bots, PostgreSQL and Redis. The bots
 * run on the same cores as the server, so a capacity figure means little without this split.
 */

const TICKS_PER_SECOND = 100; // USER_HZ; getconf CLK_TCK is 100 on Linux

/** User + system CPU seconds of one process, or 0 if it is gone. */
export function cpuSeconds(pid: number | undefined): number {
  if (pid === undefined) return 0;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name may contain spaces: fields are counted after its closing parenthesis.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
  } catch {
    return 0;
  }
}

/** Pids of every process with this command name (for PostgreSQL: all its backends). */
export function pidsNamed(name: string): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readFileSync(`/proc/${entry}/comm`, 'utf8').trim() === name) pids.push(Number(entry));
    } catch {
      // gone meanwhile
    }
  }
  return pids;
}

/**
 * The scheduling of a process's main thread (its JavaScript event loop): seconds on a CPU, seconds
 * runnable but waiting for one, and how often the kernel took the CPU away from it. A server whose
 * loop waits for a CPU answers late however little its own work takes.
 */
export interface MainThreadScheduling {
  readonly onCpuSeconds: number;
  readonly waitingSeconds: number;
  readonly preemptions: number;
}

const NOT_SEEN: MainThreadScheduling = { onCpuSeconds: 0, waitingSeconds: 0, preemptions: 0 };

export function mainThreadScheduling(pid: number | undefined): MainThreadScheduling {
  if (pid === undefined) return NOT_SEEN;
  try {
    // schedstat: nanoseconds on a CPU, nanoseconds waiting on a run queue, timeslices.
    const [onCpu, waiting] = readFileSync(`/proc/${pid}/task/${pid}/schedstat`, 'utf8').trim().split(' ');
    const status = readFileSync(`/proc/${pid}/task/${pid}/status`, 'utf8');
    const preemptions = Number(/^nonvoluntary_ctxt_switches:\s+(\d+)/m.exec(status)?.[1] ?? 0);
    return { onCpuSeconds: Number(onCpu) / 1e9, waitingSeconds: Number(waiting) / 1e9, preemptions };
  } catch {
    return NOT_SEEN;
  }
}

export interface CpuGroups {
  /** The server's processes: one, or each node of a cluster. */
  readonly servers: readonly (number | undefined)[];
  readonly bots: readonly (number | undefined)[];
}

/**
 * Busy and total CPU seconds of the whole machine since boot, from the first line of /proc/stat:
 * busy is everything but idle and iowait, so it also holds what no process above is charged with
 * (interrupts, kernel threads, the benchmark itself).
 */
export function machineCpuSeconds(): { busy: number; total: number } {
  try {
    const line = readFileSync('/proc/stat', 'utf8').split('\n', 1)[0] ?? '';
    const ticks = line.trim().split(/\s+/).slice(1).map(Number);
    // user nice system idle iowait irq softirq steal (guest time is already in user)
    const total = ticks.slice(0, 8).reduce((sum, value) => sum + value, 0);
    const idle = (ticks[3] ?? 0) + (ticks[4] ?? 0);
    return { busy: (total - idle) / TICKS_PER_SECOND, total: total / TICKS_PER_SECOND };
  } catch {
    return { busy: 0, total: 0 };
  }
}

export interface CpuSnapshot {
  readonly atMs: number;
  readonly machine: { readonly busy: number; readonly total: number };
  /** Per server process, in the order of CpuGroups.servers. */
  readonly servers: readonly number[];
  readonly serverMainThreads: readonly MainThreadScheduling[];
  readonly bots: number;
  readonly postgres: Map<number, number>;
  readonly redis: Map<number, number>;
}

function byPid(name: string): Map<number, number> {
  const used = new Map<number, number>();
  for (const pid of pidsNamed(name)) used.set(pid, cpuSeconds(pid));
  return used;
}

export function cpuSnapshot(groups: CpuGroups): CpuSnapshot {
  return {
    atMs: Date.now(),
    machine: machineCpuSeconds(),
    servers: groups.servers.map((pid) => cpuSeconds(pid)),
    serverMainThreads: groups.servers.map((pid) => mainThreadScheduling(pid)),
    bots: groups.bots.reduce<number>((sum, pid) => sum + cpuSeconds(pid), 0),
    postgres: byPid('postgres'),
    redis: byPid('redis-server'),
  };
}

function grown(before: Map<number, number>, after: Map<number, number>): number {
  let used = 0;
  for (const [pid, seconds] of after) used += seconds - (before.get(pid) ?? 0);
  return used;
}

/**
 * Cores used on average between two snapshots, per group: `server` is every server process
 * together (each in `perServer`); `machine` is every busy core, whoever used it; PostgreSQL is every backend and Redis every redis-server, whatever
 * database or run they serve.
 */
export function coresUsed(before: CpuSnapshot, after: CpuSnapshot) {
  const seconds = Math.max(0.001, (after.atMs - before.atMs) / 1000);
  const perServer = after.servers.map((used, i) => (used - (before.servers[i] ?? 0)) / seconds);
  return {
    server: perServer.reduce((sum, cores) => sum + cores, 0),
    perServer,
    bots: (after.bots - before.bots) / seconds,
    postgres: grown(before.postgres, after.postgres) / seconds,
    redis: grown(before.redis, after.redis) / seconds,
    machine: (after.machine.busy - before.machine.busy) / seconds,
    /** Per server process: its event loop's seconds per second on a CPU and waiting for one, and preemptions per second. */
    serverMainThreads: after.serverMainThreads.map((thread, i) => {
      const earlier = before.serverMainThreads[i] ?? NOT_SEEN;
      return {
        onCpu: (thread.onCpuSeconds - earlier.onCpuSeconds) / seconds,
        waiting: (thread.waitingSeconds - earlier.waitingSeconds) / seconds,
        preemptionsPerS: (thread.preemptions - earlier.preemptions) / seconds,
      };
    }),
  };
}
