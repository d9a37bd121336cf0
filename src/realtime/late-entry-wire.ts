import { type LedgerResult, ledgerError } from '../ledger/ledger-errors.js';
import type { TournamentRegistration } from '../ledger/tournament-transactions.js';
import { Money } from '../money/index.js';
import type { Ack } from '../protocol/ack.js';

/**
 * A late tournament entry's answer as it crosses the cluster bus (from the director's node to the
 * node that took the request): an ack whose amounts are decimal strings, and back.
 */

interface WireRegistration {
  readonly entryId: string;
  readonly entryNumber: number;
  readonly status: TournamentRegistration['status'];
  readonly buyIn: string;
  readonly fee: string;
  readonly walletBalance: string;
  readonly prizePool: string;
  readonly replayed: boolean;
}

export function lateEntryAck(result: LedgerResult<TournamentRegistration>): Ack<WireRegistration> {
  if (!result.ok) return { ok: false, error: { code: result.error.code, message: result.error.message } };
  const value = result.value;
  return {
    ok: true,
    data: {
      entryId: value.entryId,
      entryNumber: value.entryNumber,
      status: value.status,
      buyIn: value.buyIn.toFixed(),
      fee: value.fee.toFixed(),
      walletBalance: value.walletBalance.toFixed(),
      prizePool: value.prizePool.toFixed(),
      replayed: result.replayed,
    },
  };
}

/** The director's answer, or 'ledger/busy' when none came (the same requestId may be retried). */
export function lateEntryResult(ack: Ack<unknown> | null): LedgerResult<TournamentRegistration> {
  if (ack === null) return ledgerError('ledger/busy', 'the tournament director did not answer; try again');
  if (!ack.ok) return ledgerError(ack.error.code as Parameters<typeof ledgerError>[0], ack.error.message);
  const data = ack.data as WireRegistration;
  return {
    ok: true,
    replayed: data.replayed,
    value: {
      entryId: data.entryId,
      entryNumber: data.entryNumber,
      status: data.status,
      buyIn: new Money(data.buyIn),
      fee: new Money(data.fee),
      walletBalance: new Money(data.walletBalance),
      prizePool: new Money(data.prizePool),
    },
  };
}
