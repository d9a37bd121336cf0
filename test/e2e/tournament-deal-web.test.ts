import { randomUUID } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { displayAmount } from '../../client/web/src/money/amounts.js';
import { Money } from '../../src/money/index.js';
import type { LoginResponse } from '../../src/protocol/http-auth.js';
import type { TournamentDealOut } from '../../src/protocol/http-tournaments.js';
import type { TournamentNotice } from '../../src/protocol/notices.js';
import { launchChromium } from '../support/browser.js';
import { PokerClient } from '../support/poker-client.js';
import { RoomApi } from '../support/room-api.js';
import {
  buildClient,
  byTestId,
  DESKTOP,
  type OpenedPage,
  openLoggedIn,
  overlaps,
  PAGE_WAIT_MS,
  PHONE,
  placementOf,
  type RoomServer,
  screenshot,
  scrolls,
  startRoomServer,
  waitForText,
} from '../support/web-e2e.js';

/**
 * A deal in the browser: three players of a Sit & Go, all at its one table. First on the
 * tournament page: the page's player proposes a deal, sees the offers (each player's amount by ICM
 * and by chip chop) once the hand in play ends, accepts ICM there; the two others accept over HTTP;
 * the page shows the deal agreed. Then at the table, on a laptop and a phone: a player proposes at
 * their turn (the strip under the felt covers none of their seat, clock and action buttons), plays
 * the hand out, and two players accept from their table pages. The table play of the players not
 * in a browser (checks and folds) goes over sockets. Screenshots: test-artifacts/tournament-deal-*.png.
 */

const ADMIN = { username: 'deal_admin', password: 'admin-password-deal' };
const CASHIER = { username: 'deal_cashier', password: 'cashier-password-deal' };

let room: RoomServer | undefined;
let browser: Browser | undefined;
let api: RoomApi;
const sockets: PokerClient[] = [];
const pages: OpenedPage[] = [];

beforeAll(async () => {
  await buildClient();
  room = await startRoomServer('e2e_tour_deal', {
    BOOTSTRAP_ADMIN_USERNAME: ADMIN.username,
    BOOTSTRAP_ADMIN_PASSWORD: ADMIN.password,
    BOOTSTRAP_CASHIER_USERNAME: CASHIER.username,
    BOOTSTRAP_CASHIER_PASSWORD: CASHIER.password,
    TABLE_HAND_PAUSE_MS: '300',
    // The browser's player takes their time at their turn while the layout is checked.
    TABLE_ACTION_TIMEOUT_MS: '60000',
    TOURNAMENT_DEAL_ANSWER_MS: '120000',
    TABLE_GAME_START_DELAY_MS: '500',
    TOURNAMENT_CLOCK_SAVE_MS: '500',
    TOURNAMENT_SCHEDULER_INTERVAL_MS: '200',
  });
  api = new RoomApi(room.url);
  browser = await launchChromium();
}, 180_000);

afterAll(async () => {
  for (const socket of sockets) socket.close();
  for (const opened of pages) await opened.context.close().catch(() => {});
  await browser?.close();
  await room?.stop();
}, 60_000);

async function call(method: string, path: string, token: string, body?: unknown) {
  const response = await fetch(new URL(path, room!.url), {
    method,
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    ...(body !== undefined && { body: JSON.stringify(body) }),
  });
  // biome-ignore lint/suspicious/noExplicitAny: tests read the documented fields of an answer
  return { status: response.status, body: (await response.json()) as any };
}

