import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SERVER_NODE_FLAGS } from '../../src/cli/server-node-flags.js';

describe('the server process flags', () => {
  it('are the ones `npm start` runs the server with', () => {
    const manifest = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'));
    const start: string = manifest.scripts.start;
    expect(start).toMatch(/src\/main\.ts$/);
    expect(SERVER_NODE_FLAGS.length).toBeGreaterThan(0);
    for (const flag of SERVER_NODE_FLAGS) expect(start.split(' ')).toContain(flag);
  });
});
