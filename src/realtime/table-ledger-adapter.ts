import type { Ledger } from '../ledger/transactions.js';
import type { LedgerOutcome, TableLedger } from '../tables/table-ports.js';

type LedgerAnswer<T> = { ok: true; value: T } | { ok: false; error: { code: string; message: string } };

function outcome<T, U>(answer: LedgerAnswer<T>, map: (value: T) => U): LedgerOutcome<U> {
  if (!answer.ok) return { ok: false, error: { code: answer.error.code, message: answer.error.message } };
  return { ok: true, value: map(answer.value) };
}

/**
 * The table actor's view of the ledger, bound to the owner epoch this process holds for the
 * table: every call is fenced by it, so a node that lost the table cannot move its money.
 */
export function tableLedgerOf(ledger: Ledger, ownerEpoch: bigint): TableLedger {
  return {
    buyIn: async (request) =>
      outcome(await ledger.buyIn({ ...request, ownerEpoch }), (value) => ({ stack: value.stack })),
    topUp: async (request) =>
      outcome(await ledger.topUp({ ...request, ownerEpoch }), (value) => ({ stack: value.stack })),
    cashOut: async (request) =>
      outcome(await ledger.cashOut({ ...request, ownerEpoch }), (value) => ({ amount: value.amount })),
    settleHand: async (settlement) => outcome(await ledger.settleHand(settlement), () => undefined),
    voidHand: async (record) => outcome(await ledger.voidHand(record), () => undefined),
  };
}
