import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { EventLimiter } from '../../src/realtime/event-limiter.js';
import { realtimeSettingsOf } from '../../src/realtime/realtime-config.js';
import { TablePresence } from '../../src/realtime/table-presence.js';
import { TokenBucket } from '../../src/realtime/token-bucket.js';
import { TEST_CONFIG } from '../support/database.js';

describe('TokenBucket', () => {
  it('lets a burst through, then the refill rate', () => {
    const bucket = new TokenBucket(3, 2, 0);
    expect([bucket.take(0), bucket.take(0), bucket.take(0), bucket.take(0)]).toEqual([
      true,
      true,
      true,
      false,
    ]);
    expect(bucket.take(499)).toBe(false);
    expect(bucket.take(500)).toBe(true);
    // Idle time refills up to the capacity, not beyond.
    expect([bucket.take(60_000), bucket.take(60_000), bucket.take(60_000), bucket.take(60_000)]).toEqual([
      true,
      true,
      true,
      false,
    ]);
  });
});

describe('EventLimiter', () => {
  const settings = {
    ...realtimeSettingsOf(TEST_CONFIG).gateway,
    socketBurst: 5,
    socketEventsPerSecond: 1,
    userBurst: 8,
    userEventsPerSecond: 1,
    strikesBeforeDisconnect: 3,
  };

  it('limits each socket, and a user across sockets', () => {
    let now = 0;
    const limiter = new EventLimiter(settings, () => now);
    const first = limiter.forSocket('u1');
    const second = limiter.forSocket('u1');
    const results = [
      ...Array.from({ length: 5 }, () => first.admit()),
      ...Array.from({ length: 5 }, () => second.admit()),
    ];
    // Five from the first socket, then only three more for the same user.
    expect(results.filter((verdict) => verdict === 'allowed')).toHaveLength(8);
    now += 1_000;
    expect(first.admit()).toBe('allowed');
  });

  it('disconnects after repeated refusals, and forgives after a good event', () => {
    const limiter = new EventLimiter(settings, () => 0);
    const socket = limiter.forSocket(null);
    expect([socket.strike(), socket.strike()]).toEqual(['limited', 'limited']);
    socket.forgive();
    expect([socket.strike(), socket.strike(), socket.strike()]).toEqual(['limited', 'limited', 'disconnect']);
  });
});

describe('TablePresence', () => {
  it('reports a user gone from a table only when their last socket there goes', () => {
    const presence = new TablePresence();
    expect(presence.join('s1', 'u1', 't1')).toBe(true);
    expect(presence.join('s2', 'u1', 't1')).toBe(false);
    expect(presence.join('s1', 'u1', 't1')).toBe(false);
    expect(presence.join('s2', 'u1', 't2')).toBe(true);
    expect(presence.drop('s1', 'u1')).toEqual([]);
    expect(presence.drop('s2', 'u1')).toEqual(['t1', 't2']);
    expect(presence.part('s2', 'u1', 't1')).toBe(false);
  });
});

describe('realtime settings', () => {
  it('has defaults and reads the environment', () => {
    expect(realtimeSettingsOf(loadConfig({})).tables.actionTimeoutMs).toBe(15_000);
    const settings = realtimeSettingsOf(loadConfig({ TABLE_ACTION_TIMEOUT_MS: '5000', SOCKET_BURST: '7' }));
    expect(settings.tables.actionTimeoutMs).toBe(5_000);
    expect(settings.gateway.socketBurst).toBe(7);
  });

  it('names the variable that is wrong', () => {
    expect(() => loadConfig({ TABLE_ACTION_TIMEOUT_MS: 'soon' })).toThrow('TABLE_ACTION_TIMEOUT_MS');
    expect(() =>
      loadConfig({ SOCKET_MAX_PAYLOAD_BYTES: '100000', SOCKET_MAX_MESSAGE_BYTES: '2048' }),
    ).toThrow('SOCKET_MAX_PAYLOAD_BYTES');
  });
});
