import { z } from 'zod';
import type { Ack } from './ack.js';
import { ACTION_KINDS, CHAT_TEXT_MAX_CHARS } from './client-payloads.js';
import { ERROR_CODES, type ProtocolError } from './error-codes.js';
import type { ClientToServerEvents, DeferrableResult, ServerToClientEvents, TableChat } from './events.js';
import type { LobbySnapshot, LobbyTable } from './lobby.js';
import { MoneyString } from './money-string.js';
import type { NoticeKind, SystemError, TableNotice, TournamentNotice } from './notices.js';
import type { HandChanges, TablePrivate, TableUpdate } from './table-update.js';
import type {
  ActionClockView,
  DeckOpeningWire,
  DeckProofWire,
  HandPlayerWire,
  HandResultWire,
  HandViewWire,
  LegalActionsWire,
  SeatPlayerView,
  SeatView,
  TableStakes,
  TableView,
  TournamentViewWire,
} from './table-view.js';

/**
 * Zod schemas of every message the server sends: the server events and the acknowledgement
 * of each client event. A client (the load-test bots, a browser) validates what it receives with
 * them. Objects are strict: a field the protocol does not define (a deck, someone else's cards
 * under another name) makes the message invalid instead of passing silently.
 *
 * The interfaces in table-view.ts, lobby.ts and notices.ts stay the source of truth; the checks at
 * the end of this file fail to compile if a schema and its interface ever disagree.
 */

/** A card as text: rank then suit, "As", "Td", "2c". */
export const CardSchema = z.string().regex(/^[2-9TJQKA][cdhs]$/);

/** A player's hole cards: 2 in Hold'em, 4 in Omaha. */
const HoleCardsSchema = z
  .array(CardSchema)
  .refine((cards) => cards.length === 2 || cards.length === 4, 'two or four hole cards')
  .readonly();

export const GameVariantSchema = z.enum(['NT', 'PO']);

const percent = z.number().min(0).max(100);

const seatNumber = z.number().int().min(1);
const count = z.number().int().min(0);
const epochMs = z.number().int().min(0);

export const ErrorCodeSchema = z.enum(ERROR_CODES);

export const ProtocolErrorSchema = z.strictObject({ code: ErrorCodeSchema, message: z.string() });

export const TableStatusSchema = z.enum(['running', 'waiting', 'halted', 'closing']);

export const TableStakesSchema = z.strictObject({
  variant: GameVariantSchema,
  runItTwice: z.boolean(),
  smallBlind: MoneyString,
  bigBlind: MoneyString,
  ante: MoneyString,
  chipUnit: MoneyString,
  minBuyIn: MoneyString,
  maxBuyIn: MoneyString,
});

export const SeatStatusSchema = z.enum([
  'reserved',
  'active',
  'waiting-for-big-blind',
  'sitting-out',
  'leaving',
]);

export const SeatPlayerViewSchema = z.strictObject({
  userId: z.string().min(1),
  username: z.string(),
  stack: MoneyString,
  status: SeatStatusSchema,
  connected: z.boolean(),
  timeBankMs: count,
  awayUntilMs: z.number().int().nonnegative().nullable(),
});

export const SeatViewSchema = z.strictObject({
  seat: seatNumber,
  player: SeatPlayerViewSchema.nullable(),
});

export const PhaseSchema = z.enum(['preflop', 'flop', 'turn', 'river', 'complete']);

export const HandPlayerWireSchema = z.strictObject({
  seat: seatNumber,
  stack: MoneyString,
  streetCommitted: MoneyString,
  totalCommitted: MoneyString,
  folded: z.boolean(),
  allIn: z.boolean(),
  holeCards: HoleCardsSchema.nullable(),
  lastAction: z
    .strictObject({
      kind: z.enum(['ante', 'blind', 'fold', 'check', 'call', 'bet', 'raise']),
      amount: MoneyString.nullable(),
      allIn: z.boolean(),
      street: z.enum(['preflop', 'flop', 'turn', 'river']),
      index: z.number().int().min(0),
    })
    .nullable(),
});

