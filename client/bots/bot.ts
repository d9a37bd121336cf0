import { randomBytes } from 'node:crypto';
import { Money } from '../../src/money/index.js';
import type { TableNotice, TournamentNotice } from '../../src/protocol/notices.js';
import type { TableUpdate } from '../../src/protocol/table-update.js';
import type {
  HandViewWire,
  LegalActionsWire,
  SeatPlayerView,
  TableView,
} from '../../src/protocol/table-view.js';
import { TableViewAssembler, type UpdateOutcome } from '../../src/protocol/table-view-assembler.js';
import { type ApiClient, ApiError } from './api-client.js';
import { type BotSocket, ConnectError, connectSocket, emitWithAck } from './bot-socket.js';
import type { BotOptions } from './cli-args.js';
import type { AckedEventName, AckOf, MessageValidator } from './message-validator.js';
import { type Random, randomInt } from './random.js';
import type { RunStats } from './run-stats.js';
import { decisionContextOf, type Strategy } from './strategies.js';
import type { TableCrew } from './table-crew.js';

/**
 * One bot: a real user going through the real API and a real Socket.IO connection. It registers,
 * gets chips from the cashier, sits at its crew's table with a buy-in, plays the legal actions its
 * view offers with its strategy, comes back (top-up, sit in) when it busts or is sat out, survives
 * being disconnected, and cashes out at the end. Every wait is bounded.
 *
 * In a tournament (plan.tournament) it buys an entry instead (HTTP), and the tournament seats it:
 * on each `tournament:notice` seated/moved it watches that table (`table:join`, `table:part` of the
 * old one) and plays there, with no buy-in, top-up or leave; it is done when eliminated (or when it
 * wins, or the tournament is cancelled).
 *
 * Its view of the table is kept as a browser keeps it: whole views from the acks of table:join,
 * table:sit, table:sit-in and table:sync, moved on by the `table:update` messages in between
 * (TableViewAssembler). It decides each move from that view, never from the ack of its action
 * (which carries nothing).
 */

const ACT_ACK_TIMEOUT_MS = 10_000;
/** A sit waits for the buy-in's ledger transaction, which the server bounds by its reservation (15 s by default). */
const SIT_ACK_TIMEOUT_MS = 30_000;
const ACK_TIMEOUT_MS = 15_000;
const CONNECT_TIMEOUT_MS = 10_000;
/** Top-ups a bot may take after busting; its deposit covers them all. */
const TOP_UPS_MAX = 20;
/** How often a bot agrees to run the board twice. */
const RUN_TWICE_AGREE_RATE = 0.7;
/** Refusals of a run-it-twice answer that only mean it came after the board ran out. */
const LATE_ANSWER_CODES: ReadonlySet<string> = new Set(['table/no-runout', 'table/wrong-deal']);
const COME_BACKS_MAX = 10;
const LEAVE_ATTEMPTS_MAX = 5;
const SIT_ATTEMPTS_MAX = 8;
/** Refusals of a sit that may pass a moment later: the bot sits again (each one is still counted). */
const SIT_AGAIN_AFTER: ReadonlySet<string> = new Set([
  'table/mailbox-full',
  'ledger/failed',
  'table/not-found',
  'cluster/owner-unreachable',
]);
/** Retries of one turn after a refused action, before the bot falls back to check-or-fold. */
const TURN_RETRIES_MAX = 2;
/**
 * cluster/owner-unreachable: the node that runs the table did not answer (it may be moving to
 * another node). A table command is tried this many times in all, a short pause apart; an action
 * is sent once more, and only if the turn is still ours.
 */
const OWNER_TRIES_MAX = 3;
const OWNER_BACKOFF_MIN_MS = 200;
const OWNER_BACKOFF_MAX_MS = 500;
/**
 * Whole views asked for in a row to cover one gap. An update can overtake the sync's answer (its
 * view is rendered first): the assembler drops that update while the answer is on its way, so the
 * answer may still be older than an update already seen, and the bot asks again (as the web
 * client does). Without this, the bot would wait for an update that has already gone by.
 */
const SYNC_TRIES_MAX = 3;

export interface RunClock {
  now(): number;
  /** After this, every bot leaves its table. */
  readonly playUntilMs: number;
}

/** What a bot needs of the HTTP API. */
export type BotApi = Pick<ApiClient, 'baseUrl' | 'register' | 'deposit' | 'wallet'>;

export interface BotContext {
  /** One client per server URL (options.urls, in the same order): bot i uses number i mod n. */
  readonly apis: readonly BotApi[];
  readonly options: BotOptions;
  readonly stats: RunStats;
  readonly validator: MessageValidator;
  readonly cashierToken: string;
  /** The admin's session, when the run has one: bots register under it (no per-address limit). */
  readonly adminToken: string | null;
  readonly clock: RunClock;
}

interface BotPlanBase {
  readonly index: number;
  readonly random: Random;
  readonly strategy: Strategy;
  /** Storm: after this many hands of its table, the bot drops its connection once (null: never). */
  readonly dropAfterHands: number | null;
}

/** A cash game: the bot sits at its crew's table with a buy-in. */
interface CashPlan extends BotPlanBase {
  readonly crew: TableCrew;
  readonly seat: number;
  readonly buyIn: string;
  readonly tournament?: undefined;
}

/** What a tournament bot needs of the HTTP API, besides BotApi. */
export type TournamentApi = Pick<ApiClient, 'registerTournament' | 'tournament'>;

