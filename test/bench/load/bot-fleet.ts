import type { ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { IntervalLine } from '../../../client/bots/interval-stats.js';
import { LatencyRecorder, type LatencySummaryMs } from '../../../client/bots/latency-recorder.js';
import type { BotsReport } from '../../../client/bots/report.js';
import { BENCH_ADMIN, BENCH_CASHIER } from './bench-server.js';
import { spawnLoadGenerator } from './load-generator-process.js';

const PROJECT_DIR = fileURLToPath(new URL('../../..', import.meta.url));

export interface ReadyLine {
  readonly type: 'ready';
  readonly atMs: number;
  readonly ready: number;
  readonly failed: number;
  /** The process's errors by code during set-up. */
  readonly errorsByCode?: Readonly<Record<string, number>>;
}

/**
 * One bots process (`client/bots/main.ts` run by node directly, so that SIGINT reaches it and
 * makes its bots leave, cash out and report). It reads the process's JSON lines as they come: the
 * "ready" line, the interval lines, and the final report.
 */
export class BotProcess {
  readonly child: ChildProcess;
  readonly intervals: IntervalLine[] = [];
  readonly ready: Promise<ReadyLine | null>;
  readonly report: Promise<BotsReport | null>;
  private stderrTail: string[] = [];

  constructor(args: readonly string[]) {
    // BENCH_BOTS_NODE_ARGS (for example --cpu-prof) profiles the bot processes.
    const nodeArgs = (process.env.BENCH_BOTS_NODE_ARGS ?? '').split(' ').filter(Boolean);
    this.child = spawnLoadGenerator([...nodeArgs, '--import', 'tsx', 'client/bots/main.ts', ...args], {
      cwd: PROJECT_DIR,
      // Passwords go through the environment, never the command line.
      env: {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? '/root',
        BOTS_ADMIN_PASSWORD: BENCH_ADMIN.password,
        BOTS_CASHIER_PASSWORD: BENCH_CASHIER.password,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let resolveReady: (line: ReadyLine | null) => void = () => {};
    this.ready = new Promise((resolve) => {
      resolveReady = resolve;
    });
    let last: BotsReport | null = null;
    let pending = '';
    this.child.stdout?.on('data', (chunk: Buffer) => {
      pending += chunk.toString('utf8');
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) {
        let parsed: { type?: string };
        try {
          parsed = JSON.parse(line) as { type?: string };
        } catch {
          continue;
        }
        if (parsed.type === 'ready') resolveReady(parsed as ReadyLine);
        else if (parsed.type === 'interval') this.intervals.push(parsed as IntervalLine);
        else last = parsed as BotsReport;
      }
    });
    this.child.stderr?.on('data', (chunk: Buffer) => {
      this.stderrTail = [...this.stderrTail, ...chunk.toString('utf8').split('\n').filter(Boolean)].slice(
        -20,
      );
    });
    this.report = new Promise((resolve) => {
      this.child.once('exit', () => {
        resolveReady(null);
        resolve(last);
      });
    });
  }

  get stderr(): string {
    return this.stderrTail.join('\n');
  }

  /** Asks the bots to leave their tables, cash out and report. */
  interrupt(): void {
    if (this.child.exitCode === null) this.child.kill('SIGINT');
  }

  kill(): void {
    if (this.child.exitCode === null) this.child.kill('SIGKILL');
  }
}

export interface WindowFigures {
  readonly seconds: number;
  readonly actions: number;
  readonly hands: number;
  readonly actionsPerS: number;
  readonly handsPerS: number;
  readonly ack: LatencySummaryMs;
  readonly broadcast: LatencySummaryMs;
  readonly errors: number;
  readonly errorsByCode: Readonly<Record<string, number>>;
  readonly invalidMessages: number;
  /** The worst bot process's own event-loop delay p99 over the window's intervals (ms). */
  readonly botsLagP99Ms: number;
}

/** Merges the interval lines of several processes that ended inside (fromMs, toMs]. */
export function mergeWindow(processes: readonly BotProcess[], fromMs: number, toMs: number): WindowFigures {
  const ack = new LatencyRecorder();
  const broadcast = new LatencyRecorder();
  let actions = 0;
  let hands = 0;
  let invalidMessages = 0;
  let botsLagP99Ms = 0;
  const errorsByCode: Record<string, number> = {};
  let covered = 0;
  for (const process of processes) {
    let processSeconds = 0;
    for (const line of process.intervals) {
      if (line.atMs <= fromMs || line.atMs > toMs) continue;
      ack.merge(line.ack);
      broadcast.merge(line.broadcast);
      actions += line.actions;
      hands += line.hands;
      invalidMessages += line.invalidMessages;
      botsLagP99Ms = Math.max(botsLagP99Ms, line.eventLoopLagP99Ms ?? 0);
      processSeconds += line.seconds;
      for (const [code, count] of Object.entries(line.errors))
        errorsByCode[code] = (errorsByCode[code] ?? 0) + count;
    }
    covered = Math.max(covered, processSeconds);
  }
  const seconds = covered > 0 ? covered : (toMs - fromMs) / 1000;
  return {
    seconds,
    actions,
    hands,
    actionsPerS: actions / seconds,
    // Every bot of a table sees the same hand: the processes count each hand once per table.
    handsPerS: hands / seconds,
    ack: ack.summary(),
    broadcast: broadcast.summary(),
    errors: Object.values(errorsByCode).reduce((sum, count) => sum + count, 0),
    errorsByCode,
    invalidMessages,
    botsLagP99Ms,
  };
}
