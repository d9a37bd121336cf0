import { SingleBar } from 'cli-progress';
import type { RunStats } from './run-stats.js';

/**
 * A one-line live progress bar on stderr (cli-progress): hands played of the target, actions per
 * second, errors, reconnects. Off when stderr is not a terminal (CI logs, pipes), unless forced;
 * stdout is never touched, so `--json` output stays clean.
 */

export interface ProgressFigures {
  readonly phase: string;
  readonly handsPlayed: number;
  readonly handsTarget: number;
  readonly actions: number;
  readonly errors: number;
  readonly invalidMessages: number;
  readonly reconnects: number;
  readonly botsPlaying: number;
  readonly elapsedMs: number;
}

/** The bar's line: cli-progress fills in {bar}, {value}, {total} and the payload below. */
export const PROGRESS_FORMAT =
  '[{bar}] {phase} hands {value}/{total} | {rate} act/s | errors {errors} | invalid {invalid} | reconnects {reconnects} | bots {bots} | {seconds}s';

/** The figures as the bar's payload; pure, so it can be tested without a terminal. */
export function progressPayload(figures: ProgressFigures, actionsPerSecond: number) {
  return {
    phase: figures.phase,
    rate: actionsPerSecond.toFixed(1),
    errors: figures.errors,
    invalid: figures.invalidMessages,
    reconnects: figures.reconnects,
    bots: figures.botsPlaying,
    seconds: Math.floor(figures.elapsedMs / 1000),
  };
}

export class ProgressBar {
  private timer: NodeJS.Timeout | null = null;
  private bar: SingleBar | null = null;
  private lastActions = 0;
  private lastAtMs = 0;
  private rate = 0;

  constructor(
    private readonly read: () => ProgressFigures,
    private readonly stream: NodeJS.WritableStream = process.stderr,
    private readonly enabled: boolean = process.stderr.isTTY === true,
    private readonly intervalMs = 250,
  ) {}

  start(): void {
    if (!this.enabled || this.timer) return;
    this.lastAtMs = performance.now();
    const figures = this.read();
    this.bar = new SingleBar({
      format: PROGRESS_FORMAT,
      stream: this.stream,
      barsize: 24,
      barCompleteChar: '#',
      barIncompleteChar: '-',
      hideCursor: false,
      // Forced on a stream that is not a terminal (--progress): a line per update, not redraws.
      noTTYOutput: true,
      notTTYSchedule: 5_000,
      fps: 4,
    });
    this.bar.start(figures.handsTarget, figures.handsPlayed, progressPayload(figures, 0));
    this.timer = setInterval(() => this.draw(), this.intervalMs);
    this.timer.unref();
  }

  private draw(): void {
    const figures = this.read();
    const now = performance.now();
    const seconds = (now - this.lastAtMs) / 1000;
    if (seconds >= 1) {
      // Smoothed over about a second, so the figure is readable rather than jumpy.
      this.rate = (figures.actions - this.lastActions) / seconds;
      this.lastActions = figures.actions;
      this.lastAtMs = now;
    }
    this.bar?.setTotal(figures.handsTarget);
    this.bar?.update(Math.min(figures.handsPlayed, figures.handsTarget), progressPayload(figures, this.rate));
  }

  stop(): void {
    if (!this.timer) return;
    clearInterval(this.timer);
    this.timer = null;
    this.draw();
    this.bar?.stop();
    this.bar = null;
  }
}

/** The hands a run counts, played of its target (a cash run's per table, a tournament's as they come). */
export interface HandsProgress {
  readonly handsPlayed: number;
  readonly handsTarget: number;
}

/** A run's figures for the bar: its stats, its hands, the time since it started. Pure. */
export function runFigures(stats: RunStats, hands: HandsProgress, elapsedMs: number): ProgressFigures {
  return {
    phase: stats.phase,
    handsPlayed: hands.handsPlayed,
    handsTarget: hands.handsTarget,
    actions: stats.actions,
    errors: stats.errors,
    invalidMessages: stats.invalidMessages,
    reconnects: stats.reconnects,
    botsPlaying: stats.botsPlaying,
    elapsedMs,
  };
}

/**
 * The bar of a bots run (cash tables or a tournament) on stderr: shown when stderr is a terminal,
 * or when `forced` (--progress).
 */
export function runProgressBar(
  stats: RunStats,
  hands: () => HandsProgress,
  startMs: number,
  forced: boolean,
): ProgressBar {
  return new ProgressBar(
    () => runFigures(stats, hands(), performance.now() - startMs),
    process.stderr,
    forced || process.stderr.isTTY === true,
  );
}
