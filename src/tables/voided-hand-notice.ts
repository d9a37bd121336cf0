import type { TableNotice } from '../protocol/notices.js';

/**
 * The notice that a hand was void because the server running the table stopped mid-hand, for a
 * table restored (or taken over) after that. Its players and watchers lost their connection with
 * the server, so each is told when they come back within `windowMs`, once: they must never see the
 * same hand number dealt again without being told why.
 */
export class VoidedHandNotice {
  private readonly told = new Set<string>();
  readonly notice: TableNotice;

  constructor(
    tableId: string,
    readonly handNumber: number,
    private readonly untilMs: number,
  ) {
    this.notice = {
      tableId,
      kind: 'hand-voided',
      message:
        `hand ${handNumber} was void: the server running this table stopped during it; ` +
        'every stack is as it was when it began, and its deck proof is in your hand history',
    };
  }

  /** Whether `userId`, connecting at `nowMs`, is still to be told (and counts them as told). */
  due(userId: string, nowMs: number): boolean {
    if (nowMs >= this.untilMs || this.told.has(userId)) return false;
    this.told.add(userId);
    return true;
  }

  expired(nowMs: number): boolean {
    return nowMs >= this.untilMs;
  }
}
