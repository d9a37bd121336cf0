import type { BaseLogger } from 'pino';

export type GatewayLogger = Pick<BaseLogger, 'info' | 'warn' | 'error'>;

/**
 * The log of one socket: at most one line per interval. Lines in between are only counted, and
 * the count (`suppressed`) goes with the next line written, so a flooding client costs the log a
 * bounded number of lines and the operator still sees how much it sent.
 */
export class SocketLog {
  private lastLineAtMs = Number.NEGATIVE_INFINITY;
  private suppressed = 0;

  constructor(
    private readonly logger: GatewayLogger,
    private readonly fields: { readonly socketId: string; readonly userId: string | null },
    private readonly intervalMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  write(level: 'info' | 'warn' | 'error', details: Record<string, unknown>, message: string): void {
    const nowMs = this.now();
    if (nowMs - this.lastLineAtMs < this.intervalMs) {
      this.suppressed += 1;
      return;
    }
    this.lastLineAtMs = nowMs;
    this.emit(level, details, message);
  }

  /** The socket is gone: lines still only counted are reported once the interval allows a line. */
  close(): void {
    if (this.suppressed === 0) return;
    const delayMs = Math.max(0, this.lastLineAtMs + this.intervalMs - this.now());
    const timer = setTimeout(
      () => this.emit('info', {}, 'socket closed; its last lines were counted, not written'),
      delayMs,
    );
    timer.unref();
  }

  private emit(level: 'info' | 'warn' | 'error', details: Record<string, unknown>, message: string): void {
    const suppressed = this.suppressed;
    this.suppressed = 0;
    this.logger[level]({ ...this.fields, ...details, ...(suppressed > 0 && { suppressed }) }, message);
  }
}
