import type { CodeIn, ErrorCode } from '../errors/error-codes.js';
import type { PokerMetrics } from '../observability/metrics.js';
import { type Ack, ackError } from '../protocol/ack.js';
import { AUTHENTICATED_EVENTS, CLIENT_EVENT_SCHEMAS, type ClientEventName } from '../protocol/events.js';
import type { SystemError } from '../protocol/notices.js';
import type { TableRegistry } from '../tables/table-registry.js';
import { clientAddress } from './client-address.js';
import { ConnectionCaps } from './connection-caps.js';
import { EventLimiter, type LimitVerdict, type SocketLimiter } from './event-limiter.js';
import type { GatewaySettings } from './gateway-settings.js';
import { HandshakeLimiter } from './handshake-limiter.js';
import { type EndedSessionsLookup, handshakeToken, type SocketAuthenticator } from './session-auth.js';
import { SessionGuard } from './session-guard.js';
import { SessionRefresher } from './session-refresher.js';
import { sharedLobbyRead } from './shared-lobby-read.js';
import { type GatewayLogger, SocketLog } from './socket-log.js';
import type { PokerServer, PokerSocket } from './socket-types.js';
import { sessionRoom, userRoom } from './socket-types.js';
import { localTableAccess, type TableAccess } from './table-access.js';
import { TableChatRoom } from './table-chat.js';
import { eventHandlers, type HandlerContext } from './table-handlers.js';
import { TablePresence } from './table-presence.js';

export interface GatewayDeps {
  readonly io: PokerServer;
  readonly registry: TableRegistry;
  readonly authenticate: SocketAuthenticator;
  /** Which of many sockets' sessions have ended, at once, for the periodic refresh (session-refresher.ts). */
  readonly lookupEndedSessions?: EndedSessionsLookup;
  readonly settings: GatewaySettings;
  readonly logger: GatewayLogger;
  readonly metrics: PokerMetrics;
  /** Where table commands run: this process's actors by default (src/cluster routes to the owner). */
  readonly tables?: TableAccess;
  /** The socket-to-table bookkeeping of this process (made here if not given). */
  readonly presence?: TablePresence;
}

type Ackable = (ack: Ack<unknown>) => void;

/** What the gateway keeps for one connected socket. */
interface SocketState {
  readonly limits: SocketLimiter;
  /** The login session it was opened with; null for a lobby-only socket. */
  readonly guard: SessionGuard | null;
  readonly log: SocketLog;
}

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

/** A client's text repeated in a message: the characters an event name has, at most 40. */
function quoted(text: string): string {
  return text.slice(0, 40).replace(/[^\w:-]/g, '?');
}

/**
 * Uncounts a socket when it goes: at its disconnect, or when its connection closes before it was
 * ever connected (a client that left during the handshake).
 */
function releaseWhenGone(socket: PokerSocket, release: () => void): void {
  socket.conn.once('close', release);
  socket.once('disconnect', () => {
    socket.conn.off('close', release);
    release();
  });
}

/** What a player reads when their socket is closed because its session ended. */
function sessionEndedNotice(code: CodeIn<'auth'>): SystemError {
  const message =
    code === 'auth/session-expired'
      ? 'your session expired: log in again to play'
      : 'your session has ended: log in again to play';
  return { code, message };
}

/**
 * The Socket.IO gateway. A handshake is counted against its address's and its user's connection
 * caps, and one that carries a session token is rate-limited per address before the token is
 * looked up; a good token makes the socket a user's (in the rooms of that user and of that login
 * session), none leaves it to the lobby, and a bad one is refused. Then every event goes through
 * one pipeline: rate limits, a known name, a session where needed (looked up again every few
 * seconds: session-guard.ts), size, schema, handler. Every event that carries an acknowledgement
 * gets one, and a refused event changes nothing. A socket whose session expires or no longer
 * holds is told why and closed.
 */
