import type { Result } from '../errors/result.js';
import type { TableLedger } from '../tables/table-ports.js';
import type { LedgerResult } from './ledger-errors.js';
import type { Ledger } from './transactions.js';

function answer<T, U>(result: LedgerResult<T>, map: (value: T) => U): Result<U> {
  return result.ok ? { ok: true, value: map(result.value) } : result;
}

/**
 * The table actor's money port (tables/table-ports.ts), implemented by the ledger and bound to the
 * owner epoch this process holds for the table: every call is fenced by it, so a node that lost
 * the table cannot move its money.
 */
export function tableLedgerOf(ledger: Ledger, ownerEpoch: bigint): TableLedger {
  return {
    buyIn: async (request) =>
      answer(await ledger.buyIn({ ...request, ownerEpoch }), ({ stack }) => ({ stack })),
    topUp: async (request) =>
      answer(await ledger.topUp({ ...request, ownerEpoch }), ({ stack }) => ({ stack })),
    cashOut: async (request) =>
      answer(await ledger.cashOut({ ...request, ownerEpoch }), ({ amount }) => ({ amount })),
    settleHand: async (settlement) => answer(await ledger.settleHand(settlement), () => undefined),
    openHand: async (opening) => answer(await ledger.openHand(opening), () => undefined),
    voidHand: async (record) => answer(await ledger.voidHand(record), () => undefined),
    markLeaving: async (request) =>
      answer(await ledger.markLeaving({ ...request, ownerEpoch }), () => undefined),
  };
}
