import { createServer } from 'node:http';
import { parseArgs } from 'node:util';
import { Server } from 'socket.io';
import { io as connect, type Socket } from 'socket.io-client';
import { LatencyRecorder } from '../../../client/bots/latency-recorder.js';

/**
 * The raw Socket.IO ceiling the full stack is compared with, measured on the same machine in the
 * same run. Two modes, each its own process:
 *
 *   server                 a minimal socket.io server: each `act` is one emit of the payload to
 *                          the sender's room (6 sockets, like a table) and an ack; prints {"port"}
 *   clients --url U --rooms R --seconds S
 *                          R rooms of 6 sockets; in each room the players act in turn, each
 *                          action waiting for its ack (think time 0, like the full-speed bots);
 *                          prints a JSON line with actions/s and ack latency
 *
 * The payload is the size of a real table view (about 2 KB of JSON), so the comparison is fair
 * on bytes; what the raw server skips is everything else: validation, the table actor, the
 * engine, the per-viewer views and the ledger.
 */

const PLAYERS_PER_ROOM = 6;

/** A stand-in for a table view: the same shape and size, the content does not matter here. */
function samplePayload(room: number, turn: number) {
  return {
    tableId: `00000000-0000-4000-8000-${String(room).padStart(12, '0')}`,
    seq: turn,
    name: `raw ${room}`,
    stakes: { smallBlind: '1', bigBlind: '2', ante: '0', chipUnit: '1', minBuyIn: '40', maxBuyIn: '400' },
    maxSeats: 6,
    status: 'running',
    seats: Array.from({ length: 6 }, (_, i) => ({
      seat: i + 1,
      player: {
        userId: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
        username: `player_${i}`,
        stack: '200',
        status: 'active',
        connected: true,
        timeBankMs: 30_000,
      },
    })),
    hand: {
      number: 1,
      deckCommitment: 'ab'.repeat(32),
      buttonSeat: 1,
      smallBlindSeat: 2,
      bigBlindSeat: 3,
      phase: 'flop',
      board: ['As', 'Kd', '7c'],
      pot: '12',
      players: Array.from({ length: 6 }, (_, i) => ({
        seat: i + 1,
        stack: '196',
        streetCommitted: '0',
        totalCommitted: '4',
        folded: false,
        allIn: false,
        holeCards: i === 0 ? ['Qs', 'Qh'] : null,
      })),
      toActSeat: (turn % 6) + 1,
      turn,
      clock: {
        seat: (turn % 6) + 1,
        deadlineMs: Date.now() + 15_000,
        timeBankDeadlineMs: Date.now() + 45_000,
        usingTimeBank: false,
      },
      legal: null,
      result: null,
      proof: null,
    },
    you: { userId: null, seat: null },
    serverTimeMs: Date.now(),
  };
}

async function runServer(): Promise<void> {
  const http = createServer();
  const io = new Server(http, { serveClient: false });
  io.on('connection', (socket) => {
    const room = String(socket.handshake.auth.room ?? 'none');
    void socket.join(room);
    socket.on('act', (payload: unknown, ack: (answer: unknown) => void) => {
      io.to(room).emit('view', payload);
      ack({ ok: true, data: payload });
    });
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const address = http.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  process.stdout.write(`${JSON.stringify({ port })}\n`);
  const stop = () => {
    io.close();
    http.close();
    process.exit(0);
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

async function openSocket(url: string, room: number): Promise<Socket> {
  const socket = connect(url, {
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
    auth: { room },
  });
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('connect timeout')), 10_000);
    socket.once('connect', () => {
      clearTimeout(timer);
      resolve();
    });
    socket.once('connect_error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
  });
  // Receiving the broadcast is part of the cost, as for the bots (which also parse it).
  socket.on('view', (view: unknown) => {
    void view;
  });
  return socket;
}

async function runClients(url: string, rooms: number, seconds: number): Promise<void> {
  const sockets: Socket[][] = [];
  for (let room = 0; room < rooms; room++) {
    const members: Socket[] = [];
    for (let player = 0; player < PLAYERS_PER_ROOM; player++) members.push(await openSocket(url, room));
    sockets.push(members);
  }
  const latency = new LatencyRecorder();
  let actions = 0;
  let failures = 0;
  const startedAt = performance.now();
  const endAt = startedAt + seconds * 1000;
  await Promise.all(
    sockets.map(async (members, room) => {
      for (let turn = 0; performance.now() < endAt; turn++) {
        const socket = members[turn % PLAYERS_PER_ROOM]!;
        const sentAt = performance.now();
        try {
          await socket.timeout(10_000).emitWithAck('act', samplePayload(room, turn));
          latency.record(performance.now() - sentAt);
          actions += 1;
        } catch {
          failures += 1;
        }
      }
    }),
  );
  const elapsedS = (performance.now() - startedAt) / 1000;
  for (const members of sockets) for (const socket of members) socket.close();
  process.stdout.write(
    `${JSON.stringify({ rooms, sockets: rooms * PLAYERS_PER_ROOM, seconds: elapsedS, actions, failures, actionsPerS: actions / elapsedS, ackLatencyMs: latency.summary() })}\n`,
  );
  process.exit(0);
}

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: {
    url: { type: 'string' },
    rooms: { type: 'string', default: '100' },
    seconds: { type: 'string', default: '20' },
  },
});
const mode = positionals[0];
if (mode === 'server') void runServer();
else if (mode === 'clients' && values.url) {
  const rooms = Math.min(2_000, Math.max(1, Number(values.rooms)));
  const seconds = Math.min(600, Math.max(1, Number(values.seconds)));
  void runClients(values.url, rooms, seconds);
} else {
  process.stderr.write('usage: raw-socketio.ts server | clients --url URL [--rooms 100] [--seconds 20]\n');
  process.exit(2);
}
