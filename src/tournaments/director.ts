import type { CodeIn } from '../errors/error-codes.js';
import { type DomainError, ok, type Result } from '../errors/result.js';
import { Money, ZERO } from '../money/index.js';
import { prizesAfterDeal } from './deal-offers.js';
import type {
  DirectorCommand,
  DirectorEvent,
  EntryState,
  HandReportLine,
  TableState,
  TournamentConfig,
  TournamentState,
} from './director-types.js';
import { type Bust, placeGroups, rankBusts } from './eliminations.js';
import { ICM_PLAYERS_MAX } from './icm.js';
import { placesPaid } from './payout-table.js';
import { overlayFor, prizeAmounts, sharedPrizes } from './prizes.js';
import type { RandomInt } from './random-source.js';
import { drawSeating, EMPTY, nextBigBlindSeat, openSeats, worstOpenSeat } from './seating.js';
import { createIndex, plannedSize, reindex, sizeRange, unindex } from './size-index.js';
import { blindLevelAt, levelEndsAtMs, positionAt } from './structure.js';

/**
 * The tournament director: a pure state machine. `apply(event, randomInt)` changes the state and
 * returns the commands for the tables and the ledger, or refuses the event as data (the state is
 * then unchanged). No clock (time comes as `timePassed`), no I/O, no randomness of its own (the
 * seating draws use the `randomInt` passed in). The state is plain JSON (`state`, `fromState`).
 *
 * The rules it keeps:
 * - a table deals only when told (`dealHand`, carrying the level): so a level changes at the next
 *   hand on every table, never in one, no hand starts in a break, and hand-for-hand waits for all;
 * - after every hand: the report must match the dealt players and their stacks, chips in = out,
 *   and the sum of all stacks equals the chips issued (else it halts);
 * - busts are placed by eliminations.ts and paid by prizes.ts; see those for the rules;
 * - balancing (TDA): while the planned table sizes differ by more than one, the player who would
 *   next be big blind at a largest table moves to the worst seat (seating.ts) at a smallest one;
 *   a table in a hand owes the move until its hand ends. When the players fit into one table
 *   fewer, the highest-numbered table breaks, its players drawn into open seats of the smallest
 *   tables. Everything runs in time proportional to the table concerned, not to the field.
 */

export type DirectorError = DomainError<CodeIn<'tournament'>>;
export type DirectorResult = Result<DirectorCommand[], DirectorError>;

export class TournamentDirector {
  /** Live entry ids by user (derived from the state, rebuilt on load). */
  private readonly entriesByUser = new Map<string, number[]>();
  private commands: DirectorCommand[] = [];
  /** Set while every table is dealt together (the start of a hand-for-hand round). */
  private dealingRound = false;
  /** Tables that took in players of a table broken during the event being applied: they may deal now. */
  private brokenInto: number[] = [];
  private randomInt: RandomInt = () => 0;

  private constructor(readonly state: TournamentState) {
    for (const entry of state.entries) this.userEntries(entry.userId).push(entry.entryId);
  }

  static create(config: TournamentConfig): TournamentDirector {
    const index = createIndex(config.seatsPerTable);
    return new TournamentDirector({
      version: 1,
      config,
      phase: 'registering',
      clockMs: 0,
      stepIndex: 0,
      registrationOpen: true,
      entries: [],
      tables: [],
      entrants: 0,
      alive: 0,
      tablesInHand: 0,
      activeTables: 0,
      chipsIssued: 0,
      chipsInPlay: 0,
      prizePool: '0',
      prizes: [],
      handForHand: false,
      dealPending: false,
      roundBusts: [],
      earlyBusts: [],
      buckets: index.buckets,
      bucketSlot: index.bucketSlot,
      stats: {
        hands: 0,
        moves: 0,
        chipChecks: 0,
        chipCheckFailures: 0,
        balancingSteps: 0,
        maxTableSizeDiff: 0,
        invariantFailures: 0,
      },
    });
  }

  /** Loads a state stored as JSON (a deep copy is taken). */
  static fromState(state: TournamentState): TournamentDirector {
    return new TournamentDirector(structuredClone(state));
  }

