import { Role } from '../../ledger/generated/prisma/enums.js';
import { type PrismaClient, toMoney } from '../../ledger/prisma-client.js';
import { formatAmount } from '../../money/amount.js';

export interface PlayerSummary {
  readonly id: string;
  readonly username: string;
  readonly balance: string;
  readonly createdAt: string;
}

/** Players whose username contains `query` (case-insensitive), for the cashier's search box. */
export async function searchPlayers(
  prisma: PrismaClient,
  query: string,
  limit: number,
): Promise<PlayerSummary[]> {
  const rows = await prisma.user.findMany({
    where: { role: Role.PLAYER, username: { contains: query.toLowerCase() } },
    include: { wallet: { select: { balance: true } } },
    orderBy: { username: 'asc' },
    take: limit,
  });
  return rows.map((row) => ({
    id: row.id,
    username: row.username,
    balance: formatAmount(row.wallet ? toMoney(row.wallet.balance) : toMoney('0')),
    createdAt: row.createdAt.toISOString(),
  }));
}
