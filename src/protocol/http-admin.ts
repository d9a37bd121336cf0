import { z } from 'zod';
import { AmountOut, nameText, Timestamp, Uuid } from './http-common.js';
import { ROLES } from './roles.js';

/**
 * The operator's API (admin role only): users (/api/admin/users), a table's seats and halting it
 * (/api/admin/tables/{id}/...), and the house (/api/admin/house, /api/admin/audit). Opening and
 * closing tables are in http-tables.ts.
 */

export const UserSearchQuery = z.strictObject({
  /** Part of a username, any case; empty lists everyone (by name). */
  query: z
    .string()
    .max(64)
    .regex(/^[A-Za-z0-9_]*$/, 'letters, digits and underscores')
    .default(''),
  /** The last username of the previous page. */
  after: nameText(64).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type UserSearchQuery = z.input<typeof UserSearchQuery>;

export const USER_STATUSES = ['active', 'disabled'] as const;

export const AdminUser = z
  .object({
    id: Uuid,
    username: z.string(),
    role: z.enum(ROLES),
    status: z.enum(USER_STATUSES),
    balance: AmountOut,
    createdAt: Timestamp,
  })
  .meta({ id: 'AdminUser' });
export type AdminUser = z.infer<typeof AdminUser>;

export const UserListResponse = z.object({ users: z.array(AdminUser) });
export type UserListResponse = z.infer<typeof UserListResponse>;

export const UserParams = z.strictObject({ id: Uuid });

/** A change to one user: their role, or their status. Either ends every session of theirs. */
export const UserChangeBody = z
  .strictObject({
    role: z.enum(ROLES).optional(),
    status: z.enum(USER_STATUSES).optional(),
  })
  .refine((body) => body.role !== undefined || body.status !== undefined, 'change the role or the status')
  .meta({ id: 'UserChangeRequest' });
export type UserChangeBody = z.infer<typeof UserChangeBody>;

export const UserChangeResponse = z.object({
  user: AdminUser,
  /** Live sessions ended by the change (their sockets closed on every node). */
  sessionsEnded: z.number().int(),
});
export type UserChangeResponse = z.infer<typeof UserChangeResponse>;

export const ForceLogoutResponse = z.object({ sessionsEnded: z.number().int() });
export type ForceLogoutResponse = z.infer<typeof ForceLogoutResponse>;

export const SeatOut = z
  .object({
    seat: z.number().int(),
    userId: Uuid,
    username: z.string(),
    stack: AmountOut,
    status: z.string(),
  })
  .meta({ id: 'SeatListing' });
export type SeatOut = z.infer<typeof SeatOut>;

export const TableSeatsResponse = z.object({ seats: z.array(SeatOut) });
export type TableSeatsResponse = z.infer<typeof TableSeatsResponse>;

export const HaltTableBody = z
  .strictObject({ reason: nameText(200, { trim: true }).default('halted by an admin') })
  .meta({ id: 'HaltTableRequest' });
export type HaltTableBody = z.input<typeof HaltTableBody>;

export const HaltTableResponse = z.object({
  /** false: the table is not live (closed, or not loaded): nothing to halt. */
  halted: z.boolean(),
});
export type HaltTableResponse = z.infer<typeof HaltTableResponse>;

export const HouseQuery = z.strictObject({ days: z.coerce.number().int().min(1).max(366).default(30) });

export const HouseResponse = z
  .object({
    rakeByDay: z.array(z.object({ day: z.string(), rake: AmountOut, hands: z.number().int() })),
    rakeByTable: z.array(
      z.object({ tableId: Uuid, name: z.string(), rake: AmountOut, hands: z.number().int() }),
    ),
    /** Every kind of movement: DEPOSIT and WITHDRAWAL are the cashier's totals. */
    flows: z.array(z.object({ kind: z.string(), count: z.number().int(), total: AmountOut })),
  })
  .meta({ id: 'House' });
export type HouseResponse = z.infer<typeof HouseResponse>;

export const AuditResponse = z
  .object({
    ok: z.boolean(),
    accounts: z.number().int(),
    transfers: z.number().int(),
    totals: z.array(z.object({ kind: z.string(), accounts: z.number().int(), balance: z.string() })),
    sum: z.string(),
    discrepancies: z.array(z.object({ check: z.string(), message: z.string() })),
  })
  .meta({ id: 'AuditReport' });
export type AuditResponse = z.infer<typeof AuditResponse>;
