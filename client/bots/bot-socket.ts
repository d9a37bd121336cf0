import { io, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, ServerToClientEvents } from '../../src/protocol/events.js';
import { socketLimitHint } from './limit-hints.js';

/**
 * The bots' Socket.IO connection. Socket.IO's own reconnection is off: a bot reconnects itself,
 * with a bounded number of attempts, and resynchronizes its table explicitly afterwards (that is
 * the behaviour under test).
 */

export type BotSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

export class ConnectError extends Error {
  constructor(
    message: string,
    /** The server refused the session: retrying cannot help. */
    readonly fatal: boolean,
  ) {
    super(message);
    this.name = 'ConnectError';
  }
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Connects with up to `attempts` tries (backing off between them). `listen` is called on each new
 * socket before it connects, so no message can arrive before its listener.
 */
export async function connectSocket(
  url: string,
  token: string,
  attempts: number,
  timeoutMs: number,
  listen: (socket: BotSocket) => void,
): Promise<BotSocket> {
  let lastMessage = 'no attempt made';
  for (let attempt = 0; attempt < attempts; attempt++) {
    if (attempt > 0) await sleep(Math.min(5_000, 200 * 2 ** attempt));
    const socket: BotSocket = io(url, {
      transports: ['websocket'],
      reconnection: false,
      forceNew: true,
      timeout: timeoutMs,
      auth: { token },
    });
    listen(socket);
    const outcome = await new Promise<{ ok: true } | { ok: false; message: string; fatal: boolean }>(
      (resolve) => {
        socket.once('connect', () => resolve({ ok: true }));
        socket.once('connect_error', (error: Error & { data?: { code?: unknown } }) => {
          const code = typeof error.data?.code === 'string' ? error.data.code : error.message;
          const hint = socketLimitHint(code);
          resolve({
            ok: false,
            message: hint ? `${code} (${hint})` : code,
            fatal: code === 'realtime/unauthenticated',
          });
        });
      },
    );
    if (outcome.ok) return socket;
    socket.removeAllListeners();
    socket.close();
    lastMessage = outcome.message;
    if (outcome.fatal) throw new ConnectError(outcome.message, true);
  }
  throw new ConnectError(`could not connect after ${attempts} attempts: ${lastMessage}`, false);
}

export type AckOutcome =
  | { readonly kind: 'ack'; readonly ack: unknown }
  | { readonly kind: 'timeout' }
  | { readonly kind: 'disconnected' };

/** Emits a client event and waits for its acknowledgement, at most `timeoutMs`. Never rejects. */
export async function emitWithAck(
  socket: BotSocket,
  event: keyof ClientToServerEvents,
  payload: unknown,
  timeoutMs: number,
): Promise<AckOutcome> {
  if (!socket.connected) return { kind: 'disconnected' };
  // Untyped on purpose: the payload is checked by the protocol's schemas on the server, and the
  // acknowledgement by ours on return.
  const emitter = socket.timeout(timeoutMs) as unknown as {
    emitWithAck(event: string, payload: unknown): Promise<unknown>;
  };
  try {
    return { kind: 'ack', ack: await emitter.emitWithAck(event, payload) };
  } catch {
    return socket.connected ? { kind: 'timeout' } : { kind: 'disconnected' };
  }
}
