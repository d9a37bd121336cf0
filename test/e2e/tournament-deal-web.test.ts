import { randomUUID } from 'node:crypto';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
  type RoomServer,
  screenshot,
  startRoomServer,
  waitForText,
} from '../support/web-e2e.js';

/**
 * A deal in the browser: three players of a Sit & Go, all at its one table; the page's player
 * proposes a deal on the tournament page, sees the offers (each player's amount by ICM and by chip
 * chop) once the hand in play ends, accepts ICM there; the two others accept over HTTP; the page
 * shows the deal agreed. The table play (checks and folds) goes over sockets. Screenshot:
 * test-artifacts/tournament-deal-*.png.
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

describe('a deal in the browser', () => {
  it('a player proposes a deal on the tournament page, sees both offers, accepts ICM, and all agree', async () => {
    const adminToken = (await api.login(ADMIN.username, ADMIN.password)).session.token;
    const cashierToken = (await api.login(CASHIER.username, CASHIER.password)).session.token;
    const players: LoginResponse[] = [];
    for (const name of ['deal_hero', 'deal_p2', 'deal_p3']) {
      const player = await api.register(name);
      await api.deposit(cashierToken, player.user.username, '100');
      players.push(player);
    }
    const created = await call('POST', '/api/admin/tournaments', adminToken, {
      name: 'E2E deal',
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
    let stopped = false;
    const play: Promise<void>[] = [];
    for (const player of players) {
      const client = await PokerClient.connect(room!.url, player.session.token, player.user.id);
      sockets.push(client);
      play.push(playPassively(client, () => stopped));
    }
    for (const player of players) {
      const registered = await call(
        'POST',
        `/api/tournaments/${tournamentId}/register`,
        player.session.token,
        {
          requestId: randomUUID(),
        },
      );
      expect(registered.status).toBe(200);
    }

    const hero = players[0]!;
    const opened = await openLoggedIn(browser!, room!.url, hero, DESKTOP, `#/tournaments/${tournamentId}`);
    pages.push(opened);
    const { page } = opened;
    await waitForText(page, 'tournament-status', /running/i);
    await byTestId(page, 'deal-propose').click();
    await page.waitForSelector('[data-testid="deal-status"][data-status="open"]', { timeout: 20_000 });
    expect(await byTestId(page, 'deal-player').count()).toBe(3);
    await waitForText(page, 'deal-offers', /deal_p2/);
    await screenshot(page, 'tournament-deal-offers');
    await byTestId(page, 'deal-accept-icm').click();
    await waitForText(page, 'deal-answer', /accepts ICM/);

    const read = await call('GET', `/api/tournaments/${tournamentId}/deal`, hero.session.token);
    const deal = read.body.deal as TournamentDealOut;
    expect(deal.players.find((player) => player.userId === hero.user.id)?.answer).toBe('icm');
    for (const other of players.slice(1)) {
      const answered = await call(
        'POST',
        `/api/tournaments/${tournamentId}/deal/answer`,
        other.session.token,
        {
          offerId: deal.offerId,
          answer: 'icm',
        },
      );
      expect(answered.status).toBe(200);
    }
    await page.waitForSelector('[data-testid="deal-status"][data-status="agreed"]', { timeout: 15_000 });
    await screenshot(page, 'tournament-deal-agreed');
    const shares = deal.players.reduce((sum, player) => sum.plus(player.icm!), new Money(0));
    expect(shares.toFixed(2)).toBe('30.00');
    stopped = true;
    await Promise.all(play);
  }, 180_000);
});