export const RunoutWireSchema = z.strictObject({
  runItTwice: z.boolean(),
  deadlineMs: epochMs,
  decisions: z
    .array(z.strictObject({ seat: seatNumber, agree: z.boolean().nullable() }))
    .max(10)
    .readonly(),
});

export const EquityWireSchema = z.strictObject({
  players: z
    .array(
      z.strictObject({ seat: seatNumber, winPercent: percent, tiePercent: percent, sharePercent: percent }),
    )
    .max(10)
    .readonly(),
  pots: z
    .array(
      z.strictObject({
        amount: MoneyString,
        shares: z
          .array(z.strictObject({ seat: seatNumber, percent }))
          .max(10)
          .readonly(),
      }),
    )
    .max(10)
    .readonly(),
});

export const ActionClockViewSchema = z.strictObject({
  seat: seatNumber,
  deadlineMs: epochMs,
  timeBankDeadlineMs: epochMs,
  usingTimeBank: z.boolean(),
});

export const LegalActionsWireSchema = z.strictObject({
  actions: z.array(z.enum(ACTION_KINDS)).readonly(),
  callAmount: MoneyString.nullable(),
  betOrRaise: z
    .strictObject({ kind: z.enum(['bet', 'raise']), minTo: MoneyString, maxTo: MoneyString })
    .nullable(),
});

const SeatAmountSchema = z.strictObject({ seat: seatNumber, amount: MoneyString });

export const HandResultWireSchema = z.strictObject({
  pots: z
    .array(
      z.strictObject({
        amount: MoneyString,
        rake: MoneyString,
        winners: z.array(SeatAmountSchema).readonly(),
        runs: z
          .array(z.strictObject({ amount: MoneyString, winners: z.array(SeatAmountSchema).readonly() }))
          .length(2)
          .readonly()
          .optional(),
      }),
    )
    .readonly(),
  rake: MoneyString,
  uncalled: SeatAmountSchema.nullable(),
  shown: z
    .array(
      z.strictObject({
        seat: seatNumber,
        cards: HoleCardsSchema,
        hand: z
          .strictObject({ name: z.string().max(80), cards: z.array(CardSchema).length(5).readonly() })
          .nullable(),
      }),
    )
    .readonly(),
});

const sha256Hex = z.string().regex(/^[0-9a-f]{64}$/);

export const DeckOpeningWireSchema = z.strictObject({
  position: z.number().int().min(0).max(51),
  card: CardSchema,
  salt: sha256Hex,
});

export const DeckProofWireSchema = z.strictObject({
  scheme: z.literal('sha256-card-leaves-v1'),
  tableId: z.uuid(),
  handNumber: z.number().int().min(1),
  commitment: sha256Hex,
  leaves: z.array(sha256Hex).length(52).readonly(),
  seats: z.array(seatNumber).min(2).max(10).readonly(),
  buttonSeat: seatNumber,
  variant: GameVariantSchema.optional(),
  board: z.array(CardSchema).max(5).readonly(),
  secondRun: z.array(CardSchema).min(1).max(5).readonly().optional(),
  holeCards: z
    .array(z.strictObject({ seat: seatNumber, cards: HoleCardsSchema }))
    .max(10)
    .readonly(),
  // At most two boards and every player's cards: in PLO 5 + 5 + 4 * 10 (a deck has 52).
  openings: z.array(DeckOpeningWireSchema).max(52).readonly(),
});

export const HandViewWireSchema = z.strictObject({
  number: z.number().int().min(1),
  deckCommitment: sha256Hex,
  buttonSeat: seatNumber,
  smallBlindSeat: seatNumber,
  bigBlindSeat: seatNumber,
  phase: PhaseSchema,
  board: z.array(CardSchema).max(5).readonly(),
  secondBoard: z.array(CardSchema).length(5).readonly().nullable(),
  runout: RunoutWireSchema.nullable(),
  equity: EquityWireSchema.nullable(),
  pot: MoneyString,
  players: z.array(HandPlayerWireSchema).min(2).max(10).readonly(),
  toActSeat: seatNumber.nullable(),
  turn: count,
  clock: ActionClockViewSchema.nullable(),
  legal: LegalActionsWireSchema.nullable(),
  result: HandResultWireSchema.nullable(),
  proof: DeckProofWireSchema.nullable(),
});

