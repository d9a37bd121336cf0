import type { IncomingHttpHeaders } from 'node:http';

/**
 * The address a socket's client connects from. Behind a reverse proxy that the operator trusts
 * (TRUST_PROXY, as for HTTP), every connection comes from the proxy, so the client is the first
 * address of X-Forwarded-For; otherwise the header is anyone's to write and is ignored.
 */
export function clientAddress(
  handshake: { readonly address: string; readonly headers: IncomingHttpHeaders },
  trustProxy: boolean,
): string {
  if (!trustProxy) return handshake.address;
  const forwarded = handshake.headers['x-forwarded-for'];
  const first = (Array.isArray(forwarded) ? forwarded[0] : forwarded)?.split(',')[0]?.trim();
  return first || handshake.address;
}
