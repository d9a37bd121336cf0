import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';

/** Where `npm run build:web` writes the browser client. */
export const DEFAULT_WEB_DIST_DIR = fileURLToPath(new URL('../../client/web/dist', import.meta.url));

/**
 * What the page may load: only this origin (scripts, styles, the API and the Socket.IO connection;
 * 'self' covers ws:/wss: to the same host), nothing inline, and no framing by other sites.
 */
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

export interface StaticClientOptions {
  readonly distDir?: string;
}

export interface StaticClientResult {
  /** False when the client is not built: `/` then says how to build it. */
  readonly served: boolean;
  readonly distDir: string;
}

/**
 * Serves the built browser client at `/` (index.html and its hashed assets). API routes keep
 * priority, and unknown paths still get the API's JSON 404. Without a build the server still
 * starts; `/` then answers 503 with the command that builds the client.
 *
 * Wiring: `await registerStaticClient(app)` after buildApp, before listen.
 */
export async function registerStaticClient(
  app: FastifyInstance,
  options: StaticClientOptions = {},
): Promise<StaticClientResult> {
  const distDir = options.distDir ?? DEFAULT_WEB_DIST_DIR;
  if (!existsSync(join(distDir, 'index.html'))) {
    app.get('/', { schema: { hide: true } }, async (_request, reply) =>
      reply
        .code(503)
        .type('text/plain; charset=utf-8')
        .header('cache-control', 'no-store')
        .send(
          'The web client is not built. Run "npm run build:web" (or "npm start", which builds it), then reload.\n',
        ),
    );
    return { served: false, distDir };
  }
  await app.register(fastifyStatic, {
    root: distDir,
    prefix: '/',
    index: 'index.html',
    // Cache headers are set below, per file.
    cacheControl: false,
    setHeaders(reply, path) {
      if (path.endsWith('.html')) {
        // The page names the current assets: always revalidate it.
        reply.header('cache-control', 'no-cache');
        reply.header('content-security-policy', CONTENT_SECURITY_POLICY);
        reply.header('referrer-policy', 'no-referrer');
      } else if (path.includes('/assets/')) {
        // Hashed names: a file never changes under the same name.
        reply.header('cache-control', 'public, max-age=31536000, immutable');
      } else {
        reply.header('cache-control', 'public, max-age=3600');
      }
    },
  });
  return { served: true, distDir };
}
