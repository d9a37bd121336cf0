import type { Logger } from 'pino';
import { type DomainError, fail, ok, type Result } from '../errors/result.js';
import { type LedgerResult, ledgerError } from '../ledger/ledger-errors.js';
import type { TournamentTableStore } from '../ledger/tournament-tables.js';
import type { TournamentLedger, TournamentRegistration } from '../ledger/tournament-transactions.js';
import type { Ledger } from '../ledger/transactions.js';
import { Money } from '../money/index.js';
import type { TournamentDealOut } from '../protocol/http-tournaments.js';
import type { TournamentNotice } from '../protocol/notices.js';
import type { TableClock } from '../tables/clock.js';
import type { RestoredSeat, TableActor, TableStart } from '../tables/table-actor.js';
import type { TournamentHandReport, TournamentTablePort } from '../tables/table-ports.js';
import type { TournamentLevel } from '../tables/tournament-state.js';
import { cancellationShares } from '../tournaments/cancellation.js';
import { dealOffers } from '../tournaments/deal-offers.js';
import { TournamentDirector } from '../tournaments/director.js';
import type {
  DirectorCommand,
  DirectorEvent,
  EntryState,
  HandReportLine,
  TournamentState,
} from '../tournaments/director-types.js';
import type { RandomInt } from '../tournaments/random-source.js';
import { type DealPayment, levelInPlay, type RunnerState } from '../tournaments/saved-state.js';
import { blindLevelAt, levelNumberAt } from '../tournaments/structure.js';
import { type DealAnswer, type DealPlayer, LiveDeal } from './tournament-deal.js';

/**
 * Runs one tournament live on this node: the glue between its pure director (src/tournaments), its
 * table actors (in tournament mode, dealing only when told) and its money (the tournament ledger).
 *
 * Every input is an event on one bounded serial queue: a hand's end at a table, a late
 * registration, a tick of the level clock. Each is applied to the director; its new state is saved
 * (compare-and-swap on the version, fenced by the director epoch) BEFORE any of its commands runs,
 * so a crash after the save replays nothing that moved money twice: prizes carry a key per entry,
 * and a restarted runner pays again only what the ledger has not recorded. Then the commands run
 * in order, each awaited: tables opened, players seated and moved between hands, hands dealt,
 * prizes paid, the end recorded. The tables' callbacks only enqueue (they run inside a table's turn
 * and must not wait for it).
 */

/** What a runner needs from the node: the live tables' registry and actor factory, and the sockets. */
export interface TournamentRunnerHost {
  /** Creates, registers and starts a tournament table's actor (table-service.ts). */
  startTable(request: {
    readonly tableId: string;
    readonly name: string;
    readonly tournamentId: string;
    readonly variant: 'NT' | 'PO';
    readonly maxSeats: number;
    readonly ownerEpoch: bigint;
    readonly start: TableStart;
    readonly port: TournamentTablePort;
  }): Promise<TableActor | null>;
  /** Stops a tournament table (broken, or the runner stops) and forgets it. */
  stopTable(tableId: string, handWaitMs?: number): Promise<void>;
  /** To every socket of the user. */
  notify(userId: string, notice: TournamentNotice): void;
  usernames(userIds: readonly string[]): Promise<Map<string, string>>;
}

export interface TournamentRunnerSettings {
  /** Events waiting at most (each table has at most one hand's end waiting; registrations are refused past it). */
  readonly queueMax: number;
  /** The play clock is counted and saved at least this often (ms), so a restart loses at most this much of a level. */
  readonly clockSaveMs: number;
  /** A deal not agreed this long after it was proposed is off, and play resumes (ms). */
  readonly dealAnswerMs?: number;
}

/** A running tournament's cancellation: its ledger status, and each player still in's share. */
export interface CancelOutcome {
  readonly status: 'CANCELLING' | 'CANCELLED';
  readonly shares: readonly { readonly userId: string; readonly amount: Money }[];
}

/** The players of a final table have a minute to agree a deal unless the settings say otherwise. */
export const DEAL_ANSWER_MS_DEFAULT = 60_000;

export interface TournamentRunnerOptions {
  readonly tournamentId: string;
  readonly name: string;
  readonly variant: 'NT' | 'PO';
  readonly directorEpoch: bigint;
  readonly stateVersion: bigint;
  readonly saved: RunnerState;
  readonly ledger: TournamentLedger;
  readonly handLedger: Pick<Ledger, 'openHand' | 'voidHand' | 'claimTable'>;
  readonly tables: TournamentTableStore;
  readonly host: TournamentRunnerHost;
  readonly clock: TableClock;
  readonly randomInt: RandomInt;
  readonly logger: Logger;
  readonly settings: TournamentRunnerSettings;
}

type RunnerEvent =
  | { readonly type: 'director'; readonly event: DirectorEvent }
  | { readonly type: 'hand-ended'; readonly report: TournamentHandReport }
  | { readonly type: 'register'; readonly userId: string; readonly ledgerEntryId: string }
  /** A late entry still to buy: the ledger is asked in the director's turn (lateEntry). */
  | {
      readonly type: 'late-entry';
      readonly userId: string;
      readonly idempotencyKey: string;
      readonly reply: (result: LedgerResult<TournamentRegistration>) => void;
    }
  | { readonly type: 'tick' }
  /** A player's deal proposal or answer, run in turn with the rest. */
  | { readonly type: 'task'; readonly run: () => Promise<void> };

interface LiveTable {
  readonly tableNo: number;
  readonly tableId: string;
  readonly actor: TableActor;
}

