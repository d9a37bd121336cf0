import type { EquityInput, EquityResult } from '../engine/equity.js';
import type { GameVariant } from '../engine/hand-types.js';
import type { ErrorCode } from '../errors/error-codes.js';
import type { Result } from '../errors/result.js';
import type { Money } from '../money/index.js';
import type { LobbyTable } from '../protocol/lobby.js';
import type { TableNotice } from '../protocol/notices.js';
import type { TablePrivate, TableUpdate } from '../protocol/table-update.js';
import type { TableStatusWire, TableView } from '../protocol/table-view.js';

/**
 * What a table actor needs from the outside world, as interfaces: the ledger (money), the
 * broadcaster (sockets), the observer (metrics) and the deck source (randomness). The actor imports
 * neither Prisma nor Socket.IO, and tests can substitute any of them.
 */

export interface SeatedStack {
  readonly seat: number;
  readonly stack: Money;
}

export interface HandSettlement {
  readonly tableId: string;
  readonly handNumber: number;
  readonly ownerEpoch: bigint;
  /** Every seat dealt into the hand with its stack after the hand. */
  readonly stacks: readonly SeatedStack[];
  readonly rake: Money;
  readonly deckCommitment: string;
  /** The 52 cards as text, in dealing order. */
  readonly deck: string;
  /** The 52 per-card salts, hex, concatenated in deck order (deck-commitment.ts). */
  readonly salt: string;
  /** PHH text. */
  readonly history: string;
  readonly result: unknown;
}

/** Who was dealt into a hand: what its record says, so its players find it in their history. */
export interface HandSeating {
  /** By position (first left of the button is 0). */
  readonly userIds: readonly string[];
  readonly seats: readonly number[];
  readonly buttonSeat: number;
  /** In chip units, by position. */
  readonly startingStacks: readonly number[];
  /** The game dealt: how many hole cards each position holds, for the proof of a voided hand. */
  readonly variant: GameVariant;
}

/** A hand about to be dealt: its record must exist before its commitment is published. */
export interface HandOpening {
  readonly tableId: string;
  readonly handNumber: number;
  readonly ownerEpoch: bigint;
  readonly deckCommitment: string;
  /** The 52 cards as text, in dealing order. */
  readonly deck: string;
  /** The 52 per-card salts, hex, concatenated in deck order (deck-commitment.ts). */
  readonly salt: string;
  readonly seating: HandSeating;
}

export interface HandVoid {
  readonly tableId: string;
  readonly handNumber: number;
  readonly ownerEpoch: bigint;
  readonly deckCommitment: string;
  /** The 52 cards as text, in dealing order. */
  readonly deck: string;
  /** The 52 per-card salts, hex, concatenated in deck order (deck-commitment.ts). */
  readonly salt: string;
  readonly reason: string;
}

export interface TableLedger {
  /** Wallet to escrow, and the seat holds `amount`. Fails if the seat is not free for this user. */
  buyIn(request: {
    tableId: string;
    seat: number;
    userId: string;
    amount: Money;
    reservationId: string;
  }): Promise<Result<{ stack: Money }>>;
  topUp(request: {
    tableId: string;
    seat: number;
    userId: string;
    amount: Money;
    requestId: string;
  }): Promise<Result<{ stack: Money }>>;
  /** Escrow to wallet for the seat's whole stack, and the seat is free. Idempotent per hand number. */
  cashOut(request: {
    tableId: string;
    seat: number;
    userId: string;
    handNumber: number;
  }): Promise<Result<{ amount: Money }>>;
  /**
   * Records a hand as dealt, before anyone sees its commitment: from then on its number ends in a
   * settled or a voided record, and is never dealt again (a new owner voids it if this one dies).
   */
  openHand(opening: HandOpening): Promise<Result<void>>;
  settleHand(settlement: HandSettlement): Promise<Result<void>>;
  /** Records a hand that was not played out (a fault): stacks stay as they were. Best effort. */
  voidHand(record: HandVoid): Promise<Result<void>>;
  /**
   * Records (or clears) a player's wish to leave at the end of the hand, so that a table restored
   * after a crash still cashes them out.
   */
  markLeaving(request: {
    tableId: string;
    seat: number;
    userId: string;
    leaving: boolean;
  }): Promise<Result<void>>;
}

/** What any table writes about its hands: the deal before it is shown, and a void. */
export type HandRecords = Pick<TableLedger, 'openHand' | 'voidHand'>;

/**
 * How a tournament table's hand ended, in tournament chips (whole numbers: chips are not money).
 * Only the players dealt into the hand appear.
 */
