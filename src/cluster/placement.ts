import { createHash } from 'node:crypto';

/**
 * Where tables should run. Rendezvous hashing names each table's preferred node among the live
 * ones: every node computes the same answer alone, and when a node comes or goes only the tables
 * it prefers (or preferred) move. The fair share caps how many tables one node takes, so they
 * spread even where the hash is uneven.
 */

function score(nodeId: string, tableId: string): bigint {
  return createHash('sha256').update(nodeId).update('\u0000').update(tableId).digest().readBigUInt64BE(0);
}

/** The live node that should own the table (undefined when no node is live). */
export function preferredNode(tableId: string, nodeIds: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestScore = -1n;
  for (const nodeId of nodeIds) {
    const value = score(nodeId, tableId);
    if (value > bestScore || (value === bestScore && best !== undefined && nodeId < best)) {
      best = nodeId;
      bestScore = value;
    }
  }
  return best;
}

/** The most tables one node should own: the tables shared evenly, rounded up. */
export function fairShare(tableCount: number, nodeCount: number): number {
  return Math.ceil(tableCount / Math.max(1, nodeCount));
}
