import { z } from 'zod';
import {
  Amount,
  AmountOut,
  IdempotencyKey,
  nameText,
  PositiveAmount,
  Timestamp,
  Uuid,
} from './http-common.js';
import { TournamentStructureSchema } from './tournament-structure.js';

/**
 * Tournaments over HTTP: the lobby and a player's registration (/api/tournaments), and their
 * administration (/api/admin/tournaments). Money (buy-in, fee, guarantee, prizes) is decimal
 * strings; tournament chips (stacks, blinds) are whole numbers, because they are not money.
 */

export const TOURNAMENT_STATUSES = ['registering', 'running', 'finished', 'cancelling', 'cancelled'] as const;
export type TournamentStatusWire = (typeof TOURNAMENT_STATUSES)[number];

export const TOURNAMENT_ENTRY_STATUSES = [
  'registered',
  'unregistered',
  'refunded',
  'playing',
  'eliminated',
  'finished',
  /** In play when the running tournament was cancelled: paid a share of the pool by chips. */
  'cancelled',
] as const;

/** A preset by name, or a custom structure. */
export const StructureChoice = z.union([z.enum(['turbo', 'regular', 'deep']), TournamentStructureSchema]);

export const CreateTournamentBody = z
  .strictObject({
    name: nameText(64, { trim: true }),
    /** SNG: starts when `maxEntrants` have registered. MTT: starts at `scheduledStart`. */
    kind: z.enum(['SNG', 'MTT']),
    /** "NT" No-Limit Hold'em (the default) or "PO" Pot-Limit Omaha. */
    variant: z.enum(['NT', 'PO']).optional(),
    /** Into the prize pool, per entry. */
    buyIn: PositiveAmount,
    /** To the house, per entry ("0" for a freeroll's fee). */
    fee: Amount,
    /** The least prize pool; the house pays any overlay. Default "0". */
    guarantee: Amount.optional(),
    /** The money unit prizes are rounded down to (default "0.01"). */
    chipUnit: PositiveAmount.optional(),
    structure: StructureChoice,
    /** Seats per table, 2 to 10. */
    tableSize: z.number().int().min(2).max(10),
    /** MTT: fewer registered at the start cancels it (refunds). SNG: ignored (it starts when full). */
    minEntrants: z.number().int().min(2).max(1_000_000).optional(),
    maxEntrants: z.number().int().min(2).max(1_000_000),
    /** 1 (the default): a freezeout. More: re-entries during late registration. */
    maxEntriesPerPlayer: z.number().int().min(1).max(100).optional(),
    /** MTT only, and required there. */
    scheduledStart: Timestamp.optional(),
    /** MTT: registration stays open until this level ends (0 or absent: it closes at the start). */
    lateRegistrationLevels: z.number().int().min(0).max(200).optional(),
  })
  .meta({ id: 'CreateTournamentRequest' });
export type CreateTournamentBody = z.input<typeof CreateTournamentBody>;

export const TournamentParams = z.strictObject({ id: Uuid });

/** Register or unregister: the key makes a retried request do nothing more. */
export const TournamentRegistrationBody = z
  .strictObject({ requestId: IdempotencyKey })
  .meta({ id: 'TournamentRegistrationRequest' });
export type TournamentRegistrationBody = z.infer<typeof TournamentRegistrationBody>;

export const TournamentSummaryOut = z
  .object({
    id: Uuid,
    name: z.string(),
    kind: z.enum(['SNG', 'MTT']),
    variant: z.enum(['NT', 'PO']),
    status: z.enum(TOURNAMENT_STATUSES),
    buyIn: AmountOut,
    fee: AmountOut,
    guarantee: AmountOut,
    chipUnit: AmountOut,
    tableSize: z.number().int(),
    minEntrants: z.number().int(),
    maxEntrants: z.number().int(),
    maxEntriesPerPlayer: z.number().int(),
    /** Entries bought and not refunded (re-entries count). */
    entries: z.number().int(),
    /** Players still in (equal to entries before the start). */
    playersLeft: z.number().int(),
    /** What the prize pool holds now, or will at least hold (the guarantee). */
    prizePool: AmountOut,
    startingStack: z.number().int(),
    structureName: z.string(),
    scheduledStart: Timestamp.nullable(),
    lateRegistrationLevels: z.number().int(),
    startedAt: Timestamp.nullable(),
    endedAt: Timestamp.nullable(),
    createdAt: Timestamp,
  })
  .meta({ id: 'TournamentSummary' });
export type TournamentSummaryOut = z.infer<typeof TournamentSummaryOut>;

export const TournamentListResponse = z.object({ tournaments: z.array(TournamentSummaryOut) });
export type TournamentListResponse = z.infer<typeof TournamentListResponse>;