export function attachGateway(deps: GatewayDeps): { close(): void } {
  const { io, registry, authenticate, settings, logger, metrics } = deps;
  const limiter = new EventLimiter(settings);
  const caps = new ConnectionCaps(settings);
  const handshakes = new HandshakeLimiter(settings);
  const guards = new WeakMap<PokerSocket, SessionGuard>();
  // Half the recheck time, so a guard is confirmed before it would look its session up itself.
  const refresher =
    deps.lookupEndedSessions && settings.sessionRecheckMs > 0
      ? new SessionRefresher(
          deps.lookupEndedSessions,
          Math.max(100, Math.floor(settings.sessionRecheckMs / 2)),
          (error) => logger.warn({ err: error }, 'session refresh failed'),
        )
      : null;
  refresher?.start();
  const presence = deps.presence ?? new TablePresence();
  const tables = deps.tables ?? localTableAccess(registry);
  const context: HandlerContext = {
    tables,
    presence,
    lobby: sharedLobbyRead(() => tables.lobby(), settings.lobbySnapshotIntervalMs),
    chat: new TableChatRoom(settings),
  };

  io.use((socket, next) => {
    socket.data.userId = null;
    socket.data.username = null;
    const address = clientAddress(socket.handshake, settings.trustProxy);
    const token = handshakeToken(socket.handshake.auth, socket.handshake.headers.authorization);
    // The client's connect_error carries the code and the message in `data`.
    const refuseHandshake = (code: ErrorCode, message: string) => {
      metrics.errors.inc({ code });
      const error = new Error(code) as Error & { data?: unknown };
      error.data = { code, message };
      next(error);
    };
    const tooMany = () =>
      refuseHandshake('realtime/too-many-connections', 'too many connections: close another first');
    if (!caps.addressFits(address)) return tooMany();
    if (token === null) {
      releaseWhenGone(socket, caps.hold(address, null));
      return next();
    }
    if (!handshakes.admit(address)) {
      metrics.rateLimited.inc({ scope: 'socket-handshake' });
      return refuseHandshake('realtime/rate-limited', 'too many logins from this address: wait a moment');
    }
    authenticate(token).then(
      (found) => {
        if (!found.ok) return refuseHandshake('realtime/unauthenticated', found.error.message);
        const session = found.value;
        // Again after the lookup: other sockets of this address or user may have opened meanwhile.
        if (!caps.addressFits(address) || !caps.userFits(session.userId)) return tooMany();
        socket.data.userId = session.userId;
        socket.data.username = session.username;
        guards.set(socket, new SessionGuard(token, session, authenticate, settings.sessionRecheckMs));
        releaseWhenGone(socket, caps.hold(address, session.userId));
        next();
      },
      (error: unknown) => {
        logger.error({ err: error }, 'socket authentication failed');
        refuseHandshake('internal/error', 'something went wrong');
      },
    );
  });

  io.on('connection', (socket) => {
    releaseUpgradeRequest(socket);
    metrics.connectedSockets.inc();
    const userId = socket.data.userId;
    const guard = guards.get(socket) ?? null;
    const state: SocketState = {
      limits: limiter.forSocket(userId),
      guard,
      log: new SocketLog(logger, { socketId: socket.id, userId }, settings.logIntervalMs),
    };
    if (guard) {
      refresher?.add(guard);
      void socket.join([userRoom(guard.session.userId), sessionRoom(guard.session.sessionId)]);
      guard.watchExpiry(() => endSocket(socket, state, sessionEndedNotice('auth/session-expired')));
    }
    socket.onAny((event: string, ...args: unknown[]) => {
      void dispatch(socket, state, event, args);
    });
    socket.on('disconnect', () => {
      metrics.connectedSockets.dec();
      state.limits.release();
      guard?.stop();
      if (guard) refresher?.remove(guard);
      state.log.close();
      if (userId === null) return;
      for (const tableId of presence.drop(socket.id, userId)) tables.presence(tableId, userId, false);
    });
  });

  /**
   * What the handshake needed from the HTTP request (headers, address) is in socket.handshake by
   * now, and nothing reads the request again; Engine.IO would otherwise keep it, with its parser
   * state and raw headers, for the life of the connection. Socket.IO's memory guide drops it the
   * same way (done here, after the handshake, so the headers are still there for it).
   */
  function releaseUpgradeRequest(socket: PokerSocket): void {
    (socket.conn as { request: unknown }).request = null;
  }

  /** Tells the client why, then closes the socket. */
  function endSocket(socket: PokerSocket, state: SocketState, notice: SystemError): void {
    state.log.write('info', { code: notice.code }, 'closing the socket');
    socket.emit('system:error', notice);
    socket.disconnect(true);
  }

  function refuse(
    socket: PokerSocket,
    state: SocketState,
    event: string,
    ack: Ackable | null,
    code: ErrorCode,
    message: string,
    verdict: LimitVerdict,
  ) {
    metrics.errors.inc({ code });
    ack?.(ackError(code, message));
    state.log.write('info', { event: quoted(event), code }, 'event refused');
    if (verdict === 'disconnect') {
      endSocket(socket, state, {
        code: 'realtime/rate-limited',
        message: 'too many refused events; disconnected',
      });
    }
  }

  async function dispatch(socket: PokerSocket, state: SocketState, event: string, args: unknown[]) {
    const { limits, guard } = state;
    const last = args[args.length - 1];
    const ack = typeof last === 'function' ? (last as Ackable) : null;
    const payloads = ack ? args.slice(0, -1) : args;
    const no = (code: ErrorCode, message: string, verdict: LimitVerdict) =>
      refuse(socket, state, event, ack, code, message, verdict);
    const admitted = limits.admit();
    if (admitted !== 'allowed') {
      metrics.rateLimited.inc({ scope: 'socket-event' });
      return no('realtime/rate-limited', 'slow down', admitted);
    }
    if (!ack) return no('realtime/missing-ack', 'every event needs an acknowledgement', limits.strike());
    if (!isClientEvent(event)) {
      return no('realtime/unknown-event', `there is no event "${quoted(event)}"`, limits.strike());
    }
    if (AUTHENTICATED_EVENTS.has(event)) {
      if (guard === null) return no('realtime/unauthenticated', 'log in first', limits.strike());
      // Logged out, expired or revoked since the handshake: nothing more runs for this socket.
      const held = await guard.check();
      if (!held.ok) {
        no(held.error.code, held.error.message, 'limited');
        return endSocket(socket, state, sessionEndedNotice(held.error.code));
      }
    }
    if (payloads.length !== 1) {
      return no('realtime/invalid-payload', 'send exactly one payload object', limits.strike());
    }
    if (payloadBytes(payloads[0]) > settings.maxPayloadBytes) {
      return no('realtime/payload-too-large', 'the payload is too large', limits.strike());
    }
    const parsed = CLIENT_EVENT_SCHEMAS[event].safeParse(payloads[0]);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const where = issue?.path.length ? `${issue.path.join('.')}: ` : '';
      return no('realtime/invalid-payload', `${where}${issue?.message ?? 'invalid'}`, limits.strike());
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
      state.log.write('error', { err: error, event }, 'socket handler failed');
      metrics.errors.inc({ code: 'internal/error' });
      result = ackError('internal/error', 'something went wrong');
    }
    if (!result.ok) {
      if (result.error.code === 'chat/rate-limited') metrics.rateLimited.inc({ scope: 'chat' });
      state.log.write('info', { event, code: result.error.code }, 'event refused');
    }
    ack(result);
  }

  return {
    close() {
      refresher?.stop();
    },
  };
}
