import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LoginResponse } from '../../src/protocol/http-auth.js';
import type { TableView } from '../../src/protocol/table-view.js';
import { launchChromium } from '../support/browser.js';
import { PokerClient } from '../support/poker-client.js';
import { RoomApi } from '../support/room-api.js';
import {
  buildClient,
  DESKTOP,
  type OpenedPage,
  openLoggedIn,
  overlaps,
  PHONE,
  placementOf,
  type RoomServer,
  screenshot,
  scrolls,
  startRoomServer,
} from '../support/web-e2e.js';

/**
 * The table as a player sees it on a 1366×768 laptop and a 390×844 phone, at 6 and 9 seats: it
 * fits the window without scrolling, seats do not overlap, and at the player's turn their own clock,
 * the action bar and the seat's controls are all in the window and uncovered. Then a hand is played
 * to the showdown: the result names the hands and stays in view. Asserted through element boxes and
 * elementFromPoint; the screenshots in test-artifacts/ are for people.
 */

const ADMIN = { username: 'layout_admin', password: 'admin-password-layout' };
const CASHIER = { username: 'layout_cashier', password: 'cashier-password-layout' };
const WAIT_MS = 20_000;

let room: RoomServer | undefined;
let browser: Browser | undefined;
let api: RoomApi;
let adminToken: string;
let cashierToken: string;
const sockets: PokerClient[] = [];
const pages: OpenedPage[] = [];

beforeAll(async () => {
  await buildClient();
  room = await startRoomServer('e2e_layout', {
    BOOTSTRAP_ADMIN_USERNAME: ADMIN.username,
    BOOTSTRAP_ADMIN_PASSWORD: ADMIN.password,
    BOOTSTRAP_CASHIER_USERNAME: CASHIER.username,
    BOOTSTRAP_CASHIER_PASSWORD: CASHIER.password,
    TABLE_ACTION_TIMEOUT_MS: '120000',
    TABLE_HAND_PAUSE_MS: '4000',
    TABLE_GAME_START_DELAY_MS: '300',
  });
  api = new RoomApi(room.url);
  adminToken = (await api.login(ADMIN.username, ADMIN.password)).session.token;
  cashierToken = (await api.login(CASHIER.username, CASHIER.password)).session.token;
  browser = await launchChromium();
}, 180_000);

afterAll(async () => {
  for (const socket of sockets) socket.close();
  await browser?.close();
  await room?.stop();
}, 60_000);

interface SeatedTable {
  readonly tableId: string;
  readonly hero: LoginResponse;
  /** The other players, by seat (2..n), as socket clients. */
  readonly bots: Map<number, PokerClient>;
}

/** A full table of `seats`: the hero in seat 1 (to be watched in the browser), players on sockets in the rest. */
async function fullTable(seats: number): Promise<SeatedTable> {
  const tableId = await api.createTable(adminToken, {
    name: `Layout ${seats}`,
    smallBlind: '1',
    bigBlind: '2',
    minBuyIn: '40',
    maxBuyIn: '400',
    maxSeats: seats,
  });
  const people = await Promise.all(
    Array.from({ length: seats }, (_, i) => api.register(`l${seats}_${i === 0 ? 'hero' : `player${i + 1}`}`)),
  );
  await Promise.all(people.map((person) => api.deposit(cashierToken, person.user.username, '1000')));
  const bots = new Map<number, PokerClient>();
  for (const [index, person] of people.entries()) {
    const client = await PokerClient.connect(room!.url, person.session.token, person.user.id);
    sockets.push(client);
    const sat = await client.send('table:sit', { tableId, seat: index + 1, buyIn: '200' });
    expect(sat.ok).toBe(true);
    if (index > 0) bots.set(index + 1, client);
  }
  return { tableId, hero: people[0]!, bots };
}

