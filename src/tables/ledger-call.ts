import type { LedgerOutcome } from './table-ports.js';

/** Runs a ledger call so that a thrown error (a lost connection, a bug) becomes an outcome value. */
export async function callLedger<T>(call: () => Promise<LedgerOutcome<T>>): Promise<LedgerOutcome<T>> {
  try {
    return await call();
  } catch (error) {
    return { ok: false, error: { code: 'ledger/unavailable', message: String(error) } };
  }
}