/** A tournament: the bot buys an entry and plays wherever the tournament seats it. */
export interface TournamentPlan {
  readonly id: string;
  /** Buy-in and fee together: exactly what the cashier deposits. */
  readonly cost: string;
  readonly api: TournamentApi;
  /** The crew of a table of the tournament (one per table, shared by the bots seated there). */
  crewFor(tableId: string): TableCrew;
}

interface TournamentBotPlan extends BotPlanBase {
  readonly tournament: TournamentPlan;
  readonly crew?: undefined;
  readonly seat?: undefined;
  readonly buyIn?: undefined;
}

export type BotPlan = CashPlan | TournamentBotPlan;

/** How a tournament ended for a bot. */
export interface TournamentOutcome {
  readonly kind: 'eliminated' | 'finished' | 'cancelled';
  readonly place: number | null;
  /** Decimal string, "0" out of the money; null when cancelled. */
  readonly prize: string | null;
}

type BotState = 'new' | 'ready' | 'playing' | 'leaving' | 'done' | 'failed';

/** One turn of one hand: what a decision and an action are for. */
/** A moment of a hand: which deal (its deck commitment), which hand number, which turn. */
interface TurnRef {
  readonly deckCommitment: string;
  readonly handNumber: number;
  readonly turn: number;
}

interface PendingAction extends TurnRef {
  readonly sentAtMs: number;
  broadcastSeen: boolean;
}

class BotFailure extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** Whether the hand is at that turn (compared field by field: this runs for every update). */
function isAt(ref: TurnRef | null, hand: HandViewWire | null): boolean {
  return (
    ref !== null &&
    hand !== null &&
    ref.deckCommitment === hand.deckCommitment &&
    ref.handNumber === hand.number &&
    ref.turn === hand.turn
  );
}

/** Whether the view offers its viewer a move (the cheap test; decisionContextOf builds the rest). */
function isOurTurn(view: TableView): boolean {
  const hand = view.hand;
  return (
    hand !== null &&
    view.you.seat !== null &&
    hand.toActSeat === view.you.seat &&
    hand.legal !== null &&
    hand.legal.actions.length > 0
  );
}

const OWNER_UNREACHABLE = 'cluster/owner-unreachable';
/**
 * A tournament bot with no seat in its view (not seated yet, or out or moved without the notice)
 * asks the tournament where it is after this long, then again as long as it stays so.
 */
const TOURNAMENT_CHECK_MS = 10_000;
/**
 * The tournament's page shows the director's saved state, which is saved BEFORE its commands run
 * (seat, move, pay, then notify): for a moment it is ahead of the notice on its way. What it shows
 * is a missed notice only if it still shows it this long after, with no notice in between.
 */
const TOURNAMENT_NOTICE_GRACE_MS = 5_000;
/** After its last notice, a bot stays this long for the table's last update (the hand's result). */
const TOURNAMENT_LINGER_MS = 500;

export class Bot {
  readonly username: string;
  private readonly password = randomBytes(18).toString('base64url');
  private token: string | null = null;
  state: BotState = 'new';
  failure: string | null = null;

  /** Chips the cashier put in this bot's wallet. */
  deposited = new Money(0);
  private walletLeft = new Money(0);
  /** The wallet balance after the bot left (or gave up), read from GET /api/wallet. */
  finalWallet: Money | null = null;
  /** Chips the bot still has at its table at the end (it could not cash out). */
  chipsAtTable = new Money(0);

  private readonly api: BotApi;
  /** The crew of the table it plays at (a tournament moves it; null before it is seated). */
  private crewNow: TableCrew | null;
  /** The tournament's last word for this bot; null while it plays. */
  tournamentOutcome: TournamentOutcome | null = null;
  /** What the tournament's page showed at the last check that no notice had told us yet. */
  private noticeAwaited: string | null = null;
  /** Whether its tournament entry was bought. */
  entered = false;
  private socket: BotSocket | null = null;
  /** The table as this bot sees it; replaced once the bot knows its user id. */
  private table = new TableViewAssembler(null);
  /** The newest seq seen in an update that did not fit: a sync must bring a view at least this new. */
  private neededSeq = -1;
  private seat: number;
  private pending: PendingAction | null = null;
  private thinkTimer: NodeJS.Timeout | null = null;
  private thinking: TurnRef | null = null;
  /** The turn whose action was refused, and how many times. */
  private refusedTurn: TurnRef | null = null;
  private refusals = 0;
  private resyncing = false;
  private reconnecting = false;
  private dropping = false;
  private dropped = false;
  private comingBack = false;
  private comeBacks = 0;
  private topUps = 0;
  /** The deal (its deck commitment) whose run-it-twice question we answered. */
  private runTwiceAnswered: string | null = null;
  private leaveInFlight = false;
  private leaveAttempts = 0;
  private leaveDeferred = false;
  private readonly timers = new Set<NodeJS.Timeout>();
  private settle: () => void = () => {};
  /** Resolves when the bot is done (cashed out) or has failed. */
  readonly finished: Promise<void>;

  constructor(
    private readonly context: BotContext,
    private readonly plan: BotPlan,
  ) {
    this.username = `${context.options.namePrefix}_${plan.index}`;
    this.api = context.apis[plan.index % context.apis.length]!;
    this.seat = plan.seat ?? 0;
    this.crewNow = plan.crew ?? null;
    this.finished = new Promise((resolve) => {
      this.settle = resolve;
    });
  }

  /** The table it plays at ("" for a tournament bot not seated yet: it sends no table command then). */
  get tableId(): string {
    return this.crewNow?.tableId ?? '';
  }

