import { randomUUID } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { displayAmount } from '../../client/web/src/money/amounts.js';
import { Money } from '../../src/money/index.js';
import type { LoginResponse } from '../../src/protocol/http-auth.js';
import type {
  TournamentDetailResponse,
  TournamentRegistrationResponse,
} from '../../src/protocol/http-tournaments.js';
import type { TournamentNotice } from '../../src/protocol/notices.js';
import type { TournamentStructure } from '../../src/protocol/tournament-structure.js';
import { launchChromium } from '../support/browser.js';
import { PokerClient } from '../support/poker-client.js';
import { RoomApi } from '../support/room-api.js';
import {
  buildClient,
  byTestId,
  DESKTOP,
  type OpenedPage,
  openLoggedIn,
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
 * A Sit & Go in the browser, from its creation to its prizes, against a real server: the admin
 * creates it on the Admin page (a tiny custom structure, so that it plays out in seconds), a player
 * registers on its page (and unregisters and registers again), two more register over HTTP and play
 * over sockets (all in at every turn). The browser player is taken to the table by the
 * `tournament:notice`, sees the HUD (level, blinds, countdown, rank) and no cash-game controls, on a
 * laptop and on a phone, plays all in too, and at the end sees their place and prize, and the
 * wallet shows the prize. Screenshots go to test-artifacts/ (tournament-*.png).
 */

const ADMIN = { username: 'tour_admin', password: 'admin-password-tour' };
const CASHIER = { username: 'tour_cashier', password: 'cashier-password-tour' };
const PLAY_MS = 120_000;
const BUY_IN = '10';
const FEE = '1';
const DEPOSIT = '100';

/** Three players of 100 chips, blinds that go up every few seconds: all in at every turn ends it fast. */
const TINY: TournamentStructure = {
  name: 'tiny',
  startingStack: 100,
  steps: [
    { kind: 'level', smallBlind: 10, bigBlind: 20, ante: 0, durationMs: 20_000 },
    { kind: 'level', smallBlind: 20, bigBlind: 40, ante: 5, durationMs: 20_000 },
    { kind: 'level', smallBlind: 50, bigBlind: 100, ante: 10, durationMs: 20_000 },
  ],
};

let room: RoomServer | undefined;
let browser: Browser | undefined;
let api: RoomApi;
const sockets: PokerClient[] = [];
const pages: OpenedPage[] = [];

beforeAll(async () => {
  await buildClient();
  room = await startRoomServer('e2e_tour_web', {
    BOOTSTRAP_ADMIN_USERNAME: ADMIN.username,
    BOOTSTRAP_ADMIN_PASSWORD: ADMIN.password,
    BOOTSTRAP_CASHIER_USERNAME: CASHIER.username,
    BOOTSTRAP_CASHIER_PASSWORD: CASHIER.password,
    TABLE_ACTION_TIMEOUT_MS: '30000',
    TABLE_HAND_PAUSE_MS: '1500',
    TABLE_GAME_START_DELAY_MS: '1000',
    TABLE_RUNOUT_PAUSE_MS: '100',
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

async function open(login: LoginResponse, viewport: { width: number; height: number }, hash: string) {
  const opened = await openLoggedIn(browser!, room!.url, login, viewport, hash);
  pages.push(opened);
  return opened;
}

/**
 * A player who plays over a socket: joins the table each seating or move names, and goes all in
 * (or calls, or checks) whenever it is their turn.
 */
class SocketPlayer {
  private tableId: string | null = null;
  private seen = 0;
  private stopped = false;
  readonly notices: TournamentNotice[] = [];

  constructor(readonly client: PokerClient) {}

  async run(until: () => boolean): Promise<void> {
    while (!this.stopped && !until()) {
      await this.follow();
      await this.act();
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  stop(): void {
    this.stopped = true;
  }

  private async follow(): Promise<void> {
    const frames = this.client.frames;
    for (; this.seen < frames.length; this.seen++) {
      const frame = frames[this.seen]!;
      if (frame.event !== 'tournament:notice') continue;
      const notice = frame.data as TournamentNotice;
      this.notices.push(notice);
      if ((notice.kind === 'seated' || notice.kind === 'moved') && notice.tableId) {
        this.tableId = notice.tableId;
        await this.client.send('table:join', { tableId: notice.tableId });
      }
    }
  }

  private async act(): Promise<void> {
    if (!this.tableId) return;
    const view = this.client.latest(this.tableId);
    const hand = view?.hand;
    if (!view || !hand?.legal || hand.toActSeat !== view.you.seat) return;
    const actions = hand.legal.actions;
    const kind = actions.includes('all-in') ? 'all-in' : actions.includes('call') ? 'call' : 'check';
    await this.client.send('table:act', {
      tableId: this.tableId,
      deckCommitment: hand.deckCommitment,
      handNumber: hand.number,
      turn: hand.turn,
      kind,
    });
  }
}

/**
 * Plays in the page until `done`: while all three are in, checks or folds (the socket players go
 * all in against each other, so one of them is out first and the page's player reaches the money);
 * heads-up, goes all in (or calls, or checks).
 */
async function playToTheEnd(page: Page, done: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + PLAY_MS;
  while (!(await done())) {
    if (Date.now() > deadline) {
      await screenshot(page, 'failure-tournament-play');
      throw new Error('the tournament did not end in time');
    }
    const rank =
      (await byTestId(page, 'hud-rank')
        .textContent()
        .catch(() => null)) ?? '';
    const order = rank.endsWith('/3')
      ? ['action-check', 'action-fold']
      : ['action-all-in', 'action-call', 'action-check'];
    for (const id of order) {
      const button = byTestId(page, id);
      try {
        if (await button.isVisible()) {
          await button.click({ timeout: 1_000 });
          break;
        }
      } catch {
        // The bar went away between the look and the click: look again.
      }
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('tournaments in the browser', () => {
  it('an admin creates a Sit & Go, a player registers, plays it to the end and is paid', async () => {
    const adminLogin = await api.login(ADMIN.username, ADMIN.password);
    const cashierToken = (await api.login(CASHIER.username, CASHIER.password)).session.token;
    const hero = await api.register('tour_hero');
    const others = [await api.register('tour_p2'), await api.register('tour_p3')];
    for (const player of [hero, ...others]) await api.deposit(cashierToken, player.user.username, DEPOSIT);

    // --- The admin creates the Sit & Go on the Admin page, with the tiny structure as JSON.
    const admin = await open(adminLogin, DESKTOP, '#/admin');
    await byTestId(admin.page, 'admin-tab-tournaments').click();
    await byTestId(admin.page, 'new-tournament').click();
    await byTestId(admin.page, 'new-tournament-name').fill('E2E Sit & Go');
    await byTestId(admin.page, 'new-tournament-buyIn').fill(BUY_IN);
    await byTestId(admin.page, 'new-tournament-fee').fill(FEE);
    await byTestId(admin.page, 'new-tournament-tableSize').fill('3');
    await byTestId(admin.page, 'new-tournament-maxEntrants').fill('3');
    await byTestId(admin.page, 'new-tournament-structure').selectOption('custom');
    await byTestId(admin.page, 'new-tournament-custom').fill(JSON.stringify(TINY));
    await byTestId(admin.page, 'new-tournament-submit').click();
    await waitForText(admin.page, 'new-tournament-message', 'E2E Sit & Go');
    await waitForText(admin.page, 'admin-tournament-status', 'Registering');
    const tournamentId = await byTestId(admin.page, 'admin-tournament')
      .first()
      .getAttribute('data-tournament-id');
    expect(tournamentId).toBeTruthy();
    await screenshot(admin.page, 'tournament-admin');

    // --- The player finds it in the lobby, opens it, registers, unregisters, registers again.
    const desk = await open(hero, DESKTOP, '#/tournaments');
    const { page } = desk;
    await waitForText(page, 'tournament-buy-in', '10 + 1');
    await waitForText(page, 'tournament-entries', '0/3');
    await screenshot(page, 'tournament-lobby');
    await byTestId(page, 'open-tournament').first().click();
    await waitForText(page, 'tournament-name', 'E2E Sit & Go');
    await waitForText(page, 'tournament-structure', '20/40 ante 5');
    await byTestId(page, 'tournament-register').click();
    await waitForText(page, 'tournament-message', 'You are registered');
    await waitForText(page, 'wallet-balance', '89');
    await byTestId(page, 'tournament-unregister').click();
    await waitForText(page, 'tournament-message', 'You are unregistered');
    await waitForText(page, 'wallet-balance', '100');
    await byTestId(page, 'tournament-register').click();
    await waitForText(page, 'tournament-message', 'You are registered');
    await waitForText(page, 'wallet-balance', '89');
    await waitForText(page, 'tournament-entries', '1/3');
    await screenshot(page, 'tournament-registered');

    // --- A refusal reads as the server's typed error: a player with an empty wallet cannot register.
    const broke = await open(await api.register('tour_broke'), PHONE, `#/tournaments/${tournamentId}`);
    await byTestId(broke.page, 'tournament-register').click();
    await waitForText(broke.page, 'tournament-error', /./);
    expect(await byTestId(broke.page, 'tournament-error').getAttribute('data-code')).toMatch(
      /^[a-z]+\/[a-z-]+$/,
    );
    await waitForText(broke.page, 'tournament-entries', '1/3');
    await screenshot(broke.page, 'tournament-refused-phone', false);
    await broke.context.close();

    // Registering twice over HTTP is refused too.
    const refused = await fetch(new URL(`/api/tournaments/${tournamentId}/register`, room!.url), {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${hero.session.token}` },
      body: JSON.stringify({ requestId: randomUUID() }),
    });
    expect(refused.status).toBeGreaterThanOrEqual(400);

    // --- Two more register over HTTP, listening on sockets: the third entry starts it.
    const players: SocketPlayer[] = [];
    for (const other of others) {
      const client = await PokerClient.connect(room!.url, other.session.token, other.user.id);
      sockets.push(client);
      players.push(new SocketPlayer(client));
    }
    for (const other of others) {
      const registered = await api.call<TournamentRegistrationResponse>(
        'POST',
        `/api/tournaments/${tournamentId}/register`,
        other.session.token,
        { requestId: randomUUID() },
      );
      expect(registered.status).toBe('registered');
    }

    // --- The browser player is taken to the table; the HUD shows the level, no cash controls.
    await byTestId(page, 'tournament-hud').waitFor({ timeout: PAGE_WAIT_MS });
    const table = byTestId(page, 'table-page');
    expect(await table.getAttribute('data-tournament')).toBe(tournamentId);
    await waitForText(page, 'hud-level', 'Level 1');
    await waitForText(page, 'hud-blinds', '10/20');
    await waitForText(page, 'toast', /sit at table/);
    expect(await byTestId(page, 'seat-controls').count()).toBe(0);
    expect(await byTestId(page, 'top-up-open').count()).toBe(0);
    expect(await byTestId(page, 'leave').count()).toBe(0);
    expect(await page.locator('[data-testid^="sit-"]').count()).toBe(0);
    expect((await placementOf(page, '[data-testid="tournament-hud"]')).inViewport).toBe(true);
    await screenshot(page, 'tournament-table-desktop');

    // The same table on a phone: the HUD fits, the page does not scroll.
    const phone = await open(hero, PHONE, new URL(page.url()).hash);
    await byTestId(phone.page, 'tournament-hud').waitFor({ timeout: PAGE_WAIT_MS });
    await waitForText(phone.page, 'hud-level', 'Level');
    const hud = await placementOf(phone.page, '[data-testid="tournament-hud"]');
    expect({ inViewport: hud.inViewport, coveredBy: hud.coveredBy }).toEqual({
      inViewport: true,
      coveredBy: [],
    });
    expect(await scrolls(phone.page)).toEqual({ x: false, y: false });
    expect(hud.box!.height).toBeLessThan(60);
    await screenshot(phone.page, 'tournament-table-phone');
    // The tournament's page while it runs: the live level and blinds, and the way back to the table.
    await phone.page.goto(`${room!.url}/#/tournaments/${tournamentId}`);
    await waitForText(phone.page, 'live-blinds', /\d+\/\d+/);
    await waitForText(phone.page, 'tournament-status', 'Running');
    await screenshot(phone.page, 'tournament-live-phone', false);
    await byTestId(phone.page, 'go-to-table').click();
    await byTestId(phone.page, 'tournament-hud').waitFor({ timeout: PAGE_WAIT_MS });
    await phone.context.close();

    // --- Everyone goes all in until the tournament is over for the browser player.
    let over = false;
    const running = players.map((player) => player.run(() => over));
    const resultShown = async () =>
      (await page
        .locator('[data-testid="toast"][data-kind="eliminated"], [data-testid="toast"][data-kind="finished"]')
        .count()) > 0;
    try {
      await playToTheEnd(page, resultShown);
    } finally {
      over = true;
      await Promise.all(running);
    }

    // --- The result: place and prize in a toast, the wallet paid.
    const result = await page
      .locator('[data-testid="toast"][data-kind="eliminated"], [data-testid="toast"][data-kind="finished"]')
      .first()
      .textContent();
    expect(result).toMatch(/You finished (1st|2nd|3rd)/);
    await screenshot(page, 'tournament-result');
    const detail = await api.call<TournamentDetailResponse>(
      'GET',
      `/api/tournaments/${tournamentId}`,
      hero.session.token,
    );
    const mine = detail.you!.entries.find((entry) => entry.place !== null);
    expect(mine).toBeDefined();
    const prize = new Money(mine!.prize ?? '0');
    if (!prize.isZero()) expect(result).toContain(`won ${displayAmount(prize.toFixed())}`);
    const expected = new Money(DEPOSIT).minus(BUY_IN).minus(FEE).plus(prize);
    const { balance } = await api.call<{ balance: string }>('GET', '/api/wallet', hero.session.token);
    expect(new Money(balance).equals(expected)).toBe(true);
    await waitForText(page, 'wallet-balance', displayAmount(balance));
    expect(desk.errors).toEqual([]);

    // The tournament page tells the result too.
    await page.goto(`${room!.url}/#/tournaments/${tournamentId}`);
    await waitForText(page, 'your-result', /You finished/);
    await screenshot(page, 'tournament-finished');

    // --- Another Sit & Go, cancelled by the admin before its start: the player is told and refunded.
    const before = (await api.call<{ balance: string }>('GET', '/api/wallet', hero.session.token)).balance;
    await byTestId(admin.page, 'new-tournament-name').fill('E2E Cancelled');
    await byTestId(admin.page, 'new-tournament-submit').click();
    await waitForText(admin.page, 'new-tournament-message', 'E2E Cancelled');
    const second = admin.page.locator('[data-testid="admin-tournament"][data-status="registering"]');
    await second.waitFor({ timeout: PAGE_WAIT_MS });
    const secondId = await second.getAttribute('data-tournament-id');
    await page.goto(`${room!.url}/#/tournaments/${secondId}`);
    await byTestId(page, 'tournament-register').click();
    await waitForText(page, 'tournament-message', 'You are registered');
    const paid = new Money(before).minus(BUY_IN).minus(FEE).toFixed();
    await waitForText(page, 'wallet-balance', displayAmount(paid));
    await second.getByTestId('admin-tournament-cancel').click();
    await second.getByTestId('admin-tournament-confirm').click();
    await waitForText(admin.page, 'admin-tournament-message', 'cancelled');
    await waitForText(page, 'toast', /cancelled; your buy-in is refunded/);
    await waitForText(page, 'wallet-balance', displayAmount(before));
    await waitForText(page, 'tournament-status', 'Cancelled');
    await waitForText(page, 'your-entry-none', 'Your entry was refunded');
    expect(await byTestId(page, 'tournament-message').count()).toBe(0);
    const refunded = (await api.call<{ balance: string }>('GET', '/api/wallet', hero.session.token)).balance;
    expect(new Money(refunded).equals(before)).toBe(true);
    await screenshot(page, 'tournament-cancelled');

    // --- A third Sit & Go, cancelled by the admin while it runs (after a confirmation that says
    // what it means): play stops, the player is told their share of the pool by chips and paid it.
    await byTestId(admin.page, 'new-tournament-name').fill('E2E Stopped');
    await byTestId(admin.page, 'new-tournament-submit').click();
    await waitForText(admin.page, 'new-tournament-message', 'E2E Stopped');
    const third = admin.page.locator('[data-testid="admin-tournament"][data-status="registering"]');
    await third.waitFor({ timeout: PAGE_WAIT_MS });
    const thirdId = (await third.getAttribute('data-tournament-id'))!;
    await page.goto(`${room!.url}/#/tournaments/${thirdId}`);
    await byTestId(page, 'tournament-register').click();
    await waitForText(page, 'tournament-message', 'You are registered');
    for (const other of others)
      await api.call('POST', `/api/tournaments/${thirdId}/register`, other.session.token, {
        requestId: randomUUID(),
      });
    const runningRow = admin.page.locator(
      `[data-testid="admin-tournament"][data-tournament-id="${thirdId}"][data-status="running"]`,
    );
    await runningRow.waitFor({ timeout: PAGE_WAIT_MS });
    await runningRow.getByTestId('admin-tournament-cancel').click();
    await waitForText(admin.page, 'admin-tournament-confirm-text', 'share the prize pool by chips');
    await runningRow.getByTestId('admin-tournament-confirm').click();
    await waitForText(admin.page, 'admin-tournament-message', 'paid their share of the pool');
    await waitForText(page, 'toast', /cancelled: your share of the prize pool by chips is/);
    const stopped = await api.call<TournamentDetailResponse>('GET', `/api/tournaments/${thirdId}`, null);
    expect(stopped.tournament.status).toBe('cancelled');
    const myStoppedEntry = stopped.entrants.find((entrant) => entrant.username === hero.user.username)!;
    expect(myStoppedEntry.status).toBe('cancelled');
    const afterStop = new Money(refunded).minus(BUY_IN).minus(FEE).plus(myStoppedEntry.prize!);
    await waitForText(page, 'wallet-balance', displayAmount(afterStop.toFixed()));
    const shares = stopped.entrants.reduce((sum, entrant) => sum.plus(entrant.prize ?? 0), new Money(0));
    expect(shares.toFixed(2)).toBe(new Money(BUY_IN).times(3).toFixed(2));
    expect(desk.errors).toEqual([]);
    expect(admin.errors).toEqual([]);
  }, 300_000);
});