  apply(event: DirectorEvent, randomInt: RandomInt): DirectorResult {
    this.commands = [];
    this.brokenInto = [];
    this.randomInt = randomInt;
    const refused = this.handle(event);
    if (refused) return { ok: false, error: refused };
    return ok(this.commands);
  }

  private handle(event: DirectorEvent): DirectorError | null {
    const phase = this.state.phase;
    if (phase === 'finished' || phase === 'cancelled' || phase === 'halted') {
      return { code: 'tournament/not-running', message: `the tournament is ${phase}` };
    }
    switch (event.type) {
      case 'register':
        return this.register(event.userId);
      case 'unregister':
        return this.unregister(event.userId);
      case 'start':
        return this.start();
      case 'cancel':
        // Before the start or during play (an admin's decision): no more hands; the ledger refunds.
        this.state.phase = 'cancelled';
        this.emit({ type: 'cancelled' });
        return null;
      case 'timePassed':
        return this.timePassed(event.ms);
      case 'handFinished':
        return this.handFinished(event.tableId, event.bigBlindSeat, event.stacks);
      case 'handVoided':
        return this.handVoided(event.tableId);
      case 'dealProposed':
        return this.dealProposed();
      case 'dealDeclined':
        if (!this.state.dealPending)
          return { code: 'tournament/invalid-deal', message: 'no deal was proposed' };
        this.state.dealPending = false;
        this.dealReadyTables();
        return null;
      case 'dealAgreed':
        return this.dealAgreed(event.shares, event.leftToPlayFor);
    }
  }

  // Registration ---------------------------------------------------------------------------------

  private register(userId: string): DirectorError | null {
    const state = this.state;
    const config = state.config;
    if (!state.registrationOpen)
      return { code: 'tournament/registration-closed', message: 'registration is closed' };
    const mine = this.userEntries(userId).map((entryId) => state.entries[entryId]!);
    const live = mine.filter((entry) => entry.status === 'registered' || entry.status === 'playing');
    if (live.length > 0) return { code: 'tournament/already-registered', message: 'already registered' };
    const bought = mine.filter((entry) => entry.status !== 'unregistered').length;
    if (bought >= config.maxEntriesPerPlayer) {
      return {
        code: 'tournament/entries-exhausted',
        message: `at most ${config.maxEntriesPerPlayer} entries`,
      };
    }
    if (state.entrants >= config.capacity)
      return { code: 'tournament/full', message: 'the tournament is full' };
    const entry: EntryState = {
      entryId: state.entries.length,
      userId,
      status: 'registered',
      stack: 0,
      tableId: 0,
      seat: 0,
      place: 0,
      tiedWith: 1,
      prize: '0',
    };
    state.entries.push(entry);
    this.userEntries(userId).push(entry.entryId);
    state.entrants++;
    if (state.phase === 'running') {
      this.issueChips(entry);
      const tableId = this.seatLate(entry);
      this.balance(null);
      if (!state.handForHand) this.dealIfReady(state.tables[tableId - 1]!);
    } else if (config.kind === 'sit-and-go' && state.entrants === config.capacity) {
      this.start();
    }
    return null;
  }

  private unregister(userId: string): DirectorError | null {
    if (this.state.phase !== 'registering') {
      return { code: 'tournament/registration-closed', message: 'the tournament has started' };
    }
    const entry = this.userEntries(userId)
      .map((entryId) => this.state.entries[entryId]!)
      .find((candidate) => candidate.status === 'registered');
    if (!entry) return { code: 'tournament/not-registered', message: 'not registered' };
    entry.status = 'unregistered';
    this.state.entrants--;
    return null;
  }

  private start(): DirectorError | null {
    const state = this.state;
    if (state.phase !== 'registering') return { code: 'tournament/not-running', message: 'already started' };
    const registered = state.entries.filter((entry) => entry.status === 'registered');
    if (registered.length < Math.max(2, state.config.minEntrants)) {
      state.phase = 'cancelled';
      this.emit({ type: 'cancelled' });
      return null;
    }
    state.phase = 'running';
    const draw = drawSeating(
      registered.map((entry) => entry.entryId),
      state.config.seatsPerTable,
      this.randomInt,
    );
    for (const seated of draw) {
      if (seated.tableId > state.tables.length) this.openTable();
      const entry = state.entries[seated.entryId]!;
      this.issueChips(entry);
      this.seat(entry, seated.tableId, seated.seat);
    }
    for (const table of state.tables) reindex(state, table.tableId);
    this.levelChanged();
    const lateLevels = state.config.kind === 'multi-table' ? state.config.lateRegistrationLevels : 0;
    if (lateLevels === 0) this.closeRegistration();
    this.dealReadyTables();
    return null;
  }

