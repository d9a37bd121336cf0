import { type Card, cardToString } from '../engine/cards.js';
import { nameHand } from '../engine/hand-name.js';
import type { GameVariant, HandResult, HandView, LegalActions, Viewer } from '../engine/hand-types.js';
import type { CommittedDeck } from '../fairness/deck-commitment.js';
import { buildDeckProof } from '../fairness/deck-proof.js';
import type { ActionKindWire } from '../protocol/client-payloads.js';
import type { TablePrivate } from '../protocol/table-update.js';
import type {
  ActionClockView,
  DeckProofWire,
  EquityWire,
  HandResultWire,
  HandViewWire,
  LastActionWire,
  LegalActionsWire,
  RunoutWire,
  SeatStatusWire,
  SeatView,
  ShownHandWire,
  TableStakes,
  TableStatusWire,
  TableView,
  TournamentViewWire,
} from '../protocol/table-view.js';
import type { HandEngine } from './hand-engine.js';
import type { HandSeating } from './hand-seating.js';
import { type LastAction, lastActionsOf } from './last-actions.js';
import { type TableConfig, unitsToWire } from './table-config.js';
import type { TableSnapshot } from './table-ports.js';
import { type LiveHand, type RunoutEquity, type SeatState, seatStatusOf } from './table-state.js';
import type { TournamentTableState } from './tournament-state.js';

/**
 * A frozen copy of a table at one sequence number, which renders itself for each viewer. The hand
 * part goes through the engine's viewFor and nothing else, so what a viewer may not see cannot get
 * into a view. The committed deck (with its salts) is referenced only once the hand is settled, and
 * then only to open the places of the cards that viewer's engine view already shows (deck-proof.ts).
 */

interface SeatCopy {
  readonly seat: number;
  readonly userId: string;
  readonly username: string;
  readonly stack: number;
  readonly status: SeatStatusWire;
  readonly connected: boolean;
  readonly timeBankMs: number;
  readonly awayUntilMs: number | null;
}

interface HandCopy {
  readonly number: number;
  readonly commitment: string;
  readonly seating: HandSeating;
  readonly userIds: readonly string[];
  /** Set only for a settled hand: the source of the end-of-hand proofs. */
  readonly settledDeck: CommittedDeck | null;
  readonly state: LiveHand['state'];
  readonly turn: number;
  readonly clock: ActionClockView | null;
  readonly runout: RunoutCopy | null;
  /** Each position's latest post or action, from the hand's events. */
  readonly lastActions: readonly (LastAction | null)[];
}

/** The runout as of this snapshot: decisions copied, equity shared (it is never changed, only replaced). */
interface RunoutCopy {
  readonly deadlineMs: number;
  readonly runItTwice: boolean;
  readonly decisions: ReadonlyMap<number, boolean>;
  readonly equity: RunoutEquity | null;
}

export interface SnapshotSource {
  readonly config: TableConfig;
  readonly engine: HandEngine;
  /** The stakes shown (a tournament table's are its level's). */
  readonly stakes: TableStakes;
  /** A tournament table's own state; null at a cash table. */
  readonly tournament: TournamentTableState | null;
  readonly seq: number;
  readonly status: TableStatusWire;
  /** Whether a game is in progress: a seat then waits for the big blind (seatStatusOf). */
  readonly gameInProgress: boolean;
  readonly serverTimeMs: number;
  readonly seats: Iterable<SeatState>;
  readonly hand: LiveHand | null;
}

