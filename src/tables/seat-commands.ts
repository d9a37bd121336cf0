import type { Result } from '../errors/result.js';
import { formatAmount, type Money, toUnits } from '../money/index.js';
import { ackOk } from '../protocol/ack.js';
import type { DeferrableResult } from '../protocol/events.js';
import { commitTransition, passiveAction } from './hand-loop.js';
import { callLedger } from './ledger-call.js';
import { applyTopUp, cashOutSeat, requestTopUp } from './seat-money.js';
import { clockOf } from './table-config.js';
import type { TableCore } from './table-core.js';
import { ledgerFailure, type TableResult, tableError } from './table-errors.js';
import { haltIfNotOwner, stackUnitsOrHalt } from './table-halt.js';
import { newSeat, type SeatState } from './table-state.js';

/** Commands about seats: sit (with its reservation), leave, sit out and in, top up, connection. */

export interface SitRequest {
  readonly userId: string;
  readonly username: string;
  readonly seat: number;
  readonly buyIn: Money;
}

function amountInUnits(core: TableCore, amount: Money): TableResult<number> {
  const units = toUnits(amount, core.deps.config.chipUnit);
  if (!units.ok) return tableError('table/invalid-amount', units.error.message);
  return ackOk(units.value);
}

function seatedOrError(core: TableCore, userId: string): TableResult<SeatState> {
  const seat = core.seatOf(userId);
  if (!seat || seat.reservation) return tableError('table/not-seated', 'you have no seat at this table');
  return ackOk(seat);
}

/**
 * Reserves the seat and starts the buy-in. The ledger call runs outside the mailbox, so the table
 * keeps playing meanwhile; its outcome comes back as an internal command. The returned promise
 * settles when the buy-in does.
 */
export function reserveSeat(core: TableCore, request: SitRequest): TableResult<Promise<TableResult<null>>> {
  const { config, settings } = core.deps;
  const ledger = core.ledger;
  if (core.halted) return tableError('table/halted', 'this table is stopped');
  if (core.closing) return tableError('table/closing', 'this table is closing');
  if (!Number.isInteger(request.seat) || request.seat < 1 || request.seat > config.maxSeats) {
    return tableError('table/invalid-seat', `seats are numbered 1 to ${config.maxSeats}`);
  }
  if (core.seatOf(request.userId)) return tableError('table/already-seated', 'you already have a seat here');
  if (core.seats.has(request.seat)) return tableError('table/seat-taken', 'this seat is taken');
  const units = amountInUnits(core, request.buyIn);
  if (!units.ok) return units;
  if (units.data < config.minBuyIn || units.data > config.maxBuyIn) {
    return tableError('table/buy-in-out-of-range', 'the buy-in must be between the minimum and the maximum');
  }
  const reservation = { id: crypto.randomUUID(), untilMs: core.now() + settings.reservationMs };
  const seat = newSeat(
    request.seat,
    request.userId,
    request.username,
    reservation,
    clockOf(config, settings).timeBankInitialMs,
  );
  core.seats.set(request.seat, seat);
  core.dirty = true;

  let settle: (result: TableResult<null>) => void = () => {};
  const completion = new Promise<TableResult<null>>((resolve) => {
    settle = resolve;
  });
  core.setTimer(`reservation:${reservation.id}`, reservation.untilMs, () => {
    if (core.seats.get(request.seat)?.reservation?.id !== reservation.id) return;
    core.seats.delete(request.seat);
    core.dirty = true;
    settle(tableError('table/reservation-expired', 'the buy-in took too long; the seat was released'));
  });
  const buyIn = callLedger(() =>
    ledger.buyIn({
      tableId: core.tableId,
      seat: request.seat,
      userId: request.userId,
      amount: request.buyIn,
      reservationId: reservation.id,
    }),
  );
  void core.trackMoney(buyIn).then((outcome) => {
    core.enqueueInternal('buy-in-completed', async () => {
      settle(await completeBuyIn(core, request, reservation.id, outcome));
    });
  });
  return ackOk(completion);
}

