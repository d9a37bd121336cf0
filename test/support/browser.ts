import { type Browser, chromium, type Page } from 'playwright-core';
import { SERVER_EVENT_SCHEMAS, TableViewSchema } from '../../src/protocol/server-message-schemas.js';
import type { TableUpdate } from '../../src/protocol/table-update.js';
import type {
  DeckProofWire,
  HandResultWire,
  HandViewWire,
  PhaseWire,
  TableView,
} from '../../src/protocol/table-view.js';
import { TableViewAssembler, type UpdateOutcome } from '../../src/protocol/table-view-assembler.js';

/** Debian's Chromium: Playwright cannot download a browser on these machines. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
      '--disable-sync',
      '--disable-quic',
      '--disable-dev-shm-usage',
    ],
  });
}

/** One Socket.IO message a page received: an event (name and payload), an acknowledgement, or a (re)connection. */
export type SocketMessage =
  | { readonly kind: 'event'; readonly name: string; readonly payload: unknown }
  | { readonly kind: 'ack'; readonly payload: unknown }
  /** The namespace was (re)connected: the page forgets the views it held and joins its table again. */
  | { readonly kind: 'connect' };

/**
 * Decodes one Engine.IO packet of the default Socket.IO parser: "42[...]" is an event, "43<id>[...]"
 * an acknowledgement, "40{...}" the server's answer to a connection (a namespace, "/x,", may follow
 * the type, and an ack id precede the array). Anything else (pings, the handshake) carries no
 * application data.
 */
