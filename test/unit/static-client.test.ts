import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { registerStaticClient } from '../../src/http/static-client.js';

/** Serving the built browser client next to the API, and starting without one. */

const apps: FastifyInstance[] = [];
const dirs: string[] = [];

afterEach(async () => {
  for (const app of apps.splice(0)) await app.close();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

async function appWith(distDir: string) {
  const app = Fastify({ logger: false });
  apps.push(app);
  app.setNotFoundHandler((request, reply) =>
    reply.code(404).send({ error: { code: 'request/not-found', message: `no route ${request.url}` } }),
  );
  app.get('/api/ping', async () => ({ pong: true }));
  const result = await registerStaticClient(app, { distDir });
  await app.ready();
  return { app, result };
}

function builtClient(): string {
  const dir = mkdtempSync(join(tmpdir(), 'web-dist-'));
  dirs.push(dir);
  mkdirSync(join(dir, 'assets'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>client</title>');
  writeFileSync(join(dir, 'assets', 'index-abc123.js'), 'console.log(1);');
  return dir;
}

describe('the static client', () => {
  it('serves index.html at / with a strict content security policy and no caching', async () => {
    const { app, result } = await appWith(builtClient());
    expect(result.served).toBe(true);
    const page = await app.inject({ method: 'GET', url: '/' });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toContain('text/html');
    expect(page.body).toContain('<title>client</title>');
    expect(page.headers['cache-control']).toBe('no-cache');
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    expect(page.headers['content-security-policy']).toContain("frame-ancestors 'none'");
  });

  it('serves hashed assets as immutable, and leaves the API and its 404s alone', async () => {
    const { app } = await appWith(builtClient());
    const asset = await app.inject({ method: 'GET', url: '/assets/index-abc123.js' });
    expect(asset.statusCode).toBe(200);
    expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect((await app.inject({ method: 'GET', url: '/api/ping' })).json()).toEqual({ pong: true });
    const missing = await app.inject({ method: 'GET', url: '/api/nothing-here' });
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error.code).toBe('request/not-found');
    expect((await app.inject({ method: 'GET', url: '/assets/missing.js' })).statusCode).toBe(404);
    expect((await app.inject({ method: 'GET', url: '/../package.json' })).statusCode).toBe(404);
  });

  it('starts without a build and says at / how to make one', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'web-empty-'));
    dirs.push(empty);
    const { app, result } = await appWith(empty);
    expect(result.served).toBe(false);
    const page = await app.inject({ method: 'GET', url: '/' });
    expect(page.statusCode).toBe(503);
    expect(page.body).toContain('npm run build:web');
    expect((await app.inject({ method: 'GET', url: '/api/ping' })).statusCode).toBe(200);
  });
});
