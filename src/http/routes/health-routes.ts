import { errorResponses } from '../../protocol/http-common.js';
import { HealthResponse } from '../../protocol/http-service.js';
import { ApiError } from '../api-error.js';
import type { AppContext, ZodApp } from '../app-context.js';

const HEALTH_CHECK_TIMEOUT_MS = 2_000;

async function databaseAnswers(ping: () => Promise<unknown>): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), HEALTH_CHECK_TIMEOUT_MS);
  });
  try {
    return await Promise.race([ping().then(() => true), timeout]);
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
  }
}

/** Liveness and readiness in one: 200 when the database answers, 503 (typed) when it does not. */
export function registerHealthRoutes(app: ZodApp, { database }: AppContext) {
  app.get(
    '/health',
    {
      schema: {
        tags: ['health'],
        summary: 'Health: the process runs and the database answers',
        response: { 200: HealthResponse, ...errorResponses },
      },
    },
    async (request) => {
      const ok = await databaseAnswers(() => database.ping());
      if (!ok) {
        request.log.warn('health check: the database does not answer');
        throw new ApiError('service/unavailable', 'the database does not answer');
      }
      return { status: 'ok' as const, database: 'ok' as const, uptimeSeconds: Math.round(process.uptime()) };
    },
  );
}
