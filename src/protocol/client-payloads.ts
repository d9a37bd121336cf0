import { z } from 'zod';
import { PositiveMoneyString } from './money-string.js';

/**
 * The payload schema of every event a client sends. Objects are strict: an unknown key is a
 * malformed payload, so a client bug shows up at once instead of being silently ignored.
 */

export const TableId = z.uuid();

const TableRef = z.strictObject({ tableId: TableId });

export const EmptyPayload = z.strictObject({});

/** Seats are numbered from 1, as in the database and in PHH. */
export const SEAT_NUMBER_MAX = 10;

export const TableJoinPayload = TableRef;
export const TablePartPayload = TableRef;
export const TableSyncPayload = TableRef;
export const TableSitOutPayload = TableRef;
export const TableSitInPayload = TableRef;
export const TableLeavePayload = TableRef;
/** Waiting for the big blind: post one now instead, and be dealt into the next hand. */
export const TablePostBlindPayload = TableRef;

export const TableSitPayload = z.strictObject({
  tableId: TableId,
  /** Seat number, from 1. */
  seat: z.number().int().min(1).max(SEAT_NUMBER_MAX),
  /** Chips to bring to the table from the wallet. */
  buyIn: PositiveMoneyString,
});

/**
 * The longest chat line the protocol carries: the server's own limit (CHAT_MESSAGE_MAX_CHARS) may
 * be lower, and is refused with chat/too-long.
 */
export const CHAT_TEXT_MAX_CHARS = 500;

/** Control characters (newlines included) and lone UTF-16 surrogates: a chat line is one printable line. */
const CONTROL_OR_LONE_SURROGATE = /[\p{Cc}\p{Cs}]/u;

/** A line of table chat. It is shown as text, never as markup. */
export const ChatSendPayload = z.strictObject({
  tableId: TableId,
  text: z
    .string()
    .max(CHAT_TEXT_MAX_CHARS)
    .refine((text) => text.trim() !== '', 'say something')
    .refine((text) => !CONTROL_OR_LONE_SURROGATE.test(text), 'must not contain control characters'),
});

export const TableTopUpPayload = z.strictObject({
  tableId: TableId,
  amount: PositiveMoneyString,
});

/** A deck commitment: SHA-256, 64 lowercase hex digits. */
export const DeckCommitment = z.string().regex(/^[0-9a-f]{64}$/);

export const ACTION_KINDS = ['fold', 'check', 'call', 'bet', 'raise', 'all-in'] as const;
export const ActionKindSchema = z.enum(ACTION_KINDS);
export type ActionKindWire = z.infer<typeof ActionKindSchema>;

export const TableActPayload = z
  .strictObject({
    tableId: TableId,
    /**
     * The deal the action was chosen for: `hand.deckCommitment` of the view. An action is applied
     * only to that deal; quoting another is refused with table/wrong-deal.
     */
    deckCommitment: DeckCommitment,
    /** The hand and the turn the client saw (from its latest view): stale or doubled actions are refused. */
    handNumber: z.number().int().min(1),
    turn: z.number().int().min(0),
    kind: ActionKindSchema,
    /** For a bet or a raise: the player's total for this street after the action ("raise to"). */
    amount: PositiveMoneyString.optional(),
  })
  .refine(
    (payload) => (payload.kind === 'bet' || payload.kind === 'raise') === (payload.amount !== undefined),
    {
      message: 'amount is required for a bet or a raise, and only for them',
      path: ['amount'],
    },
  );

export type TableJoinPayload = z.infer<typeof TableJoinPayload>;
export type TablePartPayload = z.infer<typeof TablePartPayload>;
export type TableSyncPayload = z.infer<typeof TableSyncPayload>;
export type TableSitPayload = z.infer<typeof TableSitPayload>;
export type TableSitOutPayload = z.infer<typeof TableSitOutPayload>;
export type TableSitInPayload = z.infer<typeof TableSitInPayload>;
export type TableTopUpPayload = z.infer<typeof TableTopUpPayload>;
export type TableLeavePayload = z.infer<typeof TableLeavePayload>;
export type TablePostBlindPayload = z.infer<typeof TablePostBlindPayload>;

/**
 * Whether to run the rest of the board twice, while it waits to run out (hand.runout): it runs
 * twice only when every player still in agrees. Names the deal, as table:act does.
 */
export const TableRunTwicePayload = z.strictObject({
  tableId: TableId,
  deckCommitment: DeckCommitment,
  agree: z.boolean(),
});
export type TableRunTwicePayload = z.infer<typeof TableRunTwicePayload>;
export type TableActPayload = z.infer<typeof TableActPayload>;
export type ChatSendPayload = z.infer<typeof ChatSendPayload>;
export type EmptyPayload = z.infer<typeof EmptyPayload>;
