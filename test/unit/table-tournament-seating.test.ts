import { describe, expect, it } from 'vitest';
import { Money } from '../../src/money/index.js';
import { TableUpdateSchema } from '../../src/protocol/server-message-schemas.js';
import type { TableUpdate } from '../../src/protocol/table-update.js';
import { TableViewAssembler } from '../../src/protocol/table-view-assembler.js';
import type { TablePublication } from '../../src/tables/table-ports.js';
import { actAs, codeOf, handOf, seatStatus, userToAct } from '../support/table-actor-steps.js';
import { startTableHarness } from '../support/table-harness.js';
import { StrictTableView } from '../support/table-view-schema.js';
import {
  startTournamentHarness,
  TOURNAMENT_ID,
  type TournamentHarness,
} from '../support/tournament-table-harness.js';

/** A tournament table driven by its director: seating, moves, levels, pauses, and what viewers see. */

const A = 'user-a';
const B = 'user-b';
const C = 'user-c';

async function threeHanded(): Promise<TournamentHarness> {
  const harness = await startTournamentHarness();
  await harness.seatAll([
    { userId: A, stack: 10_000 },
    { userId: B, stack: 20_000 },
    { userId: C, stack: 30_000 },
  ]);
  return harness;
}

/** Everyone to act folds (or checks) until the hand ends. */
async function foldAround(harness: TournamentHarness): Promise<void> {
  while (harness.view(null).hand?.toActSeat != null) {
    const userId = userToAct(harness);
    const legal = handOf(harness.view(userId)).legal!;
    await actAs(harness, userId, legal.actions.includes('fold') ? 'fold' : 'check');
  }
}

describe('tournament table: seating by the director', () => {
  it('seats players by command with their stacks, and deals them all in', async () => {
    const harness = await threeHanded();
    const view = harness.view(A);
    StrictTableView.parse(view);
    expect(view.seats.slice(0, 3).map((seat) => [seat.player?.userId, seat.player?.stack])).toEqual([
      [A, '10000'],
      [B, '20000'],
      [C, '30000'],
    ]);
    expect(handOf(view).number).toBe(1);
    expect(handOf(view).players).toHaveLength(3);
    expect(view.stakes).toMatchObject({ smallBlind: '50', bigBlind: '100', ante: '100', chipUnit: '1' });
    expect(view.tournament).toMatchObject({ tournamentId: TOURNAMENT_ID, level: 1, paused: null });
    // Seat problems are refused with their codes.
    const seat = (userId: string, seatNo: number, stack: number) =>
      harness.actor.seatTournamentPlayer({ userId, username: userId, seat: seatNo, stack });
    expect(codeOf(await seat('user-d', 1, 500))).toBe('table/seat-taken');
    expect(codeOf(await seat(A, 4, 500))).toBe('table/already-seated');
    expect(codeOf(await seat('user-d', 7, 500))).toBe('table/invalid-seat');
    expect(codeOf(await seat('user-d', 4, 0))).toBe('table/invalid-tournament-value');
    expect(codeOf(await seat('user-d', 4, 1.5))).toBe('table/invalid-tournament-value');
  });

  it('refuses players who sit, leave, top up or post a blind themselves, with a typed code', async () => {
    const harness = await threeHanded();
    const sit = await harness.actor.sit({ userId: 'user-d', username: 'd', seat: 4, buyIn: new Money(100) });
    expect(codeOf(sit)).toBe('table/tournament-seating');
    expect(codeOf(await harness.actor.leave(A))).toBe('table/tournament-seating');
    expect(codeOf(await harness.actor.topUp(A, new Money(100)))).toBe('table/tournament-seating');
    expect(codeOf(await harness.actor.postBigBlind(A))).toBe('table/tournament-seating');
    expect(harness.view(null).seats.filter((seat) => seat.player)).toHaveLength(3);
    // And a director's command to a cash table is refused too.
    const cash = await startTableHarness();
    const refused = await cash.actor.seatTournamentPlayer({ userId: A, username: A, seat: 1, stack: 100 });
    expect(codeOf(refused)).toBe('table/not-a-tournament');
    expect(codeOf(await cash.actor.pauseBetweenHands('break'))).toBe('table/not-a-tournament');
  });

  it('keeps a player whose socket leaves seated, absent, for as long as it takes', async () => {
    const harness = await threeHanded();
    harness.actor.setConnected(B, false);
    await harness.advance(30_000 + 10 * 60_000);
    const seatB = harness.view(null).seats.find((seat) => seat.player?.userId === B)!.player!;
    expect(seatB.connected).toBe(false);
    expect(seatB.status).toBe('sitting-out');
    // Coming back makes them present again.
    harness.actor.setConnected(B, true);
    await harness.settle();
    expect(seatStatus(harness, B)).toBe('active');
  });

  it('removes a player between hands with their exact stack, and refuses it while they are in the hand', async () => {
    const harness = await threeHanded();
    expect(codeOf(await harness.actor.removeTournamentPlayer(A))).toBe('table/player-in-hand');
    await harness.actor.pauseBetweenHands('hand-for-hand');
    await foldAround(harness);
    const before = harness.chipsAtTable();
    const stackOfA = harness.view(null).seats.find((seat) => seat.player?.userId === A)!.player!.stack;
    const removed = await harness.actor.removeTournamentPlayer(A);
    expect(removed).toEqual({ ok: true, data: { stack: Number(stackOfA) } });
    expect(harness.chipsAtTable()).toBe(before - Number(stackOfA));
    expect(harness.view(null).seats.some((seat) => seat.player?.userId === A)).toBe(false);
    expect(codeOf(await harness.actor.removeTournamentPlayer(A))).toBe('table/not-seated');
    // The move: seated at another table with that stack, they keep it.
    const other = await startTournamentHarness();
    await other.actor.seatTournamentPlayer({ userId: A, username: A, seat: 3, stack: Number(stackOfA) });
    expect(other.view(null).seats[2]!.player).toMatchObject({ userId: A, stack: stackOfA });
  });

  it('a player seated during a hand is not dealt into it, and may be removed before the next', async () => {
    const harness = await threeHanded();
    await harness.actor.seatTournamentPlayer({ userId: 'user-d', username: 'd', seat: 5, stack: 4000 });
    expect(handOf(harness.view(null)).players.map((player) => player.seat)).not.toContain(5);
    expect(await harness.actor.removeTournamentPlayer('user-d')).toEqual({ ok: true, data: { stack: 4000 } });
  });
});

