import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { LoginResponse } from '../../src/protocol/http-auth.js';
import { launchChromium } from '../support/browser.js';
import { RoomApi } from '../support/room-api.js';
import {
  buildClient,
  byTestId,
  DESKTOP,
  type OpenedPage,
  openLoggedIn,
  PHONE,
  playerToAct,
  type RoomServer,
  screenshot,
  scrolls,
  startRoomServer,
  waitForText,
} from '../support/web-e2e.js';

/**
 * Playing in the browser as players know it, two players heads-up (a laptop and a phone), every
 * step by clicks and keys: an admin opens the table with rake from the Admin page; the keyboard and
 * the mouse wheel size a raise; a pre-action plays by itself, another is cleared when a bet changes
 * what it assumed; the seats show the last moves and the dealer log names them; the chat carries
 * hostile text as text and a player can be muted (remembered, as is the sound switch); both go
 * all-in, the loser rebuys within the limits; they leave; the admin sees the rake and closes the table.
 */

const ADMIN = { username: 'play_admin', password: 'admin-password-play' };
const CASHIER = { username: 'play_cashier', password: 'cashier-password-play' };
const WAIT_MS = 20_000;
const HOSTILE = '<img src=x onerror="window.__pwned=1"><b>bold</b> & </li>';

let room: RoomServer | undefined;
let browser: Browser | undefined;
const opened: OpenedPage[] = [];

beforeAll(async () => {
  await buildClient();
  room = await startRoomServer('e2e_play', {
    BOOTSTRAP_ADMIN_USERNAME: ADMIN.username,
    BOOTSTRAP_ADMIN_PASSWORD: ADMIN.password,
    BOOTSTRAP_CASHIER_USERNAME: CASHIER.username,
    BOOTSTRAP_CASHIER_PASSWORD: CASHIER.password,
    TABLE_ACTION_TIMEOUT_MS: '120000',
    TABLE_HAND_PAUSE_MS: '2500',
    TABLE_GAME_START_DELAY_MS: '300',
  });
  browser = await launchChromium();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await room?.stop();
}, 60_000);

interface Player {
  readonly name: string;
  readonly login: LoginResponse;
  readonly page: Page;
  readonly view: OpenedPage;
}

/** The player offered a rebuy, if any. */
async function bustedPlayer(players: readonly Player[]): Promise<Player | null> {
  for (const player of players) if (await byTestId(player.page, 'busted').isVisible()) return player;
  return null;
}

async function handNumber(page: Page): Promise<number> {
  return Number(await byTestId(page, 'table-page').getAttribute('data-hand'));
}

async function phase(page: Page): Promise<string> {
  return (await byTestId(page, 'table-page').getAttribute('data-phase')) ?? '';
}