function answer<T>(result: LedgerResult<T>): Result<void> {
  return result.ok ? { ok: true, value: undefined } : result;
}

/** The commands that change the tables themselves (left to the next run while this one stops). */
const TABLE_COMMANDS: ReadonlySet<DirectorCommand['type']> = new Set([
  'openTable',
  'seatPlayer',
  'movePlayer',
  'breakTable',
  'dealHand',
]);

export class TournamentRunner {
  private director: TournamentDirector;
  private ledgerEntryIds: string[];
  private stateVersion: bigint;
  private readonly queue: RunnerEvent[] = [];
  private draining: Promise<void> | null = null;
  private readonly tablesByNo = new Map<number, LiveTable>();
  private readonly tableNoById = new Map<string, number>();
  /** Wall-clock ms up to which play time has been given to the director. */
  private accountedAtMs: number;
  private cancelClock: () => void = () => {};
  /** Stopping: hands that end are still reported and saved, but nothing new is dealt. */
  private closing = false;
  private stopped = false;
  /** Entries whose place the ledger has recorded (and paid) in this run. */
  private readonly placed = new Set<number>();
  private readonly lastInfo = new Map<string, string>();
  /** The deal talked about at the final table, or the last one (its outcome stays readable). */
  private deal: LiveDeal | null = null;
  private cancelDealTimer: () => void = () => {};
  /** By director entry id: the deal share the ledger paid, which the entry's prize includes. */
  private readonly dealShares: Map<number, Money>;
  /** A deal accepted and saved, that the ledger may not have paid yet (saved-state.ts). */
  private dealPayment: DealPayment | null;
  /** By table number: the table's number of the last hand the director applied (saved-state.ts). */
  private readonly appliedHands: Record<string, number>;
  /** Whether the saved state kept appliedHands (states saved before it did not). */
  private readonly appliedHandsKnown: boolean;

  constructor(private readonly options: TournamentRunnerOptions) {
    this.director = TournamentDirector.fromState(options.saved.director);
    this.ledgerEntryIds = [...options.saved.ledgerEntryIds];
    this.appliedHands = { ...(options.saved.appliedHands ?? {}) };
    this.appliedHandsKnown = options.saved.appliedHands !== undefined;
    this.stateVersion = options.stateVersion;
    this.accountedAtMs = options.clock.now();
    this.dealShares = new Map(
      Object.entries(options.saved.dealShares ?? {}).map(([entryId, amount]) => [
        Number(entryId),
        new Money(amount),
      ]),
    );
    this.dealPayment = options.saved.dealPayment ?? null;
  }

  get tournamentId(): string {
    return this.options.tournamentId;
  }

  get state(): TournamentState {
    return this.director.state;
  }

  get running(): boolean {
    return !this.stopped && this.director.state.phase === 'running';
  }

  /**
   * Opens the tables the saved state holds (a restart: each with its seats and the stacks the
   * director holds, which for a hand that was interrupted are those of its start; the director
   * hears the hand was void), settles any money the saved state owes, then runs the commands given
   * (the start's).
   */
  async begin(commands: readonly DirectorCommand[], resumed: boolean): Promise<void> {
    const state = this.director.state;
    // A resumed run: the hands in play when the previous run stopped are void (claimTable voided
    // their records): the director deals them again. A fresh start's tables are in their first deal.
    const interrupted = resumed
      ? state.tables.filter((table) => table.status === 'in-hand').map((table) => table.tableId)
      : [];
    // Unless the hand was settled on record before the director heard of it: then it stands, the
    // table comes back with the stacks it ended with, and the director applies its report now.
    const settled = await this.settledUnapplied(interrupted);
    for (const table of state.tables) {
      if (
        table.status === 'broken' ||
        commands.some((c) => c.type === 'openTable' && c.tableId === table.tableId)
      )
        continue;
      await this.openTable(table.tableId, true, settled.get(table.tableId));
    }
    await this.settleMoney(state.entries.map((entry) => entry.entryId));
    await this.execute(commands);
    for (const tableNo of interrupted) {
      const report = settled.get(tableNo);
      if (report) this.offer({ type: 'hand-ended', report });
      else this.offer({ type: 'director', event: { type: 'handVoided', tableId: tableNo } });
    }
    // A deal agreed when the previous run stopped is paid (once: same key) and applied; one still
    // talked about is off (its offers were never saved).
    const agreed = this.dealPayment;
    if (agreed)
      this.offer({
        type: 'task',
        run: async () => {
          await this.completeDealPayment(agreed);
        },
      });
    else if (state.dealPending) this.offer({ type: 'director', event: { type: 'dealDeclined' } });
    await this.afterEvent();
  }

  /**
   * Of the tables whose hand was in play when the last run stopped, those whose hand is on record
   * as settled past the last one the director applied: by table number, the hand's report.
   */
  private async settledUnapplied(tableNos: readonly number[]): Promise<Map<number, TournamentHandReport>> {
    const found = new Map<number, TournamentHandReport>();
    if (!this.appliedHandsKnown || tableNos.length === 0) return found;
    const { tables, logger } = this.options;
    const ids = await tables.tableIds(this.tournamentId);
    if (!ids.ok) {
      logger.error({ error: ids.error }, "a tournament's tables could not be read");
      return found;
    }
    for (const tableNo of tableNos) {
      const tableId = ids.value.get(tableNo);
      if (!tableId) continue;
      const last = await tables.lastSettledHand(tableId);
      if (!last.ok) {
        logger.error({ tableNo, error: last.error }, "a tournament table's last hand could not be read");
        continue;
      }
      if (!last.value || last.value.handNumber <= (this.appliedHands[tableNo] ?? 0)) continue;
      found.set(tableNo, {
        tournamentId: this.tournamentId,
        tableId,
        handNumber: last.value.handNumber,
        ...last.value.report,
      });
    }
    return found;
  }