  /** Late registration: a random open seat at one of the smallest tables, or a new table. */
  private seatLate(entry: EntryState): number {
    const state = this.state;
    const range = sizeRange(state);
    let tableId = range === null ? 0 : this.tableWithOpenSeat(range.min);
    if (tableId === 0) {
      tableId = this.openTable().tableId;
      reindex(state, tableId);
    }
    const seats = openSeats(state.tables[tableId - 1]!.seats);
    this.seat(entry, tableId, seats[this.randomInt(seats.length)]!);
    reindex(state, tableId);
    return tableId;
  }

  private issueChips(entry: EntryState): void {
    const stack = this.state.config.structure.startingStack;
    entry.status = 'playing';
    entry.stack = stack;
    this.state.chipsIssued += stack;
    this.state.chipsInPlay += stack;
    this.state.alive++;
  }

  private closeRegistration(): void {
    const state = this.state;
    state.registrationOpen = false;
    const unit = new Money(state.config.moneyUnit);
    const entries = state.entrants;
    const buyInsTotal = new Money(state.config.buyIn).times(entries);
    const overlay = overlayFor(new Money(state.config.guarantee), buyInsTotal);
    const pool = buyInsTotal.plus(overlay);
    state.prizePool = pool.toFixed();
    state.prizes = prizeAmounts(pool, entries, unit).map((prize) => prize.toFixed());
    this.emit({
      type: 'registrationClosed',
      entries,
      buyInsTotal: buyInsTotal.toFixed(),
      overlay: overlay.toFixed(),
      prizePool: state.prizePool,
      prizes: state.prizes,
    });
    // Busts before the field was known, latest first, take the places just below the players left.
    let bestPlace = state.alive + 1;
    for (let batch = state.earlyBusts.length - 1; batch >= 0; batch--) {
      const groups = state.earlyBusts[batch]!;
      this.placeAndPay(groups, bestPlace);
      bestPlace += groups.reduce((sum, group) => sum + group.length, 0);
    }
    state.earlyBusts = [];
  }

  // The clock ------------------------------------------------------------------------------------

  private timePassed(ms: number): DirectorError | null {
    const state = this.state;
    if (!Number.isSafeInteger(ms) || ms < 0)
      return { code: 'tournament/invalid-event', message: 'bad time step' };
    if (state.phase !== 'running') return null;
    state.clockMs += ms;
    const structure = state.config.structure;
    const position = positionAt(structure, state.clockMs);
    if (position.stepIndex !== state.stepIndex) {
      const wasBreak = this.onBreak();
      state.stepIndex = position.stepIndex;
      this.levelChanged();
      if (wasBreak && !this.onBreak()) this.dealReadyTables();
    }
    if (state.registrationOpen) {
      const endsAt = levelEndsAtMs(structure, state.config.lateRegistrationLevels);
      if (endsAt !== null && state.clockMs >= endsAt) this.closeRegistration();
    }
    return null;
  }

  private onBreak(): boolean {
    return this.state.config.structure.steps[this.state.stepIndex]!.kind === 'break';
  }

  private levelChanged(): void {
    const state = this.state;
    const step = state.config.structure.steps[state.stepIndex]!;
    this.emit({
      type: 'levelChanged',
      stepIndex: state.stepIndex,
      level: step.kind === 'level' ? step : null,
      endsAtMs: positionAt(state.config.structure, state.clockMs).endsAtMs,
    });
  }

  // Hands ----------------------------------------------------------------------------------------

