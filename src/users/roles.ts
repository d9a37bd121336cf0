import type { UserRole as DbRole } from '../db/column-types.js';
import type { Role } from '../protocol/roles.js';

/** The roles themselves are part of the wire format (src/protocol/roles.ts); here, their database names. */
export { ROLES, type Role } from '../protocol/roles.js';

const toDb: Record<Role, DbRole> = { player: 'PLAYER', cashier: 'CASHIER', admin: 'ADMIN' };
const fromDb: Record<DbRole, Role> = { PLAYER: 'player', CASHIER: 'cashier', ADMIN: 'admin' };

export function roleToDb(role: Role): DbRole {
  return toDb[role];
}

export function roleFromDb(role: DbRole): Role {
  return fromDb[role];
}
