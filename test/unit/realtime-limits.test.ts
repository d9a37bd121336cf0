import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { ConnectionCaps } from '../../src/realtime/connection-caps.js';
import { EventLimiter } from '../../src/realtime/event-limiter.js';
import { HandshakeLimiter } from '../../src/realtime/handshake-limiter.js';
import { realtimeSettingsOf } from '../../src/realtime/realtime-config.js';
import { sharedLobbyRead } from '../../src/realtime/shared-lobby-read.js';
import { SocketLog } from '../../src/realtime/socket-log.js';
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

describe('HandshakeLimiter', () => {
  const settings = { handshakeBurst: 2, handshakesPerSecond: 1, handshakeAddressesMax: 3 };

  it('gives each address a bucket, and keeps a bounded number of them', () => {
    let now = 0;
    const limiter = new HandshakeLimiter(settings, () => now);
    expect(['a', 'a', 'a'].map((address) => limiter.admit(address))).toEqual([true, true, false]);
    expect(limiter.admit('b')).toBe(true);
    for (const address of ['c', 'd', 'e']) limiter.admit(address);
    expect(limiter.addresses).toBe(3);
    // 'a' was the least recently used and was dropped: it starts again with a full bucket.
    expect(limiter.admit('a')).toBe(true);
    now += 1_000;
    expect(limiter.admit('e')).toBe(true);
  });
});

describe('ConnectionCaps', () => {
  it('counts sockets per address and per user, and each release once', () => {
    const caps = new ConnectionCaps({ connectionsPerAddressMax: 2, connectionsPerUserMax: 1 });
    const first = caps.hold('10.0.0.1', 'u1');
    expect(caps.userFits('u1')).toBe(false);
    const second = caps.hold('10.0.0.1', null);
    expect(caps.addressFits('10.0.0.1')).toBe(false);
    first();
    first();
    expect(caps.userFits('u1')).toBe(true);
    expect(caps.addressFits('10.0.0.1')).toBe(true);
    second();
    expect(caps.hold('10.0.0.1', 'u1')).toBeTypeOf('function');
    expect(caps.addressFits('10.0.0.1')).toBe(true);
  });
});

describe('SocketLog', () => {
  it('writes one line per interval and counts the others into the next', () => {
    let now = 0;
    const lines: Record<string, unknown>[] = [];
    const logger = pino(
      { level: 'info', base: null, timestamp: false },
      {
        write: (line: string) => void lines.push(JSON.parse(line) as Record<string, unknown>),
      },
    );
    const log = new SocketLog(logger, { socketId: 's1', userId: null }, 1_000, () => now);
    for (let i = 0; i < 50; i++) log.write('info', { i }, 'event refused');
    now = 1_000;
    log.write('warn', { i: 50 }, 'event refused');
    expect(lines).toEqual([
      { level: 30, socketId: 's1', userId: null, i: 0, msg: 'event refused' },
      { level: 40, socketId: 's1', userId: null, i: 50, suppressed: 49, msg: 'event refused' },
    ]);
  });
});

describe('sharedLobbyRead', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('reads at most once per interval, each read after its subscribers arrived', async () => {
    const reads: number[] = [];
    const lobby = sharedLobbyRead(async () => {
      reads.push(Date.now());
      return [];
    }, 250);
    const startMs = Date.now();
    const first = [lobby(), lobby(), lobby()];
    await vi.advanceTimersByTimeAsync(0);
    await Promise.all(first);
    expect(reads).toEqual([startMs]);
    // Arriving after that read started: they share the next one, an interval later.
    const second = [lobby(), lobby()];
    await vi.advanceTimersByTimeAsync(249);
    expect(reads).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    await Promise.all(second);
    expect(reads).toEqual([startMs, startMs + 250]);
  });
});