  private handFinished(
    tableId: number,
    bigBlindSeat: number,
    lines: readonly HandReportLine[],
  ): DirectorError | null {
    const state = this.state;
    if (state.phase !== 'running') return { code: 'tournament/not-running', message: 'not running' };
    const table = state.tables[tableId - 1];
    if (!table) return { code: 'tournament/unknown-table', message: `no table ${tableId}` };
    if (table.status !== 'in-hand')
      return { code: 'tournament/hand-mismatch', message: 'no hand was dealt there' };
    const mismatch = this.checkReport(table, bigBlindSeat, lines);
    if (mismatch) {
      state.stats.chipCheckFailures++;
      this.halt(`table ${tableId}: ${mismatch}`);
      return null;
    }
    state.stats.chipChecks++;
    state.stats.hands++;
    table.status = 'idle';
    table.hands++;
    table.dealt = [];
    table.lastBigBlindSeat = bigBlindSeat;
    state.tablesInHand--;
    // What this table owed is decided again, now that it can move players at once.
    while (table.outgoing.length > 0) this.callOff(table, state.tables[table.outgoing.at(-1)! - 1]!);
    const busts: Bust[] = [];
    for (const line of lines) {
      const entry = state.entries[line.entryId]!;
      state.chipsInPlay += line.stackAfter - entry.stack;
      entry.stack = line.stackAfter;
      if (line.stackAfter > 0) continue;
      busts.push({ entryId: entry.entryId, tableId, startStack: line.stackBefore });
      entry.status = 'busted';
      table.seats[entry.seat - 1] = EMPTY;
      table.players--;
      entry.tableId = 0;
      entry.seat = 0;
      state.alive--;
    }
    if (!table.breaking) reindex(state, tableId);
    if (state.handForHand) state.roundBusts.push(...busts);
    else if (busts.length > 0) this.eliminate(rankBusts(busts));
    if (table.breaking) this.breakTable(table);
    if (state.alive <= 1 && state.tablesInHand === 0) return this.finishIfOver();
    this.breakTablesIfTheyFit();
    this.balance(tableId);
    if (state.handForHand && state.tablesInHand === 0) {
      this.endRound();
      this.dealReadyTables();
    } else {
      this.dealReadyTables(tableId);
      // A table waiting with too few players may have been filled by the break.
      for (const into of this.brokenInto) this.dealIfReady(state.tables[into - 1]!);
    }
    return null;
  }

  /** A void hand changed nothing: the table is between hands again, with the stacks of its start. */
  private handVoided(tableId: number): DirectorError | null {
    const state = this.state;
    if (state.phase !== 'running') return { code: 'tournament/not-running', message: 'not running' };
    const table = state.tables[tableId - 1];
    if (!table) return { code: 'tournament/unknown-table', message: `no table ${tableId}` };
    if (table.status !== 'in-hand')
      return { code: 'tournament/hand-mismatch', message: 'no hand was dealt there' };
    table.status = 'idle';
    table.dealt = [];
    state.tablesInHand--;
    while (table.outgoing.length > 0) this.callOff(table, state.tables[table.outgoing.at(-1)! - 1]!);
    if (table.breaking) this.breakTable(table);
    else reindex(state, tableId);
    this.breakTablesIfTheyFit();
    this.balance(tableId);
    if (state.handForHand && state.tablesInHand === 0) {
      this.endRound();
      this.dealReadyTables();
    } else {
      this.dealReadyTables(tableId);
      // A table waiting with too few players may have been filled by the break.
      for (const into of this.brokenInto) this.dealIfReady(state.tables[into - 1]!);
    }
    return null;
  }

  /** The report must list exactly the players dealt, with the stacks the director holds, chips in = out. */
  private checkReport(
    table: TableState,
    bigBlindSeat: number,
    lines: readonly HandReportLine[],
  ): string | null {
    if (lines.length !== table.dealt.length) return 'the report lists other players than were dealt';
    let before = 0;
    let after = 0;
    for (const line of lines) {
      const entry = this.state.entries[line.entryId];
      if (!entry || entry.tableId !== table.tableId || !table.dealt.includes(line.entryId)) {
        return `entry ${line.entryId} was not dealt at this table`;
      }
      if (entry.stack !== line.stackBefore)
        return `entry ${line.entryId} started with ${entry.stack}, not ${line.stackBefore}`;
      if (!Number.isSafeInteger(line.stackAfter) || line.stackAfter < 0)
        return `entry ${line.entryId} has a bad stack`;
      before += line.stackBefore;
      after += line.stackAfter;
    }
    if (before !== after) return `chips not conserved: ${before} in, ${after} out`;
    if (this.state.chipsInPlay !== this.state.chipsIssued)
      return 'the stacks do not add up to the chips issued';
    const bigBlind = table.seats[bigBlindSeat - 1];
    if (bigBlind === undefined || !table.dealt.includes(bigBlind))
      return `seat ${bigBlindSeat} was not dealt in`;
    return null;
  }