describe('playing in the browser', () => {
  it('raises by keys and wheel, pre-acts, chats, goes all-in and rebuys; the admin runs the table', async () => {
    const api = new RoomApi(room!.url);
    const adminLogin = await api.login(ADMIN.username, ADMIN.password);
    const cashierToken = (await api.login(CASHIER.username, CASHIER.password)).session.token;

    // --- The admin opens a table with rake from the Admin page.
    const admin = await openLoggedIn(browser!, room!.url, adminLogin, DESKTOP, '#/admin');
    opened.push(admin);
    await byTestId(admin.page, 'new-table').click();
    const settings = {
      name: 'Raked Table',
      smallBlind: '1',
      bigBlind: '2',
      chipUnit: '1',
      minBuyIn: '40',
      maxBuyIn: '100',
      maxSeats: '6',
      rakePercent: '5',
      rakeCap: '3',
      actionSeconds: '90',
      timeBankSeconds: '40',
    };
    for (const [field, value] of Object.entries(settings))
      await byTestId(admin.page, `new-table-${field}`).fill(value);
    await byTestId(admin.page, 'new-table-submit').click();
    await waitForText(admin.page, 'new-table-message', 'Table "Raked Table" opened.');
    await waitForText(admin.page, 'admin-table-facts', /rake 5% cap 3 · clock 90s \+ bank 40s/);
    await screenshot(admin.page, 'admin-tables');
    const tableId = (await byTestId(admin.page, 'admin-table').first().getAttribute('data-table-id'))!;

    // --- Two players with chips: Alice on a laptop, Bob on a phone, both at the table.
    const players: Player[] = [];
    for (const [name, viewport] of [
      ['alice_p', DESKTOP],
      ['bob_p', PHONE],
    ] as const) {
      const login = await api.register(name);
      await api.deposit(cashierToken, name, '150');
      const view = await openLoggedIn(browser!, room!.url, login, viewport, `#/table/${tableId}`);
      opened.push(view);
      players.push({ name, login, page: view.page, view });
    }
    const [alice, bob] = players as [Player, Player];
    for (const [player, seat] of [
      [alice, 1],
      [bob, 2],
    ] as const) {
      await byTestId(player.page, `sit-${seat}`).click();
      await byTestId(player.page, 'buy-in-amount').fill('100');
      await byTestId(player.page, 'sit-confirm').click();
      await waitForText(player.page, `seat-${seat}-name`, player.name);
    }
    // An admin watching is not offered a seat.
    await admin.page.goto(`${room!.url}/#/table/${tableId}`);
    await byTestId(admin.page, 'seat-1-name').waitFor();
    expect(await admin.page.locator('[data-testid^="sit-"]').count()).toBe(0);

    // --- The sound switch is remembered.
    await byTestId(bob.page, 'sound-toggle').click();
    expect(await byTestId(bob.page, 'sound-toggle').getAttribute('data-muted')).toBe('true');

    // --- Hand 1: the player to act sizes a raise by keys and the wheel; the other pre-acts "call any".
    const raiser = await playerToAct(players);
    const caller = raiser === alice ? bob : alice;
    await byTestId(caller.page, 'pre-call-any').check();
    // The blinds are on the seats, and in the dealer log.
    await waitForText(raiser.page, 'seat-1-last-action', /^(SB 1|BB 2)$/);
    expect(await byTestId(raiser.page, 'bet-amount').inputValue()).toBe('4');
    await raiser.page.keyboard.press('ArrowUp');
    expect(await byTestId(raiser.page, 'bet-amount').inputValue()).toBe('6');
    await byTestId(raiser.page, 'bet-slider').hover();
    await raiser.page.mouse.wheel(0, -100);
    await vi.waitFor(async () => expect(await byTestId(raiser.page, 'bet-amount').inputValue()).toBe('8'));
    await raiser.page.keyboard.press('r');
    // Bob's pre-action calls the raise by itself: the flop comes without his click.
    for (const player of players)
      await vi.waitFor(async () => expect(await phase(player.page)).toBe('flop'), { timeout: WAIT_MS });
    await waitForText(raiser.page, 'dealer-log', `${raiser.name} raises to 8`);
    await waitForText(raiser.page, 'dealer-log', `${caller.name} calls 6`);
    await waitForText(raiser.page, 'dealer-log', /Flop: \S+ \S+ \S+ \(pot 16\)/);

    // --- On the flop: the one not to act ticks "check"; a bet clears it, and it is not played.
    const first = await playerToAct(players);
    const second = first === alice ? bob : alice;
    await byTestId(second.page, 'pre-check').check();
    await byTestId(first.page, 'preset-half-pot').click();
    await byTestId(first.page, 'action-bet').click();
    await byTestId(second.page, 'action-bar').waitFor({ timeout: WAIT_MS });
    expect(await byTestId(second.page, 'pre-check').count()).toBe(0);
    const secondSeat = second === alice ? 1 : 2;
    const firstSeat = secondSeat === 1 ? 2 : 1;
    await waitForText(second.page, `seat-${firstSeat}-last-action`, 'Bet 8');
    await screenshot(alice.page, 'play-desktop-facing-bet');
    await screenshot(bob.page, 'play-phone-flop');
    await byTestId(second.page, 'action-fold').click();
    for (const player of players) {
      await waitForText(player.page, 'hand-result', `${player === first ? 'You win' : `${first.name} wins`}`);
      await waitForText(player.page, 'dealer-log', `${second.name} folds`);
    }

    // --- Chat: hostile text arrives as text; Bob mutes Alice, and it holds after a reload.
    await byTestId(alice.page, 'chat-input').fill(HOSTILE);
    await byTestId(alice.page, 'chat-send').click();
    await byTestId(bob.page, 'log-toggle').click();
    await waitForText(bob.page, 'chat-text', HOSTILE);
    expect(await bob.page.locator('.log img, .log b').count()).toBe(0);
    expect(await bob.page.evaluate('window.__pwned')).toBeUndefined();
    await screenshot(bob.page, 'play-phone-log-and-chat');
    await byTestId(bob.page, 'chat-mute').first().click();
    expect(await byTestId(bob.page, 'chat-text').count()).toBe(0);
    // A line too long is refused with a typed error, shown as an error.
    await byTestId(bob.page, 'chat-input').fill('x'.repeat(250));
    await byTestId(bob.page, 'chat-send').click();
    await waitForText(bob.page, 'chat-error', /at most 200 characters/);
    await bob.page.reload();
    await byTestId(bob.page, 'table-page').waitFor();
    expect(await byTestId(bob.page, 'sound-toggle').getAttribute('data-muted')).toBe('true');
    await byTestId(alice.page, 'chat-input').fill('still there?');
    await byTestId(alice.page, 'chat-send').click();
    await waitForText(alice.page, 'chat-text', 'still there?');
    await byTestId(bob.page, 'log-toggle').click();
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await byTestId(bob.page, 'chat-text').count()).toBe(0);
    await byTestId(bob.page, 'log-toggle').click();

    // --- All-in: whoever acts first moves all in, the other calls with one button; the loser rebuys.
    let busted: Player | null = null;
    let allInHand = 0;
    for (let hand = (await handNumber(alice.page)) + 1; busted === null; hand++) {
      for (const player of players)
        await vi.waitFor(async () => expect(await handNumber(player.page)).toBeGreaterThanOrEqual(hand), {
          timeout: WAIT_MS,
        });
      const shover = await playerToAct(players);
      const other = shover === alice ? bob : alice;
      allInHand = await handNumber(shover.page);
      await byTestId(shover.page, 'action-all-in').click();
      // One button calls: "· all-in" when the shove covers the caller, else the shove's amount (the
      // caller has more). Nobody can raise a player who is all in: no all-in button either way.
      await waitForText(other.page, 'action-call', /^Call /);
      expect(await byTestId(other.page, 'action-all-in').count()).toBe(0);
      await byTestId(other.page, 'action-call').click();
      await byTestId(alice.page, 'hand-result').waitFor({ timeout: WAIT_MS });
      await waitForText(alice.page, 'hand-result', /wins? [\d,]+ with /);
      busted = await bustedPlayer(players);
      if (busted === null) await screenshot(alice.page, 'play-desktop-split-pot');
    }
    if (busted === null) throw new Error('nobody busted');
    await screenshot(busted.page, `play-${busted === alice ? 'desktop' : 'phone'}-busted`);
    expect(await byTestId(busted.page, 'sit-in').count()).toBe(0);
    // The rebuy is bounded by the table (40 to 100) and the wallet (50 left).
    await waitForText(busted.page, 'busted', 'Rebuy 40–50');
    await byTestId(busted.page, 'rebuy-amount').fill('60');
    expect(await byTestId(busted.page, 'rebuy').isDisabled()).toBe(true);
    await byTestId(busted.page, 'rebuy-amount').fill('50');
    await byTestId(busted.page, 'rebuy').click();
    await waitForText(busted.page, 'seat-message', 'You rebought 50');
    expect(await byTestId(busted.page, 'seat-message').getAttribute('data-error')).toBe('false');
    // 50 behind, less a blind if the next hand has already been dealt.
    await waitForText(busted.page, `seat-${busted === alice ? 1 : 2}-stack`, /^(50|49|48)$/);
    await waitForText(busted.page, 'wallet-balance', '0');

    // --- The all-in hand in Bob's hand history, on his phone: who posted what, the pot, all-in
    // marks and the hand names, and nothing wider than the screen.
    await bob.page.goto(`${room!.url}/#/hands`);
    await byTestId(bob.page, 'hand-row').first().waitFor({ timeout: WAIT_MS });
    expect(await scrolls(bob.page)).toEqual({ x: false, y: expect.any(Boolean) });
    await byTestId(bob.page, 'hand-row')
      .filter({ hasText: `#${allInHand}` })
      .getByTestId('hand-replay')
      .click();
    await waitForText(
      bob.page,
      'replay-description',
      /Blinds and antes posted: \w+ the (small|big) blind \d/,
    );
    await byTestId(bob.page, 'replay-last').click();
    await waitForText(bob.page, 'replay-description', /collects \d+ with (a|an|two|three|four|high) /);
    expect(await byTestId(bob.page, 'replay-hand-name').count()).toBe(2);
    expect(await byTestId(bob.page, 'replay-all-in').count()).toBeGreaterThanOrEqual(1);
    expect((await scrolls(bob.page)).x).toBe(false);
    await screenshot(bob.page, 'hand-replay-phone', true);
    await bob.page.goto(`${room!.url}/#/table/${tableId}`);
    await byTestId(bob.page, 'table-page').waitFor();

    // --- Both leave; the admin sees the rake of the flop hand, and closes the table.
    for (const player of players) {
      await byTestId(player.page, 'leave').click();
      await byTestId(player.page, 'leave-confirm').click();
      await waitForText(player.page, 'seat-message', /You left the table|You will leave/);
    }
    await admin.page.goto(`${room!.url}/#/admin`);
    await byTestId(admin.page, 'admin-tab-house').click();
    await waitForText(admin.page, 'admin-rake-tables', 'Raked Table');
    await byTestId(admin.page, 'admin-audit').click();
    await waitForText(admin.page, 'admin-audit-result', 'Audit OK');
    await screenshot(admin.page, 'admin-house');
    await byTestId(admin.page, 'admin-tab-tables').click();
    await vi.waitFor(
      async () => {
        await admin.page.reload();
        await byTestId(admin.page, 'admin-table-close').click();
        await byTestId(admin.page, 'admin-table-confirm').click();
        await waitForText(admin.page, 'admin-table-message', 'Table "Raked Table" closed.');
      },
      { timeout: WAIT_MS, interval: 500 },
    );
    await vi.waitFor(
      async () =>
        expect(await byTestId(admin.page, 'admin-table').first().getAttribute('data-status')).toBe('closed'),
      { timeout: WAIT_MS },
    );
    for (const view of opened) expect(view.errors).toEqual([]);
  }, 240_000);
});
