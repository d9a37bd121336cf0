import { describe, expect, it } from 'vitest';
import { type NoticeSender, VoidedHandNotices } from '../../src/cluster/voided-hand-notices.js';

function recorder() {
  const sent: { tableId: string; userId: string; message: string }[] = [];
  const send: NoticeSender = (tableId, userId, notice) => {
    expect(notice.kind).toBe('hand-voided');
    expect(notice.tableId).toBe(tableId);
    sent.push({ tableId, userId, message: notice.message });
  };
  return { sent, send };
}

describe('the voided-hand notice after a takeover', () => {
  it('tells the watchers at once, then each user who connects within the window, once each', () => {
    let now = 1_000;
    const { sent, send } = recorder();
    const notices = new VoidedHandNotices(send, 30_000, () => now);
    notices.begin('t1', 7, ['ann', 'bob']);
    expect(sent.map((entry) => entry.userId)).toEqual(['ann', 'bob']);
    expect(sent[0]!.message).toContain('hand 7 was void');
    notices.connected('t1', 'bob');
    notices.connected('t1', 'cyd');
    now += 29_999;
    notices.connected('t1', 'dan');
    notices.connected('t1', 'cyd');
    expect(sent.map((entry) => entry.userId)).toEqual(['ann', 'bob', 'cyd', 'dan']);
    now += 1;
    notices.connected('t1', 'eve');
    expect(sent).toHaveLength(4);
  });

  it('tells nobody about a table without a voided hand, or once the table left this node', () => {
    const { sent, send } = recorder();
    const notices = new VoidedHandNotices(send, 30_000, () => 0);
    notices.connected('t1', 'ann');
    notices.begin('t2', 3, []);
    notices.end('t2');
    notices.connected('t2', 'ann');
    expect(sent).toEqual([]);
  });
});
