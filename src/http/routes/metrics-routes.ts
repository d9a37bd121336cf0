import { timingSafeEqual } from 'node:crypto';
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
/** Whether the request carries `Authorization: Bearer <token>`, compared in constant time. */
function carriesToken(header: string | undefined, token: string): boolean {
  const expected = Buffer.from(`Bearer ${token}`);
  const given = Buffer.from(header ?? '');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

export function registerMetricsRoute(
  app: FastifyInstance,
  metrics: PokerMetrics,
  maxAgeMs = 0,
  /** METRICS_TOKEN: when set, only a scraper that sends it gets the metrics. */
  token?: string,
): void {
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
  app.get('/metrics', { config: { rateLimit: false } }, async (request, reply) => {
    if (token !== undefined && !carriesToken(request.headers.authorization, token)) {
      return reply
        .code(401)
        .header('www-authenticate', 'Bearer')
        .send({
          error: {
            code: 'auth/unauthenticated',
            message: 'send the metrics token: Authorization: Bearer <METRICS_TOKEN>',
          },
        });
    }
    const body = await collect();
    return reply
      .header('content-type', metrics.registry.contentType)
      .header('cache-control', 'no-store')
      .send(body);
  });
}
