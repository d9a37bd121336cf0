import type { Database } from '../db/database.js';
import { readSnapshot, type SqlExecutor } from '../db/transaction-runner.js';
import { Money } from '../money/index.js';

/**
 * The audit recomputes every balance from the transfers alone (the balances stored on accounts are
 * only a cache of them) and checks the invariants of double entry:
 * - each account's stored balance equals its recomputed balance,
 * - the sum over all accounts is zero (every transfer debits and credits the same amount),
 * - no wallet, escrow or prize pool is negative (only the cashier, the outside world, and the house,
 *   which pays tournament overlays whether or not it has earned them yet, may be),
 * - each table's escrow equals the sum of its seats' stacks,
 * - the rake recorded on each table's hands equals the rake transferred to the house,
 * - every finished or cancelled tournament's prize pool is at zero,
 * - each tournament entry's transfers agree with its status: its buy-in and fee paid once each, as
 *   recorded on it; refunded once each if and only if it was unregistered or refunded; its prize and
 *   deal share paid once each, as recorded on it; its cancel share paid once if and only if it is
 *   CANCELLED (in play when its running tournament was cancelled), as recorded on it (a share
 *   decided but not yet paid is not owed until the entry is marked); and each tournament's overlay
 *   transfer agrees with the overlay it records.
 * With `at`, balances are recomputed as of that moment; the checks that compare with state only
 * the present has (stored balances, seats, tournaments and their entries) are then skipped.
 *
 * Everything runs in one REPEATABLE READ, READ ONLY transaction: one consistent snapshot, taken
 * while the system keeps running, and no lock that could stall a live transaction.
 */

export type AuditCheck =
  | 'stored-balance'
  | 'sum-zero'
  | 'negative-balance'
  | 'escrow-seats'
  | 'rake'
  | 'tournament-pool'
  | 'tournament-entry';

export interface AuditDiscrepancy {
  readonly check: AuditCheck;
  readonly message: string;
}

export interface KindTotal {
  readonly kind: string;
  readonly accounts: number;
  /** Recomputed from transfers (as of `at` when given). */
  readonly balance: Money;
}

export interface AuditReport {
  readonly ok: boolean;
  readonly at: Date | null;
  readonly accounts: number;
  readonly transfers: number;
  readonly totals: readonly KindTotal[];
  readonly sum: Money;
  readonly discrepancies: readonly AuditDiscrepancy[];
}

/** At most this many discrepancies of each check are listed (the counts are always complete). */
const LISTED_MAX = 50;

export async function auditLedger(database: Database, options: { at?: Date } = {}): Promise<AuditReport> {
  return readSnapshot(database, (tx) => auditSnapshot(tx, options.at ?? null));
}

