import type { TableLedger } from '../tables/table-ports.js';

const LEASE_IN_DOUBT = {
  ok: false,
  error: { code: 'ledger/stale-epoch', message: 'this node cannot prove it still owns the table' },
} as const;

/**
 * The table's ledger, refused by this node itself once it cannot prove its lease: no buy-in,
 * top-up, cash-out, settlement or new deal starts then. It is the first fence; the database's
 * owner-epoch check is the second, and holds even when this one is late (a process paused past its
 * lease). Recording a void hand or a wish to leave moves no money and stays allowed.
 */
export function fencedTableLedger(ledger: TableLedger, mayMoveMoney: () => boolean): TableLedger {
  return {
    buyIn: async (request) => (mayMoveMoney() ? ledger.buyIn(request) : LEASE_IN_DOUBT),
    topUp: async (request) => (mayMoveMoney() ? ledger.topUp(request) : LEASE_IN_DOUBT),
    cashOut: async (request) => (mayMoveMoney() ? ledger.cashOut(request) : LEASE_IN_DOUBT),
    settleHand: async (settlement) => (mayMoveMoney() ? ledger.settleHand(settlement) : LEASE_IN_DOUBT),
    openHand: async (opening) => (mayMoveMoney() ? ledger.openHand(opening) : LEASE_IN_DOUBT),
    voidHand: (record) => ledger.voidHand(record),
    markLeaving: (request) => ledger.markLeaving(request),
  };
}
