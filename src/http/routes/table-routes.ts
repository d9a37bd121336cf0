import { Money } from '../../money/decimal.js';
import { errorResponses } from '../../protocol/http-common.js';
import {
  CreateTableBody,
  TableListResponse,
  TableParams,
  TableResponse,
} from '../../protocol/http-tables.js';
import { unwrap } from '../api-error.js';
import type { AppContext, ZodApp } from '../app-context.js';
import { authenticate, requireRole } from '../auth-guard.js';
import { findTable, listOpenTables } from '../queries/table-queries.js';

const optionalMoney = (text: string | undefined) => (text === undefined ? undefined : new Money(text));

export function registerTableRoutes(app: ZodApp, { config, prisma, ledger, tableLifecycle }: AppContext) {
  const adminOnly = [authenticate(prisma, config.SESSION_COOKIE_NAME), requireRole('admin')];

  app.post(
    '/api/admin/tables',
    {
      preParsing: adminOnly,
      schema: {
        tags: ['admin'],
        summary: 'Open a new cash table',
        security: [{ bearer: [] }],
        body: CreateTableBody,
        response: { 201: TableResponse, ...errorResponses },
      },
    },
    async (request, reply) => {
      const body = request.body;
      const created = unwrap(
        await ledger.createTable({
          name: body.name,
          smallBlind: new Money(body.smallBlind),
          bigBlind: new Money(body.bigBlind),
          ante: optionalMoney(body.ante),
          minBuyIn: new Money(body.minBuyIn),
          maxBuyIn: new Money(body.maxBuyIn),
          chipUnit: new Money(body.chipUnit ?? '1'),
          maxSeats: body.maxSeats,
          rakeBasisPoints: body.rakeBasisPoints,
          rakeCap: optionalMoney(body.rakeCap),
        }),
      );
      request.log.info({ admin: request.auth?.user.id, tableId: created.tableId }, 'table created');
      await tableLifecycle?.opened(created.tableId);
      return reply.code(201).send({ table: await findTable(prisma, created.tableId) });
    },
  );

  app.post(
    '/api/admin/tables/:id/close',
    {
      preParsing: adminOnly,
      schema: {
        tags: ['admin'],
        summary: 'Close an empty table (every player cashed out); closing a closed table is a no-op',
        security: [{ bearer: [] }],
        params: TableParams,
        response: { 200: TableResponse, ...errorResponses },
      },
    },
    async (request) => {
      unwrap(await ledger.closeTable(request.params.id));
      await tableLifecycle?.closed(request.params.id);
      request.log.info({ admin: request.auth?.user.id, tableId: request.params.id }, 'table closed');
      return { table: await findTable(prisma, request.params.id) };
    },
  );

  app.get(
    '/api/tables',
    {
      schema: {
        tags: ['lobby'],
        summary: 'The lobby: open tables (public)',
        response: { 200: TableListResponse, ...errorResponses },
      },
    },
    async () => ({ tables: await listOpenTables(prisma, config.PAGE_LIMIT_MAX) }),
  );
}
