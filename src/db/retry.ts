import { sqlStateOf } from './transaction-runner.js';

/**
 * How a failed transaction attempt is treated:
 * - retryable: the database chose us as the loser of a race (deadlock, serialization failure, lock
 *   wait too long) and rolled everything back, or the statement never left (a dead pooled
 *   connection); running again is correct and usually succeeds.
 * - busy: timeouts of the pool or the transaction, under overload; retrying would add load.
 * - unavailable: the database is unreachable or the connection broke (a commit may or may not have
 *   happened; idempotency keys make the caller's retry safe).
 * - constraint: the database refused a write (a CHECK or UNIQUE our own checks should have caught).
 */
export type FailureKind = 'retryable' | 'busy' | 'unavailable' | 'constraint' | 'unknown';

const RETRYABLE_STATES = new Set(['40P01', '40001', '55P03']);
const UNAVAILABLE_STATES = new Set(['57P01', '57P02', '57P03', '53300', '3D000']);
const UNAVAILABLE_ADAPTER_KINDS = new Set([
  'DatabaseNotReachable',
  'ConnectionClosed',
  'SocketTimeout',
  'TooManyConnections',
  'DatabaseDoesNotExist',
]);
const NODE_NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'ENOTFOUND']);

/** Raised inside a transaction when a concurrent twin committed the same idempotency key first. */
export class IdempotencyRace extends Error {
  constructor(key: string) {
    super(`idempotency key ${key} was committed concurrently`);
    this.name = 'IdempotencyRace';
  }
}

function adapterKindOf(error: unknown): string | undefined {
  const meta = (error as { meta?: { driverAdapterError?: { cause?: { kind?: unknown } } } } | null)?.meta;
  const kind = meta?.driverAdapterError?.cause?.kind;
  return typeof kind === 'string' ? kind : undefined;
}

export function classifyFailure(error: unknown): FailureKind {
  if (error instanceof IdempotencyRace) return 'retryable';
  const message = error instanceof Error ? error.message : '';
  // pg refuses to send anything on a pooled connection that died while idle (the server restarted,
  // or killed it): nothing reached the database, so running again is safe.
  if (/not queryable/i.test(message)) return 'retryable';
  const state = sqlStateOf(error);
  if (state !== undefined) {
    if (RETRYABLE_STATES.has(state)) return 'retryable';
    if (state.startsWith('23')) return 'constraint';
    if (state === '57014') return 'busy';
    if (state.startsWith('08') || UNAVAILABLE_STATES.has(state)) return 'unavailable';
  }
  const kind = adapterKindOf(error);
  if (kind === 'TransactionWriteConflict') return 'retryable';
  if (kind !== undefined && UNAVAILABLE_ADAPTER_KINDS.has(kind)) return 'unavailable';
  const code = (error as { code?: unknown } | null)?.code;
  // Prisma's P2028: a transaction could not start within maxWait, or outlived its timeout.
  if (code === 'P2028') return 'busy';
  if (typeof code === 'string' && NODE_NETWORK_CODES.has(code)) return 'unavailable';
  if (/timeout exceeded when trying to connect/i.test(message)) return 'busy';
  if (/Connection terminated|connection (is )?closed|Can't reach database/i.test(message))
    return 'unavailable';
  return 'unknown';
}

export interface RetryPolicy {
  /** Attempts in all, the first one included. */
  readonly attemptsMax: number;
  /** The first backoff's upper bound; it doubles with each attempt up to `delayMaxMs`. */
  readonly delayBaseMs: number;
  readonly delayMaxMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { attemptsMax: 6, delayBaseMs: 4, delayMaxMs: 120 };

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Runs `attempt` until it succeeds, fails for a reason that is not retryable, or the attempts run
 * out (the last failure is rethrown). Backoff is "full jitter": a random wait up to an exponentially
 * growing bound, so the losers of a race do not collide again in lockstep.
 */
export async function withRetries<T>(
  attempt: () => Promise<T>,
  policy: RetryPolicy = DEFAULT_RETRY_POLICY,
  onRetry: (failure: unknown, attemptNo: number) => void = () => {},
  random: () => number = Math.random,
): Promise<T> {
  for (let attemptNo = 1; ; attemptNo++) {
    try {
      return await attempt();
    } catch (error) {
      if (attemptNo >= policy.attemptsMax || classifyFailure(error) !== 'retryable') throw error;
      onRetry(error, attemptNo);
      const bound = Math.min(policy.delayMaxMs, policy.delayBaseMs * 2 ** (attemptNo - 1));
      await sleep(random() * bound);
    }
  }
}
