import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

/**
 * The browser client. It imports src/protocol and src/money straight from the server's sources, so
 * both sides share one definition of every message and amount. `npm run dev:web` proxies the API
 * and Socket.IO to a server on BACKEND_URL (default http://127.0.0.1:3000).
 */
const webDir = fileURLToPath(new URL('.', import.meta.url));
const projectDir = fileURLToPath(new URL('../..', import.meta.url));
const backend = process.env.BACKEND_URL ?? 'http://127.0.0.1:3000';

export default defineConfig({
  root: webDir,
  base: '/',
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
    chunkSizeWarningLimit: 600,
  },
  server: {
    fs: { allow: [projectDir] },
    proxy: {
      '/api': backend,
      '/health': backend,
      '/socket.io': { target: backend, ws: true },
    },
  },
});