  /** A cash bot's crew (it never changes). */
  get crew(): TableCrew {
    if (!this.crewNow) throw new Error('a tournament bot has no crew of its own');
    return this.crewNow;
  }

  private get cashBuyIn(): string {
    if (this.plan.buyIn === undefined) throw new Error('a tournament bot has no buy-in of its own');
    return this.plan.buyIn;
  }

  get plansToDrop(): boolean {
    return this.plan.dropAfterHands !== null;
  }

  /** The latest view of the table (null before the first, and while reconnecting). */
  private get latest(): TableView | null {
    return this.table.view;
  }

  // ------------------------------------------------------------------ set-up

  /**
   * First half of the set-up: register, get chips, connect. Nothing touches a table yet, so a run
   * can prepare every bot before any table starts dealing (at full speed, tables that already
   * play would otherwise starve the set-up of the others). Resolves false if the bot failed.
   */
  async prepare(): Promise<boolean> {
    const { api } = this;
    const { cashierToken } = this.context;
    try {
      const session = await api.register(this.username, this.password, this.context.adminToken);
      this.token = session.token;
      this.table = new TableViewAssembler(session.userId);
      this.crew.botUserIds.add(session.userId);
      const amount = new Money(this.cashBuyIn).times(TOP_UPS_MAX + 1);
      const key = `bots-${this.context.options.namePrefix}-${this.plan.index}-deposit`;
      const deposit = await api.deposit(cashierToken, this.username, amount.toFixed(), key);
      this.deposited = new Money(deposit.amount);
      this.walletLeft = this.deposited;
      this.socket = await this.connect();
      return true;
    } catch (error) {
      this.fail(error);
      return false;
    }
  }

  /**
   * A tournament bot's whole set-up: register, get exactly the buy-in and fee from the cashier,
   * connect (before entering, so that no seating notice can be missed), then buy the entry. From
   * then on the tournament seats it. Resolves false if the bot failed.
   */
  async enter(): Promise<boolean> {
    const tournament = this.plan.tournament;
    if (!tournament || this.state !== 'new') return false;
    const { cashierToken, options, stats } = this.context;
    try {
      const session = await this.api.register(this.username, this.password, this.context.adminToken);
      this.token = session.token;
      this.table = new TableViewAssembler(session.userId);
      const key = `bots-${options.namePrefix}-${this.plan.index}-deposit`;
      const deposit = await this.api.deposit(cashierToken, this.username, tournament.cost, key);
      this.deposited = new Money(deposit.amount);
      this.socket = await this.connect();
      this.state = 'playing';
      stats.botsPlaying += 1;
      await tournament.api.registerTournament(
        session.token,
        tournament.id,
        `bots-${options.namePrefix}-${this.plan.index}-entry`,
      );
      this.entered = true;
      stats.botsReady += 1;
      this.later(TOURNAMENT_CHECK_MS, () => void this.checkWhereWeAre());
      return true;
    } catch (error) {
      this.fail(error);
      return false;
    }
  }

  /** A bot that will not sit down (the run ended first): it just goes, its chips in its wallet. */
  standDown(): void {
    if (this.state !== 'new') return;
    this.state = 'done';
    this.context.stats.botsDone += 1;
    this.shutdown();
  }

  /** Second half: sit down with a buy-in. Resolves true when seated; on failure the bot is failed. */
  async sitDown(): Promise<boolean> {
    if (this.state !== 'new' || !this.socket) return false;
    try {
      await this.crew.establishBase(() => this.join());
      await this.sit();
      this.state = 'ready';
      this.context.stats.botsReady += 1;
      return true;
    } catch (error) {
      this.fail(error);
      return false;
    }
  }

  private async connect(): Promise<BotSocket> {
    const { options } = this.context;
    return connectSocket(
      this.api.baseUrl,
      this.token!,
      options.connectAttempts,
      CONNECT_TIMEOUT_MS,
      (socket) => this.listen(socket),
    );
  }

  /**
   * Sends a table command and validates its ack. No ack, or an invalid one, throws a BotFailure;
   * a refusal comes back as the ack, after a few tries if the table's node was unreachable.
   */
  private async request<E extends AckedEventName>(
    event: E,
    payload: unknown,
    timeoutMs = ACK_TIMEOUT_MS,
  ): Promise<AckOf<E>> {
    for (let attempt = 1; ; attempt++) {
      const ack: AckOf<AckedEventName> = await this.requestOnce(event, payload, timeoutMs);
      if (ack.ok || ack.error.code !== OWNER_UNREACHABLE || attempt >= OWNER_TRIES_MAX)
        return ack as AckOf<E>;
      this.context.stats.retried += 1;
      await this.sleep(this.ownerBackoffMs());
    }
  }

  private ownerBackoffMs(): number {
    return randomInt(this.plan.random, OWNER_BACKOFF_MIN_MS, OWNER_BACKOFF_MAX_MS);
  }

  private async requestOnce<E extends AckedEventName>(
    event: E,
    payload: unknown,
    timeoutMs: number,
  ): Promise<AckOf<E>> {
    const socket = this.socket;
    if (!socket) throw new BotFailure('bots/not-connected', `${event} without a connection`);
    const outcome = await emitWithAck(socket, event, payload, timeoutMs);
    if (outcome.kind === 'timeout')
      throw new BotFailure('bots/ack-timeout', `${event}: no ack within ${timeoutMs} ms`);
    if (outcome.kind === 'disconnected') throw new BotFailure('bots/disconnected', `${event}: disconnected`);
    const ack = this.context.validator.ack(event, outcome.ack);
    if (!ack) throw new BotFailure('bots/invalid-ack', `${event}: the ack does not match the protocol`);
    return ack;
  }

