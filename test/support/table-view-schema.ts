import { z } from 'zod';
import { MoneyString } from '../../src/protocol/money-string.js';

/**
 * The exact shape of a table view, every object strict: a view carrying ANY field beyond these (a
 * deck, a salt, someone's cards under another name) fails. Tests parse every frame with it. (Which
 * salts a proof may carry is checked by the hidden-information test.)
 */
const Card = z.string().regex(/^[2-9TJQKA][cdhs]$/);
const Money = MoneyString;

/** Two hole cards in Hold'em, four in Omaha. */
const HoleCards = z.union([z.array(Card).length(2), z.array(Card).length(4)]);

const Stakes = z.strictObject({
  variant: z.enum(['NT', 'PO']),
  runItTwice: z.boolean(),
  smallBlind: Money,
  bigBlind: Money,
  ante: Money,
  chipUnit: Money,
  minBuyIn: Money,
  maxBuyIn: Money,
});

const SeatView = z.strictObject({
  seat: z.number().int(),
  player: z
    .strictObject({
      userId: z.string(),
      username: z.string(),
      stack: Money,
      status: z.enum(['reserved', 'active', 'waiting-for-big-blind', 'sitting-out', 'leaving']),
      connected: z.boolean(),
      timeBankMs: z.number().int().min(0),
      awayUntilMs: z.number().int().min(0).nullable(),
    })
    .nullable(),
});

const HandPlayer = z.strictObject({
  seat: z.number().int(),
  stack: Money,
  streetCommitted: Money,
  totalCommitted: Money,
  folded: z.boolean(),
  allIn: z.boolean(),
  holeCards: HoleCards.nullable(),
  lastAction: z
    .strictObject({
      kind: z.enum(['ante', 'blind', 'fold', 'check', 'call', 'bet', 'raise']),
      amount: Money.nullable(),
      allIn: z.boolean(),
      street: z.enum(['preflop', 'flop', 'turn', 'river']),
      index: z.number().int().min(0),
    })
    .nullable(),
});

const Hex32 = z.string().regex(/^[0-9a-f]{64}$/);

/** The end-of-hand deck proof: leaves, and openings of the cards the viewer saw, nothing more. */
const DeckProof = z.strictObject({
  scheme: z.literal('sha256-card-leaves-v1'),
  tableId: z.uuid(),
  handNumber: z.number().int().min(1),
  commitment: Hex32,
  leaves: z.array(Hex32).length(52),
  seats: z.array(z.number().int()).min(2).max(10),
  buttonSeat: z.number().int(),
  variant: z.literal('PO').optional(),
  board: z.array(Card).max(5),
  secondRun: z.array(Card).min(1).max(5).optional(),
  holeCards: z.array(z.strictObject({ seat: z.number().int(), cards: HoleCards })),
  openings: z.array(z.strictObject({ position: z.number().int().min(0).max(51), card: Card, salt: Hex32 })),
});

const Hand = z.strictObject({
  number: z.number().int().min(1),
  deckCommitment: z.string().regex(/^[0-9a-f]{64}$/),
  buttonSeat: z.number().int(),
  smallBlindSeat: z.number().int(),
  bigBlindSeat: z.number().int(),
  phase: z.enum(['preflop', 'flop', 'turn', 'river', 'complete']),
  board: z.array(Card).max(5),
  secondBoard: z.array(Card).length(5).nullable(),
  runout: z
    .strictObject({
      runItTwice: z.boolean(),
      deadlineMs: z.number(),
      decisions: z.array(z.strictObject({ seat: z.number().int(), agree: z.boolean().nullable() })),
    })
    .nullable(),
  equity: z
    .strictObject({
      players: z.array(
        z.strictObject({
          seat: z.number().int(),
          winPercent: z.number().min(0).max(100),
          tiePercent: z.number().min(0).max(100),
          sharePercent: z.number().min(0).max(100),
        }),
      ),
      pots: z.array(
        z.strictObject({
          amount: Money,
          shares: z.array(z.strictObject({ seat: z.number().int(), percent: z.number().min(0).max(100) })),
        }),
      ),
    })
    .nullable(),
  pot: Money,
  players: z.array(HandPlayer).min(2).max(10),
  toActSeat: z.number().int().nullable(),
  turn: z.number().int().min(0),
  clock: z
    .strictObject({
      seat: z.number().int(),
      deadlineMs: z.number(),
      timeBankDeadlineMs: z.number(),
      usingTimeBank: z.boolean(),
    })
    .nullable(),
  legal: z
    .strictObject({
      actions: z.array(z.enum(['fold', 'check', 'call', 'bet', 'raise', 'all-in'])),
      callAmount: Money.nullable(),
      betOrRaise: z.strictObject({ kind: z.enum(['bet', 'raise']), minTo: Money, maxTo: Money }).nullable(),
    })
    .nullable(),
  result: z
    .strictObject({
      pots: z.array(
        z.strictObject({
          amount: Money,
          rake: Money,
          winners: z.array(z.strictObject({ seat: z.number().int(), amount: Money })),
          runs: z
            .array(
              z.strictObject({
                amount: Money,
                winners: z.array(z.strictObject({ seat: z.number().int(), amount: Money })),
              }),
            )
            .length(2)
            .optional(),
        }),
      ),
      rake: Money,
      uncalled: z.strictObject({ seat: z.number().int(), amount: Money }).nullable(),
      shown: z.array(
        z.strictObject({
          seat: z.number().int(),
          cards: HoleCards,
          // The hand the cards make with the board: its name and its five cards, all public.
          hand: z.strictObject({ name: z.string(), cards: z.array(Card).length(5) }).nullable(),
        }),
      ),
    })
    .nullable(),
  proof: DeckProof.nullable(),
});

/** A tournament table's block: chips as amounts, ranks by seat, and the viewer's own rank. */
const Tournament = z.strictObject({
  tournamentId: z.string().min(1),
  level: z.number().int().min(1),
  smallBlind: Money,
  bigBlind: Money,
  ante: Money,
  levelEndsAtMs: z.number().int().min(0).nullable(),
  playersLeft: z.number().int().min(0).nullable(),
  averageStack: Money.nullable(),
  ranks: z.array(z.strictObject({ seat: z.number().int().min(1), rank: z.number().int().min(1) })),
  yourRank: z.number().int().min(1).nullable(),
  paused: z.enum(['hand-for-hand', 'break']).nullable(),
});

export const StrictTableView = z.strictObject({
  tableId: z.uuid(),
  seq: z.number().int().min(0),
  name: z.string(),
  stakes: Stakes,
  maxSeats: z.number().int(),
  status: z.enum(['running', 'waiting', 'halted', 'closing']),
  seats: z.array(SeatView),
  hand: Hand.nullable(),
  you: z.strictObject({ userId: z.string().nullable(), seat: z.number().int().nullable() }),
  serverTimeMs: z.number(),
  tournament: Tournament.optional(),
});