  /** A hand-for-hand round is over when no table is in a hand: its busts are placed together. */
  private endRound(): void {
    const state = this.state;
    const busts = state.roundBusts;
    state.roundBusts = [];
    if (busts.length > 0) this.eliminate(rankBusts(busts));
    this.updateHandForHand();
    this.finishIfOver();
  }

  private updateHandForHand(): void {
    const state = this.state;
    if (state.registrationOpen || state.phase !== 'running') return;
    const bubble = state.alive === placesPaid(state.entrants) + 1 && state.activeTables > 1;
    if (bubble !== state.handForHand && state.roundBusts.length === 0) {
      state.handForHand = bubble;
      this.emit({ type: 'handForHand', active: bubble });
    }
  }

  private eliminate(groups: number[][]): void {
    const state = this.state;
    if (state.registrationOpen) {
      state.earlyBusts.push(groups);
      // Late registration closes before the money: nobody may bust into a place not yet known.
      if (state.alive <= placesPaid(state.entrants) + 1) this.closeRegistration();
    } else {
      // The players left (alive) are above them all.
      this.placeAndPay(groups, state.alive + 1);
    }
    this.updateHandForHand();
  }

  private placeAndPay(groups: readonly (readonly number[])[], bestPlace: number): void {
    const state = this.state;
    const unit = new Money(state.config.moneyUnit);
    for (const group of placeGroups(groups, bestPlace)) {
      // Only the places involved are read: a bust costs the same in a field of any size.
      const count = group.entryIds.length;
      const places = state.prizes
        .slice(group.bestPlace - 1, group.bestPlace - 1 + count)
        .map((prize) => new Money(prize));
      const amounts = sharedPrizes(places, 1, count, unit);
      group.entryIds.forEach((entryId, index) => {
        const entry = state.entries[entryId]!;
        entry.place = group.bestPlace;
        entry.tiedWith = group.entryIds.length;
        this.emit({
          type: 'eliminated',
          entryId,
          userId: entry.userId,
          place: entry.place,
          tiedWith: entry.tiedWith,
        });
        this.pay(entry, amounts[index]!, 'place');
      });
    }
  }

  private pay(entry: EntryState, amount: Money, reason: 'place' | 'deal'): void {
    if (amount.isZero()) return;
    entry.prize = new Money(entry.prize).plus(amount).toFixed();
    this.emit({
      type: 'payPrize',
      entryId: entry.entryId,
      userId: entry.userId,
      place: entry.place,
      reason,
      amount: amount.toFixed(),
    });
  }

  private finishIfOver(): DirectorError | null {
    const state = this.state;
    if (state.alive > 1 || state.tablesInHand > 0 || state.phase !== 'running') return null;
    if (state.roundBusts.length > 0) {
      const busts = state.roundBusts;
      state.roundBusts = [];
      this.eliminate(rankBusts(busts));
    }
    if (state.registrationOpen) this.closeRegistration();
    const winner = state.entries.find((entry) => entry.status === 'playing');
    if (winner) {
      winner.place = 1;
      this.emit({
        type: 'eliminated',
        entryId: winner.entryId,
        userId: winner.userId,
        place: 1,
        tiedWith: 1,
      });
      this.pay(winner, new Money(state.prizes[0] ?? '0'), 'place');
    }
    state.phase = 'finished';
    this.emit({ type: 'finished' });
    return null;
  }

  private halt(reason: string): void {
    this.state.phase = 'halted';
    this.state.stats.invariantFailures++;
    this.emit({ type: 'halted', reason });
  }

  // Tables ---------------------------------------------------------------------------------------

