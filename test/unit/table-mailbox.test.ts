import { describe, expect, it } from 'vitest';
import { Mailbox } from '../../src/tables/mailbox.js';

describe('Mailbox', () => {
  it('runs jobs one at a time, in order', async () => {
    const mailbox = new Mailbox(10);
    const log: string[] = [];
    const job = (name: string, ms: number) => async () => {
      log.push(`start ${name}`);
      await new Promise((resolve) => setTimeout(resolve, ms));
      log.push(`end ${name}`);
      return name;
    };
    const results = await Promise.all([
      mailbox.offer(job('a', 5)),
      mailbox.offer(job('b', 1)),
      mailbox.offer(job('c', 0)),
    ]);
    expect(results).toEqual(['a', 'b', 'c']);
    expect(log).toEqual(['start a', 'end a', 'start b', 'end b', 'start c', 'end c']);
  });

  it('refuses external jobs beyond its capacity, never internal ones', async () => {
    const mailbox = new Mailbox(2);
    let release = () => {};
    const blocker = mailbox.offer(() => new Promise<void>((resolve) => (release = resolve)));
    expect(blocker).not.toBeNull();
    expect(mailbox.offer(async () => 1)).not.toBeNull();
    expect(mailbox.offer(async () => 2)).not.toBeNull();
    expect(mailbox.depth).toBe(2);
    expect(mailbox.offer(async () => 3)).toBeNull();
    expect(mailbox.offer(async () => 4, { internal: true })).not.toBeNull();
    release();
    await mailbox.idle();
    expect(mailbox.depth).toBe(0);
  });

  it('keeps going after a failing job, which rejects to its own caller', async () => {
    const mailbox = new Mailbox(5);
    const failing = mailbox.offer(async () => {
      throw new Error('nope');
    });
    const next = mailbox.offer(async () => 'ok');
    await expect(failing).rejects.toThrow('nope');
    await expect(next).resolves.toBe('ok');
  });
});