async function completeBuyIn(
  core: TableCore,
  request: SitRequest,
  reservationId: string,
  outcome: Result<{ stack: Money }>,
): Promise<TableResult<null>> {
  core.cancelTimer(`reservation:${reservationId}`);
  const seat = core.seats.get(request.seat);
  const stillReserved = seat?.reservation?.id === reservationId;
  await haltIfNotOwner(core, outcome);
  if (!outcome.ok) {
    if (stillReserved) {
      core.seats.delete(request.seat);
      core.dirty = true;
    }
    return ledgerFailure(outcome.error);
  }
  if (!stillReserved || !seat) {
    // The reservation ran out while the ledger worked: the chips go back to the wallet.
    const refund = await callLedger(() =>
      core.ledger.cashOut({
        tableId: core.tableId,
        seat: request.seat,
        userId: request.userId,
        handNumber: core.handNumber,
      }),
    );
    if (!refund.ok) {
      core.deps.logger.error({ request, error: refund.error }, 'refund of a late buy-in failed');
    }
    return tableError('table/reservation-expired', 'the buy-in took too long; the seat was released');
  }
  seat.reservation = null;
  const stack = await stackUnitsOrHalt(core, outcome.value.stack, seat.seat);
  if (stack === null)
    return tableError('table/halted', 'this table stopped after a fault; your chips are safe');
  seat.stack = stack;
  core.deps.observer.moneyMoved('buy-in', outcome.value.stack);
  core.deps.logger.info(
    { seat: seat.seat, userId: seat.userId, amount: formatAmount(outcome.value.stack) },
    'buy-in: seat taken',
  );
  // Alone at the table, nobody waits for a big blind; otherwise the seating rule decides.
  seat.waitingForBigBlind = true;
  core.dirty = true;
  return ackOk(null);
}

/** Leave: at once between hands, or at the end of the hand the player was dealt into. */
export async function leaveSeat(core: TableCore, userId: string): Promise<TableResult<DeferrableResult>> {
  const found = seatedOrError(core, userId);
  if (!found.ok) return found;
  const seat = found.data;
  if (core.inLiveHand(seat)) {
    if (seat.leaving) return tableError('table/already-leaving', 'you leave at the end of this hand');
    seat.leaving = true;
    core.dirty = true;
    await rememberLeaving(core, seat);
    await playIfTheirTurn(core, seat);
    return ackOk({ when: 'after-hand' });
  }
  if (seat.topUpInFlight) {
    // Cashing out now would race the top-up in the ledger: leave as soon as it is back.
    if (seat.leaving) return tableError('table/already-leaving', 'you leave once your top-up is back');
    seat.leaving = true;
    core.dirty = true;
    return ackOk({ when: 'after-hand' });
  }
  const cashed = await cashOutSeat(core, seat);
  if (!cashed.ok) return cashed;
  return ackOk({ when: 'now' });
}

/**
 * A leave deferred to the end of the hand is recorded with the seat, so that a table restored after
 * a crash (the hand then void) still cashes the player out. If it cannot be recorded, the leave
 * still happens at the end of the hand; only a crash before then would forget it.
 */
async function rememberLeaving(core: TableCore, seat: SeatState): Promise<void> {
  const marked = await callLedger(() =>
    core.ledger.markLeaving({
      tableId: core.tableId,
      seat: seat.seat,
      userId: seat.userId,
      leaving: true,
    }),
  );
  if (!marked.ok) core.deps.logger.warn({ seat: seat.seat, error: marked.error }, 'leave not recorded');
}

/** A leaving player whose turn it is checks or folds now rather than running down the clock. */
async function playIfTheirTurn(core: TableCore, seat: SeatState): Promise<void> {
  const hand = core.liveHand();
  const clock = hand?.clock;
  if (!hand || !clock || clock.seat !== seat.seat) return;
  const applied = core.deps.engine.applyAction(hand.state, passiveAction(core, hand, clock.position));
  if (applied.ok) await commitTransition(core, hand, applied.value);
}