  private async join(): Promise<TableView> {
    const tableId = this.tableId;
    // A table just created may take a moment to start running on the server.
    for (let attempt = 0; ; attempt++) {
      const ack = await this.request('table:join', { tableId });
      if (ack.ok) {
        // A tournament may have moved the bot on meanwhile: then this view is of a table left.
        if (this.tableId === tableId) this.adopt(ack.data);
        return ack.data;
      }
      if (ack.error.code !== 'table/not-found' || attempt >= 10)
        throw new BotFailure(ack.error.code, ack.error.message);
      await this.sleep(200 * (attempt + 1));
    }
  }

  private async sit(): Promise<void> {
    for (let attempt = 0; attempt < SIT_ATTEMPTS_MAX; attempt++) {
      const ack = await this.request(
        'table:sit',
        { tableId: this.tableId, seat: this.seat, buyIn: this.cashBuyIn },
        SIT_ACK_TIMEOUT_MS,
      );
      if (ack.ok) {
        this.walletLeft = this.walletLeft.minus(this.cashBuyIn);
        this.adopt(ack.data);
        return;
      }
      const code = ack.error.code;
      if (code === 'table/already-seated') {
        // This user never sat here before: an earlier try went through after all (its ack was
        // lost with an unreachable node, or came too late). Take the seat it got.
        this.walletLeft = this.walletLeft.minus(this.cashBuyIn);
        const sync = await this.request('table:sync', { tableId: this.tableId });
        this.context.stats.syncs += 1;
        if (!sync.ok) throw new BotFailure(sync.error.code, sync.error.message);
        this.adopt(sync.data);
        if (sync.data.you.seat === null) throw new BotFailure(code, 'seated, but not in the view');
        this.seat = sync.data.you.seat;
        return;
      }
      this.context.stats.error(code);
      if (code === 'table/seat-taken') {
        // Another player took our seat (an existing table): try a free one.
        const free = this.latest?.seats.find((seat) => seat.player === null)?.seat;
        if (free === undefined) throw new BotFailure(code, 'no free seat left');
        this.seat = free;
      } else if (!SIT_AGAIN_AFTER.has(code)) {
        throw new BotFailure(code, ack.error.message);
      }
      await this.sleep(200 * (attempt + 1));
    }
    throw new BotFailure('bots/sit-failed', `no seat after ${SIT_ATTEMPTS_MAX} attempts`);
  }

  // ------------------------------------------------------------------ messages

  private listen(socket: BotSocket): void {
    const { validator, stats } = this.context;
    socket.on('table:update', (payload) => {
      const update = validator.serverEvent('table:update', payload);
      if (update) this.onUpdate(update);
    });
    socket.on('table:notice', (payload) => {
      const notice = validator.serverEvent('table:notice', payload);
      if (notice) this.onNotice(notice);
    });
    socket.on('lobby:table', (payload) => {
      validator.serverEvent('lobby:table', payload);
    });
    socket.on('tournament:notice', (payload) => {
      const notice = validator.serverEvent('tournament:notice', payload);
      if (notice) this.onTournamentNotice(notice);
    });
    socket.on('system:error', (payload) => {
      const error = validator.serverEvent('system:error', payload);
      if (error) stats.error(error.code);
    });
    socket.onAny((event: string) => {
      if (
        event !== 'table:update' &&
        event !== 'table:notice' &&
        event !== 'lobby:table' &&
        event !== 'tournament:notice' &&
        event !== 'system:error'
      ) {
        validator.unknownEvent(event);
      }
    });
    socket.on('disconnect', () => {
      if (socket !== this.socket || this.dropping || this.state === 'done' || this.state === 'failed') return;
      if (this.state === 'new') return; // set-up reports its own failure
      stats.unexpectedDisconnects += 1;
      void this.reconnect();
    });
  }

  private onUpdate(update: TableUpdate): void {
    if (update.tableId !== this.tableId) return;
    const before = this.latest;
    const outcome = this.table.apply(update);
    if (outcome.kind === 'gap') this.neededSeq = Math.max(this.neededSeq, update.seq);
    this.onOutcome(before, outcome, true);
  }

  /** A whole view from an ack: it replaces ours (unless an update already took us further). */
  private adopt(view: TableView): void {
    const before = this.latest;
    this.onOutcome(before, this.table.reset(view), false);
  }

  private onOutcome(before: TableView | null, outcome: UpdateOutcome, fromUpdate: boolean): void {
    switch (outcome.kind) {
      case 'applied': {
        const view = outcome.view;
        if (before) this.noteMissedTurn(before, view);
        this.crewNow?.observe(view);
        if (fromUpdate) this.noteBroadcast(view);
        this.react();
        return;
      }
      case 'gap':
        // An update is missing: ask for a whole view (once; updates meanwhile are gaps too).
        if (this.resyncing || this.reconnecting) return;
        this.context.stats.seqGaps += 1;
        void this.sync();
        return;
      case 'stale':
        // An ack older than the view held: nothing new, but after a refusal (sync) the turn may
        // be decided again.
        if (!fromUpdate) this.react();
        return;
      case 'waiting':
        return;
    }
  }

  /**
   * Our turn went by without an action of ours: the server's clock played it. A healthy bot with a
   * think time under the action timeout never lets that happen, so it is counted as an error.
   */
  private noteMissedTurn(before: TableView, after: TableView): void {
    if (this.state !== 'playing' || !isOurTurn(before)) return;
    const hand = before.hand!;
    const next = after.hand;
    if ((next?.number === hand.number && next.turn === hand.turn) || isAt(this.pending, hand)) return;
    this.context.stats.error('bots/turn-missed');
  }

