import { findTable, listOpenTables, type TableRecord } from '../../db/queries/table-queries.js';
import { formatAmount } from '../../money/amount.js';
import { Money } from '../../money/decimal.js';
import { errorResponses } from '../../protocol/http-common.js';
import type { TableOut } from '../../protocol/http-tables.js';
import {
  CreateTableBody,
  TableListResponse,
  TableParams,
  TableResponse,
} from '../../protocol/http-tables.js';
import { ApiError, unwrap } from '../api-error.js';
import type { AppContext, ZodApp } from '../app-context.js';
import { authenticate, requireRole } from '../auth-guard.js';

const optionalMoney = (text: string | undefined) => (text === undefined ? undefined : new Money(text));

export function tableOut(table: TableRecord): TableOut {
  return {
    id: table.id,
    name: table.name,
    variant: table.variant,
    runItTwice: table.runItTwice,
    status: table.open ? 'open' : 'closed',
    smallBlind: formatAmount(table.smallBlind),
    bigBlind: formatAmount(table.bigBlind),
    ante: formatAmount(table.ante),
    minBuyIn: formatAmount(table.minBuyIn),
    maxBuyIn: formatAmount(table.maxBuyIn),
    chipUnit: formatAmount(table.chipUnit),
    maxSeats: table.maxSeats,
    seatsTaken: table.seatsTaken,
    rakeBasisPoints: table.rakeBasisPoints,
    rakeCap: formatAmount(table.rakeCap),
    actionTimeoutMs: table.actionTimeoutMs,
    timeBankMs: table.timeBankMs,
    createdAt: table.createdAt.toISOString(),
  };
}

export function registerTableRoutes(app: ZodApp, { config, database, ledger, tableLifecycle }: AppContext) {
  const tableNamed = async (tableId: string) => {
    const table = await findTable(database, tableId);
    if (!table) throw new ApiError('ledger/unknown-table', 'no such table');
    return tableOut(table);
  };
  const adminOnly = [authenticate(database, config.SESSION_COOKIE_NAME), requireRole('admin')];

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
          variant: body.variant,
          runItTwice: body.runItTwice,
          smallBlind: new Money(body.smallBlind),
          bigBlind: new Money(body.bigBlind),
          ante: optionalMoney(body.ante),
          minBuyIn: new Money(body.minBuyIn),
          maxBuyIn: new Money(body.maxBuyIn),
          chipUnit: new Money(body.chipUnit ?? '1'),
          maxSeats: body.maxSeats,
          rakeBasisPoints: body.rakeBasisPoints,
          rakeCap: optionalMoney(body.rakeCap),
          ...(body.actionTimeoutMs !== undefined && { actionTimeoutMs: body.actionTimeoutMs }),
          ...(body.timeBankMs !== undefined && { timeBankMs: body.timeBankMs }),
        }),
      );
      request.log.info({ admin: request.auth?.user.id, tableId: created.tableId }, 'table created');
      await tableLifecycle?.opened(created.tableId);
      return reply.code(201).send({ table: await tableNamed(created.tableId) });
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
      return { table: await tableNamed(request.params.id) };
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
    async () => ({ tables: (await listOpenTables(database, config.PAGE_LIMIT_MAX)).map(tableOut) }),
  );
}
