import type { Logger } from 'pino';
import type { Config } from '../config.js';
import type { ZodApp } from '../http/app-context.js';
import { registerHandHistoryRoutes } from '../http/hand-history-routes.js';
import type { PrismaClient } from '../ledger/prisma-client.js';
import type { Ledger } from '../ledger/transactions.js';
import { PokerMetrics } from '../observability/metrics.js';
import { registerMetricsRoute } from '../observability/metrics-route.js';
import { realtimeSettingsOf } from './realtime-config.js';
import { attachTables, type TableService, type TableServiceCluster } from './table-service.js';

export interface RealtimeWiring {
  readonly config: Config;
  readonly prisma: PrismaClient;
  readonly ledger: Ledger;
  readonly logger: Logger;
  /** Register GET /api/hands* and GET /metrics here (false if buildApp registers them itself). */
  readonly routes?: boolean;
  /** Several nodes as one (src/cluster, when REDIS_URL is set). */
  readonly cluster?: TableServiceCluster;
}

/**
 * Everything real-time on one call, for main.ts: the hand history routes, /metrics, Socket.IO on
 * the app's server and every open table restored from the database. Call it after buildApp and
 * before listen; close the returned service before closing the app (it lets hands finish).
 */
export async function wireRealtime(
  app: ZodApp,
  { config, prisma, ledger, logger, routes = true, cluster }: RealtimeWiring,
): Promise<{ service: TableService; metrics: PokerMetrics }> {
  const realtime = realtimeSettingsOf(config);
  const metrics = new PokerMetrics();
  if (routes) {
    registerHandHistoryRoutes(app, { config, prisma });
    registerMetricsRoute(app, metrics, config.METRICS_MAX_AGE_MS);
  }
  const service = await attachTables(app, {
    prisma,
    ledger,
    logger,
    metrics,
    tableSettings: realtime.tables,
    gatewaySettings: realtime.gateway,
    ...(cluster && { cluster }),
  });
  return { service, metrics };
}
