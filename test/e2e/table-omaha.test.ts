import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { launchChromium } from '../support/browser.js';
import { RoomApi } from '../support/room-api.js';
import {
  buildClient,
  byTestId,
  DESKTOP,
  type OpenedPage,
  openLoggedIn,
  PHONE,
  pageErrors,
  playerToAct,
  type RoomServer,
  screenshot,
  startRoomServer,
  waitForText,
} from '../support/web-e2e.js';

/**
 * Pot-Limit Omaha in the browser, heads-up, by clicks: the admin opens a PLO table that runs it
 * twice from the Admin page; each player sees four cards of their own and four backs opposite; the
 * button's Pot button is the server's pot limit and shoves; at the all-in both hands turn up with
 * each player's equity; both answer "Twice", and the table shows the second board and who took each
 * run.
 */

const ADMIN = { username: 'plo_admin', password: 'admin-password-plo' };
const CASHIER = { username: 'plo_cashier', password: 'cashier-password-plo' };
const WAIT_MS = 20_000;

let room: RoomServer | undefined;
let browser: Browser | undefined;
const opened: OpenedPage[] = [];

beforeAll(async () => {
  await buildClient();
  room = await startRoomServer('e2e_plo', {
    BOOTSTRAP_ADMIN_USERNAME: ADMIN.username,
    BOOTSTRAP_ADMIN_PASSWORD: ADMIN.password,
    BOOTSTRAP_CASHIER_USERNAME: CASHIER.username,
    BOOTSTRAP_CASHIER_PASSWORD: CASHIER.password,
    TABLE_ACTION_TIMEOUT_MS: '120000',
    TABLE_HAND_PAUSE_MS: '60000',
    TABLE_GAME_START_DELAY_MS: '300',
    // Long enough to look and click; both answers run the board at once anyway.
    TABLE_RUN_IT_TWICE_DECISION_MS: '60000',
  });
  browser = await launchChromium();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await room?.stop();
}, 60_000);

interface Player {
  readonly name: string;
  readonly page: Page;
  readonly seat: number;
}

/** The cards drawn at a seat: faces (with their text) and backs. */
async function seatCards(page: Page, seat: number): Promise<{ faces: number; backs: number }> {
  const cards = byTestId(page, `seat-${seat}`).locator('.seat__cards .card');
  const count = await cards.count();
  let backs = 0;
  for (let i = 0; i < count; i++) if ((await cards.nth(i).getAttribute('class'))?.includes('back')) backs++;
  return { faces: count - backs, backs };
}

describe('Pot-Limit Omaha in the browser', () => {
  it('opens a PLO table, deals four cards, shoves the pot, shows equity and runs it twice', async () => {
    const api = new RoomApi(room!.url);
    const adminLogin = await api.login(ADMIN.username, ADMIN.password);
    const cashierToken = (await api.login(CASHIER.username, CASHIER.password)).session.token;

    const admin = await openLoggedIn(browser!, room!.url, adminLogin, DESKTOP, '#/admin');
    opened.push(admin);
    await byTestId(admin.page, 'new-table').click();
    await byTestId(admin.page, 'new-table-variant').selectOption('PO');
    await byTestId(admin.page, 'new-table-run-it-twice').check();
    const settings = {
      name: 'Omaha Twice',
      smallBlind: '1',
      bigBlind: '2',
      chipUnit: '1',
      minBuyIn: '6',
      maxBuyIn: '6',
      maxSeats: '6',
    };
    for (const [field, value] of Object.entries(settings))
      await byTestId(admin.page, `new-table-${field}`).fill(value);
    await byTestId(admin.page, 'new-table-submit').click();
    await waitForText(admin.page, 'new-table-message', 'Table "Omaha Twice" opened.');
    const tableId = (await byTestId(admin.page, 'admin-table').first().getAttribute('data-table-id'))!;

    const players: Player[] = [];
    for (const [name, viewport, seat] of [
      ['olga_p', DESKTOP, 1],
      ['omar_p', PHONE, 2],
    ] as const) {
      const login = await api.register(name);
      await api.deposit(cashierToken, name, '50');
      const view = await openLoggedIn(browser!, room!.url, login, viewport, `#/table/${tableId}`);
      opened.push(view);
      await byTestId(view.page, `sit-${seat}`).click();
      await byTestId(view.page, 'buy-in-amount').fill('6');
      await byTestId(view.page, 'sit-confirm').click();
      await waitForText(view.page, `seat-${seat}-name`, name);
      players.push({ name, page: view.page, seat });
    }
    const [olga, omar] = players as [Player, Player];
    await waitForText(olga.page, 'table-stakes', 'PLO 1/2 · RIT');

    // Four cards each: faces at your own seat, backs at the other.
    const button = await playerToAct(players, WAIT_MS);
    const other = button === olga ? omar : olga;
    await vi.waitFor(async () =>
      expect(await seatCards(button.page, button.seat)).toEqual({ faces: 4, backs: 0 }),
    );
    expect(await seatCards(button.page, other.seat)).toEqual({ faces: 0, backs: 4 });

    // The Pot button is the pot limit: 2 + (3 in the middle + 1 to call) = 6, the whole stack.
    const pot = byTestId(button.page, 'preset-pot');
    expect(await pot.getAttribute('data-amount')).toBe('6');
    await pot.click();
    await byTestId(button.page, 'action-raise').click();
    await byTestId(other.page, 'action-bar').waitFor({ timeout: WAIT_MS });
    await byTestId(other.page, 'action-call').click();

    // All in: both hands face up at both seats, the equity, and the question.
    for (const player of players) {
      await byTestId(player.page, 'runout').waitFor({ timeout: WAIT_MS });
      await byTestId(player.page, 'equity').waitFor({ timeout: WAIT_MS });
      for (const seat of [1, 2])
        await vi.waitFor(async () =>
          expect(await seatCards(player.page, seat)).toEqual({ faces: 4, backs: 0 }),
        );
      const shares = await player.page
        .locator('[data-testid^="equity-seat-"]')
        .evaluateAll((items) => items.map((item) => Number(item.getAttribute('data-share'))));
      expect(shares).toHaveLength(2);
      expect(shares[0]! + shares[1]!).toBeCloseTo(100, 0);
      await byTestId(player.page, `seat-${player.seat}-equity`).waitFor();
    }
    await screenshot(olga.page, 'omaha-all-in-equity');
    await byTestId(olga.page, 'run-twice-yes').click();
    // Olga sees the answers so far; Omar, not yet answered, still has the question.
    await waitForText(olga.page, 'run-twice-answers', 'olga_p: twice');
    await byTestId(omar.page, 'run-twice-yes').click();

    for (const player of players) {
      await byTestId(player.page, 'second-board').waitFor({ timeout: WAIT_MS });
      expect(await byTestId(player.page, 'second-board').locator('.card').count()).toBe(5);
      await waitForText(player.page, 'hand-result', 'run 1 of 6: ');
      await waitForText(player.page, 'hand-result', 'run 2 of 6: ');
    }
    await screenshot(olga.page, 'omaha-run-twice');
    for (const view of opened) expect(pageErrors(view.page)).toEqual([]);
  });
});
