import { Role as DbRole } from '../ledger/generated/prisma/enums.js';

/**
 * Roles as the application and the wire name them. Separation of duties: a cashier moves money
 * between the outside world and wallets, an admin manages tables; neither role includes the other.
 */
export const ROLES = ['player', 'cashier', 'admin'] as const;
export type Role = (typeof ROLES)[number];

const toDb: Record<Role, DbRole> = { player: DbRole.PLAYER, cashier: DbRole.CASHIER, admin: DbRole.ADMIN };
const fromDb: Record<DbRole, Role> = { PLAYER: 'player', CASHIER: 'cashier', ADMIN: 'admin' };

export function roleToDb(role: Role): DbRole {
  return toDb[role];
}

export function roleFromDb(role: DbRole): Role {
  return fromDb[role];
}
