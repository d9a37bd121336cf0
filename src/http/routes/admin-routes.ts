import { flowTotals, rakeByDay, rakeByTable, seatsOfTable } from '../../db/queries/house-queries.js';
import { findTable, listOpenTables } from '../../db/queries/table-queries.js';
import { findUserById, searchUsers, type UserRecord, updateUser } from '../../db/queries/user-queries.js';
import { auditLedger } from '../../ledger/audit.js';
import { formatAmount } from '../../money/amount.js';
import { Money } from '../../money/decimal.js';
import {
  type AdminUser,
  AuditResponse,
  ForceLogoutResponse,
  HaltTableBody,
  HaltTableResponse,
  HouseQuery,
  HouseResponse,
  TableSeatsResponse,
  UserChangeBody,
  UserChangeResponse,
  UserListResponse,
  UserParams,
  UserSearchQuery,
} from '../../protocol/http-admin.js';
import { errorResponses } from '../../protocol/http-common.js';
import { TableListResponse, TableParams } from '../../protocol/http-tables.js';
import { roleFromDb, roleToDb } from '../../users/roles.js';
import { ApiError } from '../api-error.js';
import type { AppContext, ZodApp } from '../app-context.js';
import { authenticate, requireRole, sessionOf } from '../auth-guard.js';
import { tableOut } from './table-routes.js';

/** How many tables the house page lists by rake. */
const RAKE_TABLES_MAX = 100;

function adminUser(user: UserRecord, balance: string): AdminUser {
  return {
    id: user.id,
    username: user.username,
    role: roleFromDb(user.role),
    status: user.status === 'DISABLED' ? 'disabled' : 'active',
    balance: formatAmount(new Money(balance)),
    createdAt: user.createdAt.toISOString(),
  };
}

/**
 * The operator's routes, admin role only: find users, change a role, disable or enable an account,
 * end a user's sessions (each of these ends every session and socket of that user, on every node);
 * who sits where at a table, halting a live table; the house's rake and the cashier's totals; the
 * audit. Opening and closing tables are in table-routes.ts.
 */
