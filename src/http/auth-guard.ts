import type { FastifyRequest } from 'fastify';
import type { Database } from '../db/database.js';
import type { Role } from '../users/roles.js';
import { type ActiveSession, findActiveSession } from '../users/sessions.js';
import { ApiError, unwrap } from './api-error.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** The logged-in session, set by `authenticate` on routes that require one. */
    auth: ActiveSession | null;
  }
}

/** A preParsing hook that only checks (it leaves the payload alone, so it resolves to nothing). */
export type GuardHook = (request: FastifyRequest) => Promise<void>;

/**
 * The session token of a request: the `Authorization: Bearer` header, or else the session cookie
 * set at login (for browsers; it is HttpOnly and SameSite=Strict, and every state-changing route
 * takes a JSON body, which a cross-site form cannot send, so the cookie is not a CSRF opening).
 */
export function readToken(request: FastifyRequest, cookieName: string): string | undefined {
  const header = request.headers.authorization;
  if (header !== undefined) {
    const match = /^Bearer ([^\s]+)$/i.exec(header.trim());
    if (!match?.[1])
      throw new ApiError('auth/unauthenticated', 'the Authorization header must be "Bearer <token>"');
    return match[1];
  }
  return request.cookies?.[cookieName];
}

/**
 * A hook that lets a route run only for a valid, unexpired, unrevoked session. Routes attach it as
 * a preParsing hook: after the rate limiter (an onRequest hook), so a flood of made-up tokens is
 * throttled before it reaches the database, and before the body is read, so an anonymous client
 * cannot make us parse anything.
 */
export function authenticate(database: Database, cookieName: string): GuardHook {
  return async (request: FastifyRequest) => {
    const token = readToken(request, cookieName);
    if (token === undefined) throw new ApiError('auth/unauthenticated', 'log in first');
    request.auth = unwrap(await findActiveSession(database, token));
  };
}

/** A hook after `authenticate`: only the listed roles may pass. */
export function requireRole(...roles: Role[]): GuardHook {
  return async (request: FastifyRequest) => {
    const role = request.auth?.user.role;
    if (role === undefined) throw new ApiError('auth/unauthenticated', 'log in first');
    if (!roles.includes(role))
      throw new ApiError('auth/forbidden', `this needs the ${roles.join(' or ')} role`);
  };
}

/** The session of a request that passed `authenticate` (a bug otherwise, hence a throw). */
export function sessionOf(request: FastifyRequest): ActiveSession {
  if (!request.auth) throw new Error('route is missing the authenticate hook');
  return request.auth;
}
