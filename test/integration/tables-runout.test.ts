import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parsePhh } from '../../src/engine/phh/phh-parse.js';
import { replayPhh } from '../../src/engine/phh/phh-replay.js';
import { verifyDeckProof } from '../../src/fairness/verify-deck-proof.js';
import { auditLedger } from '../../src/ledger/audit.js';
import { Money } from '../../src/money/index.js';
import type { TableView } from '../../src/protocol/table-view.js';
import { fixedDeck } from '../support/fixed-deck.js';
import type { PokerClient } from '../support/poker-client.js';
import { act, waitForTurn } from '../support/table-client-steps.js';
import { startTableServer, type TableServer } from '../support/table-server.js';
import { StrictTableView } from '../support/table-view-schema.js';

const RUNOUT_PAUSE_MS = 2_000;
const DECISION_MS = 5_000;

let server: TableServer;
const clients: PokerClient[] = [];

beforeAll(async () => {
  server = await startTableServer('tables_runout', {
    tables: { runoutPauseMs: RUNOUT_PAUSE_MS, runItTwiceDecisionMs: DECISION_MS },
  });
});

afterAll(async () => {
  for (const client of clients) client.close();
  await server?.close();
});

/**
 * Aces (one pair) win the first board; 7-8-9-T makes a straight on the second run with 7h8h and
 * 6h5h4c. Whoever holds which, a board run twice splits the pot.
 */
const ACES = 'AsAdKsKd';
const CONNECTORS = '7h8h9cTc';
const DECK = () => fixedDeck([ACES, CONNECTORS], '2c3d4h5sJs6h5h4c2d3s');

async function seatStack(tableId: string, seat: number): Promise<string> {
  const row = await server.db.prisma.seat.findFirstOrThrow({ where: { tableId, seatNo: seat } });
  return new Money(row.stack.toFixed()).toFixed();
}

/** Two players at a table of stacks of 3 (blinds 0.5/1): the button can shove, a pot-sized raise. */
async function headsUp(name: string, runItTwice: boolean) {
  const tableId = await server.createTable({
    name,
    variant: 'PO',
    runItTwice,
    minBuyIn: '3',
    maxBuyIn: '3',
    rakeBasisPoints: 0,
  });
  const people = await Promise.all([`${name}a`, `${name}b`, `${name}w`].map((who) => server.player(who)));
  const [a, b, watcher] = await Promise.all(people.map((person) => server.connect(person)));
  clients.push(a!, b!, watcher!);
  expect((await watcher!.send('table:join', { tableId })).ok).toBe(true);
  expect((await a!.send('table:sit', { tableId, seat: 1, buyIn: '3' })).ok).toBe(true);
  expect((await b!.send('table:sit', { tableId, seat: 2, buyIn: '3' })).ok).toBe(true);
  return { tableId, a: a!, b: b!, watcher: watcher! };
}

/** Deals hand `number` from the fixed deck; the button shoves, the big blind calls. */
async function allInPreflop(server: TableServer, tableId: string, players: PokerClient[], number: number) {
  server.decks.push(DECK());
  server.advance(number === 1 ? 0 : 1_000);
  const dealt = await players[0]!.waitForView(tableId, (v) => v.hand?.number === number);
  const button = players.find((client) => client.latest(tableId)!.you.seat === dealt.hand!.buttonSeat)!;
  const bigBlind = players.find((client) => client !== button)!;
  const turn = await waitForTurn(button, tableId, number);
  // Four hole cards, and the pot limit lets the button's 3 go in: 1 to call plus a pot of 2.
  expect(turn.hand!.players.find((p) => p.seat === turn.you.seat)!.holeCards).toHaveLength(4);
  expect(turn.hand!.legal!.betOrRaise!.maxTo).toBe('3');
  expect(await act(button, tableId, 'all-in')).toEqual({ ok: true, data: null });
  await waitForTurn(bigBlind, tableId, number);
  expect(await act(bigBlind, tableId, 'call')).toEqual({ ok: true, data: null });
  const paused = await bigBlind.waitForView(
    tableId,
    (v) => v.hand?.number === number && v.hand.runout !== null,
  );
  return { paused, button, bigBlind };
}

function seatOf(client: PokerClient, tableId: string): number {
  return client.latest(tableId)!.you.seat!;
}