  private openTable(): TableState {
    const state = this.state;
    const table: TableState = {
      tableId: state.tables.length + 1,
      seats: new Array<number>(state.config.seatsPerTable).fill(EMPTY),
      players: 0,
      status: 'idle',
      breaking: false,
      lastBigBlindSeat: 0,
      hands: 0,
      dealt: [],
      outgoing: [],
      incomingFrom: [],
    };
    state.tables.push(table);
    state.bucketSlot.push(-1);
    state.activeTables++;
    this.emit({ type: 'openTable', tableId: table.tableId });
    return table;
  }

  private seat(entry: EntryState, tableId: number, seat: number): void {
    const table = this.state.tables[tableId - 1]!;
    table.seats[seat - 1] = entry.entryId;
    table.players++;
    entry.tableId = tableId;
    entry.seat = seat;
    this.emit({
      type: 'seatPlayer',
      tableId,
      seat,
      entryId: entry.entryId,
      userId: entry.userId,
      stack: entry.stack,
    });
  }

  /** Moves a player between hands at their table; they keep their stack. */
  private move(entry: EntryState, toTableId: number, toSeat: number): void {
    const state = this.state;
    const from = state.tables[entry.tableId - 1]!;
    const to = state.tables[toTableId - 1]!;
    const fromSeat = entry.seat;
    from.seats[fromSeat - 1] = EMPTY;
    from.players--;
    to.seats[toSeat - 1] = entry.entryId;
    to.players++;
    entry.tableId = toTableId;
    entry.seat = toSeat;
    state.stats.moves++;
    this.emit({
      type: 'movePlayer',
      entryId: entry.entryId,
      userId: entry.userId,
      fromTableId: from.tableId,
      fromSeat,
      toTableId,
      toSeat,
      stack: entry.stack,
    });
  }

  /** A table of the given planned size with a seat free now (the last listed first). 0 if none. */
  private tableWithOpenSeat(size: number, except = 0): number {
    const bucket = this.state.buckets[size]!;
    for (let i = bucket.length - 1; i >= 0; i--) {
      const table = this.state.tables[bucket[i]! - 1]!;
      if (table.tableId !== except && table.players < table.seats.length) return table.tableId;
    }
    return 0;
  }

  /** Breaks the highest-numbered active tables while the players fit into one table fewer. */
  private breakTablesIfTheyFit(): void {
    const state = this.state;
    const seats = state.config.seatsPerTable;
    for (let tableId = state.tables.length; tableId >= 1 && state.activeTables > 1; tableId--) {
      if (state.alive > (state.activeTables - 1) * seats) return;
      const table = state.tables[tableId - 1]!;
      if (table.status === 'broken' || table.breaking) continue;
      table.breaking = true;
      state.activeTables--;
      unindex(state, tableId);
      // Moves promised to or from it are off; the others balance among themselves.
      while (table.outgoing.length > 0) this.callOff(table, state.tables[table.outgoing.at(-1)! - 1]!);
      while (table.incomingFrom.length > 0)
        this.callOff(state.tables[table.incomingFrom.at(-1)! - 1]!, table);
      if (table.status === 'idle') this.breakTable(table);
    }
  }

  /** Its players, in seat order, each to a random open seat at one of the smallest tables. */
  private breakTable(table: TableState): void {
    const state = this.state;
    for (const entryId of table.seats) {
      if (entryId === EMPTY) continue;
      // The smallest planned size with a seat free now (a table may still hold players it owes).
      let toTableId = 0;
      for (let size = 0; toTableId === 0 && size < state.config.seatsPerTable; size++) {
        toTableId = this.tableWithOpenSeat(size);
      }
      if (toTableId === 0) toTableId = this.seatInsteadOfOwedPlayer();
      if (toTableId === 0) {
        this.halt(`no open seat for the players of table ${table.tableId}`);
        return;
      }
      const seats = openSeats(state.tables[toTableId - 1]!.seats);
      this.move(state.entries[entryId]!, toTableId, seats[this.randomInt(seats.length)]!);
      reindex(state, toTableId);
      this.brokenInto.push(toTableId);
    }
    table.status = 'broken';
    table.breaking = false;
    this.emit({ type: 'breakTable', tableId: table.tableId });
  }

