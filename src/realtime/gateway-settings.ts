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
}
