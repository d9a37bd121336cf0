import type { Money } from '../../money/index.js';
import type { HandStatus } from '../column-types.js';
import type { Database } from '../database-handle.js';
import { toMoney } from '../money-columns.js';
import { prismaOf } from '../prisma-access.js';

/** A finished hand (settled or voided) as its players' history reads it. */
export interface HandRecord {
  readonly id: string;
  readonly status: 'SETTLED' | 'VOIDED';
  readonly tableId: string;
  readonly tableName: string;
  readonly chipUnit: Money;
  readonly number: number;
  readonly deckCommitment: string;
  /** PHH text, every card in it: redact it before showing it to anyone. */
  readonly history: string;
  /** The table's result record (hand-loop.ts), as stored. */
  readonly result: unknown;
  readonly createdAt: Date;
}

/** One hand with its deck and salts, to open the cards of its proof. */
export interface HandRecordWithDeck extends HandRecord {
  readonly deck: string;
  readonly salt: string;
}

const SELECT = {
  id: true,
  status: true,
  tableId: true,
  number: true,
  deckCommitment: true,
  history: true,
  result: true,
  createdAt: true,
  table: { select: { name: true, chipUnit: true } },
} as const;

/** The statuses of a hand that is over: a hand still being dealt (DEALT) is nobody's history yet. */
const FINISHED = { in: ['SETTLED', 'VOIDED'] satisfies HandStatus[] };

function record<
  Row extends { id: bigint; status: HandStatus; table: { name: string; chipUnit: { toFixed(): string } } },
>(row: Row) {
  const { table, id, status, ...rest } = row;
  return {
    ...rest,
    id: id.toString(),
    status: status === 'VOIDED' ? ('VOIDED' as const) : ('SETTLED' as const),
    tableName: table.name,
    chipUnit: toMoney(table.chipUnit),
  };
}

/** A user's finished hands, newest first, by pages; `cursor` is the id of the last hand of the previous page. */
export async function listPlayerHands(
  database: Database,
  userId: string,
  page: { cursor?: string; limit: number },
): Promise<{ hands: HandRecord[]; nextCursor: string | null }> {
  const rows = await prismaOf(database).hand.findMany({
    where: {
      status: FINISHED,
      result: { path: ['userIds'], array_contains: [userId] },
      ...(page.cursor !== undefined && { id: { lt: BigInt(page.cursor) } }),
    },
    orderBy: { id: 'desc' },
    take: page.limit + 1,
    select: SELECT,
  });
  const hands = rows.slice(0, page.limit).map(record);
  return { hands, nextCursor: rows.length > page.limit ? hands[hands.length - 1]!.id : null };
}

/** One finished hand a user was dealt into; undefined when there is none (or it is not theirs). */
export async function findPlayerHand(
  database: Database,
  handId: string,
  userId: string,
): Promise<HandRecordWithDeck | undefined> {
  const row = await prismaOf(database).hand.findFirst({
    where: { id: BigInt(handId), status: FINISHED, result: { path: ['userIds'], array_contains: [userId] } },
    select: { ...SELECT, deck: true, salt: true },
  });
  return row ? record(row) : undefined;
}

/** Any stored hand, settled or voided, whole: the operator's view for audits. */
export interface StoredHand {
  readonly id: string;
  readonly tableId: string;
  readonly number: number;
  readonly status: HandStatus;
  readonly deckCommitment: string;
  readonly deck: string;
  readonly salt: string;
  readonly history: string;
}

export async function findStoredHand(database: Database, handId: bigint): Promise<StoredHand | undefined> {
  const row = await prismaOf(database).hand.findUnique({
    where: { id: handId },
    select: {
      id: true,
      tableId: true,
      number: true,
      status: true,
      deckCommitment: true,
      deck: true,
      salt: true,
      history: true,
    },
  });
  return row ? { ...row, id: row.id.toString() } : undefined;
}
