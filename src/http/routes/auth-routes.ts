import {
  Credentials,
  LoginResponse,
  LogoutResponse,
  MeResponse,
  type UserOut,
} from '../../protocol/http-auth.js';
import { errorResponses } from '../../protocol/http-common.js';
import { authenticate as checkCredentials, registerUser, type UserView } from '../../users/accounts.js';
import { createSession, findActiveSession } from '../../users/sessions.js';
import { unwrap } from '../api-error.js';
import type { AppContext, ZodApp } from '../app-context.js';
import { authenticate, sessionOf } from '../auth-guard.js';
import { clearSessionCookie, setSessionCookie } from '../session-cookie.js';

export function userOut(user: UserView): UserOut {
  return { id: user.id, username: user.username, role: user.role, createdAt: user.createdAt.toISOString() };
}

export function registerAuthRoutes(app: ZodApp, { config, database, sessions }: AppContext) {
  const rateLimitWindow = config.RATE_LIMIT_WINDOW_MS;
  /**
   * An admin registering accounts (the load-test bots do, with --admin-user) is not held to the
   * per-address limit on registrations, which is there against anonymous sign-up floods.
   */
  const byAdmin = async (request: { headers: { authorization?: string | undefined } }) => {
    const match = /^Bearer ([^\s]+)$/i.exec(request.headers.authorization?.trim() ?? '');
    if (!match?.[1]) return false;
    const found = await findActiveSession(database, match[1]);
    return found.ok && found.value.user.role === 'admin';
  };

  app.post(
    '/api/auth/register',
    {
      config: {
        rateLimit: { max: config.RATE_LIMIT_REGISTER_MAX, timeWindow: rateLimitWindow, allowList: byAdmin },
      },
      schema: {
        tags: ['auth'],
        summary:
          'Create a player account and log it in (RATE_LIMIT_REGISTER_MAX per address and window, unless sent with an admin bearer token)',
        body: Credentials,
        response: { 201: LoginResponse, ...errorResponses },
      },
    },
    async (request, reply) => {
      const user = unwrap(await registerUser(database, config, { ...request.body, role: 'player' }));
      const session = await createSession(database, user.id, config.SESSION_TTL_SECONDS);
      setSessionCookie(reply, config, session.token, session.expiresAt);
      return reply.code(201).send({
        user: userOut(user),
        session: { token: session.token, expiresAt: session.expiresAt.toISOString() },
      });
    },
  );

  app.post(
    '/api/auth/login',
    {
      config: { rateLimit: { max: config.RATE_LIMIT_LOGIN_MAX, timeWindow: rateLimitWindow } },
      schema: {
        tags: ['auth'],
        summary: 'Log in: returns a bearer token (and sets the session cookie)',
        body: Credentials,
        response: { 200: LoginResponse, ...errorResponses },
      },
    },
    async (request, reply) => {
      const user = unwrap(await checkCredentials(database, config, request.body));
      const session = await createSession(database, user.id, config.SESSION_TTL_SECONDS);
      setSessionCookie(reply, config, session.token, session.expiresAt);
      return {
        user: userOut(user),
        session: { token: session.token, expiresAt: session.expiresAt.toISOString() },
      };
    },
  );

  app.post(
    '/api/auth/logout',
    {
      preParsing: [authenticate(database, config.SESSION_COOKIE_NAME)],
      schema: {
        tags: ['auth'],
        summary: 'Revoke the current session (its open sockets are closed)',
        security: [{ bearer: [] }],
        response: { 200: LogoutResponse, ...errorResponses },
      },
    },
    async (request, reply) => {
      await sessions.logout(sessionOf(request).sessionId);
      clearSessionCookie(reply, config);
      return { loggedOut: true as const };
    },
  );

  app.get(
    '/api/me',
    {
      preParsing: [authenticate(database, config.SESSION_COOKIE_NAME)],
      schema: {
        tags: ['auth'],
        summary: 'The logged-in user',
        security: [{ bearer: [] }],
        response: { 200: MeResponse, ...errorResponses },
      },
    },
    async (request) => {
      const session = sessionOf(request);
      return { user: userOut(session.user), sessionExpiresAt: session.expiresAt.toISOString() };
    },
  );
}
