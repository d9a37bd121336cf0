import { describe, expect, it } from 'vitest';
import { classifyFailure, IdempotencyRace, withRetries } from '../../src/db/retry.js';
import { requestHash } from '../../src/ledger/request-hash.js';
import { SHARD_COUNT, shardOf } from '../../src/ledger/shards.js';

const pgError = (code: string) => Object.assign(new Error(`pg ${code}`), { code });
const prismaError = (code: string) =>
  Object.assign(new Error('Raw query failed'), {
    code: 'P2010',
    meta: { driverAdapterError: { cause: { originalCode: code, kind: 'postgres' } } },
  });

describe('classifyFailure', () => {
  it('retries deadlocks, serialization failures, lock timeouts and idempotency races from either driver', () => {
    for (const code of ['40P01', '40001', '55P03']) {
      expect(classifyFailure(pgError(code))).toBe('retryable');
      expect(classifyFailure(prismaError(code))).toBe('retryable');
    }
    expect(classifyFailure(new IdempotencyRace('k'))).toBe('retryable');
    expect(classifyFailure(new Error('Client has encountered a connection error and is not queryable'))).toBe(
      'retryable',
    );
  });

  it('tells constraints, timeouts and lost connections apart, and knows nothing else', () => {
    expect(classifyFailure(prismaError('23514'))).toBe('constraint');
    expect(classifyFailure(pgError('23505'))).toBe('constraint');
    expect(classifyFailure(pgError('57014'))).toBe('busy');
    expect(classifyFailure(Object.assign(new Error('tx'), { code: 'P2028' }))).toBe('busy');
    expect(classifyFailure(new Error('timeout exceeded when trying to connect'))).toBe('busy');
    expect(classifyFailure(prismaError('57P01'))).toBe('unavailable');
    expect(classifyFailure(Object.assign(new Error('x'), { code: 'ECONNREFUSED' }))).toBe('unavailable');
    expect(classifyFailure(new TypeError('a bug'))).toBe('unknown');
  });
});

describe('withRetries', () => {
  it('runs again after a retryable failure, at most attemptsMax times in all', async () => {
    let calls = 0;
    const retried: number[] = [];
    const policy = { attemptsMax: 3, delayBaseMs: 1, delayMaxMs: 1 };
    await expect(
      withRetries(
        async () => {
          calls++;
          throw pgError('40P01');
        },
        policy,
        (_, attemptNo) => retried.push(attemptNo),
      ),
    ).rejects.toThrow('40P01');
    expect([calls, retried]).toEqual([3, [1, 2]]);

    calls = 0;
    const value = await withRetries(async () => {
      calls++;
      if (calls < 2) throw prismaError('55P03');
      return 'done';
    }, policy);
    expect([value, calls]).toEqual(['done', 2]);
  });

  it('does not retry anything else', async () => {
    let calls = 0;
    await expect(
      withRetries(async () => {
        calls++;
        throw pgError('23514');
      }),
    ).rejects.toThrow();
    expect(calls).toBe(1);
  });
});

describe('shardOf', () => {
  it('is stable, in range, spread over every shard, and can be narrowed', () => {
    const seen = new Map<number, number>();
    for (let i = 0; i < 4_000; i++) {
      const key = `00000000-0000-4000-8000-${i.toString(16).padStart(12, '0')}`;
      const shard = shardOf(key);
      expect(shard).toBe(shardOf(key));
      expect(shardOf(key, 1)).toBe(0);
      seen.set(shard, (seen.get(shard) ?? 0) + 1);
    }
    expect(seen.size).toBe(SHARD_COUNT);
    for (const count of seen.values()) expect(count).toBeGreaterThan(4_000 / SHARD_COUNT / 2);
  });
});

describe('requestHash', () => {
  it('ignores key order and tells different requests apart', () => {
    expect(requestHash('op', { a: '1', b: 2 })).toBe(requestHash('op', { b: 2, a: '1' }));
    expect(requestHash('op', { a: '1' })).not.toBe(requestHash('op', { a: '1.0' }));
    expect(requestHash('op', { a: '1' })).not.toBe(requestHash('other', { a: '1' }));
  });
});
