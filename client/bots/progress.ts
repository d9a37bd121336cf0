/**
 * A one-line live progress bar on stderr: hands played, actions per second, errors, reconnects.
 * Off when stderr is not a terminal (CI logs, pipes), unless forced; stdout is never touched, so
 * `--json` output stays clean.
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

const BAR_WIDTH = 24;

/** Renders one line; pure, so it can be tested without a terminal. */
export function renderProgressLine(figures: ProgressFigures, actionsPerSecond: number): string {
  const fraction = figures.handsTarget > 0 ? Math.min(1, figures.handsPlayed / figures.handsTarget) : 0;
  const filled = Math.round(fraction * BAR_WIDTH);
  const bar = `${'#'.repeat(filled)}${'-'.repeat(BAR_WIDTH - filled)}`;
  const seconds = Math.floor(figures.elapsedMs / 1000);
  return (
    `[${bar}] ${figures.phase} hands ${figures.handsPlayed}/${figures.handsTarget}` +
    ` | ${actionsPerSecond.toFixed(1)} act/s | errors ${figures.errors}` +
    ` | invalid ${figures.invalidMessages} | reconnects ${figures.reconnects}` +
    ` | bots ${figures.botsPlaying} | ${seconds}s`
  );
}

export class ProgressBar {
  private timer: NodeJS.Timeout | null = null;
  private lastActions = 0;
  private lastAtMs = 0;
  private rate = 0;

  constructor(
    private readonly read: () => ProgressFigures,
    private readonly stream: NodeJS.WriteStream = process.stderr,
    private readonly enabled: boolean = process.stderr.isTTY === true,
    private readonly intervalMs = 250,
  ) {}

  start(): void {
    if (!this.enabled || this.timer) return;
    this.lastAtMs = performance.now();
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
    const line = renderProgressLine(figures, this.rate);
    const width = this.stream.columns ?? 120;
    this.stream.write(`\r${line.slice(0, Math.max(20, width - 1))}\x1b[K`);
  }

  stop(): void {
    if (!this.timer) return;
    clearInterval(this.timer);
    this.timer = null;
    this.draw();
    this.stream.write('\n');
  }
}