/** The socket players check or call whenever it is their turn, until `done` holds for the watcher's view. */
async function botsPlayUntil(table: SeatedTable, watcher: PokerClient, done: (view: TableView) => boolean) {
  const deadline = Date.now() + WAIT_MS * 3;
  for (;;) {
    const view = watcher.latest(table.tableId);
    if (view && done(view)) return view;
    if (Date.now() > deadline)
      throw new Error(`bots never got there; last view: ${JSON.stringify(view?.hand)}`);
    for (const [seat, bot] of table.bots) {
      const mine = bot.latest(table.tableId);
      const hand = mine?.hand;
      if (!hand?.legal || hand.toActSeat !== seat) continue;
      const kind = hand.legal.actions.includes('check') ? 'check' : 'call';
      await bot.send('table:act', {
        tableId: table.tableId,
        deckCommitment: hand.deckCommitment,
        handNumber: hand.number,
        turn: hand.turn,
        kind,
      });
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Everything the player needs at their turn is in the window, on top, and nothing overlaps. */
async function expectPlayable(page: Page, seats: number, label: string): Promise<void> {
  expect(await scrolls(page), `${label}: the page scrolls`).toEqual({ x: false, y: false });
  for (const selector of [
    '[data-testid="seat-1"] [data-testid="action-clock"]',
    '[data-testid="seat-1"] .seat__plate',
    '[data-testid="action-bar"]',
    '[data-testid="action-call"], [data-testid="action-check"]',
    '[data-testid="action-fold"], [data-testid="action-check"]',
    '[data-testid="bet-slider"]',
    '[data-testid="preset-3x"]',
    '[data-testid="sit-out"]',
    '[data-testid="leave"]',
    '[data-testid="top-up-open"]',
    '[data-testid="board"]',
  ]) {
    const placement = await placementOf(page, selector);
    expect({ selector, inViewport: placement.inViewport, coveredBy: placement.coveredBy }, label).toEqual({
      selector,
      inViewport: true,
      coveredBy: [],
    });
  }
  // The player's cards: their upper part at least (they tuck under the plate).
  const cards = await placementOf(page, '[data-testid="seat-1-cards"]', 0.6);
  expect({ cards: cards.inViewport, coveredBy: cards.coveredBy }, label).toEqual({
    cards: true,
    coveredBy: [],
  });
  // Every seat's plate is in the window and uncovered; no two seats overlap, nor a seat and the dock.
  for (let seat = 1; seat <= seats; seat++) {
    const placement = await placementOf(page, `[data-testid="seat-${seat}"] .seat__plate`);
    expect({ seat, inViewport: placement.inViewport, coveredBy: placement.coveredBy }, label).toEqual({
      seat,
      inViewport: true,
      coveredBy: [],
    });
  }
  expect(await overlaps(page, '.seat:not(.seat--empty), [data-testid="dock"]'), label).toEqual([]);
}

describe('the table fits the window', () => {
  for (const seats of [6, 9]) {
    it(`${seats} seats, on a 1366×768 laptop and a 390×844 phone, at the player's turn and at the showdown`, async () => {
      const table = await fullTable(seats);
      const watcher = table.bots.get(2)!;
      const desktop = await openLoggedIn(
        browser!,
        room!.url,
        table.hero,
        DESKTOP,
        `#/table/${table.tableId}`,
      );
      const phone = await openLoggedIn(browser!, room!.url, table.hero, PHONE, `#/table/${table.tableId}`);
      pages.push(desktop, phone);
      await botsPlayUntil(table, watcher, (view) => view.hand?.toActSeat === 1);
      for (const opened of [desktop, phone]) {
        await opened.page.getByTestId('action-bar').waitFor({ timeout: WAIT_MS });
        // The bet chips and cards have landed.
        await new Promise((resolve) => setTimeout(resolve, 400));
      }
      await expectPlayable(desktop.page, seats, `desktop ${seats}`);
      await expectPlayable(phone.page, seats, `phone ${seats}`);
      await screenshot(desktop.page, `table-${seats}-seats-desktop-your-turn`);
      await screenshot(phone.page, `table-${seats}-seats-phone-your-turn`);

      // Each seat shows its last move: the blinds, then the calls before the hero.
      expect(await desktop.page.getByTestId('seat-2-last-action').textContent()).toMatch(
        /^(SB 1|BB 2|Call 2)$/,
      );

      // The hero calls or checks from the laptop; everyone checks it down to the showdown.
      const call = desktop.page.getByTestId('action-call');
      await ((await call.count()) > 0 ? call : desktop.page.getByTestId('action-check')).click();
      const heroChecks = async () => {
        for (;;) {
          const view = watcher.latest(table.tableId);
          if (view?.hand?.phase === 'complete') return;
          const check = desktop.page.getByTestId('action-check');
          if (await check.isVisible().catch(() => false))
            await check.click({ timeout: 2_000 }).catch(() => {});
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
      };
      await Promise.all([
        heroChecks(),
        botsPlayUntil(table, watcher, (view) => view.hand?.phase === 'complete'),
      ]);
      for (const [opened, name] of [
        [desktop, 'desktop'],
        [phone, 'phone'],
      ] as const) {
        await opened.page.getByTestId('hand-result').waitFor({ timeout: WAIT_MS });
        await new Promise((resolve) => setTimeout(resolve, 400));
        const result = await placementOf(opened.page, '[data-testid="hand-result"]');
        expect({ name, inViewport: result.inViewport, coveredBy: result.coveredBy }).toEqual({
          name,
          inViewport: true,
          coveredBy: [],
        });
        // Someone won something, with a named hand (everyone still in showed down).
        expect(await opened.page.getByTestId('result-line').first().textContent()).toMatch(
          /wins? [\d,]+ with /,
        );
        expect(await opened.page.locator('.card--win').count()).toBeGreaterThanOrEqual(5);
        expect(await scrolls(opened.page)).toEqual({ x: false, y: false });
        await screenshot(opened.page, `table-${seats}-seats-${name}-showdown`);
      }
      for (const opened of [desktop, phone]) expect(opened.errors).toEqual([]);
      await desktop.context.close();
      await phone.context.close();
    }, 180_000);
  }
});