export interface TournamentHandReport {
  readonly tournamentId: string;
  readonly tableId: string;
  readonly handNumber: number;
  /** The seat that posted the big blind in this hand (the director moves the blinds on from it). */
  readonly bigBlindSeat: number;
  /** By user id: chips before the antes and blinds of the hand. */
  readonly stacksAtStart: Readonly<Record<string, number>>;
  /** By user id: chips after the hand. The sum equals that of stacksAtStart (no rake). */
  readonly stacksAfter: Readonly<Record<string, number>>;
  /**
   * Players left with no chips, larger stack at the start of the hand first (who finishes higher,
   * TDA); equal start stacks, in seat order, tie (stacksAtStart shows it). The table has unseated them.
   */
  readonly busted: readonly string[];
}

/** A settled tournament hand as it is recorded: the report, with the deck and the history. */
export interface TournamentHandRecord extends TournamentHandReport {
  readonly ownerEpoch: bigint;
  readonly deckCommitment: string;
  /** The 52 cards as text, in dealing order. */
  readonly deck: string;
  /** The 52 per-card salts, hex, concatenated in deck order (deck-commitment.ts). */
  readonly salt: string;
  /** PHH text. */
  readonly history: string;
  readonly result: unknown;
}

/** A tournament table between hands that will deal no hand until its director acts. */
export interface TournamentTableIdle {
  readonly tournamentId: string;
  readonly tableId: string;
  /** The last hand settled or voided here (0 before the first). */
  readonly handNumber: number;
  /** paused: pauseBetweenHands was asked, or it waits for dealHand; short-handed: fewer than two players with chips. */
  readonly reason: 'paused' | 'short-handed';
  readonly seats: readonly { readonly seat: number; readonly userId: string; readonly stack: number }[];
}

/**
 * The outside world of a tournament table, instead of the ledger: no money moves at it. Hands are
 * recorded as at a cash table (dealt, then settled or void, with the deck's proof), and the
 * director hears of every hand's end and of the table standing idle. The two notifications are
 * plain calls made from inside the table's turn: they must not wait for the table (queue any
 * command to it instead).
 */
export interface TournamentTablePort extends HandRecords {
  /**
   * Records a settled hand and its stacks. A failure halts the table (the stacks it would deal
   * on are unknown), as a failed settlement does at a cash table.
   */
  recordTournamentHand(record: TournamentHandRecord): Promise<Result<void>>;
  /** After each recorded hand. */
  handEnded(report: TournamentHandReport): void;
  /** Each time the table comes to stand idle (not again until it has dealt or been resumed). */
  tableIdle(idle: TournamentTableIdle): void;
}

/** The hand of a snapshot, as far as the players' own parts depend on it. */
export interface SnapshotHand {
  readonly number: number;
  readonly turn: number;
  readonly settled: boolean;
  /** The players dealt in, by position. */
  readonly userIds: readonly string[];
  /** Who must act now, if anyone. */
  readonly toActUserId: string | null;
}

/** A view of the table that renders itself for one viewer (null: a spectator without a session). */
export interface TableSnapshot {
  readonly tableId: string;
  readonly seq: number;
  readonly status: TableStatusWire;
  readonly hand: SnapshotHand | null;
  viewFor(userId: string | null): TableView;
  /** A dealt-in player's own part of the hand; null for anyone else. */
  privateFor(userId: string): TablePrivate | null;
}

/** What one change of a table sends: the public update, and the own parts that changed with it. */
export interface TablePublication {
  readonly snapshot: TableSnapshot;
  readonly update: TableUpdate;
  /** By user: only for the players whose own part changed at this seq. */
  readonly privates: ReadonlyMap<string, TablePrivate>;
}

export interface TableBroadcaster {
  publishUpdate(publication: TablePublication): void;
  /** To one user, or to everyone watching the table when userId is null. */
  publishNotice(tableId: string, userId: string | null, notice: TableNotice): void;
  publishSummary(summary: LobbyTable): void;
}

/** Money that moved between a wallet, a table, the house and the cashier (the kinds the metrics count). */
export type MoneyFlowKind = 'deposit' | 'withdrawal' | 'buy-in' | 'top-up' | 'cash-out' | 'rake';

export interface TableObserver {
  /** Chips moved by the ledger for a table: buy-ins, top-ups, cash-outs, rake. */
  moneyMoved(kind: MoneyFlowKind, amount: Money): void;
  handStarted(tableId: string): void;
  handSettled(tableId: string, settlementMs: number): void;
  actionApplied(tableId: string, latencyMs: number): void;
  mailboxDepth(tableId: string, depth: number): void;
  commandRejected(code: ErrorCode): void;
  tableHalted(tableId: string, reason: string): void;
}

export type { DealtDeck, DeckSource } from '../fairness/secure-deck.js';

/**
 * All-in equity, computed away from the table's own turn of the event loop (an exact preflop
 * enumeration takes tens of milliseconds): a worker thread in production, a plain call in tests.
 */
export type EquityCalculator = (input: EquityInput) => Promise<EquityResult>;

/**
 * An equity calculator's refusal by design (its queue or its CPU share is full): the table shows no
 * equity for that all-in, which is expected under load and not worth a warning each time.
 */
export class EquityDeclined extends Error {
  override readonly name = 'EquityDeclined';
}
