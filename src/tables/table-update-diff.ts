import type { HandChanges, TableUpdate } from '../protocol/table-update.js';
import type {
  ActionClockView,
  HandPlayerWire,
  HandViewWire,
  SeatPlayerView,
  TableView,
} from '../protocol/table-view.js';

/**
 * The public update from one spectator view of a table to the next: only what changed. Applied by
 * TableViewAssembler (src/protocol) to `previous`, it gives `next` exactly; the per-update test in
 * test/unit/table-update-stream.test.ts holds both ends to that.
 */
export function diffPublicView(previous: TableView, next: TableView): TableUpdate {
  const update: { -readonly [K in keyof TableUpdate]: TableUpdate[K] } = {
    tableId: next.tableId,
    seq: next.seq,
    serverTimeMs: next.serverTimeMs,
  };
  if (next.status !== previous.status) update.status = next.status;
  if (!sameJson(previous.stakes, next.stakes)) update.stakes = next.stakes;
  const seats = changedSeats(previous, next);
  if (seats) update.seats = seats;
  const before = previous.hand;
  const after = next.hand;
  if (after === null) {
    if (before !== null) update.hand = null;
  } else if (before === null || !sameHand(before, after)) {
    update.hand = after;
  } else {
    const changes = handChanges(before, after);
    if (changes) update.handChanges = changes;
  }
  // A tournament table's block: small, compared whole (the public one carries no viewer's rank).
  if (next.tournament && !sameJson(previous.tournament ?? null, next.tournament))
    update.tournament = next.tournament;
  return update;
}

/** What every update carries, changed or not. */
const FRAME_FIELDS: ReadonlySet<string> = new Set([
  'tableId',
  'seq',
  'serverTimeMs',
] satisfies (keyof TableUpdate)[]);

/** An update that carries nothing a viewer could see: only the table, a seq and the time. */
export function isEmptyUpdate(update: TableUpdate): boolean {
  return Object.keys(update).every((field) => FRAME_FIELDS.has(field));
}

function changedSeats(previous: TableView, next: TableView): Record<string, SeatPlayerView | null> | null {
  let changed: Record<string, SeatPlayerView | null> | null = null;
  next.seats.forEach((seat, index) => {
    if (samePlayer(previous.seats[index]?.player ?? null, seat.player)) return;
    changed ??= {};
    changed[String(seat.seat)] = seat.player;
  });
  return changed;
}

function samePlayer(a: SeatPlayerView | null, b: SeatPlayerView | null): boolean {
  if (a === null || b === null) return a === b;
  return (
    a.userId === b.userId &&
    a.username === b.username &&
    a.stack === b.stack &&
    a.status === b.status &&
    a.connected === b.connected &&
    a.timeBankMs === b.timeBankMs &&
    a.awayUntilMs === b.awayUntilMs
  );
}

/** What identifies a hand: anything else about it may change while it is played. */
function sameHand(a: HandViewWire, b: HandViewWire): boolean {
  return (
    a.number === b.number &&
    a.deckCommitment === b.deckCommitment &&
    a.buttonSeat === b.buttonSeat &&
    a.smallBlindSeat === b.smallBlindSeat &&
    a.bigBlindSeat === b.bigBlindSeat &&
    a.players.length === b.players.length &&
    a.legal === null &&
    b.legal === null
  );
}

function handChanges(a: HandViewWire, b: HandViewWire): HandChanges | null {
  const changes: { -readonly [K in keyof HandChanges]: HandChanges[K] } = {};
  let any = false;
  if (a.phase !== b.phase) {
    changes.phase = b.phase;
    any = true;
  }
  if (!sameStrings(a.board, b.board)) {
    changes.board = b.board;
    any = true;
  }
  // The runout's second board, decisions and equity: small, rare, compared whole.
  if (!sameJson(a.secondBoard, b.secondBoard)) {
    changes.secondBoard = b.secondBoard;
    any = true;
  }
  if (!sameJson(a.runout, b.runout)) {
    changes.runout = b.runout;
    any = true;
  }
  if (!sameJson(a.equity, b.equity)) {
    changes.equity = b.equity;
    any = true;
  }
  if (a.pot !== b.pot) {
    changes.pot = b.pot;
    any = true;
  }
  let players: Record<string, HandPlayerWire> | null = null;
  b.players.forEach((player, index) => {
    if (sameHandPlayer(a.players[index]!, player)) return;
    players ??= {};
    players[String(index)] = player;
  });
  if (players) {
    changes.players = players;
    any = true;
  }
  if (a.toActSeat !== b.toActSeat) {
    changes.toActSeat = b.toActSeat;
    any = true;
  }
  if (a.turn !== b.turn) {
    changes.turn = b.turn;
    any = true;
  }
  if (!sameClock(a.clock, b.clock)) {
    changes.clock = b.clock;
    any = true;
  }
  // Results and proofs appear once, at the end of a hand; their content is compared only then.
  if (!sameJson(a.result, b.result)) {
    changes.result = b.result;
    any = true;
  }
  if (!sameJson(a.proof, b.proof)) {
    changes.proof = b.proof;
    any = true;
  }
  return any ? changes : null;
}

function sameHandPlayer(a: HandPlayerWire, b: HandPlayerWire): boolean {
  return (
    a.seat === b.seat &&
    a.stack === b.stack &&
    a.streetCommitted === b.streetCommitted &&
    a.totalCommitted === b.totalCommitted &&
    a.folded === b.folded &&
    a.allIn === b.allIn &&
    sameNullableStrings(a.holeCards, b.holeCards) &&
    a.lastAction?.index === b.lastAction?.index
  );
}

function sameClock(a: ActionClockView | null, b: ActionClockView | null): boolean {
  if (a === null || b === null) return a === b;
  return (
    a.seat === b.seat &&
    a.deadlineMs === b.deadlineMs &&
    a.timeBankDeadlineMs === b.timeBankDeadlineMs &&
    a.usingTimeBank === b.usingTimeBank
  );
}

function sameStrings(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((value, index) => value === b[index]);
}

function sameNullableStrings(a: readonly string[] | null, b: readonly string[] | null): boolean {
  if (a === null || b === null) return a === b;
  return sameStrings(a, b);
}

function sameJson(a: unknown, b: unknown): boolean {
  if (a === null || b === null) return a === b;
  return a === b || JSON.stringify(a) === JSON.stringify(b);
}
