import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { PrismaPg } from '@prisma/adapter-pg';
import {
  bindMigrationAwareSqlAdapterFactory,
  DriverAdapterError,
  type SqlDriverAdapter,
  type SqlMigrationAwareDriverAdapterFactory,
} from '@prisma/driver-adapter-utils';
import type { SchemaEngine } from '@prisma/schema-engine-wasm';
import pg from 'pg';

/**
 * Prisma's schema engine, compiled to WebAssembly. The CLI's native engine binary cannot be
 * downloaded on these machines, but the same engine ships in @prisma/schema-engine-wasm; given a pg
 * driver adapter it diffs schemas and applies migration folders into `_prisma_migrations`, exactly
 * as `prisma migrate deploy` does. The package's entry point imports a `.wasm` file as an ES module,
 * which Node cannot do, so we instantiate the module ourselves with the package's JS glue.
 */

type Glue = typeof import('@prisma/schema-engine-wasm/schema_engine_bg') & {
  __wbg_set_wasm(exports: WasmExports): void;
};

type WasmExports = Record<string, unknown>;
/** The slice of the WebAssembly global we use (this project compiles without the DOM typings). */
interface WebAssemblyApi {
  instantiate(bytes: Uint8Array, imports: object): Promise<{ instance: { exports: WasmExports } }>;
}
const webAssembly = (globalThis as unknown as { WebAssembly: WebAssemblyApi }).WebAssembly;

let gluePromise: Promise<Glue> | undefined;

async function loadGlue(): Promise<Glue> {
  const require = createRequire(import.meta.url);
  const gluePath = require.resolve('@prisma/schema-engine-wasm/schema_engine_bg');
  const glue = (await import(pathToFileURL(gluePath).href)) as Glue;
  const bytes = await readFile(path.join(path.dirname(gluePath), 'schema_engine_bg.wasm'));
  const { instance } = await webAssembly.instantiate(bytes, { './schema_engine_bg.js': glue });
  glue.__wbg_set_wasm(instance.exports);
  (instance.exports.__wbindgen_start as () => void)();
  return glue;
}

/**
 * PrismaPg's adapter runs a migration script by splitting it on every ";", which cuts PL/pgSQL
 * function bodies (and any string holding a semicolon) in pieces. PostgreSQL runs a whole
 * multi-statement script itself through the simple query protocol, atomically, as the native
 * schema engine does; so the adapters handed to the engine send the script in one piece.
 */
function withWholeScripts(factory: PrismaPg): SqlMigrationAwareDriverAdapterFactory {
  const patch = (adapter: SqlDriverAdapter & { underlyingDriver(): pg.Pool }): SqlDriverAdapter => {
    adapter.executeScript = async (script: string) => {
      try {
        await adapter.underlyingDriver().query(script);
      } catch (error) {
        throw new DriverAdapterError(convertScriptError(error));
      }
    };
    return adapter;
  };
  return {
    provider: factory.provider,
    adapterName: factory.adapterName,
    connect: async () => patch(await factory.connect()),
    connectToShadowDb: async () => patch(await factory.connectToShadowDb()),
  };
}

/** Presents a failed script to the engine as a database error carrying PostgreSQL's own message. */
function convertScriptError(error: unknown): ConstructorParameters<typeof DriverAdapterError>[0] {
  const pgError = error as { code?: string; message?: string; severity?: string };
  return {
    kind: 'postgres',
    code: pgError.code ?? 'N/A',
    severity: pgError.severity ?? 'ERROR',
    message: pgError.message ?? String(error),
    detail: undefined,
    column: undefined,
    hint: undefined,
  };
}

export interface SchemaEngineHandle {
  readonly engine: SchemaEngine;
  close(): Promise<void>;
}

/** Opens a schema engine connected to `databaseUrl` (the engine logs go to `log` when given). */
export async function openSchemaEngine(
  databaseUrl: string,
  log: (line: string) => void = () => {},
): Promise<SchemaEngineHandle> {
  gluePromise ??= loadGlue();
  const glue = await gluePromise;
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 2, connectionTimeoutMillis: 10_000 });
  const factory = new PrismaPg(pool);
  const adapter = bindMigrationAwareSqlAdapterFactory(withWholeScripts(factory));
  const engine = await glue.SchemaEngine.new({ datamodels: undefined }, log, adapter);
  return {
    engine,
    async close() {
      engine.free();
      await pool.end();
    },
  };
}
