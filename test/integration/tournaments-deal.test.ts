import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLedger } from '../../src/ledger/audit.js';
import type { Ledger } from '../../src/ledger/transactions.js';
import { Money } from '../../src/money/index.js';
import type {
  TournamentDealOut,
  TournamentDetailResponse,
  TournamentResponse,
} from '../../src/protocol/http-tournaments.js';
import { dealOffers } from '../../src/tournaments/deal-offers.js';
import type { TestDatabase } from '../support/database.js';
import { type FundedPlayer, registerFundedPlayer } from '../support/funded-player.js';
import { testConfig } from '../support/http-app.js';
import { PokerClient } from '../support/poker-client.js';
import type { ServerProcess } from '../support/server-process.js';
import { act } from '../support/table-client-steps.js';
import {
  closeTournamentRoom,
  openTournamentRoom,
  type TournamentRoom,
} from '../support/tournament-server.js';
import { callApi, joinSeatedTable, myTurn, noticesOf, walletOf } from '../support/tournament-steps.js';

/**
 * Deals at the final table on a real server: six players of a Sit & Go (two places paid) propose
 * a deal over HTTP; dealing stops once the hand in play ends; both offers are computed exactly;
 * a decline, bad input or the time running out changes nothing and play resumes; then everyone accepts ICM, the
 * ledger pays each share into the wallets, and the rest (left to play for) goes to the winner.
 */

let room: TournamentRoom | undefined;
let db: TestDatabase;
let ledger: Ledger;
let server: ServerProcess | undefined;
let adminToken: string;
const clients: PokerClient[] = [];
const suffix = `${process.pid % 10_000}`;

/** Slow blinds: stacks stay deep while the deal is talked about; all-in play ends it after. */
const SLOW_STRUCTURE = {
  name: 'slow',
  startingStack: 1_000,
  steps: [
    { kind: 'level', smallBlind: 25, bigBlind: 50, ante: 0, durationMs: 120_000 },
    { kind: 'level', smallBlind: 50, bigBlind: 100, ante: 0, durationMs: 120_000 },
  ],
};

beforeAll(async () => {
  room = await openTournamentRoom('tournaments_deal', `dboss_${suffix}`, {
    TOURNAMENT_DEAL_ANSWER_MS: '6000',
  });
  ({ db, ledger, adminToken, server } = room);
}, 90_000);

afterAll(async () => {
  await closeTournamentRoom(room, clients);
});

/** The API of the server under test. */
function call(method: string, path: string, token: string | null, body?: unknown) {
  return callApi(server!.url, method, path, token, body);
}

async function poolOf(tournamentId: string): Promise<Money> {
  const pool = await db.prisma.account.findFirst({ where: { tournamentId } });
  return new Money(pool!.balance.toFixed());
}

/** Waits for `test`, looking again at least every 250 ms (it may turn on an HTTP answer, not a frame). */
async function waitUntil(client: PokerClient, test: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!test()) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await client.waitFor(test, 250).catch(() => {});
  }
}

/** Plays every turn of this client with `choose` until `stop()`. */
async function playUntil(
  client: PokerClient,
  tableId: string,
  stop: () => boolean,
  choose: (actions: readonly string[]) => string,
): Promise<void> {
  for (let step = 0; step < 300 && !stop(); step++) {
    await waitUntil(client, () => stop() || myTurn(client.latest(tableId)), 60_000);
    if (stop()) return;
    const view = client.latest(tableId)!;
    const kind = choose(view.hand!.legal!.actions);
    const ack = await act(client, tableId, kind as 'fold');
    if (!ack.ok && ack.error.code !== 'table/stale-action' && ack.error.code !== 'table/not-your-turn')
      throw new Error(`${kind} refused: ${ack.error.code} ${ack.error.message}`);
    await waitUntil(
      client,
      () => {
        const latest = client.latest(tableId)?.hand;
        return stop() || latest?.number !== view.hand!.number || latest.turn !== view.hand!.turn;
      },
      60_000,
    );
  }
}

