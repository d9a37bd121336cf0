/** A typed failure of the cluster's own plumbing (Redis unreachable, a command too slow). */
export class ClusterTimeoutError extends Error {
  readonly code = 'cluster/timeout';
  constructor(what: string, ms: number) {
    super(`${what} took longer than ${ms} ms`);
    this.name = 'ClusterTimeoutError';
  }
}

/** Rejects when `promise` takes longer than `ms` (the promise itself runs on, unobserved). */
export function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new ClusterTimeoutError(what, ms)), ms);
  });
  promise.catch(() => undefined);
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
