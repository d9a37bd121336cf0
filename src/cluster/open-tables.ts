import type { Database } from '../db/database.js';
import { isTableOpen, openTableIds } from '../db/queries/table-queries.js';

/**
 * The tables that should be running somewhere in the cluster: the OPEN tables of the database,
 * read again at every ownership scan. A table not seen yet (just created on another node) is
 * looked up in the database directly, so a player can join it before the next scan; so is a
 * tournament's table (not in the list: its director's node runs it, not the scan).
 */
export class OpenTables {
  private ids: string[] = [];
  private known = new Set<string>();

  constructor(private readonly database: Database) {}

  /** Reads the list again; answers it (in creation order). */
  async refresh(): Promise<readonly string[]> {
    this.ids = await openTableIds(this.database);
    this.known = new Set(this.ids);
    return this.ids;
  }

  list(): readonly string[] {
    return this.ids;
  }

  set(): ReadonlySet<string> {
    return this.known;
  }

  async isOpen(tableId: string): Promise<boolean> {
    if (this.known.has(tableId)) return true;
    if (!(await isTableOpen(this.database, tableId))) return false;
    this.known.add(tableId);
    return true;
  }

  forget(tableId: string): void {
    this.known.delete(tableId);
    this.ids = this.ids.filter((id) => id !== tableId);
  }
}