  /**
   * Buys a late entry (or a re-entry) and seats it, in one turn of the serial queue: the director's
   * registration is checked open, the ledger takes the money at the director's epoch, and the
   * director seats the entry before any other event can close registration in between.
   */
  lateEntry(userId: string, idempotencyKey: string): Promise<LedgerResult<TournamentRegistration>> {
    return new Promise((resolve) => {
      const queued = this.offer({ type: 'late-entry', userId, idempotencyKey, reply: resolve });
      if (!queued) resolve(ledgerError('ledger/busy', 'the tournament is busy or stopping: try again'));
    });
  }

  private async buyLateEntry(item: Extract<RunnerEvent, { type: 'late-entry' }>): Promise<void> {
    const { tournamentId } = this;
    const bought = await this.options.ledger.registerForTournament({
      tournamentId,
      userId: item.userId,
      idempotencyKey: item.idempotencyKey,
      directorEpoch: this.options.directorEpoch,
    });
    // A retry of an entry already bought answers as before: the director seated it then.
    if (bought.ok && !bought.replayed) {
      if (!this.director.state.registrationOpen) {
        // Unreachable while the ledger's registration follows the director's (both close in this
        // queue); logged loudly, since the entry would then hold money the director never seated.
        this.options.logger.error(
          { userId: item.userId },
          'a late entry was bought after registration closed',
        );
      }
      await this.process({ type: 'register', userId: item.userId, ledgerEntryId: bought.value.entryId });
    }
    item.reply(bought);
  }

  /** Waits until every queued event has run (tests, shutdown). */
  async idle(): Promise<void> {
    while (this.draining) await this.draining;
  }

  /**
   * Stops: no more events; the tables close (their hands finish within `handWaitMs`, else are
   * void). The saved state lets the next run carry on.
   */
  async stop(handWaitMs?: number): Promise<void> {
    this.closing = true;
    this.cancelClock();
    this.cancelDealTimer();
    // Hands ending while the tables close are still reported and saved.
    await Promise.all(
      [...this.tablesByNo.values()].map((table) => this.options.host.stopTable(table.tableId, handWaitMs)),
    );
    await this.idle();
    this.stopped = true;
    this.tablesByNo.clear();
  }

  /**
   * Stops at once, without a write: another node directs the tournament now (its lease was lost).
   * Answers the ids of its tables, for the caller to abandon (their hands void, nothing saved).
   */
  abandon(): string[] {
    this.stopped = true;
    this.closing = true;
    this.cancelClock();
    this.cancelDealTimer();
    this.queue.length = 0;
    const tableIds = [...this.tablesByNo.values()].map((table) => table.tableId);
    this.tablesByNo.clear();
    return tableIds;
  }

  // An admin's cancellation ------------------------------------------------------------------

  /**
   * An admin cancels the tournament while it runs, in turn with the events (so no hand's end or
   * entry slips in between): the director's stacks (a hand in play counts as void: the stacks of
   * its start) decide each player's chip-chop share of what the pool holds (cancellation.ts); the
   * ledger records that decision with CANCELLING, fenced by the epoch, and pays it (each entry
   * once; a crash leaves it to cancelTournament at the restart). Only then does play stop: the
   * director is cancelled and saved, the tables close (a hand in play is void), every player is
   * told their amount. A refusal by the ledger changes nothing and play goes on.
   */
  cancel(): Promise<Result<CancelOutcome>> {
    return this.inTurn(async () => {
      const shares = cancellationShares(this.director.state);
      const cancelled = await this.options.ledger.cancelRunningTournament({
        tournamentId: this.tournamentId,
        directorEpoch: this.options.directorEpoch,
        shares: shares.map((share) => ({
          entryId: this.ledgerEntryIds[share.entryId]!,
          amount: new Money(share.amount),
        })),
      });
      if (!cancelled.ok) return cancelled;
      this.closing = true;
      this.cancelClock();
      this.cancelDealTimer();
      if (this.deal?.pending) this.deal.end('declined');
      const applied = this.director.apply({ type: 'cancel' }, this.options.randomInt);
      if (!applied.ok)
        this.options.logger.error({ error: applied.error }, 'the director refused the cancellation');
      await this.save();
      for (const table of this.tablesByNo.values()) {
        await this.options.host.stopTable(table.tableId, 0);
        await this.options.tables.closeTable(table.tableId);
      }
      this.tablesByNo.clear();
      this.stopped = true;
      const amountOf = new Map(shares.map((share) => [share.entryId, new Money(share.amount)]));
      const entries = this.director.state.entries;
      for (const entry of entries) {
        const share = amountOf.get(entry.entryId);
        // A player's notice comes from their latest entry (an earlier one busted).
        if (entries.some((later) => later.entryId > entry.entryId && later.userId === entry.userId)) continue;
        this.options.host.notify(entry.userId, {
          tournamentId: this.tournamentId,
          kind: 'cancelled',
          tableId: null,
          seat: null,
          place: null,
          prize: share ? share.toFixed() : null,
          message: share
            ? `the tournament was cancelled: your share of the prize pool by chips is ${share.toFixed()}`
            : 'the tournament was cancelled',
        });
      }
      this.options.logger.info(
        { sharesPaid: cancelled.value.sharesPaid },
        'tournament cancelled while running',
      );
      return ok({
        status: cancelled.value.status,
        shares: shares.map((share) => ({
          userId: entries[share.entryId]!.userId,
          amount: new Money(share.amount),
        })),
      });
    });
  }

