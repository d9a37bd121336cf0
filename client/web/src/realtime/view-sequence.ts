import type { TableView } from '../../../../src/protocol/table-view.js';

export type ViewDecision =
  /** Show it. `gap`: views were missed before it, so ask for a fresh one (table:sync). */
  | { readonly kind: 'apply'; readonly gap: boolean }
  /** Older than (or the same as) what is shown: an ack and a broadcast raced, or another table. */
  | { readonly kind: 'ignore' };

/**
 * What to do with a view that arrived, given the one on screen. Views are whole, so the newest one
 * is always right to show; a gap in `seq` still means that something happened unseen (the
 * protocol asks for table:sync then, which also proves the connection is in order).
 */
export function decideView(current: TableView | null, incoming: TableView, tableId: string): ViewDecision {
  if (incoming.tableId !== tableId) return { kind: 'ignore' };
  if (current === null) return { kind: 'apply', gap: false };
  if (incoming.seq <= current.seq) return { kind: 'ignore' };
  return { kind: 'apply', gap: incoming.seq > current.seq + 1 };
}
