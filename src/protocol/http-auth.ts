import { z } from 'zod';
import { nameText, opaqueText, Timestamp, Uuid } from './http-common.js';
import { ROLES } from './roles.js';

/** Accounts and sessions: /api/auth/register, /api/auth/login, /api/auth/logout, /api/me. */

/**
 * Loose bounds only: the rules with their configured limits (username characters and length,
 * password length) are checked by src/users and answered with auth/invalid-username and
 * auth/invalid-password. These bounds just keep absurd inputs out before any work is done.
 */
export const Credentials = z
  .strictObject({
    username: nameText(64),
    password: opaqueText(1024).min(1),
  })
  .meta({ id: 'Credentials' });

export const UserOut = z
  .object({
    id: Uuid,
    username: z.string(),
    role: z.enum(ROLES),
    createdAt: Timestamp,
  })
  .meta({ id: 'User' });
export type UserOut = z.infer<typeof UserOut>;

export const SessionOut = z
  .object({
    token: z.string().describe('send as "Authorization: Bearer <token>"; also set as an HttpOnly cookie'),
    expiresAt: Timestamp,
  })
  .meta({ id: 'Session' });

export const LoginResponse = z.object({ user: UserOut, session: SessionOut });
export type LoginResponse = z.infer<typeof LoginResponse>;
export const MeResponse = z.object({ user: UserOut, sessionExpiresAt: Timestamp });
export type MeResponse = z.infer<typeof MeResponse>;
export const LogoutResponse = z.object({ loggedOut: z.literal(true) });
export type LogoutResponse = z.infer<typeof LogoutResponse>;
