/**
 * Roles as the application and the wire name them. Separation of duties: a cashier moves money
 * between the outside world and wallets, an admin manages tables; neither role includes the other.
 */
export const ROLES = ['player', 'cashier', 'admin'] as const;
export type Role = (typeof ROLES)[number];