export const TournamentViewWireSchema = z.strictObject({
  tournamentId: z.string().min(1),
  level: z.number().int().min(1),
  smallBlind: MoneyString,
  bigBlind: MoneyString,
  ante: MoneyString,
  levelEndsAtMs: epochMs.nullable(),
  playersLeft: count.nullable(),
  averageStack: MoneyString.nullable(),
  ranks: z.array(z.strictObject({ seat: seatNumber, rank: z.number().int().min(1) })).readonly(),
  yourRank: z.number().int().min(1).nullable(),
  paused: z.enum(['hand-for-hand', 'break']).nullable(),
});

export const TableViewSchema = z.strictObject({
  tableId: z.uuid(),
  seq: count,
  name: z.string(),
  stakes: TableStakesSchema,
  maxSeats: z.number().int().min(2).max(10),
  status: TableStatusSchema,
  seats: z.array(SeatViewSchema).readonly(),
  hand: HandViewWireSchema.nullable(),
  you: z.strictObject({ userId: z.string().nullable(), seat: seatNumber.nullable() }),
  serverTimeMs: epochMs,
  tournament: TournamentViewWireSchema.optional(),
});

/** Keys of changed entries: a seat number, or an index in hand.players. */
const entryKey = z.string().regex(/^(0|[1-9]\d?)$/);

export const HandChangesSchema = z.strictObject({
  phase: PhaseSchema.optional(),
  board: HandViewWireSchema.shape.board.optional(),
  secondBoard: HandViewWireSchema.shape.secondBoard.optional(),
  runout: HandViewWireSchema.shape.runout.optional(),
  equity: HandViewWireSchema.shape.equity.optional(),
  pot: MoneyString.optional(),
  players: z.record(entryKey, HandPlayerWireSchema).optional(),
  toActSeat: seatNumber.nullable().optional(),
  turn: count.optional(),
  clock: ActionClockViewSchema.nullable().optional(),
  result: HandResultWireSchema.nullable().optional(),
  proof: DeckProofWireSchema.nullable().optional(),
});

export const TablePrivateSchema = z.strictObject({
  handNumber: z.number().int().min(1),
  seat: seatNumber,
  turn: count,
  holeCards: HoleCardsSchema.nullable(),
  legal: LegalActionsWireSchema.nullable(),
  proof: DeckProofWireSchema.nullable(),
});

export const TableUpdateSchema = z.strictObject({
  tableId: z.uuid(),
  seq: count,
  serverTimeMs: epochMs,
  status: TableStatusSchema.optional(),
  stakes: TableStakesSchema.optional(),
  seats: z.record(entryKey, SeatPlayerViewSchema.nullable()).optional(),
  hand: HandViewWireSchema.nullable().optional(),
  handChanges: HandChangesSchema.optional(),
  tournament: TournamentViewWireSchema.optional(),
  private: TablePrivateSchema.optional(),
});

export const NoticeKindSchema = z.enum([
  'top-up-applied',
  'top-up-failed',
  'cashed-out',
  'sat-out-missed-turns',
  'sat-out-away',
  'seat-released',
  'hand-voided',
  'table-halted',
]);

export const TableNoticeSchema = z.strictObject({
  tableId: z.uuid(),
  kind: NoticeKindSchema,
  message: z.string(),
  code: ErrorCodeSchema.optional(),
});

export const TournamentNoticeSchema = z.strictObject({
  tournamentId: z.uuid(),
  kind: z.enum(['seated', 'moved', 'eliminated', 'finished', 'cancelled']),
  tableId: z.uuid().nullable(),
  seat: z.number().int().min(1).max(10).nullable(),
  place: z.number().int().min(1).nullable(),
  prize: MoneyString.nullable(),
  message: z.string(),
});

export const SystemErrorSchema = z.strictObject({ code: ErrorCodeSchema, message: z.string() });

