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
 *                          prints a JSON line with actions/s, ack latency and the cores the
 *                          server and the clients used over the window
 *
 * The payload has the shape and mean size of a real table:update (samplePayload), and the ack is
 * as small as table:act's, so the comparison is fair on messages and bytes; what the raw server
 * skips is everything else: validation, the table actor, the engine, the per-player parts and the
 * ledger.
 */

const PLAYERS_PER_ROOM = 6;

/**
 * A stand-in for what a table sends per action: a table:update of the usual shape and of the mean
 * size a player's socket receives (about 900 bytes of JSON, measured over hands of a 6-max table:
 * most updates are a few hundred bytes, the deal and the end of a hand with its proofs are larger).
 * The content does not matter here, only the shape and the bytes.
 */
function samplePayload(room: number, turn: number) {
  const tableId = `00000000-0000-4000-8000-${String(room).padStart(12, '0')}`;
  const player = (i: number) => ({
    seat: i + 1,
    stack: '196.5',
    streetCommitted: '3.5',
    totalCommitted: '5.5',
    folded: false,
    allIn: false,
    holeCards: null,
  });
  return {
    tableId,
    seq: turn,
    serverTimeMs: Date.now(),
    seats: Object.fromEntries(
      [1, 2].map((seat) => [
        String(seat),
        {
          userId: `00000000-0000-4000-8000-${String(seat).padStart(12, '0')}`,
          username: `player_${seat}`,
          stack: '200',
          status: 'active',
          connected: true,
          timeBankMs: 30_000,
          awayUntilMs: null,
        },
      ]),
    ),
    handChanges: {
      board: ['As', 'Kd', '7c'],
      pot: '12',
      players: { '0': player(0), '1': player(1), '2': player(2) },
      toActSeat: (turn % 6) + 1,
      turn,
      clock: {
        seat: (turn % 6) + 1,
        deadlineMs: Date.now() + 15_000,
        timeBankDeadlineMs: Date.now() + 45_000,
        usingTimeBank: false,
      },
    },
  };
}

function cpuSecondsOfThisProcess(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1e6;
}

async function serverCpuSeconds(socket: Socket): Promise<number> {
  return (await socket.timeout(10_000).emitWithAck('cpu')) as number;
}

async function runServer(): Promise<void> {
  const http = createServer();
  const io = new Server(http, { serveClient: false });
  io.on('connection', (socket) => {
    const room = String(socket.handshake.auth.room ?? 'none');
    void socket.join(room);
    // CPU seconds this process has used, read by the clients at the edges of their window.
    socket.on('cpu', (ack: (seconds: number) => void) => ack(cpuSecondsOfThisProcess()));
    socket.on('act', (payload: unknown, ack: (answer: unknown) => void) => {
      io.to(room).emit('view', payload);
      // Like table:act: the ack says only that the action was taken.
      ack({ ok: true, data: null });
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
  const probe = sockets[0]![0]!;
  const serverCpuBefore = await serverCpuSeconds(probe);
  const clientsCpuBefore = cpuSecondsOfThisProcess();
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
  const coresUsed = {
    server: ((await serverCpuSeconds(probe)) - serverCpuBefore) / elapsedS,
    clients: (cpuSecondsOfThisProcess() - clientsCpuBefore) / elapsedS,
  };
  for (const members of sockets) for (const socket of members) socket.close();
  process.stdout.write(
    `${JSON.stringify({ rooms, sockets: rooms * PLAYERS_PER_ROOM, seconds: elapsedS, actions, failures, actionsPerS: actions / elapsedS, ackLatencyMs: latency.summary(), coresUsed })}\n`,
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
