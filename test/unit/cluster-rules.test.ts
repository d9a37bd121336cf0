import { describe, expect, it } from 'vitest';
import { ClusterPresence } from '../../src/cluster/cluster-presence.js';
import { HeldLeases } from '../../src/cluster/held-leases.js';
import { fairShare, preferredNode } from '../../src/cluster/placement.js';

describe('placement', () => {
  const nodes = ['n0-1-aa', 'n1-2-bb', 'n2-3-cc'];
  const tables = Array.from(
    { length: 300 },
    (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
  );

  it('names the same preferred node whatever the order of the nodes', () => {
    for (const tableId of tables.slice(0, 50))
      expect(preferredNode(tableId, nodes)).toBe(preferredNode(tableId, [...nodes].reverse()));
    expect(preferredNode(tables[0]!, [])).toBeUndefined();
  });

  it('spreads tables over the nodes, and moves only the tables of a node that leaves', () => {
    const counts = new Map<string, number>();
    for (const tableId of tables) {
      const node = preferredNode(tableId, nodes)!;
      counts.set(node, (counts.get(node) ?? 0) + 1);
    }
    for (const node of nodes) expect(counts.get(node)).toBeGreaterThan(60);
    for (const tableId of tables) {
      const before = preferredNode(tableId, nodes)!;
      const after = preferredNode(tableId, nodes.slice(0, 2))!;
      if (before !== nodes[2]) expect(after).toBe(before);
    }
  });

  it('shares tables evenly, rounding up', () => {
    expect(fairShare(4, 3)).toBe(2);
    expect(fairShare(6, 3)).toBe(2);
    expect(fairShare(0, 3)).toBe(0);
    expect(fairShare(5, 0)).toBe(5);
  });
});

describe('held leases', () => {
  it('fences money before the lease could expire, and publishing at its expiry', () => {
    let now = 1_000;
    const leases = new HeldLeases(3_000, 300, () => now);
    const lease = leases.hold('t1', now);
    expect(leases.mayMoveMoney(lease)).toBe(true);
    now = 3_750; // 50 ms inside the guard margin (the lease runs to 4 000)
    expect(leases.mayMoveMoney(lease)).toBe(false);
    expect(leases.mayPublish('t1')).toBe(true);
    expect(leases.expiring().map((held) => held.tableId)).toEqual(['t1']);
    leases.renewed('t1', 3_600);
    expect(leases.mayMoveMoney(lease)).toBe(true);
    expect(leases.expiring()).toEqual([]);
    now = 6_600;
    expect(leases.mayPublish('t1')).toBe(false);
  });

  it('forgets a lost lease, and an old lease never vouches for a new one of the same table', () => {
    let now = 0;
    const leases = new HeldLeases(3_000, 300, () => now);
    const first = leases.hold('t1', now);
    first.lost = true;
    expect(leases.mayPublish('t1')).toBe(false);
    expect(leases.mayMoveMoney(first)).toBe(false);
    leases.drop('t1');
    now = 10;
    const second = leases.hold('t1', now);
    expect(leases.mayMoveMoney(second)).toBe(true);
    expect(leases.mayMoveMoney(first)).toBe(false);
    second.stopping = true;
    expect(leases.mayMoveMoney(second)).toBe(false);
  });
});

describe('cluster presence', () => {
  it('keeps a user connected while any node reports a socket, and forgets nodes that left', () => {
    const presence = new ClusterPresence();
    expect(presence.report('t', 'u', 'a', true)).toEqual({ tableId: 't', userId: 'u', connected: true });
    expect(presence.report('t', 'u', 'b', true)).toBeNull();
    expect(presence.report('t', 'u', 'a', false)).toBeNull();
    expect(presence.report('t', 'v', 'c', true)).not.toBeNull();
    expect(presence.forgetNodesExcept(new Set(['c']))).toEqual([
      { tableId: 't', userId: 'u', connected: false },
    ]);
    expect(presence.report('t', 'v', 'c', false)).toEqual({ tableId: 't', userId: 'v', connected: false });
    expect(presence.report('t', 'v', 'c', false)).toBeNull();
    presence.report('t', 'w', 'c', true);
    presence.forgetTable('t');
    // Forgotten: the user's next socket counts as their first connection again.
    expect(presence.report('t', 'w', 'c', true)).toEqual({ tableId: 't', userId: 'w', connected: true });
  });
});
