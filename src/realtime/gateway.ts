import type { BaseLogger } from 'pino';
import type { PokerMetrics } from '../observability/metrics.js';
import { type Ack, ackError } from '../protocol/ack.js';
import type { ErrorCode } from '../protocol/error-codes.js';
import { AUTHENTICATED_EVENTS, CLIENT_EVENT_SCHEMAS, type ClientEventName } from '../protocol/events.js';
import type { TableRegistry } from '../tables/table-registry.js';
import { EventLimiter, type LimitVerdict, type SocketLimiter } from './event-limiter.js';
import type { GatewaySettings } from './gateway-settings.js';
import { handshakeToken, type SocketAuthenticator } from './session-auth.js';
import type { PokerServer, PokerSocket } from './socket-types.js';
import { userRoom } from './socket-types.js';
import { localTableAccess, type TableAccess } from './table-access.js';
import { eventHandlers, type HandlerContext } from './table-handlers.js';
import { TablePresence } from './table-presence.js';

export interface GatewayDeps {
  readonly io: PokerServer;
  readonly registry: TableRegistry;
  readonly authenticate: SocketAuthenticator;
  readonly settings: GatewaySettings;
  readonly logger: Pick<BaseLogger, 'info' | 'warn' | 'error'>;
  readonly metrics: PokerMetrics;
  /** Where table commands run: this process's actors by default (src/cluster routes to the owner). */
  readonly tables?: TableAccess;
  /** The socket-to-table bookkeeping of this process (made here if not given). */
  readonly presence?: TablePresence;
}

type Ackable = (ack: Ack<unknown>) => void;

function isClientEvent(event: string): event is ClientEventName {
  return Object.hasOwn(CLIENT_EVENT_SCHEMAS, event);
}

function payloadBytes(payload: unknown): number {
  try {
    return Buffer.byteLength(JSON.stringify(payload) ?? '');
  } catch {
    return Number.POSITIVE_INFINITY;
  }
}

/**
 * The Socket.IO gateway. At the handshake a session token makes the socket a user's; without one
 * it may only watch the lobby, and a bad one is refused. Then every event goes through one
 * pipeline: rate limits, a known name, a session where needed, size, schema, handler. Every event
 * that carries an acknowledgement gets one, and a refused event changes nothing.
 */
export function attachGateway(deps: GatewayDeps): void {
  const { io, registry, authenticate, settings, logger, metrics } = deps;
  const limiter = new EventLimiter(settings);
  const presence = deps.presence ?? new TablePresence();
  const tables = deps.tables ?? localTableAccess(registry);
  const context: HandlerContext = { tables, presence };

  io.use((socket, next) => {
    const token = handshakeToken(socket.handshake.auth, socket.handshake.headers.authorization);
    socket.data.userId = null;
    socket.data.username = null;
    if (token === null) return next();
    authenticate(token).then(
      (user) => {
        if (!user) {
          const error = new Error('realtime/unauthenticated') as Error & { data?: unknown };
          error.data = {
            code: 'realtime/unauthenticated',
            message: 'the session is unknown, expired or revoked',
          };
          return next(error);
        }
        socket.data.userId = user.userId;
        socket.data.username = user.username;
        next();
      },
      (error: unknown) => {
        logger.error({ err: error }, 'socket authentication failed');
        next(new Error('internal/error'));
      },
    );
  });

  io.on('connection', (socket) => {
    metrics.connectedSockets.inc();
    const userId = socket.data.userId;
    if (userId !== null) void socket.join(userRoom(userId));
    const limits = limiter.forSocket(userId);
    socket.onAny((event: string, ...args: unknown[]) => {
      void dispatch(socket, limits, event, args);
    });
    socket.on('disconnect', () => {
      metrics.connectedSockets.dec();
      limits.release();
      if (userId === null) return;
      for (const tableId of presence.drop(socket.id, userId)) tables.presence(tableId, userId, false);
    });
  });

  function refuse(
    socket: PokerSocket,
    ack: Ackable | null,
    code: ErrorCode,
    message: string,
    verdict: LimitVerdict,
  ) {
    metrics.errors.inc({ code });
    ack?.(ackError(code, message));
    if (verdict === 'disconnect') {
      logger.warn(
        { socketId: socket.id, userId: socket.data.userId, code },
        'disconnecting a repeat offender',
      );
      socket.emit('system:error', {
        code: 'realtime/rate-limited',
        message: 'too many refused events; disconnected',
      });
      socket.disconnect(true);
    }
  }

  async function dispatch(socket: PokerSocket, limits: SocketLimiter, event: string, args: unknown[]) {
    const last = args[args.length - 1];
    const ack = typeof last === 'function' ? (last as Ackable) : null;
    const payloads = ack ? args.slice(0, -1) : args;
    const admitted = limits.admit();
    if (admitted !== 'allowed') {
      return refuse(socket, ack, 'realtime/rate-limited', 'slow down', admitted);
    }
    if (!ack)
      return refuse(
        socket,
        null,
        'realtime/missing-ack',
        'every event needs an acknowledgement',
        limits.strike(),
      );
    if (!isClientEvent(event)) {
      return refuse(
        socket,
        ack,
        'realtime/unknown-event',
        `there is no event "${event.slice(0, 40)}"`,
        limits.strike(),
      );
    }
    if (AUTHENTICATED_EVENTS.has(event) && socket.data.userId === null) {
      return refuse(socket, ack, 'realtime/unauthenticated', 'log in first', limits.strike());
    }
    if (payloads.length !== 1) {
      return refuse(
        socket,
        ack,
        'realtime/invalid-payload',
        'send exactly one payload object',
        limits.strike(),
      );
    }
    if (payloadBytes(payloads[0]) > settings.maxPayloadBytes) {
      return refuse(socket, ack, 'realtime/payload-too-large', 'the payload is too large', limits.strike());
    }
    const parsed = CLIENT_EVENT_SCHEMAS[event].safeParse(payloads[0]);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const where = issue?.path.length ? `${issue.path.join('.')}: ` : '';
      return refuse(
        socket,
        ack,
        'realtime/invalid-payload',
        `${where}${issue?.message ?? 'invalid'}`,
        limits.strike(),
      );
    }
    limits.forgive();
    let result: Ack<unknown>;
    try {
      const handler = eventHandlers[event] as (
        c: HandlerContext,
        s: PokerSocket,
        p: unknown,
      ) => Promise<Ack<unknown>>;
      result = await handler(context, socket, parsed.data);
    } catch (error) {
      logger.error({ err: error, event }, 'socket handler failed');
      metrics.errors.inc({ code: 'internal/error' });
      result = ackError('internal/error', 'something went wrong');
    }
    ack(result);
  }
}
