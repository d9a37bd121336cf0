import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPool, databaseOptionsOf } from '../../src/db/database.js';
import { createEmptyDatabase, databaseUrl, dropDatabase, TEST_CONFIG } from '../support/database.js';

/**
 * The ledger's connection pool under a backend that ends while a connection is checked out: the
 * process must not see an uncaught error, the connection must fail its next query, and the pool
 * must carry on with a new one.
 */

let name: string;
let pool: pg.Pool;
let operator: pg.Client;

beforeAll(async () => {
  name = await createEmptyDatabase('ledger_pool');
  pool = createPool({
    ...databaseOptionsOf(TEST_CONFIG, databaseUrl(name), 'ledger-pool-test'),
    poolSizeMax: 2,
  });
  operator = new pg.Client({ connectionString: databaseUrl(name) });
  await operator.connect();
});

afterAll(async () => {
  await operator?.end();
  await pool?.end();
  if (name) await dropDatabase(name);
});

describe('the ledger pool', () => {
  it('survives the backend of a checked-out connection being terminated between queries', async () => {
    const client = await pool.connect();
    const { rows } = await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
    const pid = rows[0]!.pid;
    // Nobody but the pool's own listener hears this client now: an unheard 'error' throws.
    expect(() => client.emit('error', new Error('a stand-in for a connection error'))).not.toThrow();

    const errors: unknown[] = [];
    const onUncaught = (error: unknown) => errors.push(error);
    process.on('uncaughtException', onUncaught);
    try {
      const terminated = await operator.query<{ done: boolean }>('SELECT pg_terminate_backend($1) AS done', [
        pid,
      ]);
      expect(terminated.rows[0]!.done).toBe(true);
      // Let the FATAL message and the socket's end arrive while the client is still checked out.
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(errors).toEqual([]);
      await expect(client.query('SELECT 1')).rejects.toThrow();
    } finally {
      process.off('uncaughtException', onUncaught);
      client.release(true);
    }
    const after = await pool.query<{ one: number }>('SELECT 1 AS one');
    expect(after.rows[0]!.one).toBe(1);
  });
});
