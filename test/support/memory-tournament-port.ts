import type { ErrorCode } from '../../src/errors/error-codes.js';
import type { Result } from '../../src/errors/result.js';
import type {
  HandOpening,
  HandVoid,
  TournamentHandRecord,
  TournamentHandReport,
  TournamentTableIdle,
  TournamentTablePort,
} from '../../src/tables/table-ports.js';

/**
 * An in-memory tournament port for unit tests of a tournament table: it keeps the hand records
 * (dealt, recorded, void) and what the director was told, and checks what a real store would: the
 * owner's epoch, that a recorded hand was dealt first, and that its chips add up.
 */
export class MemoryTournamentPort implements TournamentTablePort {
  readonly openings: HandOpening[] = [];
  readonly records: TournamentHandRecord[] = [];
  readonly voids: HandVoid[] = [];
  readonly reports: TournamentHandReport[] = [];
  readonly idles: TournamentTableIdle[] = [];
  epoch = 1n;
  failRecords = false;

  async openHand(opening: HandOpening): Promise<Result<void>> {
    if (opening.ownerEpoch !== this.epoch) return fail('ledger/stale-epoch', 'epoch');
    this.openings.push(opening);
    return { ok: true, value: undefined };
  }

  async recordTournamentHand(record: TournamentHandRecord): Promise<Result<void>> {
    if (this.failRecords) return fail('ledger/unavailable', 'database down');
    if (record.ownerEpoch !== this.epoch) return fail('ledger/stale-epoch', 'epoch');
    if (!this.openings.some((opening) => opening.handNumber === record.handNumber))
      return fail('ledger/unavailable', `hand ${record.handNumber} was never dealt`);
    const sum = (stacks: Readonly<Record<string, number>>) =>
      Object.values(stacks).reduce((total, stack) => total + stack, 0);
    if (sum(record.stacksAtStart) !== sum(record.stacksAfter))
      return fail('ledger/settlement-mismatch', 'chips not conserved');
    this.records.push(record);
    return { ok: true, value: undefined };
  }

  async voidHand(record: HandVoid): Promise<Result<void>> {
    this.voids.push(record);
    return { ok: true, value: undefined };
  }

  handEnded(report: TournamentHandReport): void {
    this.reports.push(report);
  }

  tableIdle(idle: TournamentTableIdle): void {
    this.idles.push(idle);
  }
}

function fail(code: ErrorCode, message: string): Result<never> {
  return { ok: false, error: { code, message } };
}