/** A tournament's block as of the snapshot, before the viewer's own rank is set. */
function copyTournament(
  config: TableConfig,
  tournament: TournamentTableState,
  seats: readonly SeatCopy[],
): TournamentViewWire {
  const { level, info } = tournament;
  const chips = (units: number) => unitsToWire(units, config);
  const ranks: { seat: number; rank: number }[] = [];
  for (const seat of seats) {
    const rank = info?.ranks.get(seat.userId);
    if (rank !== undefined) ranks.push({ seat: seat.seat, rank });
  }
  ranks.sort((a, b) => a.seat - b.seat);
  return {
    tournamentId: tournament.tournamentId,
    level: level.level,
    smallBlind: chips(level.smallBlind),
    bigBlind: chips(level.bigBlind),
    ante: chips(level.ante),
    levelEndsAtMs: info?.levelEndsAtMs ?? null,
    playersLeft: info?.playersLeft ?? null,
    averageStack: info ? chips(info.averageStack) : null,
    ranks,
    yourRank: null,
    paused: tournament.pause,
  };
}

export function takeSnapshot(source: SnapshotSource): TableSnapshot {
  const { config, engine, seq, status, serverTimeMs, stakes } = source;
  const seats: SeatCopy[] = [];
  for (const seat of source.seats) {
    seats.push({
      seat: seat.seat,
      userId: seat.userId,
      username: seat.username,
      stack: seat.stack,
      status: seatStatusOf(seat, source.gameInProgress),
      connected: seat.connected,
      timeBankMs: seat.timeBankMs,
      awayUntilMs: seat.awayUntilMs,
    });
  }
  const tournament = source.tournament && copyTournament(config, source.tournament, seats);
  const live = source.hand;
  const hand: HandCopy | null = live && {
    number: live.number,
    commitment: live.committed.commitment,
    seating: live.seating,
    userIds: live.userIds,
    settledDeck: live.settled ? live.committed : null,
    state: live.state,
    turn: live.turn,
    clock: live.clock && {
      seat: live.clock.seat,
      deadlineMs: live.clock.deadlineMs,
      timeBankDeadlineMs: live.clock.timeBankDeadlineMs,
      usingTimeBank: live.clock.usingTimeBank,
    },
    runout: live.runout && {
      deadlineMs: live.runout.deadlineMs,
      runItTwice: live.runout.runItTwice,
      decisions: new Map(live.runout.decisions),
      equity: live.runout.equity,
    },
    lastActions: lastActionsOf(live.events, live.userIds.length),
  };
  const cache = new Map<string | null, TableView>();
  const viewFor = (userId: string | null): TableView => {
    let view = cache.get(userId);
    if (!view) {
      view = renderView(
        { config, engine, stakes, seq, status, serverTimeMs, seats, hand, tournament },
        userId,
      );
      cache.set(userId, view);
    }
    return view;
  };
  const toAct = hand && live ? engine.playerToAct(live.state) : null;
  return {
    tableId: config.tableId,
    seq,
    status,
    hand: hand && {
      number: hand.number,
      turn: hand.turn,
      settled: hand.settledDeck !== null,
      userIds: hand.userIds,
      toActUserId: toAct === null ? null : (hand.userIds[toAct] ?? null),
    },
    viewFor,
    privateFor(userId) {
      const position = hand ? hand.userIds.indexOf(userId) : -1;
      if (!hand || position < 0) return null;
      // By position, not by the seats: a player who left after the hand still owns their part of it.
      return renderPrivate(config, engine, hand, position);
    },
  };
}

/**
 * A dealt-in player's own part, from the engine's view for that player (which fails closed), as
 * their whole view would carry it. Only this part is rendered: it goes out at the deal, at each of
 * their turns and at the end, and a whole view per turn was most of the work of a publication.
 */
function renderPrivate(
  config: TableConfig,
  engine: HandEngine,
  hand: HandCopy,
  position: number,
): TablePrivate | null {
  const seat = hand.seating.positions[position]!;
  const view = engine.viewFor(hand.state, { kind: 'player', player: position });
  const player = view.players.find((candidate) => candidate.seat === seat);
  if (!player) return null;
  return {
    handNumber: hand.number,
    seat,
    turn: hand.turn,
    holeCards: player.holeCards ? player.holeCards.map(cardToString) : null,
    legal: view.legal && renderLegal(view.legal, (units) => unitsToWire(units, config)),
    proof: proofFor(config, hand, view),
  };
}