  // Deals at the final table -----------------------------------------------------------------

  /** The deal talked about (or the last one), as its players see it. */
  dealView(): TournamentDealOut | null {
    return this.deal?.view() ?? null;
  }

  /**
   * A player still in proposes a deal, leaving `leftToPlayFor` to be played for: the director
   * stops dealing; the offers open once the hand in play ends.
   */
  proposeDeal(userId: string, leftToPlayFor: Money): Promise<Result<TournamentDealOut>> {
    return this.inTurn(async () => {
      const state = this.director.state;
      if (this.deal?.pending) return fail('tournament/deal-pending', 'a deal is already being talked about');
      const players = await this.dealPlayers();
      if (!players.some((player) => player.userId === userId))
        return fail('tournament/not-in-deal', 'only a player still in proposes a deal');
      const unit = new Money(state.config.moneyUnit);
      if (!leftToPlayFor.dividedBy(unit).isInteger() || leftToPlayFor.greaterThan(state.prizes[0] ?? '0'))
        return fail(
          'tournament/invalid-deal',
          'the part left to play for is whole money units, out of first prize',
        );
      const refused = await this.applyEvent({ type: 'dealProposed' });
      if (refused) return { ok: false, error: refused };
      const answerMs = this.options.settings.dealAnswerMs ?? DEAL_ANSWER_MS_DEFAULT;
      const deal = new LiveDeal(userId, leftToPlayFor, this.options.clock.now() + answerMs, players);
      this.deal = deal;
      this.cancelDealTimer();
      this.cancelDealTimer = this.options.clock.setTimer(deal.expiresAtMs, () => {
        this.offer({ type: 'task', run: () => this.endDeal(deal, 'expired') });
      });
      this.options.logger.info({ userId, offerId: deal.offerId }, 'a deal was proposed');
      await this.openDealOffers();
      return ok(deal.view());
    });
  }

  /** A player's answer to the open offer: a method, or decline. Paid when all agree on one. */
  answerDeal(userId: string, offerId: string, answer: DealAnswer): Promise<Result<TournamentDealOut>> {
    return this.inTurn(async () => {
      const deal = this.deal;
      if (!deal) return fail('tournament/deal-stale', 'no deal is being talked about');
      const outcome = deal.answer(userId, offerId, answer);
      if (!outcome.ok) return outcome;
      if (outcome.value.kind === 'declined') await this.endDeal(deal, 'declined');
      else if (outcome.value.kind === 'agreed') await this.payDeal(deal, outcome.value.amounts);
      return ok(deal.view());
    });
  }

  /** Runs `task` in turn with the events; its result, or a refusal when it cannot be queued. */
  private inTurn<T>(task: () => Promise<Result<T>>): Promise<Result<T>> {
    return new Promise((resolve) => {
      const queued = this.offer({
        type: 'task',
        run: async () => {
          if (this.stopped || this.director.state.phase !== 'running') {
            resolve(fail('tournament/not-running', 'the tournament is not running here'));
            return;
          }
          try {
            resolve(await task());
          } catch (error) {
            resolve(fail('internal/error', 'the request could not be handled', error));
            throw error;
          }
        },
      });
      if (!queued) resolve(fail('tournament/not-running', 'the tournament is not taking requests now'));
    });
  }

  /** The players still in, in entry order, with their names and stacks. */
  private async dealPlayers(): Promise<DealPlayer[]> {
    const playing = this.director.state.entries.filter((entry) => entry.status === 'playing');
    const names = await this.options.host.usernames(playing.map((entry) => entry.userId));
    return playing.map((entry) => ({
      entryId: entry.entryId,
      userId: entry.userId,
      username: names.get(entry.userId) ?? 'player',
      stack: entry.stack,
    }));
  }

  /** Once no hand is in play, the offers of a proposed deal, from the stacks now. */
  private async openDealOffers(): Promise<void> {
    const deal = this.deal;
    const state = this.director.state;
    if (deal?.status !== 'waiting-for-hand' || !state.dealPending || state.tablesInHand > 0) return;
    const players = await this.dealPlayers();
    const offers = dealOffers({
      stacks: players.map((player) => player.stack),
      prizes: state.prizes.slice(0, players.length).map((prize) => new Money(prize)),
      leftToPlayFor: deal.leftToPlayFor,
      unit: new Money(state.config.moneyUnit),
    });
    if (!offers.ok) {
      this.options.logger.warn({ error: offers.error }, 'no deal can be offered');
      await this.endDeal(deal, 'declined');
      return;
    }
    deal.open(players, offers.value);
    this.options.logger.info({ offerId: deal.offerId }, 'deal offers open');
  }

  /** Off (declined, answers that differ, out of time): play resumes. */
  private async endDeal(deal: LiveDeal, status: 'declined' | 'expired'): Promise<void> {
    if (this.deal !== deal || !deal.pending) return;
    deal.end(status);
    this.cancelDealTimer();
    this.options.logger.info({ offerId: deal.offerId, status }, 'no deal');
    const state = this.director.state;
    if (state.phase === 'running' && state.dealPending && !this.stopped)
      await this.applyEvent({ type: 'dealDeclined' });
  }