export function registerAdminRoutes(app: ZodApp, context: AppContext) {
  const { config, database, sessions, tableLifecycle } = context;
  const preParsing = [authenticate(database, config.SESSION_COOKIE_NAME), requireRole('admin')];
  const common = { tags: ['admin'], security: [{ bearer: [] }] };

  async function userOrThrow(userId: string): Promise<UserRecord> {
    const user = await findUserById(database, userId);
    if (!user) throw new ApiError('users/not-found', 'no such user');
    return user;
  }

  async function listed(user: UserRecord): Promise<AdminUser> {
    const [found] = await searchUsers(database, { query: user.username, limit: 1, after: undefined });
    return adminUser(user, found?.username === user.username ? found.balance : '0');
  }

  app.get(
    '/api/admin/users',
    {
      preParsing,
      schema: {
        ...common,
        summary: 'Find users by part of their name (with role, status and wallet balance)',
        querystring: UserSearchQuery,
        response: { 200: UserListResponse, ...errorResponses },
      },
    },
    async (request) => {
      const { query, after, limit } = request.query;
      const users = await searchUsers(database, { query, limit, ...(after !== undefined && { after }) });
      return { users: users.map((user) => adminUser(user, user.balance)) };
    },
  );

  app.post(
    '/api/admin/users/:id',
    {
      preParsing,
      schema: {
        ...common,
        summary: "Change a user's role or status (disable, enable); ends every session of theirs",
        params: UserParams,
        body: UserChangeBody,
        response: { 200: UserChangeResponse, ...errorResponses },
      },
    },
    async (request) => {
      const admin = sessionOf(request).user;
      const target = await userOrThrow(request.params.id);
      const { role, status } = request.body;
      if (target.id === admin.id && (status === 'disabled' || (role !== undefined && role !== 'admin')))
        throw new ApiError('auth/forbidden', 'an admin cannot disable or demote their own account');
      const updated = await updateUser(database, target.id, {
        ...(role !== undefined && { role: roleToDb(role) }),
        ...(status !== undefined && { status: status === 'disabled' ? 'DISABLED' : 'ACTIVE' }),
      });
      if (!updated) throw new ApiError('users/not-found', 'no such user');
      const roleChanged = updated.role !== target.role;
      const disabled = updated.status === 'DISABLED' && target.status !== 'DISABLED';
      const sessionsEnded =
        disabled || roleChanged
          ? await sessions.endUser(updated.id, disabled ? 'disabled' : 'role-changed')
          : 0;
      request.log.info(
        { adminId: admin.id, userId: updated.id, role: updated.role, status: updated.status, sessionsEnded },
        'user changed',
      );
      return { user: await listed(updated), sessionsEnded };
    },
  );

  app.post(
    '/api/admin/users/:id/logout',
    {
      preParsing,
      schema: {
        ...common,
        summary: 'End every session of a user, and close their sockets on every node',
        params: UserParams,
        response: { 200: ForceLogoutResponse, ...errorResponses },
      },
    },
    async (request) => {
      const target = await userOrThrow(request.params.id);
      const sessionsEnded = await sessions.endUser(target.id, 'revoked');
      request.log.info(
        { adminId: sessionOf(request).user.id, userId: target.id, sessionsEnded },
        'user logged out',
      );
      return { sessionsEnded };
    },
  );

  app.get(
    '/api/admin/tables',
    {
      preParsing,
      schema: {
        ...common,
        summary: 'Every table, open and closed, oldest first',
        response: { 200: TableListResponse, ...errorResponses },
      },
    },
    async () => ({
      tables: (await listOpenTables(database, config.PAGE_LIMIT_MAX, { closedToo: true })).map(tableOut),
    }),
  );

  app.get(
    '/api/admin/tables/:id/seats',
    {
      preParsing,
      schema: {
        ...common,
        summary: 'Who sits where at a table, with stacks as of the last settled hand',
        params: TableParams,
        response: { 200: TableSeatsResponse, ...errorResponses },
      },
    },
    async (request) => {
      if (!(await findTable(database, request.params.id)))
        throw new ApiError('ledger/unknown-table', 'no such table');
      const seats = await seatsOfTable(database, request.params.id);
      return { seats: seats.map((seat) => ({ ...seat, stack: formatAmount(seat.stack) })) };
    },
  );

  app.post(
    '/api/admin/tables/:id/halt',
    {
      preParsing,
      schema: {
        ...common,
        summary: 'Halt a live table: no more hands, the hand in progress void, players may leave',
        params: TableParams,
        body: HaltTableBody,
        response: { 200: HaltTableResponse, ...errorResponses },
      },
    },
    async (request) => {
      if (!(await findTable(database, request.params.id)))
        throw new ApiError('ledger/unknown-table', 'no such table');
      const halted = (await tableLifecycle?.halted(request.params.id, request.body.reason)) ?? false;
      request.log.info(
        {
          adminId: sessionOf(request).user.id,
          tableId: request.params.id,
          halted,
          reason: request.body.reason,
        },
        'table halt asked',
      );
      return { halted };
    },
  );

  app.get(
    '/api/admin/house',
    {
      preParsing,
      schema: {
        ...common,
        summary: "The house's rake by day and by table, and every kind of movement's totals",
        querystring: HouseQuery,
        response: { 200: HouseResponse, ...errorResponses },
      },
    },
    async (request) => {
      const [days, tables, flows] = await Promise.all([
        rakeByDay(database, request.query.days),
        rakeByTable(database, RAKE_TABLES_MAX),
        flowTotals(database),
      ]);
      return {
        rakeByDay: days.map((day) => ({ ...day, rake: formatAmount(day.rake) })),
        rakeByTable: tables.map((table) => ({ ...table, rake: formatAmount(table.rake) })),
        flows: flows.map((flow) => ({ ...flow, total: formatAmount(flow.total) })),
      };
    },
  );

  app.get(
    '/api/admin/audit',
    {
      preParsing,
      schema: {
        ...common,
        summary: 'Recompute every balance from the ledger and check the invariants (as npm run audit)',
        response: { 200: AuditResponse, ...errorResponses },
      },
    },
    async (request) => {
      const report = await auditLedger(database);
      request.log.info({ adminId: sessionOf(request).user.id, ok: report.ok }, 'audit run');
      return {
        ok: report.ok,
        accounts: report.accounts,
        transfers: report.transfers,
        totals: report.totals.map((total) => ({ ...total, balance: formatAmount(total.balance) })),
        sum: formatAmount(report.sum),
        discrepancies: report.discrepancies.map((item) => ({ check: item.check, message: item.message })),
      };
    },
  );
}