/** The end-of-hand proof of the cards a view shows, once the hand is settled; null before. */
function proofFor(config: TableConfig, hand: HandCopy, view: HandView): DeckProofWire | null {
  if (!hand.settledDeck || view.phase !== 'complete') return null;
  return buildDeckProof(hand.settledDeck, {
    tableId: config.tableId,
    handNumber: hand.number,
    variant: view.variant,
    seats: hand.seating.positions,
    buttonSeat: hand.seating.buttonSeat,
    board: view.board,
    secondBoard: view.secondBoard,
    holeCards: view.players.map((player) => player.holeCards),
  });
}

/** Everything of a snapshot a view is rendered from. */
interface ViewSource {
  readonly config: TableConfig;
  readonly engine: HandEngine;
  readonly stakes: TableStakes;
  readonly seq: number;
  readonly status: TableStatusWire;
  readonly serverTimeMs: number;
  readonly seats: readonly SeatCopy[];
  readonly hand: HandCopy | null;
  readonly tournament: TournamentViewWire | null;
}

function renderView(source: ViewSource, userId: string | null): TableView {
  const { config, engine, stakes, seq, status, serverTimeMs, seats, hand, tournament } = source;
  const ownSeat = userId === null ? null : (seats.find((seat) => seat.userId === userId)?.seat ?? null);
  const seatViews: SeatView[] = [];
  for (let number = 1; number <= config.maxSeats; number++) {
    const seat = seats.find((candidate) => candidate.seat === number);
    seatViews.push({
      seat: number,
      player: seat
        ? {
            userId: seat.userId,
            username: seat.username,
            stack: unitsToWire(seat.stack, config),
            status: seat.status,
            connected: seat.connected,
            timeBankMs: seat.timeBankMs,
            awayUntilMs: seat.awayUntilMs,
          }
        : null,
    });
  }
  return {
    tableId: config.tableId,
    seq,
    name: config.name,
    stakes,
    maxSeats: config.maxSeats,
    status,
    seats: seatViews,
    hand: hand && renderHand(config, engine, hand, userId),
    you: { userId, seat: ownSeat },
    serverTimeMs,
    ...(tournament && {
      tournament: {
        ...tournament,
        yourRank: tournament.ranks.find((entry) => entry.seat === ownSeat)?.rank ?? null,
      },
    }),
  };
}

function renderHand(
  config: TableConfig,
  engine: HandEngine,
  hand: HandCopy,
  userId: string | null,
): HandViewWire {
  const position = userId === null ? -1 : hand.userIds.indexOf(userId);
  const viewer: Viewer = position >= 0 ? { kind: 'player', player: position } : { kind: 'spectator' };
  const view: HandView = engine.viewFor(hand.state, viewer);
  const seatAt = (player: number) => hand.seating.positions[player]!;
  const money = (units: number) => unitsToWire(units, config);
  return {
    number: hand.number,
    deckCommitment: hand.commitment,
    buttonSeat: hand.seating.buttonSeat,
    smallBlindSeat: hand.seating.smallBlindSeat,
    bigBlindSeat: hand.seating.bigBlindSeat,
    phase: view.phase,
    board: view.board.map(cardToString),
    secondBoard: view.secondBoard ? view.secondBoard.map(cardToString) : null,
    runout: hand.runout && renderRunout(hand.runout, view, seatAt),
    equity: hand.runout?.equity ? renderEquity(hand.runout.equity, seatAt, money) : null,
    pot: money(view.potTotal),
    players: view.players.map((player, index) => ({
      seat: player.seat,
      stack: money(player.stack),
      streetCommitted: money(player.streetCommitted),
      totalCommitted: money(player.totalCommitted),
      folded: player.folded,
      allIn: player.allIn,
      holeCards: player.holeCards ? player.holeCards.map(cardToString) : null,
      lastAction: lastActionWire(hand.lastActions[index] ?? null, money),
    })),
    toActSeat: view.toAct === null ? null : seatAt(view.toAct),
    turn: hand.turn,
    clock: view.phase === 'complete' ? null : hand.clock,
    legal: view.legal && renderLegal(view.legal, money),
    result: view.result && renderResult(view.result, view.variant, view.board, seatAt, money),
    proof: proofFor(config, hand, view),
  };
}