const passive = (actions: readonly string[]) => (actions.includes('check') ? 'check' : 'fold');
const allIn = (actions: readonly string[]) =>
  actions.includes('all-in') ? 'all-in' : actions.includes('call') ? 'call' : 'check';

async function dealOf(tournamentId: string, token: string): Promise<TournamentDealOut | null> {
  const read = await call('GET', `/api/tournaments/${tournamentId}/deal`, token);
  expect(read.status).toBe(200);
  return read.body.deal;
}

/** Everyone checks or folds until the offers are open (the hand in play ended). */
async function untilOffersOpen(
  tournamentId: string,
  token: string,
  playing: readonly PokerClient[],
  tableId: string,
): Promise<TournamentDealOut> {
  let open: TournamentDealOut | null = null;
  const poller = (async () => {
    for (let i = 0; i < 600 && !open; i++) {
      const deal = await dealOf(tournamentId, token);
      if (deal?.status === 'open') open = deal;
      else await new Promise((resolve) => setTimeout(resolve, 100));
    }
  })();
  await Promise.all([
    ...playing.map((client) => playUntil(client, tableId, () => open !== null, passive)),
    poller,
  ]);
  expect(open).not.toBeNull();
  return open!;
}

describe('a deal at the final table', () => {
  it('refuses bad input, resumes play after a decline, then pays an ICM deal exactly and plays for the rest', async () => {
    const players: FundedPlayer[] = [];
    for (const name of ['da', 'db', 'dc', 'dd', 'de', 'df'])
      players.push(await registerFundedPlayer(db.database, ledger, testConfig(), `${name}_${suffix}`, '100'));
    const outsider = await registerFundedPlayer(db.database, ledger, testConfig(), `dx_${suffix}`, '100');
    const playing: PokerClient[] = [];
    for (const player of players) {
      const client = await PokerClient.connect(server!.url, player.token, player.userId);
      clients.push(client);
      playing.push(client);
    }
    const created = await call('POST', '/api/admin/tournaments', adminToken, {
      name: 'Six-handed deal',
      kind: 'SNG',
      buyIn: '10.00',
      fee: '1.00',
      structure: SLOW_STRUCTURE,
      tableSize: 6,
      maxEntrants: 6,
    });
    expect(created.status).toBe(201);
    const tournamentId = (created.body as TournamentResponse).tournament.id;
    for (const player of players) {
      const registered = await call('POST', `/api/tournaments/${tournamentId}/register`, player.token, {
        requestId: randomUUID(),
      });
      expect(registered.status).toBe(200);
    }
    const tableIds = await Promise.all(playing.map((client) => joinSeatedTable(client, tournamentId)));
    const tableId = tableIds[0]!;
    const [first, second, third] = players as [FundedPlayer, FundedPlayer, FundedPlayer];
    const wallets = async () => Promise.all(players.map((player) => walletOf(db, player.userId)));
    const walletsBefore = (await wallets()).map((wallet) => wallet.toFixed(2));
    expect(walletsBefore).toEqual(Array(6).fill('89.00'));
    expect((await poolOf(tournamentId)).toFixed(2)).toBe('60.00');

    // No deal yet; a first hand is dealt.
    expect(await dealOf(tournamentId, first.token)).toBeNull();
    await playing[0]!.waitForView(tableId, (view) => view.hand !== null && view.hand !== undefined, 15_000);

    // Bad input: an outsider, a part left bigger than first prize, not whole cents.
    const byOutsider = await call('POST', `/api/tournaments/${tournamentId}/deal`, outsider.token, {});
    expect([byOutsider.status, byOutsider.body.error.code]).toEqual([403, 'tournament/not-in-deal']);
    const tooMuch = await call('POST', `/api/tournaments/${tournamentId}/deal`, first.token, {
      leftToPlayFor: '40.00',
    });
    expect([tooMuch.status, tooMuch.body.error.code]).toEqual([400, 'tournament/invalid-deal']);
    expect(await dealOf(tournamentId, first.token)).toBeNull();

    // A proposal; a second one while it is talked about is refused.
    const proposed = await call('POST', `/api/tournaments/${tournamentId}/deal`, first.token, {});
    expect(proposed.status).toBe(200);
    expect(proposed.body.deal.proposedBy).toBe(first.userId);
    const again = await call('POST', `/api/tournaments/${tournamentId}/deal`, second.token, {});
    expect([again.status, again.body.error.code]).toEqual([409, 'tournament/deal-pending']);

    const declinedOffer = await untilOffersOpen(tournamentId, first.token, playing, tableId);
    const handWhenOpen = playing[0]!.latest(tableId)!.hand?.number ?? 0;
    expect(declinedOffer.players).toHaveLength(6);
    expect(new Money(declinedOffer.dealt!).toFixed(2)).toBe('60.00');

    const answer = (player: FundedPlayer, offerId: string, reply: string) =>
      call('POST', `/api/tournaments/${tournamentId}/deal/answer`, player.token, { offerId, answer: reply });
    const firstAnswer = await answer(second, declinedOffer.offerId, 'icm');
    expect(firstAnswer.status).toBe(200);
    const twice = await answer(second, declinedOffer.offerId, 'chip-chop');
    expect([twice.status, twice.body.error.code]).toEqual([409, 'tournament/deal-already-answered']);
    const stale = await answer(third, randomUUID(), 'icm');
    expect([stale.status, stale.body.error.code]).toEqual([409, 'tournament/deal-stale']);
    const notIn = await answer(outsider, declinedOffer.offerId, 'icm');
    expect([notIn.status, notIn.body.error.code]).toEqual([403, 'tournament/not-in-deal']);
    const declined = await answer(third, declinedOffer.offerId, 'decline');
    expect(declined.status).toBe(200);
    expect(declined.body.deal.status).toBe('declined');
    // An answer to the offer that was declined is stale.
    const late = await answer(first, declinedOffer.offerId, 'icm');
    expect([late.status, late.body.error.code]).toEqual([409, 'tournament/deal-stale']);
    // Nothing moved, and play resumes: a new hand is dealt.
    expect((await wallets()).map((wallet) => wallet.toFixed(2))).toEqual(walletsBefore);
    expect((await poolOf(tournamentId)).toFixed(2)).toBe('60.00');
    await playing[0]!.waitForView(tableId, (view) => (view.hand?.number ?? 0) > handWhenOpen, 15_000);

    // A deal nobody answers is off when its time runs out, and play resumes.
    const unanswered = await call('POST', `/api/tournaments/${tournamentId}/deal`, third.token, {});
    expect(unanswered.status).toBe(200);
    const unansweredOffer = await untilOffersOpen(tournamentId, third.token, playing, tableId);
    const handAtExpiry = playing[0]!.latest(tableId)!.hand?.number ?? 0;
    const expiry = Date.now() + 15_000;
    let expired: TournamentDealOut | null = null;
    while (Date.now() < expiry && expired?.status !== 'expired') {
      expired = await dealOf(tournamentId, third.token);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect(expired?.offerId).toBe(unansweredOffer.offerId);
    expect(expired?.status).toBe('expired');
    expect((await wallets()).map((wallet) => wallet.toFixed(2))).toEqual(walletsBefore);
    await playing[0]!.waitForView(tableId, (view) => (view.hand?.number ?? 0) > handAtExpiry, 15_000);

    // A deal leaving 5.00 to play for; everyone accepts ICM.
    const left = new Money('5.00');
    const secondProposal = await call('POST', `/api/tournaments/${tournamentId}/deal`, second.token, {
      leftToPlayFor: left.toFixed(2),
    });
    expect(secondProposal.status).toBe(200);
    const offer = await untilOffersOpen(tournamentId, second.token, playing, tableId);
    expect(offer.offerId).not.toBe(declinedOffer.offerId);
    const stacks = offer.players.map((player) => player.stack);
    expect(stacks.reduce((sum, stack) => sum + stack, 0)).toBe(6_000);
    // The offers are exactly what deal-offers.ts computes from those stacks: prizes 39 and 21.
    const expected = dealOffers({
      stacks,
      prizes: [new Money('39'), new Money('21')],
      leftToPlayFor: left,
      unit: new Money('0.01'),
    });
    if (!expected.ok) throw new Error(expected.error.message);
    expect(offer.players.map((player) => new Money(player.icm!).toFixed(2))).toEqual(
      expected.value.icm.map((amount) => amount.toFixed(2)),
    );
    expect(offer.players.map((player) => new Money(player.chipChop!).toFixed(2))).toEqual(
      expected.value.chipChop.map((amount) => amount.toFixed(2)),
    );
    expect(new Money(offer.dealt!).toFixed(2)).toBe('55.00');

    const byUser = new Map(players.map((player) => [player.userId, player]));
    let agreed: TournamentDealOut | undefined;
    for (const [index, seat] of offer.players.entries()) {
      const reply = await answer(byUser.get(seat.userId)!, offer.offerId, 'icm');
      expect(reply.status).toBe(200);
      agreed = reply.body.deal;
      expect(agreed!.players.filter((player) => player.answer === 'icm')).toHaveLength(index + 1);
    }
    expect(agreed!.status).toBe('agreed');
    expect(agreed!.method).toBe('icm');
    const again2 = await answer(first, offer.offerId, 'icm');
    expect(again2.status).toBe(409);

    // The wallets took exactly their ICM shares; the pool keeps what is left to play for.
    const afterDeal = await wallets();
    const shareOf = new Map(offer.players.map((player) => [player.userId, new Money(player.icm!)]));
    players.forEach((player, index) => {
      expect(afterDeal[index]!.toFixed(2)).toBe(new Money('89').plus(shareOf.get(player.userId)!).toFixed(2));
    });
    const shares = [...shareOf.values()].reduce((sum, share) => sum.plus(share), new Money(0));
    expect(shares.plus(await poolOf(tournamentId)).toFixed(2)).toBe('60.00');
    expect((await poolOf(tournamentId)).toFixed(2)).toBe('5.00');
    const dealTransfers = await db.prisma.transfer.findMany({
      where: { tournamentId, kind: 'TOURNAMENT_DEAL' },
    });
    expect(dealTransfers).toHaveLength(6);

    // Play on for the 5.00: all in until one is left.
    const overFor = (client: PokerClient) => () =>
      noticesOf(client).some((notice) => notice.kind === 'eliminated' || notice.kind === 'finished');
    await Promise.all(playing.map((client) => playUntil(client, tableId, overFor(client), allIn)));
    const deadline = Date.now() + 15_000;
    let detail: TournamentDetailResponse | undefined;
    while (Date.now() < deadline) {
      detail = (await call('GET', `/api/tournaments/${tournamentId}`, null)).body as TournamentDetailResponse;
      if (detail.tournament.status === 'finished') break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(detail!.tournament.status).toBe('finished');
    const winnerIndex = playing.findIndex((client) =>
      noticesOf(client).some((notice) => notice.kind === 'finished'),
    );
    expect(winnerIndex).toBeGreaterThanOrEqual(0);
    const final = await wallets();
    players.forEach((player, index) => {
      const share = shareOf.get(player.userId)!;
      const expectedWallet = new Money('89').plus(share).plus(index === winnerIndex ? left : 0);
      expect(final[index]!.toFixed(2)).toBe(expectedWallet.toFixed(2));
    });
    expect((await poolOf(tournamentId)).toFixed()).toBe('0');

    const audit = await auditLedger(db.database);
    expect(audit.discrepancies).toEqual([]);
    expect(audit.ok).toBe(true);
    const problems = server!.logs.filter(
      (line) => Number(line.level) >= 40 && !String(line.msg).includes('web client is not built'),
    );
    expect(problems).toEqual([]);
  }, 180_000);

  it('ends the tournament at once when the deal leaves nothing to play for', async () => {
    const players: FundedPlayer[] = [];
    for (const name of ['ea', 'eb', 'ec'])
      players.push(await registerFundedPlayer(db.database, ledger, testConfig(), `${name}_${suffix}`, '100'));
    const playing: PokerClient[] = [];
    for (const player of players) {
      const client = await PokerClient.connect(server!.url, player.token, player.userId);
      clients.push(client);
      playing.push(client);
    }
    const created = await call('POST', '/api/admin/tournaments', adminToken, {
      name: 'Three-handed chop',
      kind: 'SNG',
      buyIn: '10.00',
      fee: '1.00',
      structure: SLOW_STRUCTURE,
      tableSize: 3,
      maxEntrants: 3,
    });
    expect(created.status).toBe(201);
    const tournamentId = (created.body as TournamentResponse).tournament.id;
    for (const player of players) {
      const registered = await call('POST', `/api/tournaments/${tournamentId}/register`, player.token, {
        requestId: randomUUID(),
      });
      expect(registered.status).toBe(200);
    }
    const tableIds = await Promise.all(playing.map((client) => joinSeatedTable(client, tournamentId)));
    const tableId = tableIds[0]!;
    await playing[0]!.waitForView(tableId, (view) => view.hand !== null && view.hand !== undefined, 15_000);

    // The whole pool (30.00, one place paid) is dealt by chip count: nothing is left to play for.
    const proposed = await call('POST', `/api/tournaments/${tournamentId}/deal`, players[0]!.token, {});
    expect(proposed.status).toBe(200);
    const offer = await untilOffersOpen(tournamentId, players[0]!.token, playing, tableId);
    expect(new Money(offer.dealt!).toFixed(2)).toBe('30.00');
    const byUser = new Map(players.map((player) => [player.userId, player]));
    for (const seat of offer.players) {
      const reply = await call(
        'POST',
        `/api/tournaments/${tournamentId}/deal/answer`,
        byUser.get(seat.userId)!.token,
        {
          offerId: offer.offerId,
          answer: 'chip-chop',
        },
      );
      expect(reply.status).toBe(200);
    }

    // Finished at once: places by chips at the deal (equal stacks share one), no hand dealt after.
    const deadline = Date.now() + 15_000;
    let detail: TournamentDetailResponse | undefined;
    while (Date.now() < deadline) {
      detail = (await call('GET', `/api/tournaments/${tournamentId}`, null)).body as TournamentDetailResponse;
      if (detail.tournament.status === 'finished') break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(detail!.tournament.status).toBe('finished');
    const stackOf = new Map(offer.players.map((seat) => [seat.userId, seat.stack]));
    for (const [index, player] of players.entries()) {
      await playing[index]!.waitFor(
        () => noticesOf(playing[index]!).some((notice) => notice.kind === 'finished'),
        15_000,
      );
      const finished = noticesOf(playing[index]!).find((notice) => notice.kind === 'finished')!;
      const better = offer.players.filter((seat) => seat.stack > stackOf.get(player.userId)!).length;
      expect(finished.place).toBe(better + 1);
      const share = new Money(offer.players.find((seat) => seat.userId === player.userId)!.chipChop!);
      expect((await walletOf(db, player.userId)).toFixed(2)).toBe(new Money('89').plus(share).toFixed(2));
    }
    expect((await poolOf(tournamentId)).toFixed()).toBe('0');
    const entries = await db.prisma.tournamentEntry.findMany({ where: { tournamentId } });
    expect(entries.map((entry) => entry.status)).toEqual(Array(3).fill('FINISHED'));
    const tables = await db.prisma.pokerTable.findMany({ where: { tournamentId } });
    expect(tables.map((table) => table.status)).toEqual(['CLOSED']);
    const handsAtEnd = await db.prisma.hand.count({ where: { tableId } });
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(await db.prisma.hand.count({ where: { tableId } })).toBe(handsAtEnd);

    const audit = await auditLedger(db.database);
    expect(audit.discrepancies).toEqual([]);
    expect(audit.ok).toBe(true);
    const problems = server!.logs.filter(
      (line) => Number(line.level) >= 40 && !String(line.msg).includes('web client is not built'),
    );
    expect(problems).toEqual([]);
  }, 120_000);
});
