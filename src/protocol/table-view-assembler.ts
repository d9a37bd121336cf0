import type { HandChanges, TablePrivate, TableUpdate } from './table-update.js';
import type { HandPlayerWire, HandViewWire, SeatView, TableView, TournamentViewWire } from './table-view.js';

/** What became of an update given to the assembler. */
export type UpdateOutcome =
  /** Applied: `view` is the new whole view. */
  | { readonly kind: 'applied'; readonly view: TableView }
  /** Older than (or as old as) the view held: ignored. */
  | { readonly kind: 'stale' }
  /** No view to apply it to yet (a join or sync is on its way): kept until the view arrives. */
  | { readonly kind: 'waiting' }
  /** An update is missing (or could not be applied): ask for a whole view with table:sync. */
  | { readonly kind: 'gap' };

/** Updates kept while waiting for a whole view; more than this and the client resyncs anyway. */
const MAX_WAITING_UPDATES = 64;

/**
 * Keeps one table's whole view on the client side: whole views from acks (table:join, table:sit,
 * table:sync) replace it, and `table:update` messages move it on, strictly in sequence. The same
 * code serves the browser client, the load-test bots and the tests, so all of them see exactly
 * what the server's per-viewer render would show (test/unit/table-update-stream.test.ts checks
 * that, update by update).
 */
export class TableViewAssembler {
  private current: TableView | null = null;
  private own: TablePrivate | null = null;
  private waiting: TableUpdate[] = [];

  /** userId: the viewer (null for a spectator without a session). */
  constructor(private readonly userId: string | null) {}

  get view(): TableView | null {
    return this.current;
  }

  /**
   * A whole view (an ack's). It replaces what is held unless what is held is newer (an update
   * overtook the ack): then it is 'stale'. After a reconnection, clear() first: a restarted server
   * or a new owner numbers its views afresh. Updates that waited for it are applied after it; the
   * outcome is that of the last one (or 'applied' with the view itself).
   */
  reset(view: TableView): UpdateOutcome {
    const held = this.current;
    if (held && held.tableId === view.tableId && held.seq > view.seq) return { kind: 'stale' };
    this.current = view;
    this.own = privateOf(view);
    const waiting = this.waiting;
    this.waiting = [];
    let outcome: UpdateOutcome = { kind: 'applied', view };
    for (const update of waiting) {
      const next = this.apply(update);
      if (next.kind === 'gap') return next;
      if (next.kind === 'applied') outcome = next;
    }
    return outcome;
  }

  /** Forgets the view (the socket left the table); later updates wait for the next whole view. */
  clear(): void {
    this.current = null;
    this.own = null;
    this.waiting = [];
  }

  apply(update: TableUpdate): UpdateOutcome {
    const view = this.current;
    if (!view) {
      if (this.waiting.length >= MAX_WAITING_UPDATES) this.waiting.shift();
      this.waiting.push(update);
      return { kind: 'waiting' };
    }
    if (update.tableId !== view.tableId || update.seq <= view.seq) return { kind: 'stale' };
    if (update.seq !== view.seq + 1) return { kind: 'gap' };
    if (update.private) this.own = update.private;
    const hand = nextHand(view.hand, update);
    if (hand === undefined) return { kind: 'gap' };
    const seats = update.seats ? nextSeats(view.seats, update.seats) : view.seats;
    const seat = seatOf(seats, this.userId);
    const tournament = update.tournament ?? view.tournament;
    const next: TableView = {
      ...view,
      seq: update.seq,
      serverTimeMs: update.serverTimeMs,
      status: update.status ?? view.status,
      stakes: update.stakes ?? view.stakes,
      seats,
      hand: hand && overlay(hand, this.own),
      you: { userId: this.userId, seat },
      ...(tournament && { tournament: withYourRank(tournament, seat) }),
    };
    this.current = next;
    return { kind: 'applied', view: next };
  }
}

/** A tournament block with the viewer's own rank: the rank of their seat, as the server renders it. */
function withYourRank(tournament: TournamentViewWire, seat: number | null): TournamentViewWire {
  const yourRank = tournament.ranks.find((entry) => entry.seat === seat)?.rank ?? null;
  return tournament.yourRank === yourRank ? tournament : { ...tournament, yourRank };
}

/** The hand after an update; undefined if the update does not fit the hand held. */
function nextHand(hand: HandViewWire | null, update: TableUpdate): HandViewWire | null | undefined {
  if (update.hand !== undefined) return update.hand;
  const changes = update.handChanges;
  if (!changes) return hand;
  if (!hand) return undefined;
  const players = changes.players ? nextPlayers(hand.players, changes.players) : hand.players;
  if (!players) return undefined;
  return { ...hand, ...withoutPlayers(changes), players };
}

function withoutPlayers(changes: HandChanges): Omit<HandChanges, 'players'> {
  const { players: _players, ...rest } = changes;
  return rest;
}

function nextPlayers(
  players: readonly HandPlayerWire[],
  changed: Readonly<Record<string, HandPlayerWire>>,
): HandPlayerWire[] | undefined {
  const next = [...players];
  for (const [key, player] of Object.entries(changed)) {
    const index = Number(key);
    if (!Number.isInteger(index) || index < 0 || index >= next.length) return undefined;
    next[index] = player;
  }
  return next;
}

function nextSeats(
  seats: readonly SeatView[],
  changed: NonNullable<TableUpdate['seats']>,
): readonly SeatView[] {
  return seats.map((seat) => {
    const player = changed[String(seat.seat)];
    return player === undefined ? seat : { seat: seat.seat, player };
  });
}

function shownToAll(hand: HandViewWire, seat: number): boolean {
  return hand.result?.shown.some((shown) => shown.seat === seat) ?? false;
}

function seatOf(seats: readonly SeatView[], userId: string | null): number | null {
  if (userId === null) return null;
  return seats.find((seat) => seat.player?.userId === userId)?.seat ?? null;
}

/**
 * The public hand with the viewer's own part laid over it: their cards (unless already shown),
 * what they may do (only at the turn it was given for, and only while it is their turn) and their
 * own proof, which covers everything the public one does and their cards besides.
 */
function overlay(hand: HandViewWire, own: TablePrivate | null): HandViewWire {
  const mine = own && own.handNumber === hand.number ? own : null;
  const legal = mine && mine.turn === hand.turn && hand.toActSeat === mine.seat ? mine.legal : null;
  const players = mine?.holeCards
    ? hand.players.map((player) =>
        player.seat === mine.seat && player.holeCards === null
          ? { ...player, holeCards: mine.holeCards }
          : player,
      )
    : hand.players;
  return { ...hand, players, legal, proof: mine?.proof ?? hand.proof };
}

/**
 * The viewer's own part, read from a whole view rendered for them: the hand's player whose cards
 * are shown to this viewer alone (or, once shown to all, who sits in the viewer's seat).
 */
function privateOf(view: TableView): TablePrivate | null {
  const hand = view.hand;
  if (!hand) return null;
  const player =
    hand.players.find((candidate) => candidate.seat === view.you.seat) ??
    hand.players.find((candidate) => candidate.holeCards !== null && !shownToAll(hand, candidate.seat));
  if (!player) return null;
  return {
    handNumber: hand.number,
    seat: player.seat,
    turn: hand.turn,
    holeCards: player.holeCards,
    legal: hand.legal,
    proof: hand.proof,
  };
}