  /**
   * Every planned seat is taken, but a table waiting for a player owed by a table in a hand has
   * a seat free now: the player from the broken table takes it, and the owed move is called off
   * (it would have filled the same seat). Rare (tables nearly full); scans the tables.
   * Returns the table with the seat, 0 if none.
   */
  private seatInsteadOfOwedPlayer(): number {
    const waiting = this.state.tables.find(
      (table) =>
        table.status !== 'broken' &&
        !table.breaking &&
        table.incomingFrom.length > 0 &&
        table.players < table.seats.length,
    );
    if (!waiting) return 0;
    this.callOff(this.state.tables[waiting.incomingFrom.at(-1)! - 1]!, waiting);
    return waiting.tableId;
  }

  /** Calls off the move `from` owes `to`, and keeps both tables' planned sizes within the seats. */
  private callOff(from: TableState, to: TableState): void {
    from.outgoing.splice(from.outgoing.lastIndexOf(to.tableId), 1);
    to.incomingFrom.splice(to.incomingFrom.lastIndexOf(from.tableId), 1);
    this.fitPlanned(from);
    this.fitPlanned(to);
  }

  /**
   * A table that keeps a player it owed may plan more players than it has seats, if it is itself
   * owed one (a chain of moves): the move owed to it is called off too, up the chain.
   */
  private fitPlanned(table: TableState): void {
    while (plannedSize(table) > this.state.config.seatsPerTable) {
      this.callOff(this.state.tables[table.incomingFrom.at(-1)! - 1]!, table);
    }
    if (table.status !== 'broken' && !table.breaking) reindex(this.state, table.tableId);
  }

  /**
   * Balances the planned table sizes until they differ by at most one: the largest table gives its
   * next big blind to the worst seat of the smallest. `idleTableId`, the table between hands the
   * caller is handling, gives first; any other largest table in a hand owes the move.
   */
  private balance(idleTableId: number | null): void {
    const state = this.state;
    for (;;) {
      const range = sizeRange(state);
      if (range === null || range.max - range.min <= 1) break;
      const idle = idleTableId === null ? null : state.tables[idleTableId - 1]!;
      const sourceId =
        idle && !idle.breaking && plannedSize(idle) === range.max
          ? idle.tableId
          : state.buckets[range.max]!.at(-1)!;
      const source = state.tables[sourceId - 1]!;
      const toTableId = this.tableWithOpenSeat(range.min, sourceId);
      if (toTableId === 0) {
        // The smallest tables are full for now: they owe players. One keeps a player it owes, and
        // the table that was to get it is balanced from the largest instead (sum of squared
        // sizes goes down, so this ends).
        const keeper = state.tables[state.buckets[range.min]!.at(-1)! - 1]!;
        if (keeper.outgoing.length === 0) break;
        this.callOff(keeper, state.tables[keeper.outgoing.at(-1)! - 1]!);
        continue;
      }
      const destination = state.tables[toTableId - 1]!;
      if (source.status === 'idle') {
        const moverSeat = nextBigBlindSeat(source.seats, source.lastBigBlindSeat);
        if (moverSeat === null) break;
        const toSeat = worstOpenSeat(destination.seats, destination.lastBigBlindSeat)!;
        this.move(state.entries[source.seats[moverSeat - 1]!]!, toTableId, toSeat);
      } else {
        source.outgoing.push(toTableId);
        destination.incomingFrom.push(sourceId);
      }
      reindex(state, sourceId);
      reindex(state, toTableId);
      if (destination.status === 'idle') this.dealIfReady(destination);
    }
    const range = sizeRange(state);
    if (range !== null) {
      state.stats.balancingSteps++;
      const diff = range.max - range.min;
      if (diff > state.stats.maxTableSizeDiff) state.stats.maxTableSizeDiff = diff;
      if (diff > 1) state.stats.invariantFailures++;
    }
  }

  // Dealing --------------------------------------------------------------------------------------

  /** Deals every table that may deal: after a break, or a hand-for-hand round. */
  private dealReadyTables(onlyTableId?: number): void {
    const state = this.state;
    if (onlyTableId !== undefined && !state.handForHand) {
      this.dealIfReady(state.tables[onlyTableId - 1]!);
      return;
    }
    if (state.handForHand && state.tablesInHand > 0) return;
    this.dealingRound = true;
    for (const table of state.tables) this.dealIfReady(table);
    this.dealingRound = false;
  }

