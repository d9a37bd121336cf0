import { readFileSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { TableView } from '../../src/protocol/table-view.js';
import {
  cardsSeenBy,
  type FrameLog,
  hiddenCardViolations,
  launchChromium,
  protocolViolations,
  recordSocketFrames,
  updateViolations,
} from '../support/browser.js';
import type { ServerProcess } from '../support/server-process.js';
import {
  buildClient,
  byTestId,
  pageErrors,
  playerToAct,
  type RoomServer,
  screenshot,
  startRoomServer,
  waitForText,
} from '../support/web-e2e.js';

/**
 * The browser client against the real server: a real process (src/main.ts) on its own database,
 * Chromium driven by playwright-core. Two players register, a cashier sells them chips, they sit
 * and play whole hands by clicking, one loses the connection and comes back, one leaves; every
 * screen is checked, and so is every Socket.IO frame each page received (whole views in acks, and
 * table:update messages with their private parts): neither player ever gets the other's unshown cards.
 */

const ADMIN = { username: 'e2e_admin', password: 'admin-password-e2e' };
const CASHIER = { username: 'e2e_cashier', password: 'cashier-password-e2e' };
const ALICE = { username: 'alice', password: 'alice-password-1' };
const BOB = { username: 'bob', password: 'bob-password-12' };
const WAIT_MS = 15_000;

interface Client {
  readonly name: string;
  readonly context: BrowserContext;
  readonly page: Page;
  readonly frames: FrameLog;
  readonly errors: string[];
}

let room: RoomServer | undefined;
let server: ServerProcess | undefined;
let browser: Browser | undefined;
const clients: Client[] = [];

async function openClient(name: string, options: { phone?: boolean } = {}): Promise<Client> {
  const context = await browser!.newContext(
    options.phone
      ? { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, acceptDownloads: true }
      : { viewport: { width: 1280, height: 860 }, acceptDownloads: true },
  );
  // Keeps a handle on the page's WebSockets, so the test can cut the connection as a network would.
  await context.addInitScript(`(() => {
    const Native = window.WebSocket;
    window.__e2eSockets = [];
    window.WebSocket = class extends Native {
      constructor(...args) { super(...args); window.__e2eSockets.push(this); }
    };
  })();`);
  const page = await context.newPage();
  const errors = pageErrors(page);
  const client: Client = { name, context, page, frames: recordSocketFrames(page), errors };
  clients.push(client);
  await page.goto(server!.url);
  return client;
}

async function authenticate(client: Client, user: { username: string; password: string }, register: boolean) {
  const { page } = client;
  await byTestId(page, register ? 'tab-register' : 'tab-login').click();
  await byTestId(page, 'auth-username').fill(user.username);
  await byTestId(page, 'auth-password').fill(user.password);
  await byTestId(page, 'auth-submit').click();
  await waitForText(page, 'user-name', user.username);
}

async function tableState(page: Page) {
  const main = byTestId(page, 'table-page');
  return {
    hand: Number(await main.getAttribute('data-hand')),
    phase: (await main.getAttribute('data-phase')) ?? 'none',
    status: (await main.getAttribute('data-status')) ?? '',
  };
}

async function faceUpCards(page: Page, seat: number): Promise<string[]> {
  return byTestId(page, `seat-${seat}-cards`)
    .getByTestId('card')
    .evaluateAll((cards) => cards.map((card) => card.getAttribute('data-card') ?? ''));
}

/** What the page shows of `seat`'s hole cards right now, and what it must not show. */
async function expectCardsHidden(page: Page, seat: number): Promise<void> {
  const state = await tableState(page);
  const faces = await faceUpCards(page, seat);
  if (state.phase === 'complete') {
    // At a showdown only the cards the result lists may be face up.
    const shown = await byTestId(page, `shown-${seat}`).count();
    if (shown === 0) expect(faces).toEqual([]);
  } else {
    expect(faces).toEqual([]);
  }
}

/** Checks (or calls) for whoever is to act until hand `number` is over on both pages. */
async function checkDown(players: readonly Client[], number: number): Promise<void> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const states = await Promise.all(players.map((player) => tableState(player.page)));
    if (states.every((state) => state.hand > number || (state.hand === number && state.phase === 'complete')))
      return;
    if (Date.now() > deadline) throw new Error(`hand ${number} did not finish: ${JSON.stringify(states)}`);
    for (const player of players) {
      const check = byTestId(player.page, 'action-check');
      const call = byTestId(player.page, 'action-call');
      try {
        if (await check.isVisible()) await check.click({ timeout: 2_000 });
        else if (await call.isVisible()) await call.click({ timeout: 2_000 });
      } catch {
        // The bar went away between the look and the click (the view moved on): look again.
      }
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function ownCards(page: Page, seat: number): Promise<string[]> {
  let cards: string[] = [];
  await vi.waitFor(
    async () => {
      cards = await faceUpCards(page, seat);
      expect(cards).toHaveLength(2);
    },
    { timeout: WAIT_MS, interval: 100 },
  );
  return cards;
}

/** The last view a page received for the table. */
function lastView(client: Client): TableView {
  const views = client.frames.views();
  expect(views.length).toBeGreaterThan(0);
  return views.reduce((latest, view) => (view.seq >= latest.seq ? view : latest));
}

describe('web client, end to end', () => {
  beforeAll(async () => {
    await buildClient();
    room = await startRoomServer('e2e_web', {
      BOOTSTRAP_ADMIN_USERNAME: ADMIN.username,
      BOOTSTRAP_ADMIN_PASSWORD: ADMIN.password,
      BOOTSTRAP_CASHIER_USERNAME: CASHIER.username,
      BOOTSTRAP_CASHIER_PASSWORD: CASHIER.password,
      TABLE_ACTION_TIMEOUT_MS: '120000',
      TABLE_HAND_PAUSE_MS: '6000',
    });
    server = room.server;
    // The server must serve the client built above (src/http/static-client.ts, registered by main.ts).
    const home = await fetch(server.url);
    if (!(home.headers.get('content-type') ?? '').includes('text/html')) {
      throw new Error(
        `GET / answered ${home.status} "${(await home.text()).slice(0, 200)}": is registerStaticClient wired in main.ts?`,
      );
    }
    browser = await launchChromium();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await room?.stop();
  }, 60_000);

  it('registers, sells chips, plays whole hands, survives a dropped connection, leaves', async () => {
    // --- Two players register; a cashier logs in.
    const alice = await openClient('alice');
    const bob = await openClient('bob', { phone: true });
    const cashier = await openClient('cashier');
    await authenticate(alice, ALICE, true);
    await authenticate(bob, BOB, true);
    await authenticate(cashier, CASHIER, false);
    await waitForText(alice.page, 'wallet-balance', '0');

    // --- The cashier sells each 1,000 chips, confirming each step.
    await byTestId(cashier.page, 'nav-cashier').click();
    for (const player of [ALICE.username, BOB.username]) {
      await byTestId(cashier.page, 'player-query').fill(player);
      await byTestId(cashier.page, 'player-search').click();
      await byTestId(cashier.page, `player-${player}`).click();
      await byTestId(cashier.page, 'direction-deposit').check();
      await byTestId(cashier.page, 'cashier-amount').fill('1000');
      await byTestId(cashier.page, 'cashier-review').click();
      await waitForText(cashier.page, 'cashier-confirm', `Sell chips: 1,000 chips to ${player}?`);
      await byTestId(cashier.page, 'cashier-confirm-yes').click();
      await waitForText(cashier.page, 'cashier-receipt', `Sold 1,000 to ${player} · new balance 1,000`);
      await waitForText(cashier.page, 'selected-balance', '1,000');
    }
    // A payout, reviewed and then cancelled, moves nothing.
    await byTestId(cashier.page, 'direction-withdrawal').check();
    await byTestId(cashier.page, 'cashier-amount').fill('50');
    await byTestId(cashier.page, 'cashier-review').click();
    await waitForText(cashier.page, 'cashier-confirm', `Pay out: 50 chips to ${BOB.username}?`);
    await byTestId(cashier.page, 'cashier-confirm-no').click();
    expect(await byTestId(cashier.page, 'cashier-receipt').count()).toBe(2);
    await screenshot(cashier.page, 'cashier-desk');

    // Each player sees the chips in the wallet, with the deposit in the history.
    for (const player of [alice, bob]) {
      await byTestId(player.page, 'nav-cashier').click();
      await waitForText(player.page, 'cashier-balance', '1,000');
      await waitForText(player.page, 'ledger-entry', 'Chips bought');
      await waitForText(player.page, 'ledger-amount', '+1,000');
    }

    // --- An admin opens two tables from the Admin page; the players' lobbies, already open, show them live.
    await byTestId(alice.page, 'nav-lobby').click();
    await byTestId(bob.page, 'nav-lobby').click();
    await byTestId(alice.page, 'lobby-empty').waitFor();
    const admin = await openClient('admin');
    await authenticate(admin, ADMIN, false);
    await byTestId(admin.page, 'nav-admin').click();
    await byTestId(admin.page, 'new-table').click();
    for (const table of [
      {
        name: 'Browser Table',
        smallBlind: '1',
        bigBlind: '2',
        minBuyIn: '40',
        maxBuyIn: '400',
        maxSeats: '6',
      },
      {
        name: 'Quiet Table',
        smallBlind: '5',
        bigBlind: '10',
        minBuyIn: '200',
        maxBuyIn: '1000',
        maxSeats: '9',
      },
    ]) {
      for (const [field, value] of Object.entries(table))
        await byTestId(admin.page, `new-table-${field}`).fill(value);
      await byTestId(admin.page, 'new-table-submit').click();
      await waitForText(admin.page, 'new-table-message', `Table "${table.name}" opened.`);
    }
    for (const player of [alice, bob]) {
      await vi.waitFor(async () => expect(await byTestId(player.page, 'lobby-table').count()).toBe(2), {
        timeout: WAIT_MS,
        interval: 100,
      });
      await waitForText(player.page, 'lobby-table', 'Browser Table');
      await waitForText(player.page, 'lobby-table-stakes', '1/2');
      await waitForText(player.page, 'lobby-table-stakes', '5/10');
      await waitForText(player.page, 'lobby-table-seats', '0/6');
    }
    const browserRow = byTestId(alice.page, 'lobby-table').filter({ hasText: 'Browser Table' });
    const tableId = (await browserRow.getAttribute('data-table-id'))!;
    await screenshot(alice.page, 'lobby');
    await screenshot(bob.page, 'lobby-phone');
    // The stakes filter keeps only the 1/2 table.
    await byTestId(alice.page, 'stakes-filter').selectOption('1/2');
    expect(await byTestId(alice.page, 'lobby-table').count()).toBe(1);
    await waitForText(alice.page, 'lobby-table', 'Browser Table');
    await byTestId(bob.page, 'stakes-filter').selectOption('1/2');

    // --- Both sit down with 200.
    for (const [player, seat] of [
      [alice, 1],
      [bob, 2],
    ] as const) {
      await byTestId(player.page, 'open-table').click();
      await byTestId(player.page, `sit-${seat}`).click();
      await byTestId(player.page, 'buy-in-amount').fill('200');
      await byTestId(player.page, 'sit-confirm').click();
      await waitForText(player.page, `seat-${seat}-name`, player.name);
      await waitForText(player.page, 'wallet-balance', '800');
    }
    expect(new URL(alice.page.url()).hash).toBe(`#/table/${tableId}`);
    const seatOf = new Map([
      [alice, 1],
      [bob, 2],
    ]);
    const other = (client: Client) => (client === alice ? bob : alice);

    // --- Hand 1: whoever acts first makes a pot-sized raise, the other folds.
    const aliceCards1 = await ownCards(alice.page, 1);
    const bobCards1 = await ownCards(bob.page, 2);
    await expectCardsHidden(alice.page, 2);
    await expectCardsHidden(bob.page, 1);
    expect(await byTestId(alice.page, 'seat-2-cards').getByTestId('card-back').count()).toBe(2);
    await screenshot(alice.page, 'table');

    const raiser = await playerToAct([alice, bob]);
    const folder = other(raiser);
    // Before the flop the presets are multiples of the big blind (2): 2.5x is 5, 3x is 6.
    await byTestId(raiser.page, 'preset-2-5x').click();
    expect(await byTestId(raiser.page, 'bet-amount').inputValue()).toBe('5');
    await byTestId(raiser.page, 'preset-3x').click();
    expect(await byTestId(raiser.page, 'bet-amount').inputValue()).toBe('6');
    await byTestId(raiser.page, 'action-raise').click();
    await waitForText(folder.page, 'action-call', 'Call 4');
    await expectCardsHidden(folder.page, seatOf.get(raiser)!);
    await screenshot(bob.page, 'table-phone');
    await byTestId(folder.page, 'action-fold').click();
    for (const player of [alice, bob]) {
      await waitForText(
        player.page,
        'hand-result',
        `${player === raiser ? 'You win' : `${raiser.name} wins`} 4`,
      );
      await waitForText(
        player.page,
        'hand-result',
        `4 returned to ${player === raiser ? 'you' : raiser.name}`,
      );
      await waitForText(player.page, `seat-${seatOf.get(raiser)}-stack`, '202');
      await waitForText(player.page, `seat-${seatOf.get(folder)}-stack`, '198');
      await expectCardsHidden(player.page, seatOf.get(other(player))!);
    }
    // The deck proof of hand 1, as the raiser's page offers it: it opens the raiser's own two cards
    // (nothing was on the board) and nothing else.
    const proofFile = raiser.page.waitForEvent('download');
    await byTestId(raiser.page, 'proof-download').click();
    const proof = JSON.parse(readFileSync((await (await proofFile).path())!, 'utf8')) as {
      handNumber: number;
      commitment: string;
      openings: { card: string }[];
    };
    expect(proof.handNumber).toBe(1);
    expect(proof.commitment).toBe(
      raiser.frames.views().find((view) => view.hand?.number === 1)?.hand?.deckCommitment,
    );
    expect(proof.openings.map((opening) => opening.card).sort()).toEqual(
      [...(raiser === alice ? aliceCards1 : bobCards1)].sort(),
    );

    await screenshot(alice.page, 'table-result');

    // --- Hand 2: the connection of one player drops and comes back mid-hand.
    for (const player of [alice, bob]) {
      await vi.waitFor(async () => expect((await tableState(player.page)).hand).toBe(2), {
        timeout: WAIT_MS,
      });
    }
    const aliceCards2 = await ownCards(alice.page, 1);
    const bobCards2 = await ownCards(bob.page, 2);
    // Bob tops up 50 during the hand: the chips are added when it ends.
    await byTestId(bob.page, 'top-up-open').click();
    await byTestId(bob.page, 'top-up-amount').fill('50');
    await byTestId(bob.page, 'top-up').click();
    await waitForText(bob.page, 'seat-message', /50 will be added when this hand ends|Added 50/);
    const seqBefore = Number(await byTestId(bob.page, 'table-page').getAttribute('data-seq'));
    await bob.context.setOffline(true);
    await bob.page.evaluate('window.__e2eSockets.forEach((socket) => socket.close())');
    await waitForText(bob.page, 'connection-banner', 'Reconnecting');
    // While Bob is away, Alice acts if it is her turn; Bob must then see it when he is back.
    if (await byTestId(alice.page, 'action-bar').isVisible())
      await byTestId(alice.page, 'action-call').click();
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    await screenshot(bob.page, 'table-phone-reconnecting');
    await bob.context.setOffline(false);
    await byTestId(bob.page, 'connection-banner').waitFor({ state: 'detached', timeout: WAIT_MS });
    await vi.waitFor(
      async () => {
        expect(Number(await byTestId(bob.page, 'table-page').getAttribute('data-seq'))).toBeGreaterThan(
          seqBefore,
        );
        expect(await byTestId(bob.page, 'action-bar').isVisible()).toBe(true);
      },
      { timeout: WAIT_MS, interval: 100 },
    );
    expect(await faceUpCards(bob.page, 2)).toEqual(bobCards2);

    await checkDown([alice, bob], 2);
    // Sit out at once, so no third hand is dealt; then play out a third one if it was already dealt.
    await byTestId(alice.page, 'sit-out').click();
    await waitForText(alice.page, 'seat-message', /sitting out|after/);
    for (const player of [alice, bob]) {
      const state = await tableState(player.page);
      if (state.hand === 2) {
        await waitForText(player.page, 'hand-result', /wins? \d/);
        for (const seat of [1, 2]) {
          if (seat === seatOf.get(player)) continue;
          const shown = await byTestId(player.page, `shown-${seat}`).count();
          const faces = await faceUpCards(player.page, seat);
          // Shown cards are the real ones; otherwise nothing of them is on screen.
          expect(faces).toEqual(shown > 0 ? (seat === 1 ? aliceCards2 : bobCards2) : []);
        }
      }
    }
    if ((await tableState(alice.page)).hand > 2)
      await checkDown([alice, bob], (await tableState(alice.page)).hand);

    // --- Alice leaves: her stack goes back to her wallet.
    const aliceStack = lastView(alice).seats.find((seat) => seat.seat === 1)!.player!.stack;
    await byTestId(alice.page, 'leave').click();
    await byTestId(alice.page, 'leave-confirm').click();
    await waitForText(alice.page, 'seat-message', /You left the table|You will leave/);
    await vi.waitFor(async () => expect(await byTestId(bob.page, 'seat-1-name').count()).toBe(0), {
      timeout: 30_000,
      interval: 200,
    });
    const aliceWallet = (800 + Number(aliceStack)).toString();
    await waitForText(alice.page, 'wallet-balance', aliceWallet.replace(/\B(?=(\d{3})+(?!\d))/g, ','));
    const bobStack = lastView(bob).seats.find((seat) => seat.seat === 2)!.player!.stack;
    await waitForText(bob.page, 'wallet-balance', '750');
    // Rake is 0 at this table: every chip is still there, the top-up in Bob's stack.
    expect(Number(aliceWallet) + 750 + Number(bobStack)).toBe(2000);

    // --- Alice's wallet history and hand history.
    await byTestId(alice.page, 'nav-cashier').click();
    await waitForText(alice.page, 'cashier-balance', aliceWallet.replace(/\B(?=(\d{3})+(?!\d))/g, ','));
    await waitForText(alice.page, 'ledger', 'Table cash-out');
    await waitForText(alice.page, 'ledger', 'Table buy-in');
    await screenshot(alice.page, 'wallet');

    await byTestId(alice.page, 'nav-hands').click();
    await vi.waitFor(
      async () => expect(await byTestId(alice.page, 'hand-row').count()).toBeGreaterThanOrEqual(2),
      {
        timeout: WAIT_MS,
      },
    );
    const firstHandRow = byTestId(alice.page, 'hand-row').last();
    expect(await firstHandRow.textContent()).toContain('#1');
    expect(await firstHandRow.getByTestId('hand-net').textContent()).toBe(raiser === alice ? '+2' : '−2');
    const download = alice.page.waitForEvent('download');
    await firstHandRow.getByTestId('hand-download').click();
    const phh = readFileSync((await (await download).path())!, 'utf8');
    expect(phh).toContain("variant = 'NT'");
    expect(phh).toContain(aliceCards1.join(''));
    // Bob folded without showing: his cards are not in Alice's copy of the history.
    expect(phh).not.toContain(bobCards1.join(''));
    expect(phh).toContain('????');

    await firstHandRow.getByTestId('hand-replay').click();
    await waitForText(alice.page, 'replay-description', 'Blinds and antes posted');
    await byTestId(alice.page, 'replay-next').click();
    await waitForText(alice.page, 'replay-description', /dealt/);
    await byTestId(alice.page, 'replay-last').click();
    await waitForText(alice.page, 'replay-description', `${raiser.name} collects`);
    await screenshot(alice.page, 'hand-replay');

    // --- What reached each browser: never the other player's unshown cards.
    for (const player of [alice, bob]) {
      const receipts = player.frames.receipts();
      const updates = receipts.flatMap((receipt) =>
        receipt.received.kind === 'update' ? [receipt.received.update] : [],
      );
      // The checks must have had something to check: updates, private parts among them.
      expect(updates.length).toBeGreaterThan(5);
      expect(updates.filter((update) => update.private).length).toBeGreaterThan(1);
      expect(player.frames.views().length).toBeGreaterThan(5);
      expect(hiddenCardViolations(player.frames.views())).toEqual([]);
      expect(updateViolations(receipts)).toEqual([]);
      expect(protocolViolations(player.frames.messages)).toEqual([]);
    }
    // A deck deals each card once: what each page showed as its own cards really was its own.
    expect(aliceCards1.filter((card) => bobCards1.includes(card))).toEqual([]);
    expect(aliceCards2.filter((card) => bobCards2.includes(card))).toEqual([]);
    const bobSaw = cardsSeenBy(bob.frames.views());
    const aliceSaw = cardsSeenBy(alice.frames.views());
    for (const card of aliceCards1) expect(bobSaw.get(1)?.has(`1:${card}`)).toBe(false);
    for (const card of bobCards1) expect(aliceSaw.get(1)?.has(`2:${card}`)).toBe(false);
    // Everything the raiser's page received about hand 1, whole views and updates (private parts
    // included), in any field: never a card of the folder.
    const folderCards = folder === alice ? aliceCards1 : bobCards1;
    const raiserHand1 = raiser.frames.receipts().filter((receipt) => receipt.handNumber === 1);
    expect(raiserHand1.filter((receipt) => receipt.received.kind === 'update').length).toBeGreaterThan(0);
    for (const receipt of raiserHand1) {
      const text = JSON.stringify(receipt.received);
      for (const card of folderCards) expect(text).not.toContain(`"${card}"`);
    }

    // Phone layout: nothing wider than the screen.
    expect(await bob.page.evaluate('document.documentElement.scrollWidth <= window.innerWidth')).toBe(true);
    for (const client of clients) expect(client.errors, client.name).toEqual([]);
  }, 240_000);
});
