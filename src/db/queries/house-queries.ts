import type { Money } from '../../money/index.js';
import type { Database } from '../database-handle.js';
import { toMoney } from '../money-columns.js';
import { poolOf } from '../prisma-access.js';

/**
 * What the house earned and what went through the cashier, read from the transfers (the ledger's
 * own record), for the operator's page. Plain types out; nothing here writes.
 */

export interface RakeByDay {
  /** The day, UTC, as YYYY-MM-DD. */
  readonly day: string;
  readonly rake: Money;
  /** Hands that paid rake that day. */
  readonly hands: number;
}

export interface RakeByTable {
  readonly tableId: string;
  readonly name: string;
  readonly rake: Money;
  readonly hands: number;
}

/** Every movement kind's count and total: deposits, withdrawals, buy-ins, top-ups, cash-outs, rake. */
export interface FlowTotal {
  readonly kind: string;
  readonly count: number;
  readonly total: Money;
}

/** Rake per UTC day, the last `days` days, newest first. */
export async function rakeByDay(database: Database, days: number): Promise<RakeByDay[]> {
  const { rows } = await poolOf(database).query<{ day: string; rake: string; hands: string }>(
    `SELECT to_char(date_trunc('day', created_at AT TIME ZONE 'UTC'), 'YYYY-MM-DD') AS day,
            SUM(amount)::text AS rake, COUNT(*)::text AS hands
       FROM transfers
      WHERE kind = 'RAKE' AND created_at >= now() - make_interval(days => $1::int)
      GROUP BY 1 ORDER BY 1 DESC`,
    [days],
  );
  return rows.map((row) => ({ day: row.day, rake: toMoney(row.rake), hands: Number(row.hands) }));
}

/** Rake per table since it opened, the largest first. */
export async function rakeByTable(database: Database, limit: number): Promise<RakeByTable[]> {
  const { rows } = await poolOf(database).query<{
    table_id: string;
    name: string;
    rake: string;
    hands: string;
  }>(
    `SELECT t.table_id::text, p.name, SUM(t.amount)::text AS rake, COUNT(*)::text AS hands
       FROM transfers t JOIN poker_tables p ON p.id = t.table_id
      WHERE t.kind = 'RAKE'
      GROUP BY t.table_id, p.name ORDER BY SUM(t.amount) DESC LIMIT $1::int`,
    [limit],
  );
  return rows.map((row) => ({
    tableId: row.table_id,
    name: row.name,
    rake: toMoney(row.rake),
    hands: Number(row.hands),
  }));
}

/** Counts and totals of every kind of movement since the start. */
export async function flowTotals(database: Database): Promise<FlowTotal[]> {
  const { rows } = await poolOf(database).query<{ kind: string; count: string; total: string }>(
    `SELECT kind::text, COUNT(*)::text AS count, SUM(amount)::text AS total
       FROM transfers GROUP BY kind ORDER BY kind`,
  );
  return rows.map((row) => ({ kind: row.kind, count: Number(row.count), total: toMoney(row.total) }));
}

/** Who sits where at one table, as the database holds it (between hands: the live stacks). */
export interface SeatListing {
  readonly seat: number;
  readonly userId: string;
  readonly username: string;
  readonly stack: Money;
  readonly status: string;
}

export async function seatsOfTable(database: Database, tableId: string): Promise<SeatListing[]> {
  const { rows } = await poolOf(database).query<{
    seat_no: number;
    user_id: string;
    username: string;
    stack: string;
    status: string;
  }>(
    `SELECT s.seat_no, s.user_id::text, u.username, s.stack::text, s.status::text
       FROM seats s JOIN users u ON u.id = s.user_id
      WHERE s.table_id = $1::uuid AND s.status <> 'EMPTY' ORDER BY s.seat_no`,
    [tableId],
  );
  return rows.map((row) => ({
    seat: row.seat_no,
    userId: row.user_id,
    username: row.username,
    stack: toMoney(row.stack),
    status: row.status.toLowerCase().replace('_', '-'),
  }));
}