  private dealIfReady(table: TableState): void {
    const state = this.state;
    if (state.phase !== 'running' || this.onBreak() || state.dealPending) return;
    if (table.status !== 'idle' || table.breaking || table.players < 2) return;
    if (state.handForHand && !this.dealingRound) return;
    const step = state.config.structure.steps[state.stepIndex]!;
    table.status = 'in-hand';
    table.dealt = table.seats.filter((entryId) => entryId !== EMPTY);
    state.tablesInHand++;
    this.emit({
      type: 'dealHand',
      tableId: table.tableId,
      handNumber: table.hands + 1,
      stepIndex: state.stepIndex,
      level: step.kind === 'level' ? step : blindLevelAt(state.config.structure, state.stepIndex),
    });
  }

  // Deals ----------------------------------------------------------------------------------------

  /** Only at the final table (one table left, few enough players for ICM), once the field is known. */
  private dealProposed(): DirectorError | null {
    const state = this.state;
    if (state.phase !== 'running' || state.registrationOpen) {
      return { code: 'tournament/not-running', message: 'a deal is made once the field is known' };
    }
    if (state.activeTables !== 1 || state.alive > ICM_PLAYERS_MAX) {
      return { code: 'tournament/invalid-deal', message: 'a deal is made at the final table' };
    }
    state.dealPending = true;
    return null;
  }

  private dealAgreed(
    shares: readonly { readonly entryId: number; readonly amount: string }[],
    leftToPlayFor: string,
  ): DirectorError | null {
    const state = this.state;
    if (!state.dealPending || state.tablesInHand > 0) {
      return {
        code: 'tournament/invalid-deal',
        message: 'a deal is agreed after it was proposed, between hands',
      };
    }
    const alive = state.entries.filter((entry) => entry.status === 'playing');
    const ids = new Set(shares.map((share) => share.entryId));
    if (ids.size !== alive.length || alive.some((entry) => !ids.has(entry.entryId))) {
      return { code: 'tournament/invalid-deal', message: 'every player left takes part in a deal' };
    }
    const unit = new Money(state.config.moneyUnit);
    const amounts = shares.map((share) => new Money(share.amount));
    const left = new Money(leftToPlayFor);
    const remaining = state.prizes.slice(0, alive.length).reduce((sum, prize) => sum.plus(prize), ZERO);
    const dealt = amounts.reduce((sum, amount) => sum.plus(amount), ZERO);
    const wholeUnits = [...amounts, left].every(
      (amount) => !amount.isNegative() && amount.dividedBy(unit).isInteger(),
    );
    if (!wholeUnits || !dealt.plus(left).equals(remaining) || left.greaterThan(state.prizes[0] ?? '0')) {
      return { code: 'tournament/invalid-deal', message: 'the deal must share exactly the prizes left' };
    }
    shares.forEach((share, index) => {
      this.pay(state.entries[share.entryId]!, amounts[index]!, 'deal');
    });
    const places = Math.min(alive.length, state.prizes.length);
    const after = prizesAfterDeal(places, left).map((prize) => prize.toFixed());
    state.prizes.splice(0, after.length, ...after);
    state.dealPending = false;
    if (left.isZero()) this.finishByDeal(alive);
    else this.dealReadyTables();
    return null;
  }

  /**
   * A deal that shared the whole pool leaves nothing to play for: the tournament ends now. The
   * players still in take the places left by their chips at the deal, as if they had busted
   * together in one hand (eliminations.ts: more chips finish higher, equal stacks tie); those
   * places pay nothing more (the deal took their prizes). They stay `playing` (finished, not out).
   */
  private finishByDeal(alive: readonly EntryState[]): void {
    const state = this.state;
    const groups = rankBusts(
      alive.map((entry) => ({ entryId: entry.entryId, tableId: entry.tableId, startStack: entry.stack })),
    );
    this.placeAndPay(groups, 1);
    state.phase = 'finished';
    this.emit({ type: 'finished' });
  }

  private emit(command: DirectorCommand): void {
    this.commands.push(command);
  }

  private userEntries(userId: string): number[] {
    let entries = this.entriesByUser.get(userId);
    if (!entries) {
      entries = [];
      this.entriesByUser.set(userId, entries);
    }
    return entries;
  }
}