  /**
   * The first update that shows our pending action applied (its turn or hand has moved on): the
   * action -> broadcast latency is the time until the others could see it.
   */
  private noteBroadcast(view: TableView): void {
    const pending = this.pending;
    const hand = view.hand;
    if (!pending || pending.broadcastSeen || !hand) return;
    if (
      hand.number > pending.handNumber ||
      (hand.number === pending.handNumber && hand.turn > pending.turn)
    ) {
      pending.broadcastSeen = true;
      this.context.stats.actionBroadcast(this.context.clock.now() - pending.sentAtMs);
    }
  }

  private onNotice(notice: TableNotice): void {
    if (notice.tableId !== this.tableId) return;
    const { stats } = this.context;
    switch (notice.kind) {
      case 'cashed-out':
        // The view that follows shows the seat gone and, after a hand, its result: wait for it
        // (the crew needs that result), but not for long.
        if (this.state === 'leaving') {
          this.leaveDeferred = true;
          this.later(2_000, () => this.finishLeave());
        }
        return;
      case 'top-up-applied':
        return;
      case 'table-halted':
        if (this.crewNow) this.crewNow.halted = true;
        stats.error('bots/table-halted');
        this.react();
        return;
      default:
        // Voided hands, missed turns, a released seat, a failed top-up: none should happen to a
        // healthy bot on a healthy server.
        stats.error(`notice/${notice.kind}`);
        if (notice.kind === 'seat-released' && this.state === 'playing') this.finishLeave();
    }
  }

  // ------------------------------------------------------------------ tournament

  private onTournamentNotice(notice: TournamentNotice): void {
    const tournament = this.plan.tournament;
    if (!tournament || notice.tournamentId !== tournament.id) {
      this.context.stats.error('bots/foreign-tournament-notice');
      return;
    }
    switch (notice.kind) {
      case 'seated':
      case 'moved':
        if (notice.tableId === null) this.context.stats.error('bots/notice-without-table');
        else void this.moveTo(notice.tableId, notice.seat);
        return;
      case 'eliminated':
      case 'finished':
      case 'cancelled':
        this.tournamentOver({ kind: notice.kind, place: notice.place, prize: notice.prize });
        return;
    }
  }

  /** Seated (or moved) by the tournament: watch that table instead of the one before, and play there. */
  private async moveTo(tableId: string, seat: number | null): Promise<void> {
    const tournament = this.plan.tournament;
    if (!tournament || this.tournamentOutcome || this.state !== 'playing') return;
    if (this.crewNow?.tableId === tableId && this.latest) return; // told twice: already there
    const previous = this.crewNow;
    this.clearThink();
    this.pending = null;
    this.crewNow = tournament.crewFor(tableId);
    if (seat !== null) this.seat = seat;
    this.table.clear();
    this.neededSeq = -1;
    if (previous && previous.tableId !== tableId) void this.part(previous.tableId);
    try {
      await this.join();
    } catch (error) {
      // checkWhereWeAre asks the tournament again later.
      this.countFailure(error);
    }
  }

  /** Stops watching a table the tournament moved us from. */
  private async part(tableId: string): Promise<void> {
    try {
      const ack = await this.request('table:part', { tableId });
      if (!ack.ok) this.context.stats.error(ack.error.code);
    } catch (error) {
      this.countFailure(error);
    }
  }

  /**
   * No seat of ours in the view for a while (not seated yet, or a notice that never came): ask the
   * tournament (GET /api/tournaments/:id as this player) where we are, and go there or finish.
   * A notice missed is counted as an error; waiting for the start is not.
   */
  private async checkWhereWeAre(): Promise<void> {
    const tournament = this.plan.tournament;
    if (!tournament || this.state !== 'playing' || this.tournamentOutcome || !this.token) return;
    const view = this.latest;
    let awaited: string | null = null;
    try {
      if (!view || !this.ownSeat(view)) {
        const detail = await tournament.api.tournament(tournament.id, this.token);
        const entry = detail.you?.entries.at(-1);
        const status = detail.tournament.status;
        // A notice that came while the page was read settled it already.
        if (this.state !== 'playing' || this.tournamentOutcome) return;
        if (status === 'cancelled' || status === 'cancelling') {
          awaited = 'cancelled';
          if (this.noticeMissed(awaited))
            this.tournamentOver({ kind: 'cancelled', place: null, prize: null });
        } else if (entry && (entry.status === 'eliminated' || entry.status === 'finished')) {
          awaited = entry.status;
          if (this.noticeMissed(awaited))
            this.tournamentOver({ kind: entry.status, place: entry.place, prize: entry.prize });
        } else if (entry?.status === 'playing' && entry.tableId && entry.tableId !== this.crewNow?.tableId) {
          awaited = `table:${entry.tableId}`;
          if (this.noticeMissed(awaited)) void this.moveTo(entry.tableId, null);
        }
      }
    } catch (error) {
      this.countFailure(error);
    }
    // Acted on once it was counted: a later check starts over.
    this.noticeAwaited = awaited === this.noticeAwaited ? null : awaited;
    if (this.state === 'playing' && !this.tournamentOutcome)
      this.later(
        awaited === null ? TOURNAMENT_CHECK_MS : TOURNAMENT_NOTICE_GRACE_MS,
        () => void this.checkWhereWeAre(),
      );
  }

