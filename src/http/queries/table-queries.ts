import { SeatStatus, TableStatus } from '../../ledger/generated/prisma/enums.js';
import { type PrismaClient, toMoney } from '../../ledger/prisma-client.js';
import { formatAmount } from '../../money/amount.js';
import type { TableOut } from '../../protocol/http-tables.js';
import { ApiError } from '../api-error.js';

const TABLE_SELECT = {
  id: true,
  name: true,
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
  createdAt: true,
  _count: { select: { seats: { where: { status: { not: SeatStatus.EMPTY } } } } },
} as const;

type TableRow = Awaited<ReturnType<PrismaClient['pokerTable']['findFirstOrThrow']>> & {
  _count: { seats: number };
};

const amount = (value: { toFixed(): string }) => formatAmount(toMoney(value));

function tableOut(row: TableRow): TableOut {
  return {
    id: row.id,
    name: row.name,
    status: row.status === TableStatus.OPEN ? 'open' : 'closed',
    smallBlind: amount(row.smallBlind),
    bigBlind: amount(row.bigBlind),
    ante: amount(row.ante),
    minBuyIn: amount(row.minBuyIn),
    maxBuyIn: amount(row.maxBuyIn),
    chipUnit: amount(row.chipUnit),
    maxSeats: row.maxSeats,
    seatsTaken: row._count.seats,
    rakeBasisPoints: row.rakeBasisPoints,
    rakeCap: amount(row.rakeCap),
    createdAt: row.createdAt.toISOString(),
  };
}

export async function findTable(prisma: PrismaClient, tableId: string): Promise<TableOut> {
  const row = await prisma.pokerTable.findUnique({ where: { id: tableId }, select: TABLE_SELECT });
  if (!row) throw new ApiError('ledger/unknown-table', 'no such table');
  return tableOut(row as TableRow);
}

/** The lobby: open tables, oldest first (bounded). */
export async function listOpenTables(prisma: PrismaClient, limit: number): Promise<TableOut[]> {
  const rows = await prisma.pokerTable.findMany({
    where: { status: TableStatus.OPEN },
    select: TABLE_SELECT,
    orderBy: { createdAt: 'asc' },
    take: limit,
  });
  return rows.map((row) => tableOut(row as TableRow));
}
