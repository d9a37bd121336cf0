import type { Logger } from 'pino';
import { createClient } from 'redis';

export type RedisClient = ReturnType<typeof createClient>;

/**
 * The Redis connections of one node:
 * - `control`: leases, epochs, routing, lobby. It never queues a command while disconnected, so a
 *   Redis outage shows at once as failed renewals (and tables pause) instead of piling up.
 * - `subscriber`: this node's pub/sub inbox and the cluster's events (a subscribed connection can
 *   do nothing else). It subscribes again by itself after a reconnection.
 * - `adapter`: the Socket.IO adapter's. It does queue while disconnected: the adapter polls its
 *   stream in a loop, and a connection that failed at once would make that loop spin.
 */
export interface RedisConnections {
  readonly control: RedisClient;
  readonly subscriber: RedisClient;
  readonly adapter: RedisClient;
  /** Whether each connection is ready to serve commands now (for the metrics). */
  ready(): Readonly<Record<'control' | 'subscriber' | 'adapter', boolean>>;
  close(): Promise<void>;
}

/** Reconnect quickly, then every second at most: a restarted Redis is found within a second. */
function reconnectDelay(retries: number): number {
  return Math.min(50 * 2 ** Math.min(retries, 5), 1_000);
}

/** Warns about a broken connection once, and once more when it is back, rather than at every retry. */
function watch(client: RedisClient, name: string, logger: Logger): void {
  let broken = false;
  client.on('error', (error: unknown) => {
    if (broken) return;
    broken = true;
    logger.warn({ connection: name, err: error }, 'redis connection lost');
  });
  client.on('ready', () => {
    if (!broken) return;
    broken = false;
    logger.info({ connection: name }, 'redis connection back');
  });
}

export async function connectRedis(url: string, logger: Logger): Promise<RedisConnections> {
  const socket = { connectTimeout: 2_000, reconnectStrategy: reconnectDelay };
  const control: RedisClient = createClient({ url, socket, disableOfflineQueue: true, pingInterval: 2_000 });
  const subscriber: RedisClient = control.duplicate();
  const adapter: RedisClient = createClient({ url, socket });
  watch(control, 'control', logger);
  watch(subscriber, 'subscriber', logger);
  watch(adapter, 'adapter', logger);
  await Promise.all([control.connect(), subscriber.connect(), adapter.connect()]);
  return {
    control,
    subscriber,
    adapter,
    ready: () => ({ control: control.isReady, subscriber: subscriber.isReady, adapter: adapter.isReady }),
    async close() {
      await Promise.allSettled(
        [control, subscriber, adapter].map(async (client) => {
          if (client.isOpen) client.destroy();
        }),
      );
    },
  };
}
