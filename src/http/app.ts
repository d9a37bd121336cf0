import fastifyCookie from '@fastify/cookie';
import fastifyRateLimit, { type FastifyRateLimitStoreCtor } from '@fastify/rate-limit';
import fastifySwagger from '@fastify/swagger';
import Fastify, {
  type FastifyBaseLogger,
  type FastifyReply,
  type FastifyRequest,
  LogController,
} from 'fastify';
import {
  jsonSchemaTransform,
  jsonSchemaTransformObject,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { pino } from 'pino';
import type { Config } from '../config.js';
import type { Database } from '../db/database.js';
import { createTournamentLedger, type TournamentLedger } from '../ledger/tournament-transactions.js';
import { type Ledger, ledgerSettingsOf } from '../ledger/transactions.js';
import type { PokerMetrics } from '../observability/metrics.js';
import { ApiError } from './api-error.js';
import type { AppContext, TableLifecycle, TournamentLifecycle, ZodApp } from './app-context.js';
import { mapError } from './error-mapping.js';
import { registerAdminRoutes } from './routes/admin-routes.js';
import { registerAuthRoutes } from './routes/auth-routes.js';
import { registerCashierRoutes } from './routes/cashier-routes.js';
import { registerHandHistoryRoutes } from './routes/hand-history-routes.js';
import { registerHealthRoutes } from './routes/health-routes.js';
import { registerMetricsRoute } from './routes/metrics-routes.js';
import { registerOpenApiRoutes } from './routes/openapi-routes.js';
import { registerTableRoutes } from './routes/table-routes.js';
import { registerTournamentDealRoutes } from './routes/tournament-deal-routes.js';
import { registerTournamentRoutes } from './routes/tournament-routes.js';
import { registerWalletRoutes } from './routes/wallet-routes.js';
import { type SessionSockets, sessionEnds } from './session-ends.js';

export interface AppDependencies {
  readonly config: Config;
  readonly database: Database;
  /** Every money movement goes through it. */
  readonly ledger: Ledger;
  /** The server's metrics, served at GET /metrics. */
  readonly metrics: PokerMetrics;
  /** A pino logger; by default one at config.LOG_LEVEL writing to stdout. */
  readonly logger?: FastifyBaseLogger;
  /** Tells the live tables about tables opened and closed by an admin. */
  readonly tableLifecycle?: TableLifecycle;
  /** Tournament money; by default one over `database`. */
  readonly tournamentLedger?: TournamentLedger;
  /** Tells the live tournaments about registrations and cancellations. */
  readonly tournamentLifecycle?: TournamentLifecycle;
  /** Closes the sockets of sessions that end (logout, revocation, a role change). */
  readonly sessionSockets?: SessionSockets;
  /** Rate-limit counters: in this process's memory by default; a shared store for several nodes. */
  readonly rateLimitStore?: FastifyRateLimitStoreCtor;
}

function rateLimited(retryAfter: string): ApiError {
  return new ApiError('request/rate-limited', `too many requests; retry in ${retryAfter}`);
}

/**
 * Builds the HTTP API (not listening yet: call `listen`, or `inject` in tests). Every route
 * declares zod schemas for its input and output; every error leaves through error-mapping.ts.
 */
export async function buildApp(deps: AppDependencies): Promise<ZodApp> {
  const { config, database, ledger } = deps;
  const app = Fastify({
    loggerInstance: deps.logger ?? pino({ level: config.LOG_LEVEL }),
    bodyLimit: config.BODY_LIMIT_BYTES,
    trustProxy: config.TRUST_PROXY,
    // A request that has not completed within this time is answered 408 by Node: slow clients
    // cannot hold connections forever.
    requestTimeout: 30_000,
    return503OnClosing: true,
    // Fastify's two lines per request would be most of the log: one line at debug instead (below).
    logController: new LogController({ disableRequestLogging: true }),
    frameworkErrors: (error, request, reply) => {
      request.log.debug({ code: error.code }, 'malformed request');
      void (reply as FastifyReply)
        .code(400)
        .send({ error: { code: 'request/bad-request', message: 'bad request' } });
    },
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.decorateRequest('auth', null);

  app.setErrorHandler((error, request, reply) => {
    const mapped = mapError(error, request);
    if (mapped.unexpected) request.log.error({ err: error }, 'request failed unexpectedly');
    else if (mapped.status >= 500)
      request.log.warn({ err: error, code: mapped.body.error.code }, 'request failed');
    else request.log.debug({ code: mapped.body.error.code, status: mapped.status }, 'request refused');
    return reply.code(mapped.status).send(mapped.body);
  });
  app.setNotFoundHandler((request, reply) => {
    return reply.code(404).send({
      error: {
        code: 'request/not-found',
        message: `no route ${request.method} ${request.url.split('?')[0]}`,
      },
    });
  });
  // Every answer counted by route pattern and status, timed, and logged at debug.
  app.addHook('onResponse', async (request, reply) => {
    const route = request.routeOptions.url ?? 'unmatched';
    const status = String(reply.statusCode);
    const seconds = reply.elapsedTime / 1000;
    deps.metrics.httpRequests.inc({ method: request.method, route, status });
    deps.metrics.httpDuration.observe({ method: request.method, route }, seconds);
    request.log.debug(
      {
        method: request.method,
        url: request.url.split('?')[0],
        status: reply.statusCode,
        ms: Math.round(reply.elapsedTime),
      },
      'request',
    );
  });
  app.addHook('onSend', async (request, reply, payload) => {
    // Answers about balances and sessions must not be kept by browsers or proxies.
    if (request.url.startsWith('/api/')) reply.header('cache-control', 'no-store');
    reply.header('x-content-type-options', 'nosniff');
    return payload;
  });

  await app.register(fastifyCookie);
  await app.register(fastifyRateLimit, {
    global: true,
    max: config.RATE_LIMIT_GLOBAL_MAX,
    timeWindow: config.RATE_LIMIT_WINDOW_MS,
    ...(deps.rateLimitStore ? { store: deps.rateLimitStore } : {}),
    errorResponseBuilder: (_request, context) => {
      deps.metrics.rateLimited.inc({ scope: 'http' });
      return rateLimited(context.after);
    },
  });
  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: "Hold'em server API",
        version: '1.0.0',
        description:
          'Accounts, wallets, cashier and tables. Amounts are decimal strings ("12.50"), never JSON numbers. ' +
          'Errors are always { "error": { "code", "message" } } with a stable namespaced code.',
      },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
    },
    transform: jsonSchemaTransform,
    transformObject: jsonSchemaTransformObject,
  });

  // The per-user limit of money routes comes on top of the per-IP limit every route has; the
  // plugin runs only one limiter per request by itself, so this one is a hook of our own.
  const moneyLimiter = app.createRateLimit({
    max: config.RATE_LIMIT_MONEY_MAX,
    timeWindow: config.RATE_LIMIT_WINDOW_MS,
    keyGenerator: (request) => `money:${request.auth?.user.id ?? request.ip}`,
  });
  const moneyRateLimit = async (request: FastifyRequest, reply: FastifyReply) => {
    const verdict = await moneyLimiter(request);
    if (!verdict.isAllowed && verdict.isExceeded) {
      deps.metrics.rateLimited.inc({ scope: 'http-money' });
      void reply.header('retry-after', verdict.ttlInSeconds);
      throw rateLimited(`${verdict.ttlInSeconds} seconds`);
    }
  };

  const context: AppContext = {
    config,
    database,
    ledger,
    moneyRateLimit,
    tableLifecycle: deps.tableLifecycle,
    tournamentLedger: deps.tournamentLedger ?? createTournamentLedger(database, ledgerSettingsOf(config)),
    tournamentLifecycle: deps.tournamentLifecycle,
    sessions: sessionEnds(database, deps.sessionSockets),
    metrics: deps.metrics,
  };
  registerHealthRoutes(app, context);
  registerOpenApiRoutes(app);
  registerAuthRoutes(app, context);
  registerWalletRoutes(app, context);
  registerCashierRoutes(app, context);
  registerTableRoutes(app, context);
  registerAdminRoutes(app, context);
  registerHandHistoryRoutes(app, context);
  registerTournamentRoutes(app, context);
  registerTournamentDealRoutes(app, context);
  registerMetricsRoute(app, deps.metrics, config.METRICS_MAX_AGE_MS, config.METRICS_TOKEN);
  return app;
}
