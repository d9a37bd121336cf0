import type { Result } from '../errors/result.js';
import { formatAmount, type Money } from '../money/index.js';
import { ackOk } from '../protocol/ack.js';
import { callLedger } from './ledger-call.js';
import type { TableCore } from './table-core.js';
import { ledgerFailure, type TableResult, tableError } from './table-errors.js';
import { haltIfNotOwner, stackUnitsOrHalt } from './table-halt.js';
import type { SeatState } from './table-state.js';

/** The money movements of a seat outside hands: cash-out and top-up. Both wait for the ledger. */

export async function cashOutSeat(core: TableCore, seat: SeatState): Promise<TableResult<null>> {
  const { logger } = core.deps;
  const ledger = core.ledger;
  const outcome = await callLedger(() =>
    ledger.cashOut({
      tableId: core.tableId,
      seat: seat.seat,
      userId: seat.userId,
      handNumber: core.handNumber,
    }),
  );
  await haltIfNotOwner(core, outcome);
  if (!outcome.ok) {
    // The seat keeps its chips and stays marked as leaving; asking to leave again retries.
    logger.error({ seat: seat.seat, error: outcome.error }, 'cash-out failed');
    seat.leaving = true;
    core.dirty = true;
    return ledgerFailure(outcome.error);
  }
  core.seats.delete(seat.seat);
  core.cancelTimer(`grace:${seat.userId}`);
  core.dirty = true;
  core.deps.observer.moneyMoved('cash-out', outcome.value.amount);
  logger.info(
    { seat: seat.seat, userId: seat.userId, amount: formatAmount(outcome.value.amount) },
    'cash-out: seat left',
  );
  core.notify(seat.userId, {
    kind: 'cashed-out',
    message: `cashed out ${formatAmount(outcome.value.amount)}`,
  });
  return ackOk(null);
}

/** A top-up through the ledger, then applied to the seat: for the chores at the end of a hand. */
export async function topUpSeat(core: TableCore, seat: SeatState, units: number): Promise<TableResult<null>> {
  return applyTopUp(core, seat, await requestTopUp(core, seat, units));
}

/** The ledger part of a top-up only: it changes nothing at the table, so it may run outside the mailbox. */
export function requestTopUp(
  core: TableCore,
  seat: SeatState,
  units: number,
): Promise<Result<{ stack: Money }>> {
  const { config } = core.deps;
  const ledger = core.ledger;
  return callLedger(() =>
    ledger.topUp({
      tableId: core.tableId,
      seat: seat.seat,
      userId: seat.userId,
      amount: config.chipUnit.times(units),
      requestId: crypto.randomUUID(),
    }),
  );
}

/** Takes the ledger's answer to a top-up into the seat (inside the mailbox). */
export async function applyTopUp(
  core: TableCore,
  seat: SeatState,
  outcome: Result<{ stack: Money }>,
): Promise<TableResult<null>> {
  const { logger } = core.deps;
  await haltIfNotOwner(core, outcome);
  if (!outcome.ok) {
    // A wallet short of the amount is the player's own doing, answered to them (and logged, at
    // most once a second per socket, by the gateway): a line each would let one client flood the log.
    if (outcome.error.code !== 'ledger/insufficient-funds')
      logger.warn({ seat: seat.seat, error: outcome.error }, 'top-up refused');
    return ledgerFailure(outcome.error);
  }
  const stack = await stackUnitsOrHalt(core, outcome.value.stack, seat.seat);
  if (stack === null)
    return tableError('table/halted', 'this table stopped after a fault; your chips are safe');
  const added = outcome.value.stack.minus(core.deps.config.chipUnit.times(seat.stack));
  seat.stack = stack;
  core.dirty = true;
  core.deps.observer.moneyMoved('top-up', added);
  logger.info({ seat: seat.seat, userId: seat.userId, amount: formatAmount(added) }, 'top-up');
  return ackOk(null);
}
