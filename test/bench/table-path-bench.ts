/**
 * CPU per action of one table's server path, in one process: the table actor (mailbox, engine,
 * clock), the snapshot, the public diff, the players' own parts, and Socket.IO's encoding of each
 * update (through the server's own parser option and emitter, into rooms without sockets: the
 * adapter encodes before it looks for sockets). No network, no database (the ledger is the
 * in-memory one of the unit tests), no bots: the part of bench:load's "server CPU per action" that
 * the table code decides, measured without the noise of the other processes bench:load runs.
 *
 *   npx tsx test/bench/table-path-bench.ts [actions per round, default 8000] [rounds, default 5]
 *
 * Six players at a 6-max table play hands at once (no pause) with a seeded policy: check or call
 * mostly, some minimum bets and raises, some folds. Prints each round, then one JSON line; the
 * fastest round is the figure (the others carry more of whatever else the machine was doing).
 */
import { Server } from 'socket.io';
import { computeEquity } from '../../src/engine/equity.js';
import { shuffleDeck } from '../../src/engine/shuffle.js';
import { newSalts } from '../../src/fairness/deck-commitment.js';
import { Money } from '../../src/money/index.js';
import type { TablePrivate } from '../../src/protocol/table-update.js';
import { jsonOnlyParser } from '../../src/realtime/json-packet-encoder.js';
import type { PokerServer } from '../../src/realtime/socket-types.js';
import { emitTableUpdate } from '../../src/realtime/table-update-emitter.js';
import { realHandEngine } from '../../src/tables/hand-engine.js';
import type { ActRequest } from '../../src/tables/player-action.js';
import { TableActor } from '../../src/tables/table-actor.js';
import { ManualClock } from '../support/manual-clock.js';
import { MemoryTableLedger } from '../support/memory-table-ledger.js';
import { seededInt, seededRandom } from '../support/seeded-random.js';
import { silentObserver, TEST_SETTINGS, testTableConfig } from '../support/table-harness.js';

const ACTIONS = Math.min(1_000_000, Math.max(100, Number(process.argv[2] ?? 8_000)));
const ROUNDS = Math.min(50, Math.max(1, Number(process.argv[3] ?? 5)));
const WARMUP_ACTIONS = 3_000;
const PLAYERS = 6;
const STACK_UNITS = 20_000;

const io: PokerServer = new Server({ serveClient: false, parser: jsonOnlyParser });
const rand = seededRandom(11);
const randomInt = (max: number) => seededInt(rand, max);
/** Each player's latest own part, as the table sent it: where the policy reads what it may do. */
const privates = new Map<string, TablePrivate>();

interface BenchTable {
  readonly actor: TableActor;
  readonly clock: ManualClock;
}

function openTable(number: number): BenchTable {
  const clock = new ManualClock();
  const ledger = new MemoryTableLedger();
  const config = testTableConfig({ tableId: `00000000-0000-4000-8000-${String(number).padStart(12, '0')}` });
  const seats = Array.from({ length: PLAYERS }, (_, index) => ({
    seat: index + 1,
    userId: `00000000-0000-4000-9000-${String(index).padStart(12, '0')}`,
    username: `player_${index}`,
    stack: STACK_UNITS,
    sittingOut: false,
    leaving: false,
  }));
  for (const seat of seats) {
    const stack = config.chipUnit.times(seat.stack);
    ledger.seats.set(seat.seat, { userId: seat.userId, stack, leaving: false });
    ledger.escrow = ledger.escrow.plus(stack);
  }
  const actor = new TableActor(
    {
      config,
      settings: { ...TEST_SETTINGS, handPauseMs: 0, disconnectGraceMs: 1e12 },
      ledger,
      broadcaster: {
        publishUpdate: (publication) => {
          for (const [userId, own] of publication.privates) privates.set(userId, own);
          emitTableUpdate(io, publication);
        },
        publishNotice: () => {},
        publishSummary: () => {},
      },
      observer: silentObserver,
      clock,
      deckSource: () => ({ deck: shuffleDeck(randomInt), salts: newSalts() }),
      engine: realHandEngine,
      equity: async (input) => computeEquity(input),
      logger: { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} },
      ownerEpoch: ledger.epoch,
    },
    { lastHandNumber: 0, seats, interruptedHand: null },
  );
  return { actor, clock };
}

/** Lets the table deal and finish what is due now (the next hand comes without a pause). */
async function settle(table: BenchTable): Promise<void> {
  for (let turn = 0; turn < 3; turn++) {
    table.clock.advance(0);
    await table.actor.idle();
    await new Promise((resolve) => setImmediate(resolve));
  }
}

async function play(actions: number): Promise<void> {
  let tables = 0;
  let table = openTable(tables++);
  await table.actor.start();
  await settle(table);
  for (let done = 0; done < actions; ) {
    const view = table.actor.view(null);
    const hand = view.hand;
    if (!hand || hand.phase === 'complete' || hand.toActSeat === null) {
      await settle(table);
      const next = table.actor.view(null).hand;
      // Fewer than two players with chips: a fresh table.
      if (!next || next.phase === 'complete') {
        table = openTable(tables++);
        await table.actor.start();
        await settle(table);
      }
      continue;
    }
    const userId = view.seats.find((seat) => seat.seat === hand.toActSeat)?.player?.userId;
    const own = userId ? privates.get(userId) : undefined;
    if (!userId || !own?.legal || own.turn !== hand.turn || own.handNumber !== hand.number)
      throw new Error(`no legal actions sent for turn ${hand.turn} of hand ${hand.number}`);
    const roll = rand();
    let request: ActRequest = {
      userId,
      deckCommitment: hand.deckCommitment,
      handNumber: hand.number,
      turn: hand.turn,
      kind: own.legal.actions.includes('check') ? 'check' : 'call',
    };
    if (roll < 0.1 && own.legal.actions.includes('fold')) request = { ...request, kind: 'fold' };
    else if (roll < 0.25 && own.legal.betOrRaise)
      request = {
        ...request,
        kind: own.legal.betOrRaise.kind,
        amount: new Money(own.legal.betOrRaise.minTo),
      };
    const result = await table.actor.act(request);
    if (!result.ok) throw new Error(`action refused: ${result.error.code}`);
    await table.actor.idle();
    done++;
  }
}

await play(WARMUP_ACTIONS);
const msPerAction: number[] = [];
for (let round = 0; round < ROUNDS; round++) {
  const before = process.cpuUsage();
  await play(ACTIONS);
  const used = process.cpuUsage(before);
  msPerAction.push((used.user + used.system) / 1000 / ACTIONS);
  console.log(`round ${round + 1}: ${msPerAction[round]!.toFixed(4)} ms CPU per action`);
}
const best = Math.min(...msPerAction);
console.log(`table path: ${best.toFixed(4)} ms CPU per action (fastest of ${ROUNDS} rounds of ${ACTIONS})`);
console.log(JSON.stringify({ bench: 'table-path', actionsPerRound: ACTIONS, msPerAction, best }));
io.close();
process.exit(0);
