import { cardsToString } from '../engine/cards.js';
import type { Result } from '../errors/result.js';
import { joinSalts } from '../fairness/deck-commitment.js';
import { type Money, toUnits } from '../money/index.js';
import { callLedger } from './ledger-call.js';
import type { TableCore } from './table-core.js';

/**
 * Stops one table after a fault (an invariant broken, a settlement that failed, an unexpected
 * error, a lost ownership): no more hands, the hand in progress is void. Seats keep the stacks of
 * the start of that hand, which is what the database holds, and players can still leave with
 * them. Other tables are untouched: this runs inside this table's actor only.
 */
export async function haltTable(
  core: TableCore,
  reason: string,
  message = 'this table stopped after a fault; your chips are safe',
): Promise<void> {
  if (core.halted) return;
  core.halted = true;
  core.dirty = true;
  core.cancelTimer('clock');
  core.cancelTimer('next-hand');
  const { logger, observer } = core.deps;
  logger.error({ reason, handNumber: core.liveHand()?.number }, 'table halted');
  observer.tableHalted(core.tableId, reason);
  core.notify(null, { kind: 'table-halted', message });
  await voidLiveHand(core, `table halted: ${reason}`);
}

/**
 * Drops the hand in progress, if any, and records it as void. The stacks need no change (they are
 * the database's); the record keeps the deck for audit and moves the table's hand number on.
 */
export async function voidLiveHand(core: TableCore, reason: string): Promise<void> {
  const hand = core.liveHand();
  if (!hand) return;
  core.hand = null;
  core.dirty = true;
  core.cancelTimer('clock');
  const { logger, ownerEpoch } = core.deps;
  const records = core.handRecords;
  core.notify(null, { kind: 'hand-voided', message: `hand ${hand.number} is void; stacks are as before it` });
  const outcome = await callLedger(() =>
    records.voidHand({
      tableId: core.tableId,
      handNumber: hand.number,
      ownerEpoch,
      deckCommitment: hand.committed.commitment,
      deck: cardsToString(hand.committed.deck),
      salt: joinSalts(hand.committed.salts),
      reason: reason.slice(0, 500),
    }),
  );
  if (outcome.ok) {
    core.handNumber = hand.number;
    logger.info({ hand: hand.number, reason }, 'hand voided');
  } else logger.warn({ error: outcome.error }, 'could not record a void hand');
}

/**
 * A stack the ledger answered, in the table's chip units; or, when it is not a whole number of them
 * (the database and the table disagree: a bug), the table halts and this answers null. The seat's
 * chips stay safe in the database, which is what a cash-out pays.
 */
export async function stackUnitsOrHalt(core: TableCore, stack: Money, seat: number): Promise<number | null> {
  const units = toUnits(stack, core.deps.config.chipUnit);
  if (units.ok) return units.value;
  await haltTable(core, `the ledger answered seat ${seat} a stack of ${stack.toFixed()}, not in chip units`);
  return null;
}

/** A ledger answer saying another node owns the table now: this node must stop at once. */
export async function haltIfNotOwner(core: TableCore, outcome: Result<unknown>): Promise<void> {
  if (!outcome.ok && outcome.error.code === 'ledger/stale-epoch') {
    await haltTable(core, 'another node owns this table now');
  }
}