export const TournamentEntrantOut = z.object({
  username: z.string(),
  entryNumber: z.number().int(),
  status: z.enum(TOURNAMENT_ENTRY_STATUSES),
  /** Tournament chips while playing; null otherwise. */
  stack: z.number().int().nullable(),
  /** The table (a table id for `table:join`) while playing. */
  tableId: Uuid.nullable(),
  place: z.number().int().nullable(),
  /** Prize and deal share together, once paid. */
  prize: AmountOut.nullable(),
});
export type TournamentEntrantOut = z.infer<typeof TournamentEntrantOut>;

export const TournamentLiveOut = z.object({
  /** 1-based level number; during a break, the level before it. */
  level: z.number().int(),
  onBreak: z.boolean(),
  smallBlind: z.number().int(),
  bigBlind: z.number().int(),
  ante: z.number().int(),
  /** When the level or break ends; null when the last level goes on. */
  levelEndsAt: Timestamp.nullable(),
  averageStack: z.number().int(),
  handForHand: z.boolean(),
  tables: z.array(z.object({ tableId: Uuid, players: z.number().int() })),
});
export type TournamentLiveOut = z.infer<typeof TournamentLiveOut>;

export const TournamentDetailResponse = z
  .object({
    tournament: TournamentSummaryOut,
    structure: TournamentStructureSchema,
    /** Prize by place (1 first): fixed once registration closes, projected from the entries before. */
    payouts: z.array(z.object({ place: z.number().int(), amount: AmountOut })),
    /** Best first: standing players by stack, then finishers by place; at most 1,000. */
    entrants: z.array(TournamentEntrantOut),
    live: TournamentLiveOut.nullable(),
    /** The signed-in player's own entries (null when not signed in). */
    you: z
      .object({
        entries: z.array(TournamentEntrantOut),
        canRegister: z.boolean(),
        canUnregister: z.boolean(),
      })
      .nullable(),
  })
  .meta({ id: 'TournamentDetail' });
export type TournamentDetailResponse = z.infer<typeof TournamentDetailResponse>;

export const TournamentRegistrationResponse = z
  .object({
    tournamentId: Uuid,
    entryNumber: z.number().int(),
    status: z.enum(TOURNAMENT_ENTRY_STATUSES),
    buyIn: AmountOut,
    fee: AmountOut,
    walletBalance: AmountOut,
  })
  .meta({ id: 'TournamentRegistration' });
export type TournamentRegistrationResponse = z.infer<typeof TournamentRegistrationResponse>;

export const TournamentResponse = z.object({ tournament: TournamentSummaryOut });
export type TournamentResponse = z.infer<typeof TournamentResponse>;

/**
 * Deals at the final table (POST /api/tournaments/:id/deal, then .../deal/answer). A player still
 * in proposes; dealing stops once the hand in play ends; the offers are then computed from the
 * stacks (`open`), each player's amount under both methods; every player answers once. The deal is
 * paid when all accept the same method; a decline, answers that differ, or the time running out
 * resumes play.
 */
export const DEAL_METHODS = ['icm', 'chip-chop'] as const;
export type DealMethod = (typeof DEAL_METHODS)[number];

export const TournamentDealProposeBody = z
  .strictObject({
    /** Left out of the deal, for the winner of the rest (taken off first prize); 0 by default. */
    leftToPlayFor: Amount.optional(),
  })
  .meta({ id: 'TournamentDealProposeBody' });
export type TournamentDealProposeBody = z.infer<typeof TournamentDealProposeBody>;

export const TournamentDealAnswerBody = z
  .strictObject({
    /** The offer answered: an answer to an older offer is refused (`tournament/deal-stale`). */
    offerId: Uuid,
    answer: z.enum([...DEAL_METHODS, 'decline']),
  })
  .meta({ id: 'TournamentDealAnswerBody' });
export type TournamentDealAnswerBody = z.infer<typeof TournamentDealAnswerBody>;

export const DEAL_STATUSES = ['waiting-for-hand', 'open', 'agreed', 'declined', 'expired'] as const;

export const TournamentDealOut = z
  .object({
    offerId: Uuid,
    status: z.enum(DEAL_STATUSES),
    proposedBy: Uuid,
    leftToPlayFor: AmountOut,
    /** What the deal pays in all; null until the offers are open. */
    dealt: AmountOut.nullable(),
    /** Answers are taken until then. */
    expiresAt: Timestamp,
    /** The method agreed, once agreed. */
    method: z.enum(DEAL_METHODS).nullable(),
    players: z.array(
      z.object({
        userId: Uuid,
        username: z.string(),
        stack: z.number().int(),
        /** This player's amount under each method; null until the offers are open. */
        chipChop: AmountOut.nullable(),
        icm: AmountOut.nullable(),
        answer: z.enum([...DEAL_METHODS, 'decline']).nullable(),
      }),
    ),
  })
  .meta({ id: 'TournamentDealOut' });
export type TournamentDealOut = z.infer<typeof TournamentDealOut>;

export const TournamentDealResponse = z.object({ deal: TournamentDealOut.nullable() });
export type TournamentDealResponse = z.infer<typeof TournamentDealResponse>;
