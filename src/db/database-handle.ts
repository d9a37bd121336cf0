/**
 * The database as the rest of the server holds it: an opaque handle. Only src/db/ can reach the
 * Prisma client behind it (prisma-access.ts); everyone else reads through db's query modules, which
 * return plain types, and moves money through the ledger. So no Prisma type leaves this folder.
 */
export interface Database {
  /** Resolves when the database answers a trivial query. */
  ping(): Promise<void>;
  /** Closes Prisma, then the pool. */
  close(): Promise<void>;
}