describe('the all-in runout at a Pot-Limit Omaha table', () => {
  it('shows both hands and their equity, and runs the board twice when both agree', async () => {
    const { tableId, a, b, watcher } = await headsUp('rit', true);
    const { paused } = await allInPreflop(server, tableId, [a, b], 1);
    StrictTableView.parse(paused);
    const hand = paused.hand!;
    expect(hand.phase).toBe('preflop');
    expect(hand.runout).toMatchObject({ runItTwice: true });
    expect(hand.runout!.decisions).toEqual([
      { seat: hand.players[0]!.seat, agree: null },
      { seat: hand.players[1]!.seat, agree: null },
    ]);
    // Both hands face up, to everyone, the watcher included.
    const watched = await watcher.waitForView(
      tableId,
      (v) => v.hand?.runout !== null && v.hand?.equity !== null,
    );
    expect(watched.hand!.players.every((p) => p.holeCards?.length === 4)).toBe(true);
    // Exact preflop equity: every one of the C(44, 5) boards.
    const equity = watched.hand!.equity!;
    expect(equity.players).toHaveLength(2);
    const total = equity.players.reduce((sum, p) => sum + p.sharePercent, 0);
    expect(total).toBeCloseTo(100, 1);
    expect(equity.pots).toEqual([{ amount: '6', shares: expect.any(Array) }]);

    // Who may answer, and how often.
    const commitment = hand.deckCommitment;
    expect(
      await watcher.send('table:run-twice', { tableId, deckCommitment: commitment, agree: true }),
    ).toMatchObject({ ok: false, error: { code: 'table/not-in-hand' } });
    expect(
      await a.send('table:run-twice', { tableId, deckCommitment: '0'.repeat(64), agree: true }),
    ).toMatchObject({ ok: false, error: { code: 'table/wrong-deal' } });
    expect(await a.send('table:run-twice', { tableId, deckCommitment: commitment, agree: true })).toEqual({
      ok: true,
      data: null,
    });
    expect(
      await a.send('table:run-twice', { tableId, deckCommitment: commitment, agree: false }),
    ).toMatchObject({
      ok: false,
      error: { code: 'table/already-decided' },
    });
    const answered = await watcher.waitForView(tableId, (v) =>
      (v.hand?.runout?.decisions ?? []).some((d) => d.seat === seatOf(a, tableId) && d.agree === true),
    );
    expect(answered.hand!.phase).toBe('preflop');
    expect(await b.send('table:run-twice', { tableId, deckCommitment: commitment, agree: true })).toEqual({
      ok: true,
      data: null,
    });

    // Both said yes: two boards at once, without waiting for the deadline; the pot is split.
    const done = await a.waitForView(tableId, (v) => v.hand?.number === 1 && v.hand.phase === 'complete');
    StrictTableView.parse(done);
    expect(done.hand!.board).toEqual(['2c', '3d', '4h', '5s', 'Js']);
    expect(done.hand!.secondBoard).toEqual(['6h', '5h', '4c', '2d', '3s']);
    const pot = done.hand!.result!.pots[0]!;
    expect(pot.runs!.map((run) => run.amount)).toEqual(['3', '3']);
    expect(pot.runs![0]!.winners).toHaveLength(1);
    expect(pot.runs![1]!.winners).toHaveLength(1);
    expect(pot.runs![0]!.winners[0]!.seat).not.toBe(pot.runs![1]!.winners[0]!.seat);
    expect(await seatStack(tableId, 1)).toBe('3');
    expect(await seatStack(tableId, 2)).toBe('3');

    // The proof opens both runs at the documented positions (second run from 8 + 5 = 13) and verifies.
    const proof = done.hand!.proof!;
    expect(proof).toMatchObject({ variant: 'PO', secondRun: ['6h', '5h', '4c', '2d', '3s'] });
    expect(proof.openings.map((o) => o.position)).toEqual(Array.from({ length: 18 }, (_, i) => i));
    expect(verifyDeckProof(proof, { expectedCommitment: commitment }).ok).toBe(true);

    // The history records both runs, and replays to the same stacks.
    const row = await server.db.prisma.hand.findFirstOrThrow({ where: { tableId, number: 1 } });
    expect(row.history).toContain("variant = 'PO'");
    expect(row.history).toContain("_second_board = '6h5h4c2d3s'");
    const history = parsePhh(row.history);
    if (!history.ok) throw new Error(history.error.message);
    const replay = replayPhh(history.value);
    expect(replay.ok && replay.value.finishingStacks).toEqual(['3', '3']);
    expect((await auditLedger(server.db.database)).discrepancies).toEqual([]);

    // One "no" runs the board once, at once; the first board alone decides.
    const second = await allInPreflop(server, tableId, [a, b], 2);
    const against = second.paused.hand!.deckCommitment;
    expect(await b.send('table:run-twice', { tableId, deckCommitment: against, agree: false })).toEqual({
      ok: true,
      data: null,
    });
    const once = await a.waitForView(tableId, (v) => v.hand?.number === 2 && v.hand.phase === 'complete');
    expect(once.hand!.secondBoard).toBeNull();
    expect(once.hand!.result!.pots[0]!.runs).toBeUndefined();
    const acesSeat = once.hand!.players.find((p) => p.holeCards?.join('') === 'AsAdKsKd')!.seat;
    expect(once.hand!.result!.pots[0]!.winners).toEqual([{ seat: acesSeat, amount: '6' }]);
    expect(await a.send('table:run-twice', { tableId, deckCommitment: against, agree: true })).toMatchObject({
      ok: false,
      error: { code: 'table/no-runout' },
    });
    expect((await auditLedger(server.db.database)).discrepancies).toEqual([]);
  });

  it('without run it twice, pauses on the equity and runs once when the pause is over', async () => {
    const { tableId, a, b } = await headsUp('once', false);
    const { paused } = await allInPreflop(server, tableId, [a, b], 1);
    expect(paused.hand!.runout).toMatchObject({ runItTwice: false, decisions: [] });
    expect(
      await a.send('table:run-twice', { tableId, deckCommitment: paused.hand!.deckCommitment, agree: true }),
    ).toMatchObject({ ok: false, error: { code: 'table/no-run-it-twice' } });
    await a.waitForView(tableId, (v) => v.hand?.equity !== null);
    // Nothing runs before the deadline.
    server.advance(RUNOUT_PAUSE_MS - 1);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(a.latest(tableId)!.hand!.phase).toBe('preflop');
    server.advance(1);
    const done: TableView = await a.waitForView(tableId, (v) => v.hand?.phase === 'complete');
    expect(done.hand!.board).toEqual(['2c', '3d', '4h', '5s', 'Js']);
    expect(done.hand!.secondBoard).toBeNull();
    expect((await auditLedger(server.db.database)).discrepancies).toEqual([]);
  });
});
