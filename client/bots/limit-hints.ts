/**
 * What to change when the server refuses the load: each refusal a run can meet at set-up, named
 * with the server setting (src/config.ts) that decides it. A bot run against a server started with
 * its defaults fails with one of these, not with a bare 429.
 */

/** The setting behind a 429 on this path. */
export function httpLimitHint(path: string): string {
  if (path.startsWith('/api/auth/register'))
    return 'registrations per address are limited by RATE_LIMIT_REGISTER_MAX (per RATE_LIMIT_WINDOW_MS): give the bots an admin account (--admin-user), whose registrations are not limited, or raise it';
  if (path.startsWith('/api/auth/login'))
    return 'logins per address are limited by RATE_LIMIT_LOGIN_MAX (per RATE_LIMIT_WINDOW_MS): raise it';
  if (path.startsWith('/api/cashier/'))
    return "the cashier's deposits are limited by RATE_LIMIT_MONEY_MAX per RATE_LIMIT_WINDOW_MS (one per bot): start the server with RATE_LIMIT_MONEY_MAX above the number of bots";
  return 'requests per address are limited by RATE_LIMIT_GLOBAL_MAX per RATE_LIMIT_WINDOW_MS (a few per bot): raise it';
}

/** The setting behind a refused socket handshake, by its code. */
export function socketLimitHint(code: string): string | null {
  if (code === 'realtime/too-many-connections')
    return 'open sockets per address are limited by SOCKET_CONNECTIONS_PER_IP_MAX (one per bot): raise it above the number of bots';
  if (code === 'realtime/rate-limited')
    return 'handshakes per address are limited by SOCKET_HANDSHAKE_BURST and SOCKET_HANDSHAKES_PER_SECOND: raise them, or lower --setup-concurrency';
  return null;
}
