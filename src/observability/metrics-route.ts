import type { FastifyInstance } from 'fastify';
import type { PokerMetrics } from './metrics.js';

/**
 * GET /metrics in Prometheus text format. It reveals load and error counts, not money: still, in
 * production it belongs on an internal network (or behind the reverse proxy's auth).
 */
export function registerMetricsRoute(app: FastifyInstance, metrics: PokerMetrics): void {
  app.get('/metrics', { config: { rateLimit: false } }, async (_request, reply) => {
    const body = await metrics.registry.metrics();
    return reply
      .header('content-type', metrics.registry.contentType)
      .header('cache-control', 'no-store')
      .send(body);
  });
}