async function auditSnapshot(tx: SqlExecutor, at: Date | null): Promise<AuditReport> {
  const atParam = at ? at.toISOString() : null;
  const discrepancies: AuditDiscrepancy[] = [];

  // Balances recomputed from the transfers, per account, as of `at`.
  const recomputed = `
      recomputed AS (
        SELECT a.id, a.kind, a.user_id, a.table_id, a.shard, a.balance AS stored,
               COALESCE(c.total, 0) - COALESCE(d.total, 0) AS balance
        FROM accounts a
        LEFT JOIN (SELECT credit_account_id AS id, sum(amount) AS total FROM transfers
                   WHERE $1::timestamptz IS NULL OR created_at <= $1::timestamptz GROUP BY 1) c ON c.id = a.id
        LEFT JOIN (SELECT debit_account_id AS id, sum(amount) AS total FROM transfers
                   WHERE $1::timestamptz IS NULL OR created_at <= $1::timestamptz GROUP BY 1) d ON d.id = a.id
        WHERE $1::timestamptz IS NULL OR a.created_at <= $1::timestamptz)`;

  const totals = await tx.query<{ kind: string; accounts: string; balance: string }>(
    `WITH ${recomputed}
       SELECT kind::text, count(*)::text AS accounts, sum(balance)::text AS balance
       FROM recomputed GROUP BY kind ORDER BY kind`,
    [atParam],
  );
  const kindTotals = totals.map((row) => ({
    kind: row.kind,
    accounts: Number(row.accounts),
    balance: new Money(row.balance),
  }));
  const sum = kindTotals.reduce((total, row) => total.plus(row.balance), new Money(0));
  if (!sum.isZero()) {
    discrepancies.push({ check: 'sum-zero', message: `the accounts sum to ${sum.toFixed()}, not 0` });
  }

  const negative = await tx.query<{ id: string; kind: string; balance: string; stored: string }>(
    `WITH ${recomputed}
       SELECT id::text, kind::text, balance::text, stored::text FROM recomputed
       WHERE kind NOT IN ('CASHIER', 'HOUSE') AND (balance < 0 OR ($1::timestamptz IS NULL AND stored < 0))
       ORDER BY id`,
    [atParam],
  );
  for (const row of negative.slice(0, LISTED_MAX)) {
    discrepancies.push({
      check: 'negative-balance',
      message: `${row.kind} account ${row.id} is negative (${row.balance} from transfers, ${row.stored} stored)`,
    });
  }
  if (negative.length > LISTED_MAX) {
    discrepancies.push({ check: 'negative-balance', message: `... ${negative.length} in all` });
  }

  if (at === null) {
    const drifted = await tx.query<{ id: string; kind: string; stored: string; balance: string }>(
      `WITH ${recomputed}
         SELECT id::text, kind::text, stored::text, balance::text FROM recomputed WHERE stored <> balance ORDER BY id`,
      [atParam],
    );
    for (const row of drifted.slice(0, LISTED_MAX)) {
      discrepancies.push({
        check: 'stored-balance',
        message: `${row.kind} account ${row.id} stores ${row.stored} but its transfers add up to ${row.balance}`,
      });
    }
    if (drifted.length > LISTED_MAX) {
      discrepancies.push({
        check: 'stored-balance',
        message: `... ${drifted.length} accounts in all`,
      });
    }

    const escrows = await tx.query<{ table_id: string; escrow: string; seats: string }>(
      `SELECT a.table_id::text, a.balance::text AS escrow, COALESCE(s.total, 0)::text AS seats
         FROM accounts a
         LEFT JOIN (SELECT table_id, sum(stack) AS total FROM seats GROUP BY table_id) s ON s.table_id = a.table_id
         WHERE a.kind = 'ESCROW' AND a.balance <> COALESCE(s.total, 0)
         ORDER BY a.table_id`,
      [],
    );
    for (const row of escrows.slice(0, LISTED_MAX)) {
      discrepancies.push({
        check: 'escrow-seats',
        message: `table ${row.table_id}: the escrow holds ${row.escrow} but its seats hold ${row.seats}`,
      });
    }
    discrepancies.push(...(await auditTournaments(tx)));
  }

  const rake = await tx.query<{ table_id: string; hands: string; transfers: string }>(
    `SELECT COALESCE(h.table_id, t.table_id)::text AS table_id,
              COALESCE(h.total, 0)::text AS hands, COALESCE(t.total, 0)::text AS transfers
       FROM (SELECT table_id, sum(rake) AS total FROM hands
             WHERE $1::timestamptz IS NULL OR created_at <= $1::timestamptz GROUP BY table_id) h
       FULL JOIN (SELECT table_id, sum(amount) AS total FROM transfers
                  WHERE kind = 'RAKE' AND ($1::timestamptz IS NULL OR created_at <= $1::timestamptz)
                  GROUP BY table_id) t ON t.table_id = h.table_id
       WHERE COALESCE(h.total, 0) <> COALESCE(t.total, 0)`,
    [atParam],
  );
  for (const row of rake.slice(0, LISTED_MAX)) {
    discrepancies.push({
      check: 'rake',
      message: `table ${row.table_id}: its hands record ${row.hands} of rake but ${row.transfers} went to the house`,
    });
  }

  const counts = await tx.query<{ accounts: string; transfers: string }>(
    `SELECT (SELECT count(*) FROM accounts WHERE $1::timestamptz IS NULL OR created_at <= $1::timestamptz)::text AS accounts,
              (SELECT count(*) FROM transfers WHERE $1::timestamptz IS NULL OR created_at <= $1::timestamptz)::text AS transfers`,
    [atParam],
  );
  return {
    ok: discrepancies.length === 0,
    at,
    accounts: Number(counts[0]!.accounts),
    transfers: Number(counts[0]!.transfers),
    totals: kindTotals,
    sum,
    discrepancies,
  };
}