  /** True (and counted) when the page showed the same thing a grace period ago and no notice came. */
  private noticeMissed(awaited: string): boolean {
    if (this.noticeAwaited !== awaited) return false;
    this.context.stats.error('bots/tournament-notice-missed');
    return true;
  }

  /** Out, the winner, or cancelled: done, after a moment for the table's last update. */
  private tournamentOver(outcome: TournamentOutcome): void {
    if (this.tournamentOutcome || this.state === 'done' || this.state === 'failed') return;
    this.tournamentOutcome = outcome;
    this.clearThink();
    this.later(TOURNAMENT_LINGER_MS, () => this.finishLeave());
  }

  // ------------------------------------------------------------------ play

  /** Starts playing (after set-up). */
  play(): void {
    if (this.state !== 'ready') return;
    this.state = 'playing';
    this.context.stats.botsPlaying += 1;
    this.react();
  }

  /** Decides what to do with the latest view. */
  private react(): void {
    const view = this.latest;
    if (!view || this.reconnecting) return;
    if (this.state === 'leaving') {
      if (view.you.seat === null && this.leaveDeferred) this.finishLeave();
      else if (!this.leaveInFlight && !this.leaveDeferred) void this.tryLeave();
      return;
    }
    if (this.state !== 'playing' || this.tournamentOutcome) return;
    const crew = this.crewNow!;
    const cash = !this.plan.tournament;
    if (
      cash &&
      (crew.goalReached || crew.halted || this.context.clock.now() >= this.context.clock.playUntilMs)
    ) {
      this.startLeaving();
      return;
    }
    const me = this.ownSeat(view);
    // In a tournament, a view without our seat comes before the notice that says why (out, moved).
    if (!me && !cash) return;
    if (!me) {
      this.context.stats.error('bots/lost-seat');
      this.finishLeave();
      return;
    }
    this.maybeDrop(view);
    if (me.status === 'sitting-out') void this.comeBack(me);
    const hand = view.hand;
    if (hand && this.asksUsToRunTwice(view)) void this.answerRunTwice(hand.deckCommitment);
    if (!isOurTurn(view) || isAt(this.thinking, hand) || isAt(this.pending, hand)) return;
    this.clearThink();
    const turn: TurnRef = {
      deckCommitment: hand!.deckCommitment,
      handNumber: hand!.number,
      turn: hand!.turn,
    };
    this.thinking = turn;
    const { thinkMinMs, thinkMaxMs } = this.context.options;
    this.thinkTimer = this.later(randomInt(this.plan.random, thinkMinMs, thinkMaxMs), () => {
      this.thinkTimer = null;
      this.act(turn).catch((error: unknown) => this.countFailure(error));
    });
  }

  /** The board waits to run out, and asks us whether to run it twice; we have not answered yet. */
  private asksUsToRunTwice(view: TableView): boolean {
    const runout = view.hand?.runout;
    if (!runout?.runItTwice || view.you.seat === null) return false;
    if (this.runTwiceAnswered === view.hand!.deckCommitment) return false;
    return runout.decisions.some((entry) => entry.seat === view.you.seat && entry.agree === null);
  }

  /** Agrees seven times in ten, as players do when they are all in and want less variance. */
  private async answerRunTwice(deckCommitment: string): Promise<void> {
    this.runTwiceAnswered = deckCommitment;
    const agree = this.plan.random() < RUN_TWICE_AGREE_RATE;
    this.context.stats.runTwiceAnswers += 1;
    try {
      const ack = await this.request('table:run-twice', { tableId: this.tableId, deckCommitment, agree });
      // Too late (the board ran out on its deadline, or after someone's no) is not an error.
      if (!ack.ok && !LATE_ANSWER_CODES.has(ack.error.code)) this.context.stats.error(ack.error.code);
    } catch (error) {
      this.countFailure(error);
    }
  }

  private ownSeat(view: TableView): SeatPlayerView | null {
    if (view.you.seat === null) return null;
    return view.seats.find((seat) => seat.seat === view.you.seat)?.player ?? null;
  }

  private async act(turn: TurnRef): Promise<void> {
    const view = this.latest;
    if (this.state !== 'playing' || !view || !isAt(turn, view.hand) || !this.socket) return;
    const context = decisionContextOf(view);
    if (!context) return;
    // After refusals, the safest legal move: check, else fold.
    const fallBack = isAt(this.refusedTurn, view.hand) && this.refusals >= TURN_RETRIES_MAX;
    const decision = fallBack
      ? { kind: context.legal.actions.includes('check') ? ('check' as const) : ('fold' as const) }
      : this.plan.strategy(context, this.plan.random);
    const { stats, validator, clock } = this.context;
    const pending: PendingAction = { ...turn, sentAtMs: clock.now(), broadcastSeen: false };
    this.pending = pending;
    const payload = {
      tableId: this.tableId,
      deckCommitment: pending.deckCommitment,
      handNumber: pending.handNumber,
      turn: pending.turn,
      kind: decision.kind,
      ...(decision.amount !== undefined && { amount: decision.amount }),
    };
    for (let attempt = 1; ; attempt++) {
      const socket = this.socket;
      if (!socket) return;
      const outcome = await emitWithAck(socket, 'table:act', payload, ACT_ACK_TIMEOUT_MS);
      if (outcome.kind === 'disconnected') return; // the reconnection resynchronizes
      if (outcome.kind === 'timeout') {
        stats.error('bots/ack-timeout');
        void this.sync();
        return;
      }
      const ack = validator.ack('table:act', outcome.ack);
      if (!ack) return;
      if (ack.ok) {
        // The ack says only "applied": what changed arrives as a table:update, and the next move
        // is decided from that.
        stats.actionAcked(clock.now() - pending.sentAtMs);
        return;
      }
      if (ack.error.code === OWNER_UNREACHABLE && attempt < 2) {
        await this.sleep(this.ownerBackoffMs());
        // The action may have been applied all the same: send it again only if the turn is still
        // ours to play (else the table moved on, with our action or the server's clock).
        if (this.pending !== pending || this.state !== 'playing' || !isAt(pending, this.latest?.hand ?? null))
          return;
        stats.retried += 1;
        continue;
      }
      this.refused(turn, pending, payload, ack.error, context.legal);
      return;
    }
  }

