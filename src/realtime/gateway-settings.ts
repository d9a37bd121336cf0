/** Limits of the socket gateway. realtimeSettingsOf fills them from src/config.ts, where their
 * defaults live; tests change the values they need. */
export interface GatewaySettings {
  /** Socket.IO's maxHttpBufferSize: a bigger message closes the connection outright. */
  readonly maxMessageBytes: number;
  /** A payload above this (but under maxMessageBytes) is refused with realtime/payload-too-large. */
  readonly maxPayloadBytes: number;
  /** Token bucket of each socket. */
  readonly socketBurst: number;
  readonly socketEventsPerSecond: number;
  /** Token bucket of each user, shared by all of that user's sockets. */
  readonly userBurst: number;
  readonly userEventsPerSecond: number;
  /** Refused (rate-limited or malformed) events in a row after which the socket is disconnected. */
  readonly strikesBeforeDisconnect: number;
  /** How often lobby subscribers get the table summaries that changed. */
  readonly lobbyUpdateIntervalMs: number;
  /** lobby:subscribe reads the lobby at most this often (subscribers share a read). */
  readonly lobbySnapshotIntervalMs: number;
  /** How long a session check is trusted before an event that needs the session looks again. */
  readonly sessionRecheckMs: number;
  /** Open sockets of one client address, and of one user, on this node. */
  readonly connectionsPerAddressMax: number;
  readonly connectionsPerUserMax: number;
  /** Token bucket of each client address for handshakes that carry a session token. */
  readonly handshakeBurst: number;
  readonly handshakesPerSecond: number;
  /** Client addresses whose handshake buckets are kept at most. */
  readonly handshakeAddressesMax: number;
  /** Behind a trusted proxy, a client's address is the first of X-Forwarded-For. */
  readonly trustProxy: boolean;
  /** A socket's refused events are logged at most once per interval. */
  readonly logIntervalMs: number;
  /** Table chat: longest line, and each user's token bucket (burst, refill per minute). */
  readonly chatMaxChars: number;
  readonly chatBurst: number;
  readonly chatPerMinute: number;
}