describe('tournament table: levels and pauses', () => {
  it('a level set during a hand applies from the next hand only', async () => {
    const harness = await threeHanded();
    const level2 = { level: 2, smallBlind: 100, bigBlind: 200, ante: 200 };
    expect((await harness.actor.setLevel(level2)).ok).toBe(true);
    // Hand 1 goes on at level 1.
    expect(harness.view(null).stakes.bigBlind).toBe('100');
    expect(harness.view(null).tournament?.level).toBe(1);
    const bigBlindSeat = handOf(harness.view(null)).bigBlindSeat;
    expect(handOf(harness.view(null)).players.find((p) => p.seat === bigBlindSeat)!.totalCommitted).toBe(
      '200',
    );
    await foldAround(harness);
    await harness.advance(1_000);
    const hand2 = handOf(harness.view(null));
    expect(hand2.number).toBe(2);
    expect(harness.view(null).stakes).toMatchObject({ smallBlind: '100', bigBlind: '200', ante: '200' });
    expect(harness.view(null).tournament?.level).toBe(2);
    // The big blind of hand 2 posts 200 and the 200 ante.
    expect(hand2.players.find((p) => p.seat === hand2.bigBlindSeat)!.totalCommitted).toBe('400');
    // Levels the table cannot use are refused.
    const bad = await harness.actor.setLevel({ level: 3, smallBlind: 300, bigBlind: 200, ante: 0 });
    expect(codeOf(bad)).toBe('table/invalid-tournament-value');
  });

  it('a pause lets the hand being played finish, deals nothing more until resumed, and tells the director once', async () => {
    const harness = await threeHanded();
    expect((await harness.actor.pauseBetweenHands('hand-for-hand')).ok).toBe(true);
    expect(harness.view(null).tournament?.paused).toBe('hand-for-hand');
    expect(harness.view(null).hand?.phase).toBe('preflop');
    // (While the players sat down one by one, the table stood idle short-handed: it said so then.)
    const pausedIdles = () => harness.port.idles.filter((idle) => idle.reason === 'paused');
    expect(pausedIdles()).toHaveLength(0);
    await foldAround(harness);
    await harness.advance(60_000);
    expect(handOf(harness.view(null))).toMatchObject({ number: 1, phase: 'complete' });
    expect(pausedIdles()).toEqual([
      {
        tournamentId: TOURNAMENT_ID,
        tableId: harness.config.tableId,
        handNumber: 1,
        reason: 'paused',
        seats: harness
          .view(null)
          .seats.filter((seat) => seat.player)
          .map((seat) => ({
            seat: seat.seat,
            userId: seat.player!.userId,
            stack: Number(seat.player!.stack),
          })),
      },
    ]);
    expect((await harness.actor.resume()).ok).toBe(true);
    expect(harness.view(null).tournament?.paused).toBeNull();
    await harness.advance(0);
    expect(handOf(harness.view(null)).number).toBe(2);
    expect(pausedIdles()).toHaveLength(1);
    expect(harness.port.reports.map((report) => report.handNumber)).toEqual([1]);
  });

  it('closes only once nobody is seated', async () => {
    const harness = await startTournamentHarness();
    await harness.actor.seatTournamentPlayer({ userId: A, username: A, seat: 1, stack: 100 });
    expect(codeOf(await harness.actor.closeTournamentTable())).toBe('table/not-empty');
    await harness.actor.removeTournamentPlayer(A);
    expect((await harness.actor.closeTournamentTable()).ok).toBe(true);
    expect(codeOf(await harness.actor.resume())).toBe('table/closing');
  });
});