  /** The server refused our action: look again at a fresh view and decide this turn once more. */
  private refused(
    turn: TurnRef,
    pending: PendingAction,
    payload: { kind: string; amount?: string; handNumber: number; turn: number },
    error: { code: string; message: string },
    legal: LegalActionsWire,
  ): void {
    const { stats } = this.context;
    stats.error(error.code);
    stats.refused({
      code: error.code,
      message: error.message,
      action: JSON.stringify({
        kind: payload.kind,
        amount: payload.amount,
        handNumber: payload.handNumber,
        turn: payload.turn,
      }),
      legal: JSON.stringify(legal),
    });
    // A bounded number of times; after that the fallback, then the server's clock decides.
    const again = this.refusedTurn?.handNumber === turn.handNumber && this.refusedTurn.turn === turn.turn;
    this.refusals = again ? this.refusals + 1 : 1;
    this.refusedTurn = turn;
    if (this.pending === pending) this.pending = null;
    if (this.refusals <= TURN_RETRIES_MAX && this.thinking === turn) this.thinking = null;
    void this.sync();
  }

  private async sync(): Promise<void> {
    if (this.resyncing || !this.socket?.connected) return;
    this.resyncing = true;
    try {
      for (let tries = 1; tries <= SYNC_TRIES_MAX; tries++) {
        const ack = await this.request('table:sync', { tableId: this.tableId });
        this.context.stats.syncs += 1;
        if (!ack.ok) {
          this.context.stats.error(ack.error.code);
          return;
        }
        this.adopt(ack.data);
        if ((this.latest?.seq ?? -1) >= this.neededSeq) return;
      }
    } catch (error) {
      this.countFailure(error);
    } finally {
      this.resyncing = false;
    }
  }

  /** Busted: top up from the wallet and sit in; sat out for missed turns: sit in. */
  private async comeBack(me: SeatPlayerView): Promise<void> {
    if (this.comingBack) return;
    this.comingBack = true;
    try {
      if (this.comeBacks >= COME_BACKS_MAX) {
        this.startLeaving();
        return;
      }
      this.comeBacks += 1;
      const busted = new Money(me.stack).isZero();
      // A tournament has no top-up: a busted player is out (the notice follows).
      if (busted && this.plan.tournament) return;
      if (busted) {
        const enough = this.walletLeft.greaterThanOrEqualTo(this.cashBuyIn);
        if (this.topUps >= TOP_UPS_MAX || !enough) {
          this.startLeaving();
          return;
        }
        const ack = await this.request('table:top-up', { tableId: this.tableId, amount: this.cashBuyIn });
        if (!ack.ok) {
          this.context.stats.error(ack.error.code);
          return;
        }
        this.topUps += 1;
        this.context.stats.topUps += 1;
        this.walletLeft = this.walletLeft.minus(this.cashBuyIn);
      }
      const ack = await this.request('table:sit-in', { tableId: this.tableId });
      if (ack.ok) this.adopt(ack.data);
      else if (ack.error.code !== 'table/not-sitting-out') this.context.stats.error(ack.error.code);
    } catch (error) {
      this.countFailure(error);
    } finally {
      this.comingBack = false;
    }
  }

  // ------------------------------------------------------------------ storms and reconnection

  private maybeDrop(view: TableView): void {
    const after = this.plan.dropAfterHands;
    if (after === null || this.dropped || !view.hand) return;
    if (view.hand.number <= (this.crewNow?.baseHandNumber ?? 0) + after) return;
    this.dropped = true;
    this.later(randomInt(this.plan.random, 0, 1_000), () => this.drop());
  }

  /** Drops the connection as a network failure would (the transport closes), then reconnects. */
  private drop(): void {
    const socket = this.socket;
    if (this.state !== 'playing' || !socket?.connected) return;
    this.dropping = true;
    this.clearThink();
    socket.io.engine.close();
    this.later(randomInt(this.plan.random, 200, 2_000), () => {
      this.dropping = false;
      void this.reconnect();
    });
  }

  private async reconnect(): Promise<void> {
    if (this.reconnecting || this.state === 'done' || this.state === 'failed') return;
    this.reconnecting = true;
    this.clearThink();
    this.pending = null;
    // Start afresh from what the new connection brings: a restarted server, or another node now
    // running the table, numbers its updates afresh (and updates may come before the join's ack).
    const before = this.latest;
    this.table.clear();
    this.neededSeq = -1;
    const { stats } = this.context;
    const old = this.socket;
    old?.removeAllListeners();
    old?.close();
    try {
      this.socket = await this.connect();
      // Rejoin: back in the table's room, marked connected, and a fresh view to resume from.
      const ack = await this.request('table:join', { tableId: this.tableId });
      if (!ack.ok) throw new BotFailure(ack.error.code, ack.error.message);
      stats.reconnected();
      this.reconnecting = false;
      this.adopt(ack.data);
    } catch (error) {
      this.reconnecting = false;
      stats.reconnectFailures += 1;
      this.fail(
        error instanceof BotFailure ? error : new BotFailure('bots/reconnect-failed', String(error)),
        this.latest ?? before,
      );
    }
  }

