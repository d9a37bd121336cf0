import type { Money } from '../../money/index.js';
import type { Database } from '../database-handle.js';
import type { Prisma } from '../generated/prisma/client.js';
import { toMoney } from '../money-columns.js';
import { prismaOf } from '../prisma-access.js';

/** A cash table as the lobby and the admin pages read it. */
export interface TableRecord {
  readonly id: string;
  readonly name: string;
  readonly variant: 'NT' | 'PO';
  readonly runItTwice: boolean;
  readonly open: boolean;
  readonly smallBlind: Money;
  readonly bigBlind: Money;
  readonly ante: Money;
  readonly minBuyIn: Money;
  readonly maxBuyIn: Money;
  readonly chipUnit: Money;
  readonly maxSeats: number;
  /** Seats not empty (reserved, seated or sitting out). */
  readonly seatsTaken: number;
  readonly rakeBasisPoints: number;
  readonly rakeCap: Money;
  /** The table's own action clock and initial time bank (ms); null: the server's settings. */
  readonly actionTimeoutMs: number | null;
  readonly timeBankMs: number | null;
  readonly ownerEpoch: bigint;
  readonly handNumber: number;
  readonly createdAt: Date;
}

const TABLE_SELECT = {
  id: true,
  name: true,
  variant: true,
  runItTwice: true,
  status: true,
  smallBlind: true,
  bigBlind: true,
  ante: true,
  minBuyIn: true,
  maxBuyIn: true,
  chipUnit: true,
  maxSeats: true,
  rakeBasisPoints: true,
  rakeCap: true,
  actionTimeoutMs: true,
  timeBankMs: true,
  ownerEpoch: true,
  handNumber: true,
  createdAt: true,
  _count: { select: { seats: { where: { status: { not: 'EMPTY' } } } } },
} as const;

type TableRow = Prisma.PokerTableGetPayload<{ select: typeof TABLE_SELECT }>;

function tableRecord(row: TableRow): TableRecord {
  return {
    id: row.id,
    name: row.name,
    variant: row.variant,
    runItTwice: row.runItTwice,
    open: row.status === 'OPEN',
    smallBlind: toMoney(row.smallBlind),
    bigBlind: toMoney(row.bigBlind),
    ante: toMoney(row.ante),
    minBuyIn: toMoney(row.minBuyIn),
    maxBuyIn: toMoney(row.maxBuyIn),
    chipUnit: toMoney(row.chipUnit),
    maxSeats: row.maxSeats,
    seatsTaken: row._count.seats,
    rakeBasisPoints: row.rakeBasisPoints,
    rakeCap: toMoney(row.rakeCap),
    actionTimeoutMs: row.actionTimeoutMs,
    timeBankMs: row.timeBankMs,
    ownerEpoch: row.ownerEpoch,
    handNumber: row.handNumber,
    createdAt: row.createdAt,
  };
}

/** One cash table, open or closed; undefined when there is none with this id (a tournament's included). */
export async function findTable(database: Database, tableId: string): Promise<TableRecord | undefined> {
  const row = await prismaOf(database).pokerTable.findFirst({
    where: { id: tableId, tournamentId: null },
    select: TABLE_SELECT,
  });
  return row ? tableRecord(row) : undefined;
}

/** Whether a table, a cash table or a tournament's, is open (its players may be routed to it). */
export async function isTableOpen(database: Database, tableId: string): Promise<boolean> {
  const row = await prismaOf(database).pokerTable.findFirst({
    where: { id: tableId, status: 'OPEN' },
    select: { id: true },
  });
  return row !== null;
}

/** The open tables (or every table), oldest first. */
export async function listOpenTables(
  database: Database,
  limit: number,
  { closedToo = false } = {},
): Promise<TableRecord[]> {
  const rows = await prismaOf(database).pokerTable.findMany({
    // Tournament tables are the tournament runner's: never in the cash list.
    where: closedToo ? { tournamentId: null } : { status: 'OPEN', tournamentId: null },
    select: TABLE_SELECT,
    orderBy: { createdAt: 'asc' },
    take: limit,
  });
  return rows.map(tableRecord);
}

/** Ids of the cash tables that should be running, oldest first (tournament runners open their own). */
export async function openTableIds(database: Database): Promise<string[]> {
  const rows = await prismaOf(database).pokerTable.findMany({
    where: { status: 'OPEN', tournamentId: null },
    select: { id: true },
    orderBy: { createdAt: 'asc' },
  });
  return rows.map((row) => row.id);
}