export function decodeSocketIoPacket(packet: string): SocketMessage | null {
  if (/^40(?:\/[^,]*,)?(?:\{.*\})?$/s.test(packet)) return { kind: 'connect' };
  const match = /^4([23])(?:\/[^,]*,)?(\d*)(\[.*)$/s.exec(packet);
  if (!match) return null;
  const body = JSON.parse(match[3]!) as unknown[];
  if (match[1] === '2') return { kind: 'event', name: String(body[0]), payload: body[1] };
  return { kind: 'ack', payload: body[0] };
}

function hasKeys(value: unknown, keys: readonly string[]): boolean {
  return typeof value === 'object' && value !== null && keys.every((key) => key in value);
}

/** The whole view an acknowledgement carries (join, sit, sit-in, sit-out, sync), or null. */
export function ackedView(message: SocketMessage): TableView | null {
  if (message.kind !== 'ack') return null;
  const ack = message.payload as { ok?: boolean; data?: unknown } | null;
  return ack?.ok === true && hasKeys(ack.data, ['tableId', 'seats', 'you', 'seq'])
    ? (ack.data as TableView)
    : null;
}

/** The table:update an event carries, or null. */
export function updateIn(message: SocketMessage): TableUpdate | null {
  return message.kind === 'event' &&
    message.name === 'table:update' &&
    hasKeys(message.payload, ['tableId', 'seq'])
    ? (message.payload as TableUpdate)
    : null;
}

/** Something a page received about a table, and what the page made of it. */
export interface TableReceipt {
  /** Exactly what came over the wire: a whole view (an ack's) or an update. */
  readonly received:
    | { readonly kind: 'view'; readonly view: TableView }
    | { readonly kind: 'update'; readonly update: TableUpdate };
  /** What a TableViewAssembler, the page's own logic, made of it. */
  readonly outcome: UpdateOutcome['kind'];
  /** The view the page then held for that table (null while it waits for a whole one). */
  readonly held: TableView | null;
  /** The hand it is about, when that can be told (an update that missed its base cannot). */
  readonly handNumber: number | null;
}

/**
 * Replays what a page received the way the page does: whole views from acks reset a
 * TableViewAssembler per table, updates move it on, a reconnection clears it. The viewer is the
 * user the server named in its views (`you.userId`).
 */
export function replayTables(messages: readonly SocketMessage[]): TableReceipt[] {
  const userId = messages.map(ackedView).find((view) => view?.you.userId)?.you.userId ?? null;
  const assemblers = new Map<string, TableViewAssembler>();
  const assemblerOf = (tableId: string) => {
    let assembler = assemblers.get(tableId);
    if (!assembler) {
      assembler = new TableViewAssembler(userId);
      assemblers.set(tableId, assembler);
    }
    return assembler;
  };
  const receipts: TableReceipt[] = [];
  for (const message of messages) {
    if (message.kind === 'connect') {
      for (const assembler of assemblers.values()) assembler.clear();
      continue;
    }
    const view = ackedView(message);
    if (view) {
      const assembler = assemblerOf(view.tableId);
      const outcome = assembler.reset(view).kind;
      const handNumber = view.hand?.number ?? null;
      receipts.push({ received: { kind: 'view', view }, outcome, held: assembler.view, handNumber });
      continue;
    }
    const update = updateIn(message);
    if (!update) continue;
    const assembler = assemblerOf(update.tableId);
    const outcome = assembler.apply(update).kind;
    const held = assembler.view;
    const handNumber =
      update.private?.handNumber ??
      (update.hand !== undefined
        ? (update.hand?.number ?? null)
        : outcome === 'applied'
          ? (held?.hand?.number ?? null)
          : null);
    receipts.push({ received: { kind: 'update', update }, outcome, held, handNumber });
  }
  return receipts;
}

/** Every view a page had: each whole view it received, and each view its updates made. */
export function viewsOf(receipts: readonly TableReceipt[]): TableView[] {
  return receipts.flatMap((receipt) => {
    const made = receipt.outcome === 'applied' && receipt.held ? [receipt.held] : [];
    if (receipt.received.kind === 'update') return made;
    const view = receipt.received.view;
    return made[0] === view ? [view] : [view, ...made];
  });
}

export interface FrameLog {
  /** Every raw text frame or polling body the page received on /socket.io/, in order. */
  readonly raw: string[];
  readonly messages: SocketMessage[];
  /** What the page received about tables, replayed as the page does (replayTables). */
  receipts(): TableReceipt[];
  /** Every view the page had (viewsOf). */
  views(): TableView[];
}

/**
 * Records everything the page receives over Socket.IO, on WebSocket frames and on long-polling
 * answers alike, so a test can check what reached the browser, not only what it displayed.
 */
export function recordSocketFrames(page: Page): FrameLog {
  const log: FrameLog = {
    raw: [],
    messages: [],
    receipts: () => replayTables(log.messages),
    views: () => viewsOf(log.receipts()),
  };
  const take = (text: string) => {
    log.raw.push(text);
    // Long-polling bodies hold several packets separated by the record separator.
    for (const packet of text.split('\u001e')) {
      const message = decodeSocketIoPacket(packet);
      if (message) log.messages.push(message);
    }
  };
  page.on('websocket', (socket) => {
    if (!socket.url().includes('/socket.io/')) return;
    socket.on('framereceived', (frame) => {
      if (typeof frame.payload === 'string') take(frame.payload);
    });
  });
  page.on('response', (response) => {
    if (!response.url().includes('/socket.io/') || response.request().method() !== 'GET') return;
    response.text().then(take, () => {});
  });
  return log;
}

/**
 * The hidden-information rule, checked on every view a page had: another player's hole cards are
 * absent unless the hand is over and the result says they were shown, and then they are exactly
 * the shown cards. The deck proof follows the same rule: its hole cards are the viewer's own and the
 * shown ones, and it opens no card but those and the board. Returns the violations (none: it held).
 */
export function hiddenCardViolations(views: readonly TableView[]): string[] {
  const problems: string[] = [];
  for (const view of views) {
    const hand = view.hand;
    if (!hand) continue;
    const where = `seq ${view.seq} hand ${hand.number} (${hand.phase}), viewer seat ${view.you.seat}`;
    const mayHold = (seat: number, cards: readonly string[]) =>
      seat === view.you.seat || sameCards(shownCards(hand, seat), cards);
    for (const player of hand.players) {
      if (player.holeCards !== null && !mayHold(player.seat, player.holeCards)) {
        problems.push(`${where}: seat ${player.seat}'s cards ${player.holeCards.join(' ')}`);
      }
    }
    const visible = new Set(hand.board);
    for (const player of hand.players) {
      if (player.holeCards && mayHold(player.seat, player.holeCards))
        for (const card of player.holeCards) visible.add(card);
    }
    problems.push(...proofViolations(where, hand.proof, mayHold, visible));
  }
  return problems;
}

/** What is known of a hand's end: its phase and result (either may be unknown). */
interface HandEnd {
  readonly phase: PhaseWire | undefined;
  readonly result: HandResultWire | null | undefined;
}

/** The cards the result of a finished hand shows, per seat (none before the hand is over). */
function shownCards(end: HandEnd, seat: number): readonly string[] | undefined {
  return end.phase === 'complete' ? end.result?.shown.find((entry) => entry.seat === seat)?.cards : undefined;
}

function allShownCards(end: HandEnd): string[] {
  return end.phase === 'complete' ? (end.result?.shown ?? []).flatMap((entry) => entry.cards) : [];
}

function sameCards(expected: readonly string[] | null | undefined, cards: readonly string[]): boolean {
  return expected !== undefined && expected !== null && expected.join() === cards.join();
}

/** A deck proof may list only cards the viewer may hold, and open only cards the viewer saw. */
function proofViolations(
  where: string,
  proof: DeckProofWire | null | undefined,
  mayHold: (seat: number, cards: readonly string[]) => boolean,
  visible: ReadonlySet<string>,
): string[] {
  if (!proof) return [];
  const problems: string[] = [];
  for (const entry of proof.holeCards) {
    if (!mayHold(entry.seat, entry.cards))
      problems.push(`${where}: proof lists seat ${entry.seat}'s cards ${entry.cards.join(' ')}`);
  }
  for (const opening of proof.openings) {
    if (!visible.has(opening.card))
      problems.push(`${where}: proof opens ${opening.card} at position ${opening.position}`);
  }
  return problems;
}

/**
 * The same rule, on the updates exactly as they came, so that nothing the page's own logic would
 * drop (or lay over something else) escapes it:
 * - the public part of an update is what a spectator gets: it carries no hole cards at all (the
 *   viewer's own included) but those the result of the finished hand shows, and a proof in it
 *   lists and opens nothing else either (besides the board);
 * - a private part is the page's own user's: it names the seat that user was dealt in at (as the
 *   views the page held show it), its cards are one pair throughout a hand and the same the
 *   server's whole views showed at that seat, and its proof lists only that seat and shown cards.
 */
export function updateViolations(receipts: readonly TableReceipt[]): string[] {
  const dealtSeats = new Map<string, number>();
  const ownCards = new Map<string, readonly string[]>();
  const problems: string[] = [];
  for (const receipt of receipts) {
    const whole = receipt.received.kind === 'view' ? receipt.received.view : null;
    for (const view of [receipt.held, whole]) {
      const hand = view?.hand;
      const seat = view?.you.seat ?? null;
      const player = hand?.players.find((entry) => entry.seat === seat);
      if (!view || !hand || !player) continue;
      const key = `${view.tableId}#${hand.number}`;
      if (!dealtSeats.has(key)) dealtSeats.set(key, player.seat);
      // The server's own render of this user's cards: every private part must agree with it.
      if (view === whole && player.holeCards && !ownCards.has(key)) ownCards.set(key, player.holeCards);
    }
  }
  for (const receipt of receipts) {
    if (receipt.received.kind !== 'update') continue;
    const update = receipt.received.update;
    problems.push(...publicPartViolations(update, receipt.outcome === 'applied' ? receipt.held?.hand : null));
    const own = update.private;
    if (!own) continue;
    const key = `${update.tableId}#${own.handNumber}`;
    const where = `seq ${update.seq} private part of hand ${own.handNumber}`;
    const dealt = dealtSeats.get(key);
    if (dealt !== own.seat) {
      problems.push(`${where}: for seat ${own.seat}, but this user was dealt in at ${dealt ?? 'no seat'}`);
      continue;
    }
    if (own.holeCards) {
      const known = ownCards.get(key);
      if (known && !sameCards(known, own.holeCards))
        problems.push(`${where}: cards ${own.holeCards.join(' ')}, but this user holds ${known.join(' ')}`);
      if (!known) ownCards.set(key, own.holeCards);
    }
    const hand = receipt.held?.hand?.number === own.handNumber ? receipt.held.hand : null;
    const mine = ownCards.get(key) ?? [];
    const mayHold = (seat: number, cards: readonly string[]) =>
      (seat === own.seat && sameCards(mine, cards)) ||
      (hand !== null && sameCards(shownCards(hand, seat), cards));
    const visible = new Set([
      ...(hand?.board ?? own.proof?.board ?? []),
      ...mine,
      ...(hand ? allShownCards(hand) : []),
    ]);
    problems.push(...proofViolations(where, own.proof, mayHold, visible));
  }
  return problems;
}

/**
 * The public part of one update. What the finished hand shows comes from the view the update made
 * (`hand`, when it applied) or from the update itself; what neither tells is taken as not shown.
 */
function publicPartViolations(update: TableUpdate, hand: HandViewWire | null | undefined): string[] {
  const changes = update.handChanges;
  const known = hand ?? update.hand ?? null;
  const end: HandEnd = { phase: known?.phase ?? changes?.phase, result: known?.result ?? changes?.result };
  const mayHold = (seat: number, cards: readonly string[]) => sameCards(shownCards(end, seat), cards);
  const where = `seq ${update.seq} public part`;
  const problems: string[] = [];
  const players = update.hand ? update.hand.players : Object.values(changes?.players ?? {});
  for (const player of players) {
    if (player.holeCards !== null && !mayHold(player.seat, player.holeCards))
      problems.push(`${where}: seat ${player.seat}'s cards ${player.holeCards.join(' ')}`);
  }
  if (update.hand?.legal) problems.push(`${where}: legal actions`);
  const visible = new Set([...(known?.board ?? changes?.board ?? []), ...allShownCards(end)]);
  const proof = update.hand !== undefined ? update.hand?.proof : changes?.proof;
  problems.push(...proofViolations(where, proof, mayHold, visible));
  return problems;
}

/** Messages that do not match the protocol's strict schemas (an unknown field fails too). */
export function protocolViolations(messages: readonly SocketMessage[]): string[] {
  const problems: string[] = [];
  for (const message of messages) {
    if (message.kind === 'event') {
      const schema = SERVER_EVENT_SCHEMAS[message.name as keyof typeof SERVER_EVENT_SCHEMAS];
      const parsed = schema?.safeParse(message.payload);
      if (!parsed?.success)
        problems.push(`event ${message.name}: ${parsed?.error.issues[0]?.message ?? 'unknown event'}`);
      continue;
    }
    const view = ackedView(message);
    if (!view) continue;
    const parsed = TableViewSchema.safeParse(view);
    if (!parsed.success) problems.push(`ack view seq ${view.seq}: ${parsed.error.issues[0]?.message}`);
  }
  return problems;
}

/** Card strings a page received anywhere a card can be (hole cards, shown cards), per hand. */
export function cardsSeenBy(views: readonly TableView[]): Map<number, Set<string>> {
  const seen = new Map<number, Set<string>>();
  for (const view of views) {
    const hand = view.hand;
    if (!hand) continue;
    const cards = seen.get(hand.number) ?? new Set<string>();
    for (const player of hand.players)
      for (const card of player.holeCards ?? []) cards.add(`${player.seat}:${card}`);
    for (const shown of hand.result?.shown ?? [])
      for (const card of shown.cards) cards.add(`${shown.seat}:${card}`);
    for (const entry of hand.proof?.holeCards ?? [])
      for (const card of entry.cards) cards.add(`${entry.seat}:${card}`);
    seen.set(hand.number, cards);
  }
  return seen;
}