  /**
   * Everyone accepted the same offer: the ledger pays the shares (all or none, once: the key names
   * the offer; fenced by the director epoch), then the director takes them and deals again for
   * what is left. Paid first, so that a director state never counts a deal the ledger refused.
   */
  private async payDeal(deal: LiveDeal, amounts: readonly Money[]): Promise<void> {
    const shares = deal.sharesOf(amounts);
    // Written ahead: if this run stops after the ledger paid and before the director took it, the
    // next run finds the payment here and completes it (the ledger's key pays it once).
    this.dealPayment = {
      offerId: deal.offerId,
      shares: shares.map((share) => ({ entryId: share.entryId, amount: share.amount.toFixed() })),
      leftToPlayFor: deal.leftToPlayFor.toFixed(),
    };
    if (!(await this.save())) return;
    const paid = await this.completeDealPayment(this.dealPayment);
    if (!paid) {
      await this.endDeal(deal, 'declined');
      return;
    }
    deal.end('agreed');
    this.cancelDealTimer();
    this.options.logger.info({ offerId: deal.offerId, dealt: amounts.map(String) }, 'a deal was paid');
  }

  /**
   * Pays an agreed deal's shares (all or none, once: the key names the offer; fenced by the
   * director epoch), then the director takes them and deals again for what is left. Paid before
   * the director hears of it, so that a director state never counts a deal the ledger refused.
   * False when the ledger refused it (play resumes without it).
   */
  private async completeDealPayment(payment: DealPayment): Promise<boolean> {
    const paying = payment.shares.filter((share) => new Money(share.amount).greaterThan(0));
    if (paying.length > 0) {
      const paid = await this.options.ledger.payTournamentDeal({
        tournamentId: this.tournamentId,
        directorEpoch: this.options.directorEpoch,
        idempotencyKey: `${this.tournamentId}:deal:${payment.offerId}`,
        shares: paying.map((share) => ({
          entryId: this.ledgerEntryIds[share.entryId]!,
          amount: new Money(share.amount),
        })),
      });
      if (!paid.ok) {
        this.options.logger.error({ error: paid.error }, 'the deal was not paid: play resumes');
        this.dealPayment = null;
        if (this.director.state.dealPending && !this.stopped) await this.applyEvent({ type: 'dealDeclined' });
        return false;
      }
    }
    for (const share of paying) this.dealShares.set(share.entryId, new Money(share.amount));
    this.dealPayment = null;
    const refused = await this.applyEvent({
      type: 'dealAgreed',
      shares: payment.shares,
      leftToPlayFor: payment.leftToPlayFor,
    });
    if (refused) this.options.logger.error({ error: refused }, 'the director refused a deal the ledger paid');
    return true;
  }

  private offer(event: RunnerEvent): boolean {
    if (this.stopped) return false;
    // A table's hand end is never dropped (there is at most one per table); other events are.
    if (this.queue.length >= this.options.settings.queueMax && event.type !== 'hand-ended') return false;
    this.queue.push(event);
    if (!this.draining) {
      this.draining = this.drain().finally(() => {
        this.draining = null;
      });
    }
    return true;
  }

  private async drain(): Promise<void> {
    for (let next = this.queue.shift(); next; next = this.queue.shift()) {
      try {
        await this.process(next);
      } catch (error) {
        this.options.logger.error({ err: error, event: next.type }, 'tournament event failed');
      }
    }
  }

  private async process(item: RunnerEvent): Promise<void> {
    // A task answers its caller even when the runner has stopped.
    if (item.type === 'task') return item.run();
    if (item.type === 'late-entry') {
      if (this.stopped || !this.director.state.registrationOpen) {
        item.reply(
          ledgerError(
            'ledger/tournament-registration-closed',
            'this tournament does not take registrations now',
          ),
        );
        return;
      }
      await this.buyLateEntry(item);
      return;
    }
    if (this.stopped) return;
    const event = this.eventOf(item);
    if (event) await this.applyEvent(event, item);
  }

  /** Applies an event to the director, saves its state, runs its commands: the refusal, if any. */
  private async applyEvent(event: DirectorEvent, item?: RunnerEvent): Promise<DomainError | null> {
    const entriesBefore = this.director.state.entries.length;
    const applied = this.director.apply(event, this.options.randomInt);
    if (!applied.ok) {
      this.options.logger.warn({ event: event.type, error: applied.error }, 'the director refused an event');
      return applied.error;
    }
    if (item?.type === 'register' && this.director.state.entries.length > entriesBefore)
      this.ledgerEntryIds[entriesBefore] = item.ledgerEntryId;
    if (item?.type === 'hand-ended' && event.type === 'handFinished')
      this.appliedHands[event.tableId] = item.report.handNumber;
    this.options.logger.debug(
      {
        event: event.type === 'handFinished' ? { type: event.type, tableId: event.tableId } : event,
        commands: applied.value.map((command) =>
          'tableId' in command ? `${command.type}:${command.tableId}` : command.type,
        ),
      },
      'tournament event',
    );
    if (!(await this.save()))
      return { code: 'tournament/not-running', message: 'this server no longer runs the tournament' };
    await this.execute(applied.value);
    // Hand for hand: a table whose hand ended waits, paused, for the others (its viewers see why).
    if (event.type === 'handFinished' && this.director.state.handForHand) {
      const table = this.tablesByNo.get(event.tableId);
      if (table && this.director.state.tables[event.tableId - 1]?.status === 'idle')
        await table.actor.pauseBetweenHands('hand-for-hand');
    }
    await this.openDealOffers();
    await this.afterEvent();
    return null;
  }