export const TableChatSchema = z.strictObject({
  tableId: z.uuid(),
  userId: z.string(),
  username: z.string(),
  text: z.string().max(CHAT_TEXT_MAX_CHARS),
  sentAtMs: epochMs,
});

export const LobbyTableSchema = z.strictObject({
  tableId: z.uuid(),
  name: z.string(),
  stakes: TableStakesSchema,
  maxSeats: z.number().int().min(2).max(10),
  seatsTaken: count,
  seatsFree: count,
  status: TableStatusSchema,
  averagePot: MoneyString,
  handsPerHour: count,
});

export const LobbySnapshotSchema = z.strictObject({ tables: z.array(LobbyTableSchema).readonly() });

export const DeferrableResultSchema = z.strictObject({ when: z.enum(['now', 'after-hand']) });

/** The acknowledgement envelope around `data`: `{ ok: true, data }` or `{ ok: false, error }`. */
export function ackSchema<T extends z.ZodType>(data: T) {
  return z.discriminatedUnion('ok', [
    z.strictObject({ ok: z.literal(true), data }),
    z.strictObject({ ok: z.literal(false), error: ProtocolErrorSchema }),
  ]);
}

/** The payload schema of each server event. */
export const SERVER_EVENT_SCHEMAS = {
  'table:update': TableUpdateSchema,
  'table:notice': TableNoticeSchema,
  'lobby:table': LobbyTableSchema,
  'system:error': SystemErrorSchema,
  'table:chat': TableChatSchema,
  'tournament:notice': TournamentNoticeSchema,
} as const;

/** The schema of the `data` of each client event's successful acknowledgement. */
export const ACK_DATA_SCHEMAS = {
  'lobby:subscribe': LobbySnapshotSchema,
  'lobby:unsubscribe': z.null(),
  'table:join': TableViewSchema,
  'table:part': z.null(),
  'table:sync': TableViewSchema,
  'table:sit': TableViewSchema,
  'table:act': z.null(),
  'table:sit-out': TableViewSchema,
  'table:sit-in': TableViewSchema,
  'table:post-blind': TableViewSchema,
  'table:run-twice': z.null(),
  'table:top-up': DeferrableResultSchema,
  'table:leave': DeferrableResultSchema,
  'chat:send': z.null(),
} as const;

/** The full acknowledgement schema of each client event. */
export const ACK_SCHEMAS = {
  'lobby:subscribe': ackSchema(ACK_DATA_SCHEMAS['lobby:subscribe']),
  'lobby:unsubscribe': ackSchema(ACK_DATA_SCHEMAS['lobby:unsubscribe']),
  'table:join': ackSchema(ACK_DATA_SCHEMAS['table:join']),
  'table:part': ackSchema(ACK_DATA_SCHEMAS['table:part']),
  'table:sync': ackSchema(ACK_DATA_SCHEMAS['table:sync']),
  'table:sit': ackSchema(ACK_DATA_SCHEMAS['table:sit']),
  'table:act': ackSchema(ACK_DATA_SCHEMAS['table:act']),
  'table:sit-out': ackSchema(ACK_DATA_SCHEMAS['table:sit-out']),
  'table:sit-in': ackSchema(ACK_DATA_SCHEMAS['table:sit-in']),
  'table:post-blind': ackSchema(ACK_DATA_SCHEMAS['table:post-blind']),
  'table:run-twice': ackSchema(ACK_DATA_SCHEMAS['table:run-twice']),
  'table:top-up': ackSchema(ACK_DATA_SCHEMAS['table:top-up']),
  'table:leave': ackSchema(ACK_DATA_SCHEMAS['table:leave']),
  'chat:send': ackSchema(ACK_DATA_SCHEMAS['chat:send']),
} as const;

// ---------------------------------------------------------------------------------------------
// Compile-time agreement with the interfaces. Each check is `true` only if the schema's inferred
// type and the interface are assignable to each other AND have the same keys (assignability alone
// would let a new optional field slip through). A mismatch is a type error on the line below.
// ---------------------------------------------------------------------------------------------