/** The runout's deadline and, where the table allows running it twice, each player's answer. */
function renderRunout(runout: RunoutCopy, view: HandView, seatAt: (player: number) => number): RunoutWire {
  const decisions: { seat: number; agree: boolean | null }[] = [];
  if (runout.runItTwice) {
    view.players.forEach((player, position) => {
      if (!player.folded)
        decisions.push({ seat: seatAt(position), agree: runout.decisions.get(position) ?? null });
    });
  }
  return { runItTwice: runout.runItTwice, deadlineMs: runout.deadlineMs, decisions };
}

function renderEquity(
  equity: RunoutEquity,
  seatAt: (player: number) => number,
  money: (units: number) => string,
): EquityWire {
  const rounded = (percent: number) => Math.round(percent * 10) / 10;
  return {
    players: equity.players.map((player) => ({
      seat: seatAt(player.position),
      winPercent: rounded(player.winPercent),
      tiePercent: rounded(player.tiePercent),
      sharePercent: rounded(player.sharePercent),
    })),
    pots: equity.pots.map((pot) => ({
      amount: money(pot.amount),
      shares: pot.shares.map((share) => ({ seat: seatAt(share.position), percent: rounded(share.percent) })),
    })),
  };
}

export function renderLegal(legal: LegalActions, money: (units: number) => string): LegalActionsWire {
  const actions: ActionKindWire[] = [];
  if (legal.canFold) actions.push('fold');
  if (legal.canCheck) actions.push('check');
  if (legal.callAmount !== null) actions.push('call');
  if (legal.betOrRaise) actions.push(legal.betOrRaise.kind);
  // All-in is a bet or raise of the whole stack, or a call that takes the whole stack: when raising
  // is closed (a short all-in did not reopen it) and the stack covers the call, it is not offered.
  if (legal.canAllIn) actions.push('all-in');
  return {
    actions,
    callAmount: legal.callAmount === null ? null : money(legal.callAmount),
    betOrRaise: legal.betOrRaise && {
      kind: legal.betOrRaise.kind,
      minTo: money(legal.betOrRaise.minTo),
      maxTo: money(legal.betOrRaise.maxTo),
    },
  };
}

function lastActionWire(action: LastAction | null, money: (units: number) => string): LastActionWire | null {
  return (
    action && {
      kind: action.kind,
      amount: action.units === null ? null : money(action.units),
      allIn: action.allIn,
      street: action.street,
      index: action.index,
    }
  );
}

function renderResult(
  result: HandResult,
  variant: GameVariant,
  board: readonly Card[],
  seatAt: (player: number) => number,
  money: (units: number) => string,
): HandResultWire {
  const shown: ShownHandWire[] = [];
  result.shown.forEach((cards, player) => {
    if (!cards) return;
    const named = nameHand(variant, cards, board);
    shown.push({
      seat: seatAt(player),
      cards: cards.map(cardToString),
      hand: named && { name: named.name, cards: named.best.map(cardToString) },
    });
  });
  return {
    pots: result.pots.map((pot) => ({
      amount: money(pot.amount),
      rake: money(pot.rake),
      winners: pot.winners.map((share) => ({ seat: seatAt(share.player), amount: money(share.amount) })),
      ...(pot.runs && {
        runs: pot.runs.map((run) => ({
          amount: money(run.amount),
          winners: run.winners.map((share) => ({ seat: seatAt(share.player), amount: money(share.amount) })),
        })),
      }),
    })),
    rake: money(result.rakeTotal),
    uncalled: result.uncalled && {
      seat: seatAt(result.uncalled.player),
      amount: money(result.uncalled.amount),
    },
    shown,
  };
}
