import { execFile } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * The map of the code is enforced by dependency-cruiser (.dependency-cruiser.cjs, `npm run lint`).
 * These tests plant violations in a scratch tree and check that the real configuration refuses
 * each one by the rule that names it, and lets an allowed import through: a rule that never fires
 * would be a map nobody enforces.
 */

const ROOT = resolve(import.meta.dirname, '../..');
const run = promisify(execFile);

let scratch: string;

async function plant(files: Record<string, string>): Promise<void> {
  for (const [path, text] of Object.entries(files)) {
    await mkdir(dirname(join(scratch, path)), { recursive: true });
    await writeFile(join(scratch, path), text);
  }
}

/** The violations depcruise reports for the scratch tree, as "rule from -> to". */
async function violations(): Promise<string[]> {
  const { stdout } = await run(
    join(ROOT, 'node_modules/.bin/depcruise'),
    ['src', 'client', '--config', join(ROOT, '.dependency-cruiser.cjs'), '--output-type', 'json'],
    { cwd: scratch, maxBuffer: 16 * 1024 * 1024 },
  ).catch((error: { stdout?: string }) => ({ stdout: error.stdout ?? '' }));
  const result = JSON.parse(stdout) as {
    summary: { violations: { rule: { name: string }; from: string; to: string }[] };
  };
  return result.summary.violations.map(
    (violation) => `${violation.rule.name} ${violation.from} -> ${violation.to}`,
  );
}

beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'code-map-'));
  await copyFile(join(ROOT, 'tsconfig.json'), join(scratch, 'tsconfig.json'));
  await symlink(join(ROOT, 'node_modules'), join(scratch, 'node_modules'));
  await plant({
    // Allowed: the target of every planted import exists.
    'src/ledger/money-move.ts': 'export const moved = 1;\n',
    'src/cluster/lease.ts': 'export const lease = 1;\n',
    'src/tables/table-ports.ts': 'export const port = 1;\n',
    'src/tables/table-actor.ts': 'export const actor = 1;\n',
    'src/db/generated/prisma/client.ts': 'export const PrismaClient = 1;\n',
    'src/money/a.ts': "import { b } from './b.js';\nexport const a = b;\n",
    'src/money/b.ts': "import { a } from './a.js';\nexport const b = () => a;\n",
    // Violations, one per rule.
    'src/engine/upward.ts': "import { moved } from '../ledger/money-move.js';\nexport const x = moved;\n",
    'src/engine/io.ts': "import { readFileSync } from 'node:fs';\nexport const y = readFileSync;\n",
    'src/realtime/sideways.ts': "import { lease } from '../cluster/lease.js';\nexport const z = lease;\n",
    'src/http/prisma-leak.ts':
      "import { PrismaClient } from '../db/generated/prisma/client.js';\nexport const p = PrismaClient;\n",
    'src/ledger/table-internals.ts':
      "import { actor } from '../tables/table-actor.js';\nexport const q = actor;\n",
    'client/bots/engine-import.ts':
      "import { moved } from '../../src/ledger/money-move.js';\nexport const c = moved;\n",
    // Allowed by the map: the ledger implements the table's port; realtime runs the tables.
    'src/ledger/table-port.ts': "import { port } from '../tables/table-ports.js';\nexport const r = port;\n",
    'src/realtime/runs-tables.ts':
      "import { actor } from '../tables/table-actor.js';\nexport const s = actor;\n",
  });
});

afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
});

describe('the enforced map of the code', () => {
  it('refuses each planted violation by the rule that names it, and nothing allowed', async () => {
    const found = await violations();
    expect(found.sort()).toEqual(
      [
        'floor-engine src/engine/upward.ts -> src/ledger/money-move.ts',
        'engine-pure src/engine/io.ts -> fs',
        'floor-realtime src/realtime/sideways.ts -> src/cluster/lease.ts',
        'prisma-stays-in-db src/http/prisma-leak.ts -> src/db/generated/prisma/client.ts',
        'floor-ledger src/ledger/table-internals.ts -> src/tables/table-actor.ts',
        'client-protocol-and-money-only client/bots/engine-import.ts -> src/ledger/money-move.ts',
        'no-circular src/money/a.ts -> src/money/b.ts',
      ].sort(),
    );
  }, 60_000);
});
