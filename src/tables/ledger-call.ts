import type { Result } from '../errors/result.js';

/** Runs a ledger call so that a thrown error (a lost connection, a bug) becomes an outcome value. */
export async function callLedger<T>(call: () => Promise<Result<T>>): Promise<Result<T>> {
  try {
    return await call();
  } catch (error) {
    return { ok: false, error: { code: 'ledger/unavailable', message: String(error) } };
  }
}
