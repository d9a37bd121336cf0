import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * `npm start` runs this first (prestart): it builds the browser client when the build is missing
 * or older than its sources, so `npm install && npm start` serves the current client. Without Vite
 * (a production install without dev dependencies) it only warns: the server starts anyway and `/`
 * says how to build the client.
 */

const projectDir = fileURLToPath(new URL('../..', import.meta.url));
const builtPage = join(projectDir, 'client/web/dist/index.html');
const sources = [
  'client/web/src',
  'client/web/index.html',
  'client/web/vite.config.ts',
  'src/protocol',
  'src/money',
];
const viteBin = join(projectDir, 'node_modules/vite/bin/vite.js');

function newestChangeMs(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestChangeMs(join(path, entry)));
  return newest;
}

function isCurrent(): boolean {
  if (!existsSync(builtPage)) return false;
  const builtMs = statSync(builtPage).mtimeMs;
  return sources.every((source) => {
    const path = join(projectDir, source);
    return !existsSync(path) || newestChangeMs(path) <= builtMs;
  });
}

if (isCurrent()) {
  console.log('web client: build is current');
} else if (!existsSync(viteBin)) {
  console.warn(
    'web client: not built and Vite is not installed; install dev dependencies, then run "npm run build:web"',
  );
} else {
  console.log('web client: building (npm run build:web)…');
  const result = spawnSync(
    process.execPath,
    [viteBin, 'build', '--config', 'client/web/vite.config.ts', '--logLevel', 'warn'],
    {
      cwd: projectDir,
      stdio: 'inherit',
    },
  );
  if (result.status !== 0) {
    console.warn('web client: the build failed; the server starts without it');
  }
}
