import { type Browser, chromium, type Page } from 'playwright-core';
import { SERVER_EVENT_SCHEMAS, TableViewSchema } from '../../src/protocol/server-message-schemas.js';
import type { TableView } from '../../src/protocol/table-view.js';

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

/** One Socket.IO message a page received: an event (name and payload) or an acknowledgement. */
export type SocketMessage =
  | { readonly kind: 'event'; readonly name: string; readonly payload: unknown }
  | { readonly kind: 'ack'; readonly payload: unknown };

/**
 * Decodes one Engine.IO packet of the default Socket.IO parser: "42[...]" is an event, "43<id>[...]"
 * an acknowledgement (a namespace, "/x,", may precede the id). Anything else (pings, the handshake)
 * carries no application data.
 */
export function decodeSocketIoPacket(packet: string): SocketMessage | null {
  const match = /^4([23])(?:\/[^,]*,)?(\d*)(\[.*)$/s.exec(packet);
  if (!match) return null;
  const body = JSON.parse(match[3]!) as unknown[];
  if (match[1] === '2') return { kind: 'event', name: String(body[0]), payload: body[1] };
  return { kind: 'ack', payload: body[0] };
}

function isTableView(value: unknown): value is TableView {
  return (
    typeof value === 'object' &&
    value !== null &&
    'tableId' in value &&
    'seats' in value &&
    'you' in value &&
    'seq' in value
  );
}

/** Every table view inside a message: a table:view event, or the data of an ack that carries one. */
export function viewsIn(message: SocketMessage): TableView[] {
  if (message.kind === 'event')
    return message.name === 'table:view' && isTableView(message.payload) ? [message.payload] : [];
  const ack = message.payload as { ok?: boolean; data?: unknown } | null;
  return ack?.ok === true && isTableView(ack.data) ? [ack.data] : [];
}

export interface FrameLog {
  /** Every raw text frame or polling body the page received on /socket.io/, in order. */
  readonly raw: string[];
  readonly messages: SocketMessage[];
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
    views: () => log.messages.flatMap(viewsIn),
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
 * The hidden-information rule, checked on every view a page received: another player's hole cards
 * are absent unless the hand is over and the result says they were shown, and then they are exactly
 * the shown cards. The deck proof follows the same rule: its hole cards are the viewer's own and the
 * shown ones, and it opens no card but those and the board. Returns the violations (none: it held).
 */
export function hiddenCardViolations(views: readonly TableView[]): string[] {
  const problems: string[] = [];
  for (const view of views) {
    const hand = view.hand;
    if (!hand) continue;
    const where = `seq ${view.seq} hand ${hand.number} (${hand.phase}), viewer seat ${view.you.seat}`;
    const shownCards = (seat: number) =>
      hand.phase === 'complete' ? hand.result?.shown.find((entry) => entry.seat === seat)?.cards : undefined;
    const mayHold = (seat: number, cards: readonly string[]) =>
      seat === view.you.seat || shownCards(seat)?.join() === cards.join();
    for (const player of hand.players) {
      if (player.holeCards !== null && !mayHold(player.seat, player.holeCards)) {
        problems.push(`${where}: seat ${player.seat}'s cards ${player.holeCards.join(' ')}`);
      }
    }
    const proof = hand.proof;
    if (!proof) continue;
    const visible = new Set(hand.board);
    for (const player of hand.players) {
      if (player.holeCards && mayHold(player.seat, player.holeCards))
        for (const card of player.holeCards) visible.add(card);
    }
    for (const entry of proof.holeCards) {
      if (!mayHold(entry.seat, entry.cards))
        problems.push(`${where}: proof lists seat ${entry.seat}'s cards ${entry.cards.join(' ')}`);
    }
    for (const opening of proof.openings) {
      if (!visible.has(opening.card))
        problems.push(`${where}: proof opens ${opening.card} at position ${opening.position}`);
    }
  }
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
    for (const view of viewsIn(message)) {
      const parsed = TableViewSchema.safeParse(view);
      if (!parsed.success) problems.push(`ack view seq ${view.seq}: ${parsed.error.issues[0]?.message}`);
    }
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
