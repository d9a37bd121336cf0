import type { Config } from '../config.js';
import type { TableSettings } from '../tables/table-settings.js';
import type { EquityLimits } from './equity-workers.js';
import type { GatewaySettings } from './gateway-settings.js';

export interface RealtimeConfig {
  readonly tables: TableSettings;
  readonly gateway: GatewaySettings;
  readonly equity: EquityLimits;
}

/** The tables' and the gateway's settings, taken from the server's one Config (src/config.ts). */
export function realtimeSettingsOf(config: Config): RealtimeConfig {
  return {
    equity: {
      pendingMax: config.EQUITY_QUEUE_MAX,
      timeoutMs: config.EQUITY_TIMEOUT_MS,
      cpuShare: config.EQUITY_CPU_PERCENT / 100,
      cpuBurstMs: config.EQUITY_CPU_BURST_MS,
    },
    tables: {
      mailboxCapacity: config.TABLE_MAILBOX_CAPACITY,
      reservationMs: config.TABLE_RESERVATION_MS,
      actionTimeoutMs: config.TABLE_ACTION_TIMEOUT_MS,
      timeBankInitialMs: config.TABLE_TIME_BANK_INITIAL_MS,
      timeBankPerHandMs: config.TABLE_TIME_BANK_PER_HAND_MS,
      timeBankMaxMs: config.TABLE_TIME_BANK_MAX_MS,
      missedTurnsBeforeSitOut: config.TABLE_MISSED_TURNS_BEFORE_SIT_OUT,
      handPauseMs: config.TABLE_HAND_PAUSE_MS,
      gameStartDelayMs: config.TABLE_GAME_START_DELAY_MS,
      disconnectGraceMs: config.TABLE_DISCONNECT_GRACE_MS,
      awaySeatKeepMs: config.TABLE_AWAY_SEAT_KEEP_MS,
      shutdownHandWaitMs: config.TABLE_SHUTDOWN_HAND_WAIT_MS,
      runoutPauseMs: config.TABLE_RUNOUT_PAUSE_MS,
      runItTwiceDecisionMs: config.TABLE_RUN_IT_TWICE_DECISION_MS,
    },
    gateway: {
      maxMessageBytes: config.SOCKET_MAX_MESSAGE_BYTES,
      maxPayloadBytes: config.SOCKET_MAX_PAYLOAD_BYTES,
      socketBurst: config.SOCKET_BURST,
      socketEventsPerSecond: config.SOCKET_EVENTS_PER_SECOND,
      userBurst: config.SOCKET_USER_BURST,
      userEventsPerSecond: config.SOCKET_USER_EVENTS_PER_SECOND,
      strikesBeforeDisconnect: config.SOCKET_STRIKES_BEFORE_DISCONNECT,
      lobbyUpdateIntervalMs: config.LOBBY_UPDATE_INTERVAL_MS,
      lobbySnapshotIntervalMs: config.LOBBY_SNAPSHOT_INTERVAL_MS,
      sessionRecheckMs: config.SOCKET_SESSION_RECHECK_MS,
      connectionsPerAddressMax: config.SOCKET_CONNECTIONS_PER_IP_MAX,
      connectionsPerUserMax: config.SOCKET_CONNECTIONS_PER_USER_MAX,
      handshakeBurst: config.SOCKET_HANDSHAKE_BURST,
      handshakesPerSecond: config.SOCKET_HANDSHAKES_PER_SECOND,
      handshakeAddressesMax: config.SOCKET_HANDSHAKE_ADDRESSES_MAX,
      trustProxy: config.TRUST_PROXY,
      logIntervalMs: config.SOCKET_LOG_INTERVAL_MS,
      chatMaxChars: config.CHAT_MESSAGE_MAX_CHARS,
      chatBurst: config.CHAT_BURST,
      chatPerMinute: config.CHAT_MESSAGES_PER_MINUTE,
    },
  };
}