type MutuallyAssignable<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type SameKeys<A, B> = [keyof A] extends [keyof B] ? ([keyof B] extends [keyof A] ? true : false) : false;
type Agrees<Schema extends z.ZodType, Interface> =
  MutuallyAssignable<z.infer<Schema>, Interface> extends true ? SameKeys<z.infer<Schema>, Interface> : false;
type Assert<T extends true> = T;

type AckData<E extends keyof ClientToServerEvents> = Parameters<ClientToServerEvents[E]>[1] extends (
  ack: Ack<infer T>,
) => void
  ? T
  : never;
type ServerPayload<E extends keyof ServerToClientEvents> = Parameters<ServerToClientEvents[E]>[0];

type AllAgree<Checks extends Record<string, boolean>> = false extends Checks[keyof Checks] ? false : true;

/** Exported only so that the compiler evaluates it; it has no use at run time. */
export type ServerSchemasAgreeWithInterfaces = Assert<
  AllAgree<{
    stakes: Agrees<typeof TableStakesSchema, TableStakes>;
    seatPlayer: Agrees<typeof SeatPlayerViewSchema, SeatPlayerView>;
    seat: Agrees<typeof SeatViewSchema, SeatView>;
    handPlayer: Agrees<typeof HandPlayerWireSchema, HandPlayerWire>;
    clock: Agrees<typeof ActionClockViewSchema, ActionClockView>;
    legal: Agrees<typeof LegalActionsWireSchema, LegalActionsWire>;
    result: Agrees<typeof HandResultWireSchema, HandResultWire>;
    deckOpening: Agrees<typeof DeckOpeningWireSchema, DeckOpeningWire>;
    deckProof: Agrees<typeof DeckProofWireSchema, DeckProofWire>;
    hand: Agrees<typeof HandViewWireSchema, HandViewWire>;
    tournament: Agrees<typeof TournamentViewWireSchema, TournamentViewWire>;
    view: Agrees<typeof TableViewSchema, TableView>;
    handChanges: Agrees<typeof HandChangesSchema, HandChanges>;
    private: Agrees<typeof TablePrivateSchema, TablePrivate>;
    update: Agrees<typeof TableUpdateSchema, TableUpdate>;
    noticeKind: MutuallyAssignable<z.infer<typeof NoticeKindSchema>, NoticeKind>;
    notice: Agrees<typeof TableNoticeSchema, TableNotice>;
    tournamentNotice: Agrees<typeof TournamentNoticeSchema, TournamentNotice>;
    systemError: Agrees<typeof SystemErrorSchema, SystemError>;
    protocolError: Agrees<typeof ProtocolErrorSchema, ProtocolError>;
    lobbyTable: Agrees<typeof LobbyTableSchema, LobbyTable>;
    lobbySnapshot: Agrees<typeof LobbySnapshotSchema, LobbySnapshot>;
    deferrable: Agrees<typeof DeferrableResultSchema, DeferrableResult>;
    chat: Agrees<typeof TableChatSchema, TableChat>;
  }>
>;

/** Every server event has a schema, and each schema agrees with the event's payload type. */
export type ServerEventSchemasAgree = Assert<
  AllAgree<{
    [E in keyof ServerToClientEvents]: E extends keyof typeof SERVER_EVENT_SCHEMAS
      ? Agrees<(typeof SERVER_EVENT_SCHEMAS)[E], ServerPayload<E>>
      : false;
  }>
>;

/** No schema for an event the server does not send. */
export type NoExtraServerEventSchemas = Assert<SameKeys<typeof SERVER_EVENT_SCHEMAS, ServerToClientEvents>>;

/** Every client event has an ack schema, and each agrees with the data type of its ack callback. */
export type AckSchemasAgree = Assert<
  AllAgree<{
    [E in keyof ClientToServerEvents]: E extends keyof typeof ACK_SCHEMAS
      ? MutuallyAssignable<z.infer<(typeof ACK_SCHEMAS)[E]>, Ack<AckData<E>>>
      : false;
  }>
>;

/** No ack schema for an event clients cannot send. */
export type NoExtraAckSchemas = Assert<SameKeys<typeof ACK_SCHEMAS, ClientToServerEvents>>;
