import { readdirSync, readFileSync } from 'node:fs';

/**
 * CPU time of processes, from /proc (Linux): how the machine's cores were shared during a window
 * between the server, the bots and PostgreSQL. The bots run on the same cores as the server, so a
 * capacity figure means little without this split.
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

export interface CpuGroups {
  readonly server: number | undefined;
  readonly bots: readonly (number | undefined)[];
}

export interface CpuSnapshot {
  readonly atMs: number;
  readonly server: number;
  readonly bots: number;
  readonly postgres: Map<number, number>;
}

export function cpuSnapshot(groups: CpuGroups): CpuSnapshot {
  const postgres = new Map<number, number>();
  for (const pid of pidsNamed('postgres')) postgres.set(pid, cpuSeconds(pid));
  return {
    atMs: Date.now(),
    server: cpuSeconds(groups.server),
    bots: groups.bots.reduce<number>((sum, pid) => sum + cpuSeconds(pid), 0),
    postgres,
  };
}

/** Cores used on average between two snapshots, per group (PostgreSQL: every backend, any database). */
export function coresUsed(before: CpuSnapshot, after: CpuSnapshot) {
  const seconds = Math.max(0.001, (after.atMs - before.atMs) / 1000);
  let postgres = 0;
  for (const [pid, used] of after.postgres) postgres += used - (before.postgres.get(pid) ?? 0);
  return {
    server: (after.server - before.server) / seconds,
    bots: (after.bots - before.bots) / seconds,
    postgres: postgres / seconds,
  };
}