describe('tournament table: what viewers see', () => {
  function messageFor(publication: TablePublication, viewer: string | null): TableUpdate {
    const own = viewer === null ? undefined : publication.privates.get(viewer);
    return own ? { ...publication.update, private: own } : publication.update;
  }

  it('shows the tournament block with each viewer their own rank, hides others’ cards, and the updates rebuild it', async () => {
    const harness = await startTournamentHarness();
    const viewers = [A, B, C, 'user-watcher', null];
    const assemblers = new Map(viewers.map((viewer) => [viewer, new TableViewAssembler(viewer)]));
    for (const [viewer, assembler] of assemblers) assembler.reset(harness.view(viewer));
    harness.broadcaster.publications.length = 0;
    await harness.seatAll([
      { userId: A, stack: 10_000 },
      { userId: B, stack: 20_000 },
      { userId: C, stack: 30_000 },
    ]);
    const ranks = new Map([
      [C, 1],
      [B, 2],
      [A, 40],
      ['user-elsewhere', 3],
    ]);
    await harness.actor.setTournamentInfo({
      levelEndsAtMs: 1_900_000_000_000,
      playersLeft: 57,
      averageStack: 17_543,
      ranks,
    });
    await harness.actor.setLevel({ level: 2, smallBlind: 100, bigBlind: 200, ante: 200 });
    await foldAround(harness);
    await harness.advance(1_000);

    const forA = harness.view(A);
    expect(forA.tournament).toEqual({
      tournamentId: TOURNAMENT_ID,
      level: 2,
      smallBlind: '100',
      bigBlind: '200',
      ante: '200',
      levelEndsAtMs: 1_900_000_000_000,
      playersLeft: 57,
      averageStack: '17543',
      ranks: [
        { seat: 1, rank: 40 },
        { seat: 2, rank: 2 },
        { seat: 3, rank: 1 },
      ],
      yourRank: 40,
      paused: null,
    });
    expect(harness.view(C).tournament?.yourRank).toBe(1);
    expect(harness.view(null).tournament?.yourRank).toBeNull();
    expect(harness.view('user-watcher').tournament?.yourRank).toBeNull();
    // Hidden information: each player sees their own cards only, a watcher none.
    for (const viewer of viewers) {
      const view = harness.view(viewer);
      StrictTableView.parse(view);
      for (const player of handOf(view).players) {
        const owner = view.seats.find((seat) => seat.seat === player.seat)!.player!.userId;
        expect(player.holeCards !== null).toBe(owner === viewer);
      }
    }
    // Every update, applied in order, rebuilds what the server renders for each viewer.
    let checked = 0;
    for (const publication of harness.broadcaster.publications) {
      for (const [viewer, assembler] of assemblers) {
        const message = messageFor(publication, viewer);
        expect(TableUpdateSchema.safeParse(message).success).toBe(true);
        expect(assembler.apply(message).kind).toBe('applied');
        expect(assembler.view).toEqual(publication.snapshot.viewFor(viewer));
        checked += 1;
      }
    }
    expect(checked).toBeGreaterThan(20);
  });
});
