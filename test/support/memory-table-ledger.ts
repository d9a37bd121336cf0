import type { ErrorCode } from '../../src/errors/error-codes.js';
import type { Result } from '../../src/errors/result.js';
import { type Money, ZERO } from '../../src/money/index.js';
import type { HandOpening, HandSettlement, HandVoid, TableLedger } from '../../src/tables/table-ports.js';

interface SeatRecord {
  userId: string;
  stack: Money;
  leaving?: boolean;
}

/**
 * An in-memory ledger with the same contract as the real one, for unit tests of the actor: wallets,
 * one escrow, seat stacks, and the checks the real ledger makes (funds, seat free, epoch, escrow =
 * sum of stacks). Integration tests use the real ledger on PostgreSQL.
 */
export class MemoryTableLedger implements TableLedger {
  readonly wallets = new Map<string, Money>();
  readonly seats = new Map<number, SeatRecord>();
  readonly openings: HandOpening[] = [];
  readonly settlements: HandSettlement[] = [];
  readonly voids: HandVoid[] = [];
  escrow: Money = ZERO;
  house: Money = ZERO;
  epoch = 1n;
  /** Milliseconds each buy-in waits before answering (to test reservation expiry). */
  buyInDelay: Promise<void> | null = null;
  /** While set, every top-up waits for it before answering (to test what the table does meanwhile). */
  topUpDelay: Promise<void> | null = null;
  failSettlements = false;
  /** While set, recording a deal fails (the table must not deal that hand). */
  failOpenings = false;

  deposit(userId: string, amount: Money): void {
    this.wallets.set(userId, (this.wallets.get(userId) ?? ZERO).plus(amount));
  }

  wallet(userId: string): Money {
    return this.wallets.get(userId) ?? ZERO;
  }

  /** Wallets + escrow + house: constant unless money enters from outside. */
  total(): Money {
    let total = this.escrow.plus(this.house);
    for (const amount of this.wallets.values()) total = total.plus(amount);
    return total;
  }

  stacksTotal(): Money {
    let total = ZERO;
    for (const seat of this.seats.values()) total = total.plus(seat.stack);
    return total;
  }

  async buyIn(request: { seat: number; userId: string; amount: Money }): Promise<Result<{ stack: Money }>> {
    if (this.buyInDelay) await this.buyInDelay;
    if (this.seats.has(request.seat)) return fail('ledger/seat-taken', 'seat taken');
    if (this.wallet(request.userId).lessThan(request.amount))
      return fail('ledger/insufficient-funds', 'no funds');
    this.wallets.set(request.userId, this.wallet(request.userId).minus(request.amount));
    this.escrow = this.escrow.plus(request.amount);
    this.seats.set(request.seat, { userId: request.userId, stack: request.amount });
    return { ok: true, value: { stack: request.amount } };
  }

  async topUp(request: { seat: number; userId: string; amount: Money }): Promise<Result<{ stack: Money }>> {
    if (this.topUpDelay) await this.topUpDelay;
    const seat = this.seats.get(request.seat);
    if (!seat || seat.userId !== request.userId) return fail('ledger/not-seated', 'not seated');
    if (this.wallet(request.userId).lessThan(request.amount))
      return fail('ledger/insufficient-funds', 'no funds');
    this.wallets.set(request.userId, this.wallet(request.userId).minus(request.amount));
    this.escrow = this.escrow.plus(request.amount);
    seat.stack = seat.stack.plus(request.amount);
    return { ok: true, value: { stack: seat.stack } };
  }

  async cashOut(request: { seat: number; userId: string }): Promise<Result<{ amount: Money }>> {
    const seat = this.seats.get(request.seat);
    if (!seat || seat.userId !== request.userId) return fail('ledger/not-seated', 'not seated');
    this.seats.delete(request.seat);
    this.escrow = this.escrow.minus(seat.stack);
    this.deposit(request.userId, seat.stack);
    return { ok: true, value: { amount: seat.stack } };
  }

  async settleHand(settlement: HandSettlement): Promise<Result<void>> {
    if (this.failSettlements) return fail('ledger/unavailable', 'database down');
    if (settlement.ownerEpoch !== this.epoch) return fail('ledger/stale-epoch', 'epoch');
    let before = ZERO;
    let after = settlement.rake;
    for (const entry of settlement.stacks) {
      const seat = this.seats.get(entry.seat);
      if (!seat) return fail('ledger/not-seated', `seat ${entry.seat} is empty`);
      before = before.plus(seat.stack);
      after = after.plus(entry.stack);
    }
    if (!before.equals(after)) return fail('ledger/settlement-mismatch', 'chips not conserved');
    for (const entry of settlement.stacks) this.seats.get(entry.seat)!.stack = entry.stack;
    this.escrow = this.escrow.minus(settlement.rake);
    this.house = this.house.plus(settlement.rake);
    this.settlements.push(settlement);
    return { ok: true, value: undefined };
  }

  async openHand(opening: HandOpening): Promise<Result<void>> {
    if (this.failOpenings) return fail('ledger/unavailable', 'database down');
    if (opening.ownerEpoch !== this.epoch) return fail('ledger/stale-epoch', 'epoch');
    this.openings.push(opening);
    return { ok: true, value: undefined };
  }

  async voidHand(record: HandVoid): Promise<Result<void>> {
    this.voids.push(record);
    return { ok: true, value: undefined };
  }

  async markLeaving(request: { seat: number; userId: string; leaving: boolean }): Promise<Result<void>> {
    const seat = this.seats.get(request.seat);
    if (!seat || seat.userId !== request.userId) return fail('ledger/not-seated', 'not seated');
    seat.leaving = request.leaving;
    return { ok: true, value: undefined };
  }
}

function fail(code: ErrorCode, message: string): Result<never> {
  return { ok: false, error: { code, message } };
}