  private eventOf(item: RunnerEvent): DirectorEvent | null {
    switch (item.type) {
      case 'director':
        return item.event;
      case 'register':
        return { type: 'register', userId: item.userId };
      case 'late-entry':
        return null;
      case 'tick': {
        // A tick queued before the end (or a halt) has nothing left to count.
        if (this.director.state.phase !== 'running') return null;
        const now = this.options.clock.now();
        const ms = Math.max(0, now - this.accountedAtMs);
        this.accountedAtMs = now;
        return { type: 'timePassed', ms };
      }
      case 'hand-ended':
        return this.handFinishedOf(item.report);
      case 'task':
        return null;
    }
  }

  /** A table's report in the director's terms: entries instead of users, its table number. */
  private handFinishedOf(report: TournamentHandReport): DirectorEvent | null {
    const tableNo = this.tableNoById.get(report.tableId);
    if (tableNo === undefined) return null;
    const entries = this.director.state.entries;
    const lines: HandReportLine[] = [];
    for (const [userId, stackBefore] of Object.entries(report.stacksAtStart)) {
      const entry = findLast(
        entries,
        (candidate) =>
          candidate.userId === userId && candidate.status === 'playing' && candidate.tableId === tableNo,
      );
      if (!entry) {
        this.options.logger.error(
          { tableNo, userId },
          'a hand report names a player the director has not there',
        );
        return null;
      }
      lines.push({ entryId: entry.entryId, stackBefore, stackAfter: report.stacksAfter[userId] ?? 0 });
    }
    return { type: 'handFinished', tableId: tableNo, bigBlindSeat: report.bigBlindSeat, stacks: lines };
  }

  /** Saves the state after an event, before its commands run; false when this runner lost the tournament. */
  private async save(): Promise<boolean> {
    const saved: RunnerState = {
      version: 1,
      director: this.director.state,
      ledgerEntryIds: this.ledgerEntryIds,
      savedAtMs: this.accountedAtMs,
      appliedHands: this.appliedHands,
      dealShares: Object.fromEntries(
        [...this.dealShares].map(([entryId, amount]) => [String(entryId), amount.toFixed()]),
      ),
      ...(this.dealPayment && { dealPayment: this.dealPayment }),
    };
    const result = await this.options.ledger.saveTournamentState({
      tournamentId: this.tournamentId,
      directorEpoch: this.options.directorEpoch,
      expectedVersion: this.stateVersion,
      state: saved,
    });
    if (result.ok) {
      this.stateVersion = result.value.stateVersion;
      return true;
    }
    this.options.logger.error({ error: result.error }, 'tournament state not saved: this runner stops');
    // Another director holds it now (or the database refuses): nothing more may be written from here.
    this.stopped = true;
    this.closing = true;
    this.cancelClock();
    for (const table of this.tablesByNo.values()) void this.options.host.stopTable(table.tableId, 0);
    return false;
  }

  private async execute(commands: readonly DirectorCommand[]): Promise<void> {
    const placed: number[] = [];
    for (const command of commands) {
      if (command.type === 'eliminated') placed.push(command.entryId);
      await this.run(command);
    }
    await this.settleMoney(placed);
    if (commands.some((command) => command.type === 'finished')) await this.finish();
  }

  private async run(command: DirectorCommand): Promise<void> {
    const { host, logger } = this.options;
    // Stopping (a graceful shutdown): the tables are closing, so a hand that ends meanwhile is
    // applied and saved, but its moves, seats, breaks and deals are not carried out here: the state
    // just saved holds them, and the next run opens its tables and seats from it.
    if (this.closing && TABLE_COMMANDS.has(command.type)) return;
    switch (command.type) {
      case 'openTable':
        await this.openTable(command.tableId, false);
        return;
      case 'seatPlayer': {
        const table = this.tablesByNo.get(command.tableId);
        if (!table) return;
        const names = await host.usernames([command.userId]);
        const seated = await table.actor.seatTournamentPlayer({
          userId: command.userId,
          username: names.get(command.userId) ?? 'player',
          seat: command.seat,
          stack: command.stack,
        });
        if (!seated.ok) logger.error({ command, error: seated.error }, 'a player could not be seated');
        this.tell(command.userId, 'seated', table.tableId, command.seat, 'you are seated: join your table');
        return;
      }
      case 'movePlayer': {
        const from = this.tablesByNo.get(command.fromTableId);
        const to = this.tablesByNo.get(command.toTableId);
        if (!from || !to) return;
        const removed = await from.actor.removeTournamentPlayer(command.userId);
        if (!removed.ok || removed.data.stack !== command.stack)
          logger.error({ command, removed }, 'a moved player was not at their table with their stack');
        const names = await host.usernames([command.userId]);
        const seated = await to.actor.seatTournamentPlayer({
          userId: command.userId,
          username: names.get(command.userId) ?? 'player',
          seat: command.toSeat,
          stack: command.stack,
        });
        if (!seated.ok) logger.error({ command, error: seated.error }, 'a moved player could not be seated');
        this.tell(command.userId, 'moved', to.tableId, command.toSeat, 'you were moved to another table');
        return;
      }
      case 'breakTable': {
        const table = this.tablesByNo.get(command.tableId);
        if (!table) return;
        this.tablesByNo.delete(command.tableId);
        await host.stopTable(table.tableId, 0);
        await this.options.tables.closeTable(table.tableId);
        return;
      }
      case 'dealHand': {
        const table = this.tablesByNo.get(command.tableId);
        if (!table) return;
        // A hand-for-hand round deals every table at once: the pause of the wait is over.
        if (this.director.state.handForHand) await table.actor.resume();
        // Exactly the players the director counts as dealt: one seated since waits for the next hand.
        const state = this.director.state;
        const userIds = state.tables[command.tableId - 1]!.dealt.map(
          (entryId) => state.entries[entryId]!.userId,
        );
        const dealt = await table.actor.dealHand(this.levelOf(command.stepIndex), userIds);
        if (!dealt.ok)
          logger.error({ tableNo: command.tableId, error: dealt.error }, 'a table refused to deal');
        return;
      }
      case 'levelChanged':
        // A break pauses every table (its hand in play finishes); the next level resumes them.
        for (const table of this.tablesByNo.values()) {
          if (command.level === null) await table.actor.pauseBetweenHands('break');
          else await table.actor.resume();
        }
        return;
      case 'registrationClosed': {
        const paid = await this.options.ledger.payTournamentOverlay({
          tournamentId: this.tournamentId,
          directorEpoch: this.options.directorEpoch,
        });
        if (!paid.ok) logger.error({ error: paid.error }, 'the overlay was not settled');
        else if (!paid.value.prizePool.equals(command.prizePool))
          logger.error(
            { ledger: paid.value.prizePool.toFixed(), director: command.prizePool },
            'the prize pool differs between the ledger and the director',
          );
        return;
      }
      case 'cancelled':
        // Only an admin's cancellation (cancel) cancels a running tournament; it tells the players.
        return;
      case 'halted':
        logger.error({ reason: command.reason }, 'the tournament halted: nothing more is dealt');
        return;
      case 'handForHand':
        // On: every table finishes its hand and waits (each is dealt again with the round). Off: on.
        logger.info({ active: command.active }, 'hand for hand');
        for (const table of this.tablesByNo.values()) {
          if (command.active) await table.actor.pauseBetweenHands('hand-for-hand');
          else await table.actor.resume();
        }
        return;
      case 'eliminated':
      case 'payPrize':
      case 'finished':
        // Paid and told together once the event's commands have run (settleMoney, finish).
        return;
    }
  }

