import type { FastifyInstance } from 'fastify';
import type { PokerMetrics } from '../../observability/metrics.js';

/**
 * GET /metrics in Prometheus text format. It reveals load and error counts, not money: still, in
 * production it belongs on an internal network (or behind the reverse proxy's auth).
 *
 * A collection is reused for `maxAgeMs`, and scrapes that arrive while one runs wait for it: with
 * many sockets the default process metrics (active handles, open file descriptors) cost tens of
 * milliseconds of the event loop each time, which every table would feel.
 */
export function registerMetricsRoute(app: FastifyInstance, metrics: PokerMetrics, maxAgeMs = 0): void {
  let cached: { readonly body: Promise<string>; readonly at: number } | null = null;
  const collect = (): Promise<string> => {
    const now = Date.now();
    if (cached && now - cached.at < maxAgeMs) return cached.body;
    const body = metrics.registry.metrics();
    cached = { body, at: now };
    // A failed collection is not kept: the next scrape tries again.
    body.catch(() => {
      cached = null;
    });
    return body;
  };
  app.get('/metrics', { config: { rateLimit: false } }, async (_request, reply) => {
    const body = await collect();
    return reply
      .header('content-type', metrics.registry.contentType)
      .header('cache-control', 'no-store')
      .send(body);
  });
}