export async function sitOut(core: TableCore, userId: string): Promise<TableResult<null>> {
  const found = seatedOrError(core, userId);
  if (!found.ok) return found;
  if (found.data.sittingOut) return tableError('table/already-sitting-out', 'you are already sitting out');
  found.data.sittingOut = true;
  core.dirty = true;
  // At a tournament table a player sitting out is absent: their turn now is played at once.
  if (core.tournament) await playIfTheirTurn(core, found.data);
  return ackOk(null);
}

export function sitIn(core: TableCore, userId: string): TableResult<null> {
  const found = seatedOrError(core, userId);
  if (!found.ok) return found;
  const seat = found.data;
  if (!seat.sittingOut && seat.missedTurns === 0)
    return tableError('table/not-sitting-out', 'you are not sitting out');
  // Out of chips, sitting in would deal nothing: the player rebuys (table:top-up) first.
  if (seat.stack + seat.pendingTopUp === 0 && !seat.topUpInFlight)
    return tableError('table/no-chips', 'you have no chips at this table: rebuy first');
  seat.sittingOut = false;
  seat.missedTurns = 0;
  // A tournament deals everyone in: nobody waits for the big blind there.
  seat.waitingForBigBlind = core.tournament === null;
  seat.postsBigBlindNow = false;
  core.dirty = true;
  return ackOk(null);
}

/**
 * A player waiting for the big blind chooses to post one now instead: they are dealt into the next
 * hand with a live big blind from their seat (hand-seating.ts). Asking twice changes nothing.
 */
export function postBigBlind(core: TableCore, userId: string): TableResult<null> {
  const found = seatedOrError(core, userId);
  if (!found.ok) return found;
  const seat = found.data;
  if (seat.leaving) return tableError('table/already-leaving', 'you are leaving this table');
  if (seat.sittingOut || !seat.waitingForBigBlind || !core.gameInProgress()) {
    return tableError(
      'table/not-waiting-for-big-blind',
      seat.sittingOut ? 'you are sitting out: sit in first' : 'you are dealt in without posting',
    );
  }
  seat.postsBigBlindNow = true;
  core.dirty = true;
  return ackOk(null);
}

/** A started top-up: applied after the hand the player is in, or moving through the ledger now. */
export type TopUpStarted =
  | { readonly when: 'after-hand' }
  | { readonly when: 'now'; readonly completion: Promise<TableResult<null>> };

/**
 * A top-up: during a hand the player is in, after it; otherwise at once. "At once" runs the ledger
 * call outside the mailbox, as a buy-in does, so the other players keep acting while the money
 * moves; the seat sits out of new hands until it is back. The completion settles when it is.
 */
export function topUp(core: TableCore, userId: string, amount: Money): TableResult<TopUpStarted> {
  if (core.halted) return tableError('table/halted', 'this table is stopped');
  const found = seatedOrError(core, userId);
  if (!found.ok) return found;
  const seat = found.data;
  if (seat.leaving) return tableError('table/already-leaving', 'you are leaving this table');
  // One at a time: two ledger answers applied out of order would leave the older stack.
  if (seat.topUpInFlight)
    return tableError('table/top-up-in-progress', 'your last top-up is still being processed');
  const units = amountInUnits(core, amount);
  if (!units.ok) return units;
  const { maxBuyIn, minBuyIn } = core.deps.config;
  if (seat.stack + seat.pendingTopUp + units.data > maxBuyIn) {
    return tableError(
      'table/top-up-out-of-range',
      'a top-up may not take the stack above the maximum buy-in',
    );
  }
  // From no chips, a top-up is a rebuy: at least the minimum buy-in, as sitting down is.
  if (seat.stack + seat.pendingTopUp === 0 && units.data < minBuyIn) {
    return tableError('table/top-up-out-of-range', 'a rebuy must be at least the minimum buy-in');
  }
  if (core.inLiveHand(seat)) {
    seat.pendingTopUp += units.data;
    return ackOk({ when: 'after-hand' });
  }
  seat.topUpInFlight = true;
  core.dirty = true;
  const completion = core.trackMoney(requestTopUp(core, seat, units.data)).then(
    (outcome) =>
      new Promise<TableResult<null>>((resolve) => {
        core.enqueueInternal('top-up-completed', async () => {
          resolve(await completeTopUp(core, seat, outcome));
        });
      }),
  );
  return ackOk({ when: 'now', completion });
}