  private levelOf(stepIndex: number): TournamentLevel {
    const structure = this.director.state.config.structure;
    const blinds = blindLevelAt(structure, stepIndex);
    return {
      level: Math.max(1, levelNumberAt(structure, stepIndex)),
      smallBlind: blinds.smallBlind,
      bigBlind: blinds.bigBlind,
      ante: blinds.ante,
    };
  }

  /**
   * Records the places of these entries (if the director has placed them) and pays their prizes,
   * each once (the key names the entry; a place already recorded is a no-op in the ledger), and
   * tells the players.
   */
  private async settleMoney(entryIds: readonly number[]): Promise<void> {
    const state = this.director.state;
    for (const entryId of entryIds) {
      const entry = state.entries[entryId];
      if (!entry || entry.place < 1 || this.placed.has(entryId)) continue;
      const ledgerEntryId = this.ledgerEntryIds[entryId];
      if (ledgerEntryId === undefined) {
        this.options.logger.error({ entryId }, 'an entry the ledger does not know');
        continue;
      }
      const outcome = entry.status === 'busted' ? 'eliminated' : 'finished';
      // The director's prize includes any deal share, which the ledger paid with the deal.
      const placePrize = new Money(entry.prize).minus(this.dealShares.get(entryId) ?? 0);
      const paid = await this.options.ledger.payTournamentPrizes({
        tournamentId: this.tournamentId,
        directorEpoch: this.options.directorEpoch,
        idempotencyKey: `${this.tournamentId}:entry:${ledgerEntryId}:place`,
        prizes: [{ entryId: ledgerEntryId, place: entry.place, amount: placePrize, outcome }],
      });
      if (!paid.ok) {
        this.options.logger.error({ entryId, error: paid.error }, 'a prize was not paid');
        continue;
      }
      this.placed.add(entryId);
      if (paid.value.prizes[0]?.alreadyPaid) continue;
      const message =
        outcome === 'finished'
          ? `the tournament is over: you finished ${ordinal(entry.place)}`
          : `you are out in ${ordinal(entry.place)} place`;
      this.options.host.notify(entry.userId, {
        tournamentId: this.tournamentId,
        kind: outcome,
        tableId: null,
        seat: null,
        place: entry.place,
        prize: placePrize.toFixed(),
        message,
      });
    }
  }

  private async finish(): Promise<void> {
    const done = await this.options.ledger.finishTournament({
      tournamentId: this.tournamentId,
      directorEpoch: this.options.directorEpoch,
    });
    if (!done.ok) {
      this.options.logger.error({ error: done.error }, 'the tournament could not be finished in the ledger');
      return;
    }
    this.options.logger.info('tournament finished');
    this.cancelClock();
    for (const table of this.tablesByNo.values()) await this.options.host.stopTable(table.tableId, 0);
    for (const table of this.tablesByNo.values()) await this.options.tables.closeTable(table.tableId);
    this.tablesByNo.clear();
  }

