import type { Money } from '../../money/index.js';
import type { Database } from '../database-handle.js';
import { toMoney } from '../money-columns.js';
import { prismaOf } from '../prisma-access.js';

export interface PlayerSummary {
  readonly id: string;
  readonly username: string;
  readonly balance: Money;
  readonly createdAt: Date;
}

/** Players whose username contains `query` (case-insensitive), for the cashier's search box. */
export async function searchPlayers(
  database: Database,
  query: string,
  limit: number,
): Promise<PlayerSummary[]> {
  const rows = await prismaOf(database).user.findMany({
    where: { role: 'PLAYER', username: { contains: query.toLowerCase() } },
    include: { wallet: { select: { balance: true } } },
    orderBy: { username: 'asc' },
    take: limit,
  });
  return rows.map((row) => ({
    id: row.id,
    username: row.username,
    balance: toMoney(row.wallet?.balance ?? '0'),
    createdAt: row.createdAt,
  }));
}