/** Joins the table its notice names and checks or folds at every turn, until stopped. */
async function playPassively(client: PokerClient, stop: () => boolean): Promise<void> {
  let tableId: string | null = null;
  while (!stop()) {
    const seated = client.frames
      .filter((frame) => frame.event === 'tournament:notice')
      .map((frame) => frame.data as TournamentNotice)
      .find((notice) => notice.kind === 'seated');
    if (!tableId && seated?.tableId) {
      tableId = seated.tableId;
      await client.send('table:join', { tableId });
    }
    const view = tableId ? client.latest(tableId) : undefined;
    const hand = view?.hand;
    if (tableId && view && hand?.legal && hand.phase !== 'complete' && hand.toActSeat === view.you.seat) {
      await client.send('table:act', {
        tableId,
        deckCommitment: hand.deckCommitment,
        handNumber: hand.number,
        turn: hand.turn,
        kind: hand.legal.actions.includes('check') ? 'check' : 'fold',
      });
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

interface SitAndGo {
  readonly tournamentId: string;
  /** The three players, in the order they registered. */
  readonly players: readonly LoginResponse[];
  /** Each player's socket (not all of them play: see `startPassivePlay`). */
  readonly clients: ReadonlyMap<string, PokerClient>;
}

/** A Sit & Go of three with a slow structure, started: everyone has bought in and is seated. */
async function startSitAndGo(prefix: string): Promise<SitAndGo> {
  const adminToken = (await api.login(ADMIN.username, ADMIN.password)).session.token;
  const cashierToken = (await api.login(CASHIER.username, CASHIER.password)).session.token;
  const players: LoginResponse[] = [];
  for (const name of [`${prefix}_hero`, `${prefix}_p2`, `${prefix}_p3`]) {
    const player = await api.register(name);
    await api.deposit(cashierToken, player.user.username, '100');
    players.push(player);
  }
  const created = await call('POST', '/api/admin/tournaments', adminToken, {
    name: `E2E deal ${prefix}`,
    kind: 'SNG',
    buyIn: '10',
    fee: '1',
    structure: {
      name: 'slow',
      startingStack: 1_000,
      steps: [{ kind: 'level', smallBlind: 25, bigBlind: 50, ante: 0, durationMs: 600_000 }],
    },
    tableSize: 6,
    maxEntrants: 3,
  });
  expect(created.status).toBe(201);
  const tournamentId: string = created.body.tournament.id;
  const clients = new Map<string, PokerClient>();
  for (const player of players) {
    const client = await PokerClient.connect(room!.url, player.session.token, player.user.id);
    sockets.push(client);
    clients.set(player.user.id, client);
  }
  for (const player of players) {
    const registered = await call('POST', `/api/tournaments/${tournamentId}/register`, player.session.token, {
      requestId: randomUUID(),
    });
    expect(registered.status).toBe(200);
  }
  return { tournamentId, players, clients };
}

/** The players' sockets check or fold at every turn until the returned stop is called. */
function startPassivePlay(clients: readonly PokerClient[]): () => Promise<void> {
  let stopped = false;
  const play = clients.map((client) => playPassively(client, () => stopped));
  return async () => {
    stopped = true;
    await Promise.all(play);
  };
}

/** The deal as the server has it now. */
async function readDeal(tournamentId: string, token: string): Promise<TournamentDealOut> {
  const read = await call('GET', `/api/tournaments/${tournamentId}/deal`, token);
  expect(read.status).toBe(200);
  return read.body.deal as TournamentDealOut;
}

async function answerOverHttp(tournamentId: string, player: LoginResponse, offerId: string) {
  const answered = await call('POST', `/api/tournaments/${tournamentId}/deal/answer`, player.session.token, {
    offerId,
    answer: 'icm',
  });
  expect(answered.status).toBe(200);
}

/** The shares of the ICM offers, in all: the prize pool of three buy-ins of 10. */
/** The ICM shares add up to the pool (30.00) less what was left to play for. */
function expectIcmSharesArePool(deal: TournamentDealOut, leftToPlayFor = '0.00'): void {
  const shares = deal.players.reduce((sum, player) => sum.plus(player.icm!), new Money(0));
  expect(shares.toFixed(2)).toBe(new Money('30.00').minus(leftToPlayFor).toFixed(2));
}

/** The table the tournament seated this socket's player at. */
async function seatedTableOf(client: PokerClient): Promise<string> {
  const deadline = Date.now() + PAGE_WAIT_MS;
  for (;;) {
    const seated = client.frames
      .filter((frame) => frame.event === 'tournament:notice')
      .map((frame) => frame.data as TournamentNotice)
      .find((notice) => notice.kind === 'seated');
    if (seated?.tableId) return seated.tableId;
    if (Date.now() > deadline) throw new Error('never seated');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/**
 * At the table with the deal strip showing: the page does not scroll, and the player's own seat,
 * the strip and each of `more` (their clock, action buttons, the deal's buttons) are in the window
 * and uncovered; no seat overlaps another or the dock.
 */
async function expectDealFits(page: Page, more: readonly string[], label: string): Promise<void> {
  expect(await scrolls(page), `${label}: the page scrolls`).toEqual({ x: false, y: false });
  const ownSeat = await byTestId(page, 'table-page').getAttribute('data-your-seat');
  expect(Number(ownSeat), label).toBeGreaterThan(0);
  for (const selector of [
    `[data-testid="seat-${ownSeat}"] .seat__plate`,
    '[data-testid="deal-panel"]',
    ...more,
  ]) {
    const placement = await placementOf(page, selector);
    expect({ selector, inViewport: placement.inViewport, coveredBy: placement.coveredBy }, label).toEqual({
      selector,
      inViewport: true,
      coveredBy: [],
    });
  }
  expect(await overlaps(page, '.seat:not(.seat--empty), [data-testid="dock"]'), label).toEqual([]);
}

/** Plays the page's turns (check, else fold) until the deal's offers are open. */
async function playUntilOffersOpen(page: Page): Promise<void> {
  const deadline = Date.now() + PAGE_WAIT_MS * 2;
  const open = page.locator('[data-testid="deal-status"][data-status="open"]');
  while ((await open.count()) === 0) {
    if (Date.now() > deadline) {
      await screenshot(page, 'failure-deal-table-open').catch(() => {});
      throw new Error('the offers never opened at the table');
    }
    for (const id of ['action-check', 'action-fold']) {
      const button = byTestId(page, id);
      if (await button.isVisible().catch(() => false)) {
        await button.click({ timeout: 2_000 }).catch(() => {});
        break;
      }
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('a deal in the browser', () => {
  it('a player proposes a deal on the tournament page, sees both offers, accepts ICM, and all agree', async () => {
    const { tournamentId, players, clients } = await startSitAndGo('deal');
    const stopPlay = startPassivePlay([...clients.values()]);
    const hero = players[0]!;
    const opened = await openLoggedIn(browser!, room!.url, hero, DESKTOP, `#/tournaments/${tournamentId}`);
    pages.push(opened);
    const { page } = opened;
    await waitForText(page, 'tournament-status', /running/i);
    // An amount the server refuses is said, and nothing is proposed; then 6.00 is left to play for.
    await byTestId(page, 'deal-left-to-play-for').fill('-1');
    await byTestId(page, 'deal-propose').click();
    await page.waitForSelector('[data-testid="deal-panel"] [role="alert"]', { timeout: PAGE_WAIT_MS });
    expect(await readDeal(tournamentId, hero.session.token)).toBeNull();
    await byTestId(page, 'deal-left-to-play-for').fill('6.00');
    await byTestId(page, 'deal-propose').click();
    await page.waitForSelector('[data-testid="deal-status"][data-status="open"]', { timeout: 20_000 });
    expect(await byTestId(page, 'deal-player').count()).toBe(3);
    await waitForText(page, 'deal-offers', /deal_p2/);
    await screenshot(page, 'tournament-deal-offers');
    await byTestId(page, 'deal-accept-icm').click();
    await waitForText(page, 'deal-answer', /accepts ICM/);

    const deal = await readDeal(tournamentId, hero.session.token);
    expect(deal.players.find((player) => player.userId === hero.user.id)?.answer).toBe('icm');
    for (const other of players.slice(1)) await answerOverHttp(tournamentId, other, deal.offerId);
    await page.waitForSelector('[data-testid="deal-status"][data-status="agreed"]', { timeout: 15_000 });
    await screenshot(page, 'tournament-deal-agreed');
    expect(new Money(deal.leftToPlayFor).toFixed(2)).toBe('6.00');
    expectIcmSharesArePool(deal, '6.00');
    // Something is left to play for: the tournament goes on.
    await waitForText(page, 'tournament-status', /running/i);
    expect(opened.errors).toEqual([]);
    await stopPlay();
  }, 180_000);

  it("at the table, on a laptop and a phone: proposed at the player's turn, accepted from the table pages", async () => {
    const { tournamentId, players, clients } = await startSitAndGo('dtab');
    const [hero, second, third] = players as [LoginResponse, LoginResponse, LoginResponse];
    // The hero plays from the laptop's page; the two others from their sockets (the second also
    // watches on a phone, and answers the deal there).
    const stopPlay = startPassivePlay([clients.get(second.user.id)!, clients.get(third.user.id)!]);
    const tableId = await seatedTableOf(clients.get(hero.user.id)!);
    const desktop = await openLoggedIn(browser!, room!.url, hero, DESKTOP, `#/table/${tableId}`);
    const phone = await openLoggedIn(browser!, room!.url, second, PHONE, `#/table/${tableId}`);
    pages.push(desktop, phone);

    // The hero's turn, with the offer to propose a deal under the felt.
    await byTestId(desktop.page, 'action-bar').waitFor({ timeout: PAGE_WAIT_MS });
    await byTestId(desktop.page, 'deal-propose').waitFor({ timeout: PAGE_WAIT_MS });
    const heroSeat = await byTestId(desktop.page, 'table-page').getAttribute('data-your-seat');
    const turnControls = [
      `[data-testid="seat-${heroSeat}"] [data-testid="action-clock"]`,
      '[data-testid="action-bar"]',
      '[data-testid="action-fold"], [data-testid="action-check"]',
      '[data-testid="action-call"], [data-testid="action-check"]',
    ];
    await expectDealFits(desktop.page, [...turnControls, '[data-testid="deal-propose"]'], 'desktop, before');
    await byTestId(desktop.page, 'deal-propose').click();
    await desktop.page.waitForSelector('[data-testid="deal-status"][data-status="waiting-for-hand"]', {
      timeout: PAGE_WAIT_MS,
    });
    await expectDealFits(
      desktop.page,
      [...turnControls, '[data-testid="deal-time-left"]'],
      'desktop, proposed',
    );

    // The hand in play ends; the offers open on both pages.
    await playUntilOffersOpen(desktop.page);
    await phone.page.waitForSelector('[data-testid="deal-status"][data-status="open"]', {
      timeout: PAGE_WAIT_MS,
    });
    const deal = await readDeal(tournamentId, hero.session.token);
    expect(deal.status).toBe('open');
    expectIcmSharesArePool(deal);
    for (const [opened, player] of [
      [desktop, hero],
      [phone, second],
    ] as const) {
      const mine = deal.players.find((entry) => entry.userId === player.user.id)!;
      await waitForText(opened.page, 'deal-yours-icm', displayAmount(mine.icm!));
      await waitForText(opened.page, 'deal-yours-chip-chop', displayAmount(mine.chipChop!));
      await waitForText(opened.page, 'deal-time-left', /\d:\d\d left/);
      expect(await byTestId(opened.page, 'deal-player').count()).toBe(3);
    }
    const dealButtons = [
      '[data-testid="deal-accept-icm"]',
      '[data-testid="deal-accept-chip-chop"]',
      '[data-testid="deal-decline"]',
    ];
    await expectDealFits(desktop.page, dealButtons, 'desktop, open');
    await expectDealFits(phone.page, dealButtons, 'phone, open');
    await screenshot(desktop.page, 'tournament-deal-table-desktop');
    await screenshot(phone.page, 'tournament-deal-table-phone');

    // Two accept at their tables, the third over HTTP: agreed on both pages.
    await byTestId(desktop.page, 'deal-accept-icm').click();
    await byTestId(phone.page, 'deal-accept-icm').click();
    for (const opened of [desktop, phone]) {
      await opened.page.waitForSelector(
        '[data-testid="deal-player"][data-you="true"]:has-text("accepts ICM")',
        {
          timeout: PAGE_WAIT_MS,
        },
      );
    }
    await answerOverHttp(tournamentId, third, deal.offerId);
    for (const opened of [desktop, phone]) {
      await opened.page.waitForSelector('[data-testid="deal-status"][data-status="agreed"]', {
        timeout: PAGE_WAIT_MS,
      });
      expect(opened.errors).toEqual([]);
    }
    const agreed = await readDeal(tournamentId, hero.session.token);
    expect({ status: agreed.status, method: agreed.method }).toEqual({ status: 'agreed', method: 'icm' });
    await stopPlay();
  }, 180_000);
});