  // ------------------------------------------------------------------ leaving

  /** The run's play time is over (or the table is done): leave. */
  deadlineReached(): void {
    if (this.state === 'playing') this.startLeaving();
    else if (this.state === 'ready') {
      this.state = 'playing';
      this.context.stats.botsPlaying += 1;
      this.startLeaving();
    }
  }

  private startLeaving(): void {
    if (this.state !== 'playing') return;
    this.state = 'leaving';
    this.context.stats.botsPlaying -= 1;
    this.clearThink();
    void this.tryLeave();
  }

  private async tryLeave(): Promise<void> {
    if (this.leaveInFlight || this.leaveDeferred || this.state !== 'leaving') return;
    if (this.leaveAttempts >= LEAVE_ATTEMPTS_MAX) {
      this.fail(
        new BotFailure('bots/leave-failed', `still seated after ${LEAVE_ATTEMPTS_MAX} attempts to leave`),
      );
      return;
    }
    this.leaveInFlight = true;
    this.leaveAttempts += 1;
    try {
      const ack = await this.request('table:leave', { tableId: this.tableId });
      if (ack.ok) {
        if (ack.data.when === 'now') this.finishLeave();
        else this.leaveDeferred = true; // cashed out when the hand ends: a view without our seat says so
        return;
      }
      if (ack.error.code === 'table/not-seated') {
        this.finishLeave();
        return;
      }
      if (ack.error.code === 'table/already-leaving') {
        this.leaveDeferred = true;
        return;
      }
      this.context.stats.error(ack.error.code);
      this.later(500, () => void this.tryLeave());
    } catch (error) {
      this.countFailure(error);
      // Disconnected: the reconnection calls react(), which tries again.
      if (!this.reconnecting) this.later(500, () => void this.tryLeave());
    } finally {
      this.leaveInFlight = false;
    }
  }

  private finishLeave(): void {
    if (this.state === 'done' || this.state === 'failed') return;
    if (this.state === 'playing') this.context.stats.botsPlaying -= 1;
    this.state = 'done';
    this.context.stats.botsDone += 1;
    this.chipsAtTable = new Money(0);
    this.shutdown();
  }

  // ------------------------------------------------------------------ end

  /** `lastView`: the last view of the table seen, for the chips left there. */
  private fail(error: unknown, lastView = this.latest): void {
    if (this.state === 'done' || this.state === 'failed') return;
    const { stats } = this.context;
    if (this.state === 'playing') stats.botsPlaying -= 1;
    this.state = 'failed';
    stats.botsFailed += 1;
    this.countFailure(error);
    this.failure = error instanceof Error ? error.message : String(error);
    stats.firstFailure ??= this.failure;
    // Whatever it had at the table stays there (as of the last settled hand).
    // (Tournament chips are not money: they stay out of the count.)
    const me = lastView && !this.plan.tournament && this.ownSeat(lastView);
    this.chipsAtTable = me ? new Money(me.stack) : new Money(0);
    this.shutdown();
  }

  private countFailure(error: unknown): void {
    const { stats } = this.context;
    // A request cut by a disconnection is not an error of its own: the disconnection is counted.
    if (error instanceof BotFailure && error.code === 'bots/disconnected') return;
    if (error instanceof BotFailure) stats.error(error.code);
    else if (error instanceof ApiError)
      stats.error(error.code === 'bots/network' ? 'bots/http-network' : `http/${error.code}`);
    else if (error instanceof ConnectError)
      stats.error(error.fatal ? 'realtime/unauthenticated' : 'bots/connect-failed');
    else {
      stats.error('bots/unexpected');
      // Say once what it was: a bug in the bots should not hide behind a counter.
      if (stats.errorsByCode.get('bots/unexpected') === 1)
        process.stderr.write(`bots: unexpected error: ${String(error)}\n`);
    }
  }

  /** Stops at once (the run's hard time limit): whatever is at the table stays there. */
  abort(): void {
    if (this.state === 'done' || this.state === 'failed') return;
    // Told its place already, and waiting only for the table's last update.
    if (this.tournamentOutcome) {
      this.finishLeave();
      return;
    }
    this.fail(new BotFailure('bots/hard-stop', 'the run hit its time limit'));
  }

  private shutdown(): void {
    this.clearThink();
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    const socket = this.socket;
    this.socket = null;
    socket?.removeAllListeners();
    socket?.close();
    this.settle();
  }

  /** Reads the wallet after the bot is finished (HTTP, so it works without a socket). */
  async readWallet(): Promise<void> {
    if (!this.token) return;
    try {
      this.finalWallet = new Money(await this.api.wallet(this.token));
    } catch (error) {
      this.countFailure(error);
    }
  }

  /** The bot's token, for reading its hand history after the run. */
  get sessionToken(): string | null {
    return this.token;
  }

  // ------------------------------------------------------------------ timers

  /** Cancels a decision not taken yet, so that the same turn can be decided again later. */
  private clearThink(): void {
    if (this.thinkTimer) {
      clearTimeout(this.thinkTimer);
      this.timers.delete(this.thinkTimer);
      this.thinkTimer = null;
      this.thinking = null;
    }
  }

  private later(ms: number, run: () => void): NodeJS.Timeout {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      run();
    }, ms);
    this.timers.add(timer);
    return timer;
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => this.later(ms, resolve));
  }
}
