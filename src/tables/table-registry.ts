import type { LobbyTable } from '../protocol/lobby.js';
import type { TableActor } from './table-actor.js';

/** The live tables of this process, by id. */
export class TableRegistry {
  private readonly tables = new Map<string, TableActor>();

  add(actor: TableActor): void {
    if (this.tables.has(actor.tableId)) throw new Error(`table ${actor.tableId} is already live`);
    this.tables.set(actor.tableId, actor);
  }

  get(tableId: string): TableActor | undefined {
    return this.tables.get(tableId);
  }

  remove(tableId: string): void {
    this.tables.delete(tableId);
  }

  get size(): number {
    return this.tables.size;
  }

  all(): TableActor[] {
    return [...this.tables.values()];
  }

  /** The cash tables' lobby lines (a tournament's tables are found through the tournament). */
  summaries(): LobbyTable[] {
    return this.all()
      .filter((actor) => !actor.isTournamentTable)
      .map((actor) => actor.summary())
      .sort((a, b) => a.name.localeCompare(b.name) || a.tableId.localeCompare(b.tableId));
  }

  /** Graceful stop of every table at once: each finishes or voids its hand. */
  async closeAll(): Promise<void> {
    await Promise.allSettled(this.all().map((actor) => actor.close()));
    this.tables.clear();
  }
}