/** The tournaments' checks, on the present state (see the module comment). */
async function auditTournaments(tx: SqlExecutor): Promise<AuditDiscrepancy[]> {
  const found: AuditDiscrepancy[] = [];
  const pools = await tx.query<{ id: string; status: string; balance: string }>(
    `SELECT t.id::text, t.status::text, a.balance::text FROM tournaments t JOIN accounts a ON a.tournament_id = t.id
      WHERE t.status IN ('FINISHED', 'CANCELLED') AND a.balance <> 0 ORDER BY t.id LIMIT ${LISTED_MAX}`,
    [],
  );
  for (const row of pools) {
    found.push({
      check: 'tournament-pool',
      message: `tournament ${row.id} is ${row.status} but its prize pool holds ${row.balance}`,
    });
  }
  // Per entry and kind, the transfers' count and sum; the expected amount of each kind follows
  // from the entry's status and the amounts recorded on it. A kind expected to be zero must have
  // no transfer at all, and one expected positive exactly one of that amount.
  const entries = await tx.query<{ id: string; tournament_id: string; status: string; kinds: string }>(
    `WITH moved AS (
       SELECT tournament_entry_id AS id, kind::text AS kind, count(*) AS n, sum(amount) AS total
         FROM transfers WHERE tournament_entry_id IS NOT NULL GROUP BY 1, 2),
     expected AS (
       SELECT e.id, e.tournament_id, e.status, x.kind, x.amount
         FROM tournament_entries e, LATERAL (VALUES
           ('TOURNAMENT_BUY_IN', e.buy_in),
           ('TOURNAMENT_FEE', e.fee),
           ('TOURNAMENT_REFUND', CASE WHEN e.status IN ('UNREGISTERED', 'REFUNDED') THEN e.buy_in ELSE 0 END),
           ('TOURNAMENT_FEE_REFUND', CASE WHEN e.status IN ('UNREGISTERED', 'REFUNDED') THEN e.fee ELSE 0 END),
           ('TOURNAMENT_PRIZE', COALESCE(e.prize, 0)),
           ('TOURNAMENT_DEAL', COALESCE(e.deal_amount, 0)),
           ('TOURNAMENT_CANCEL_SHARE', CASE WHEN e.status = 'CANCELLED' THEN e.cancel_share ELSE 0 END))
           AS x(kind, amount))
     SELECT x.id::text, x.tournament_id::text, x.status::text,
            string_agg(x.kind || ' ' || COALESCE(m.n, 0) || 'x' || COALESCE(m.total, 0) || ' (expected ' || x.amount || ')',
                       ', ' ORDER BY x.kind) AS kinds
       FROM expected x LEFT JOIN moved m ON m.id = x.id AND m.kind = x.kind
      WHERE COALESCE(m.n, 0) <> (x.amount > 0)::int OR COALESCE(m.total, 0) <> x.amount
      GROUP BY x.id, x.tournament_id, x.status ORDER BY x.id LIMIT ${LISTED_MAX}`,
    [],
  );
  for (const row of entries) {
    found.push({
      check: 'tournament-entry',
      message: `tournament ${row.tournament_id} entry ${row.id} (${row.status}): ${row.kinds}`,
    });
  }
  const overlays = await tx.query<{ id: string; overlay: string | null; paid: string }>(
    `SELECT t.id::text, t.overlay::text, COALESCE(o.total, 0)::text AS paid
       FROM tournaments t
       LEFT JOIN (SELECT tournament_id, sum(amount) AS total FROM transfers WHERE kind = 'TOURNAMENT_OVERLAY'
                  GROUP BY tournament_id) o ON o.tournament_id = t.id
      WHERE COALESCE(o.total, 0) <> COALESCE(t.overlay, 0) ORDER BY t.id LIMIT ${LISTED_MAX}`,
    [],
  );
  for (const row of overlays) {
    found.push({
      check: 'tournament-pool',
      message: `tournament ${row.id} records an overlay of ${row.overlay ?? 'none'} but the house paid ${row.paid}`,
    });
  }
  return found;
}

/** A plain-text report for people (the CLI prints it). */
export function formatAuditReport(report: AuditReport): string {
  const lines = [
    `ledger audit ${report.at ? `as of ${report.at.toISOString()}` : 'now'}: ${report.ok ? 'CLEAN' : 'DISCREPANCIES FOUND'}`,
    `  ${report.accounts} accounts, ${report.transfers} transfers`,
    ...report.totals.map(
      (total) =>
        `  ${total.kind.padEnd(8)} ${String(total.accounts).padStart(8)} accounts  ${total.balance.toFixed()}`,
    ),
    `  sum over all accounts: ${report.sum.toFixed()}`,
  ];
  if (report.at)
    lines.push('  (stored balances and seats describe the present only: those checks were skipped)');
  for (const discrepancy of report.discrepancies)
    lines.push(`  ! [${discrepancy.check}] ${discrepancy.message}`);
  return lines.join('\n');
}
