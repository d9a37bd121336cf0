import type { FastifyReply } from 'fastify';
import type { Config } from '../config.js';

type CookieSettings = Pick<Config, 'SESSION_COOKIE_NAME' | 'SESSION_COOKIE_SECURE'>;

/** The browser copy of the session token: HttpOnly (no script reads it), SameSite=Strict. */
export function setSessionCookie(
  reply: FastifyReply,
  settings: CookieSettings,
  token: string,
  expiresAt: Date,
) {
  reply.setCookie(settings.SESSION_COOKIE_NAME, token, {
    httpOnly: true,
    sameSite: 'strict',
    secure: settings.SESSION_COOKIE_SECURE,
    path: '/',
    expires: expiresAt,
  });
}

export function clearSessionCookie(reply: FastifyReply, settings: CookieSettings) {
  reply.clearCookie(settings.SESSION_COOKIE_NAME, {
    httpOnly: true,
    sameSite: 'strict',
    secure: settings.SESSION_COOKIE_SECURE,
    path: '/',
  });
}