async function completeTopUp(
  core: TableCore,
  seat: SeatState,
  outcome: Result<{ stack: Money }>,
): Promise<TableResult<null>> {
  seat.topUpInFlight = false;
  core.dirty = true;
  const applied = await applyTopUp(core, seat, outcome);
  // A leave asked for while the money moved waited for it (see leaveSeat).
  if (seat.leaving && core.seats.get(seat.seat) === seat && !core.inLiveHand(seat)) {
    await cashOutSeat(core, seat);
  }
  return applied;
}

/**
 * The gateway reports when a seated user's last connection to this table drops or comes back.
 * A dropped player plays on (the clock keeps running) for the grace period; then they are sat out
 * and keep the seat and chips for awaySeatKeepMs, after which they leave with the chips. Coming
 * back stops all that, and a player who was sat out meanwhile is told so.
 */
export function setConnected(core: TableCore, userId: string, connected: boolean): void {
  const seat = core.seatOf(userId);
  if (!seat || seat.connected === connected) return;
  seat.connected = connected;
  core.dirty = true;
  if (!connected) {
    startGracePeriod(core, seat);
    return;
  }
  core.cancelTimer(`grace:${userId}`);
  core.cancelTimer(`away:${userId}`);
  if (core.tournament) {
    // Back at a tournament table is present again, whatever made them absent.
    seat.sittingOut = false;
    seat.missedTurns = 0;
    return;
  }
  if (seat.awayUntilMs === null) return;
  seat.awayUntilMs = null;
  const graceSeconds = Math.round(core.deps.settings.disconnectGraceMs / 1000);
  core.notify(userId, {
    kind: 'sat-out-away',
    message: `you were disconnected for more than ${graceSeconds} s, so you were sat out and not dealt in; your seat and chips are kept: sit in to play again, or leave`,
  });
}

export function startGracePeriod(core: TableCore, seat: SeatState): void {
  const userId = seat.userId;
  core.setTimer(`grace:${userId}`, core.now() + core.deps.settings.disconnectGraceMs, async () => {
    const current = core.seatOf(userId);
    if (!current || current.connected || current.reservation) return;
    await sitOutAway(core, current);
  });
}

/**
 * The grace ran out: sat out, turns played for them, and the seat kept for awaySeatKeepMs. At a
 * tournament table the seat is never released: the player stays, absent, blinded off if need be.
 */
async function sitOutAway(core: TableCore, seat: SeatState): Promise<void> {
  const userId = seat.userId;
  seat.sittingOut = true;
  if (core.tournament) {
    core.dirty = true;
    await playIfTheirTurn(core, seat);
    return;
  }
  seat.awayUntilMs = core.now() + core.deps.settings.awaySeatKeepMs;
  core.dirty = true;
  core.deps.logger.info({ seat: seat.seat }, 'disconnect grace expired; sat out');
  core.setTimer(`away:${userId}`, seat.awayUntilMs, async () => {
    const current = core.seatOf(userId);
    if (!current || current.connected || current.reservation) return;
    core.deps.logger.info({ seat: current.seat }, 'away too long; leaving');
    core.notify(userId, { kind: 'seat-released', message: 'you were away too long and left the table' });
    if (!current.leaving || !core.inLiveHand(current)) await leaveSeat(core, userId);
  });
  await playIfTheirTurn(core, seat);
}