  /** Creates (or, after a restart, finds) the table's row, claims it and starts its actor. */
  /**
   * `unapplied`: a hand settled here that the director has yet to apply (a resumed run): the table
   * comes back as that hand left it, its stacks and its big blind, instead of as the director last
   * saw it; a player left with no chips is not seated (the table had unseated them).
   */
  private async openTable(
    tableNo: number,
    restoring: boolean,
    unapplied?: TournamentHandReport,
  ): Promise<void> {
    const { tables, handLedger, host, logger } = this.options;
    const state = this.director.state;
    const name = `${this.options.name} · table ${tableNo}`.slice(0, 64);
    const created = await tables.createTable({
      tournamentId: this.tournamentId,
      tableNo,
      name,
      variant: this.options.variant,
      maxSeats: state.config.seatsPerTable,
    });
    if (!created.ok) {
      logger.error({ tableNo, error: created.error }, 'a tournament table could not be created');
      return;
    }
    const tableId = created.value.tableId;
    // The table is owned at the director's epoch: a newer director's claim fences this one out.
    const claim = await handLedger.claimTable(tableId, this.options.directorEpoch);
    if (!claim.ok) {
      logger.error({ tableNo, error: claim.error }, 'a tournament table could not be claimed');
      return;
    }
    const table = state.tables[tableNo - 1]!;
    const seats: RestoredSeat[] = [];
    if (restoring) {
      const userIds = table.seats
        .filter((entryId) => entryId >= 0)
        .map((entryId) => state.entries[entryId]!.userId);
      const names = await host.usernames(userIds);
      table.seats.forEach((entryId, index) => {
        if (entryId < 0) return;
        const entry = state.entries[entryId]!;
        const stack = unapplied?.stacksAfter[entry.userId] ?? entry.stack;
        if (stack === 0) return;
        seats.push({
          seat: index + 1,
          userId: entry.userId,
          username: names.get(entry.userId) ?? 'player',
          stack,
          sittingOut: false,
          leaving: false,
        });
      });
    }
    const inPlay = levelInPlay(state);
    const actor = await host.startTable({
      tableId,
      name,
      tournamentId: this.tournamentId,
      variant: this.options.variant,
      maxSeats: state.config.seatsPerTable,
      ownerEpoch: this.options.directorEpoch,
      port: this.portOf(),
      start: {
        lastHandNumber: claim.value.handNumber,
        seats,
        interruptedHand: claim.value.interruptedHand,
        lastBigBlindSeat:
          unapplied?.bigBlindSeat ?? (table.lastBigBlindSeat === 0 ? null : table.lastBigBlindSeat),
        tournament: {
          level: this.levelOf(state.stepIndex),
          pause: inPlay.onBreak ? 'break' : null,
          dealsWhenTold: true,
        },
      },
    });
    if (!actor) return;
    this.tablesByNo.set(tableNo, { tableNo, tableId, actor });
    this.tableNoById.set(tableId, tableNo);
    if (restoring)
      for (const seat of seats)
        this.tell(seat.userId, 'seated', tableId, seat.seat, 'your table is back: join it');
  }

  private portOf(): TournamentTablePort {
    const { handLedger, tables } = this.options;
    return {
      openHand: async (opening) => answer(await handLedger.openHand(opening)),
      voidHand: async (record) => answer(await handLedger.voidHand(record)),
      recordTournamentHand: async (record) => answer(await tables.recordHand(record)),
      handEnded: (report) => {
        this.offer({ type: 'hand-ended', report });
      },
      // Nothing to do: the director decides every deal, and knows which tables wait.
      tableIdle: () => {},
    };
  }

  private tell(
    userId: string,
    kind: TournamentNotice['kind'],
    tableId: string | null,
    seat: number | null,
    message: string,
  ): void {
    this.options.host.notify(userId, {
      tournamentId: this.tournamentId,
      kind,
      tableId,
      seat,
      place: null,
      prize: null,
      message,
    });
  }

  /** The tables' tournament block, and the next tick of the level clock. */
  private async afterEvent(): Promise<void> {
    const state = this.director.state;
    this.cancelClock();
    if (this.stopped || this.closing || state.phase !== 'running') return;
    const inPlay = levelInPlay(state);
    const now = this.options.clock.now();
    const toStepEnd =
      inPlay.endsAtClockMs === null ? null : Math.max(0, inPlay.endsAtClockMs - state.clockMs);
    const levelEndsAtMs = toStepEnd === null ? null : this.accountedAtMs + toStepEnd;
    const waitMs = Math.min(this.options.settings.clockSaveMs, toStepEnd ?? Number.POSITIVE_INFINITY);
    this.cancelClock = this.options.clock.setTimer(now + waitMs, () => {
      this.offer({ type: 'tick' });
    });
    const alive = state.alive;
    const ranks = new Map<string, number>();
    state.entries
      .filter((entry) => entry.status === 'playing')
      .sort((a, b) => b.stack - a.stack || a.entryId - b.entryId)
      .forEach((entry, index) => {
        ranks.set(entry.userId, index + 1);
      });
    const info = {
      levelEndsAtMs,
      playersLeft: alive,
      averageStack: alive > 0 ? Math.round(state.chipsInPlay / alive) : 0,
      ranks,
    };
    for (const table of this.tablesByNo.values()) {
      const key = JSON.stringify([
        levelEndsAtMs,
        info.playersLeft,
        info.averageStack,
        ...seatRanks(state, table.tableNo, ranks),
      ]);
      if (this.lastInfo.get(table.tableId) === key) continue;
      this.lastInfo.set(table.tableId, key);
      await table.actor.setTournamentInfo(info);
    }
  }
}

function seatRanks(state: TournamentState, tableNo: number, ranks: ReadonlyMap<string, number>): number[] {
  const table = state.tables[tableNo - 1];
  if (!table) return [];
  return table.seats.map((entryId) => (entryId < 0 ? 0 : (ranks.get(state.entries[entryId]!.userId) ?? 0)));
}

function findLast(
  entries: readonly EntryState[],
  test: (entry: EntryState) => boolean,
): EntryState | undefined {
  for (let index = entries.length - 1; index >= 0; index--) if (test(entries[index]!)) return entries[index];
  return undefined;
}

function ordinal(place: number): string {
  const tens = place % 100;
  const suffix = tens >= 11 && tens <= 13 ? 'th' : (['th', 'st', 'nd', 'rd'][place % 10] ?? 'th');
  return `${place}${suffix}`;
}
