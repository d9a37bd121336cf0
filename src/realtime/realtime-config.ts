import { z } from 'zod';
import type { TableSettings } from '../tables/table-settings.js';
import type { GatewaySettings } from './gateway-settings.js';

/**
 * The settings of tables and of the socket gateway, from the environment, with the same
 * conventions as src/config.ts (variable names as keys, safe defaults, errors that name the
 * variable). Kept apart only so that this module could be built alongside config.ts; it belongs
 * there, and can move as is.
 */
const ms = (min: number, max: number, fallback: number) =>
  z.coerce.number().int().min(min).max(max).default(fallback);
const count = (min: number, max: number, fallback: number) =>
  z.coerce.number().int().min(min).max(max).default(fallback);

const RealtimeConfigSchema = z.object({
  TABLE_MAILBOX_CAPACITY: count(1, 100_000, 256),
  TABLE_RESERVATION_MS: ms(1_000, 300_000, 15_000),
  TABLE_ACTION_TIMEOUT_MS: ms(100, 600_000, 15_000),
  TABLE_TIME_BANK_INITIAL_MS: ms(0, 3_600_000, 30_000),
  TABLE_TIME_BANK_PER_HAND_MS: ms(0, 600_000, 2_000),
  TABLE_TIME_BANK_MAX_MS: ms(0, 3_600_000, 60_000),
  TABLE_MISSED_TURNS_BEFORE_SIT_OUT: count(1, 100, 2),
  TABLE_HAND_PAUSE_MS: ms(0, 60_000, 2_500),
  TABLE_DISCONNECT_GRACE_MS: ms(0, 3_600_000, 60_000),
  TABLE_SHUTDOWN_HAND_WAIT_MS: ms(0, 600_000, 8_000),
  SOCKET_MAX_MESSAGE_BYTES: count(1_024, 16 * 1_048_576, 64 * 1_024),
  SOCKET_MAX_PAYLOAD_BYTES: count(256, 1_048_576, 4 * 1_024),
  SOCKET_BURST: count(1, 100_000, 30),
  SOCKET_EVENTS_PER_SECOND: count(1, 100_000, 15),
  SOCKET_USER_BURST: count(1, 100_000, 60),
  SOCKET_USER_EVENTS_PER_SECOND: count(1, 100_000, 30),
  SOCKET_STRIKES_BEFORE_DISCONNECT: count(1, 100_000, 30),
  LOBBY_UPDATE_INTERVAL_MS: ms(10, 60_000, 500),
});

export interface RealtimeConfig {
  readonly tables: TableSettings;
  readonly gateway: GatewaySettings;
}

export function loadRealtimeConfig(
  env: Readonly<Record<string, string | undefined>> = process.env,
): RealtimeConfig {
  const result = RealtimeConfigSchema.safeParse(env);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new Error(`invalid configuration:\n  ${problems.join('\n  ')}`);
  }
  const c = result.data;
  if (c.SOCKET_MAX_PAYLOAD_BYTES > c.SOCKET_MAX_MESSAGE_BYTES) {
    throw new Error('invalid configuration:\n  SOCKET_MAX_PAYLOAD_BYTES: exceeds SOCKET_MAX_MESSAGE_BYTES');
  }
  return {
    tables: {
      mailboxCapacity: c.TABLE_MAILBOX_CAPACITY,
      reservationMs: c.TABLE_RESERVATION_MS,
      actionTimeoutMs: c.TABLE_ACTION_TIMEOUT_MS,
      timeBankInitialMs: c.TABLE_TIME_BANK_INITIAL_MS,
      timeBankPerHandMs: c.TABLE_TIME_BANK_PER_HAND_MS,
      timeBankMaxMs: c.TABLE_TIME_BANK_MAX_MS,
      missedTurnsBeforeSitOut: c.TABLE_MISSED_TURNS_BEFORE_SIT_OUT,
      handPauseMs: c.TABLE_HAND_PAUSE_MS,
      disconnectGraceMs: c.TABLE_DISCONNECT_GRACE_MS,
      shutdownHandWaitMs: c.TABLE_SHUTDOWN_HAND_WAIT_MS,
    },
    gateway: {
      maxMessageBytes: c.SOCKET_MAX_MESSAGE_BYTES,
      maxPayloadBytes: c.SOCKET_MAX_PAYLOAD_BYTES,
      socketBurst: c.SOCKET_BURST,
      socketEventsPerSecond: c.SOCKET_EVENTS_PER_SECOND,
      userBurst: c.SOCKET_USER_BURST,
      userEventsPerSecond: c.SOCKET_USER_EVENTS_PER_SECOND,
      strikesBeforeDisconnect: c.SOCKET_STRIKES_BEFORE_DISCONNECT,
      lobbyUpdateIntervalMs: c.LOBBY_UPDATE_INTERVAL_MS,
    },
  };
}
