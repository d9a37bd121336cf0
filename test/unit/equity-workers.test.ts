import { readdirSync, readFileSync } from 'node:fs';
import { getPriority } from 'node:os';
import { afterAll, describe, expect, it } from 'vitest';
import { parseCards } from '../../src/engine/cards.js';
import { computeEquity, type EquityInput } from '../../src/engine/equity.js';
import { startEquityWorkers } from '../../src/realtime/equity-workers.js';
import { EquityDeclined } from '../../src/tables/table-ports.js';

/** The worker thread the server computes all-in equity in, started as the server starts it. */
const workers = startEquityWorkers({ pendingMax: 2, timeoutMs: 30_000, cpuShare: 1, cpuBurstMs: 60_000 });

afterAll(async () => {
  await workers.close();
});

const cards = (text: string) => parseCards(text)!;

describe('equity worker thread', () => {
  it('computes in the thread exactly what the engine computes, for both games', async () => {
    const spots: EquityInput[] = [
      { game: 'PO', players: [cards('AsAdKsKd'), cards('7h8h9cTc')], board: cards('2c3d4h') },
      { game: 'NT', players: [cards('AhKh'), cards('QsQd'), cards('7c6c')], board: cards('Qh8h2c') },
    ];
    for (const input of spots) expect(await workers.calculate(input)).toEqual(computeEquity(input));
  });

  it('answers a malformed request with an error and keeps working', async () => {
    const bad = { game: 'PO', players: [cards('AsAd')], board: [] } as EquityInput;
    await expect(workers.calculate(bad)).rejects.toThrow(/equity/);
    const input: EquityInput = {
      game: 'NT',
      players: [cards('AhKh'), cards('2c2d')],
      board: cards('3h4h5h6c'),
    };
    expect((await workers.calculate(input)).runouts).toBe(44);
  });

  it('runs at the lowest scheduling priority, leaving the calling thread at its own', async () => {
    const ownPriority = getPriority();
    await workers.calculate({
      game: 'NT',
      players: [cards('AhKh'), cards('2c2d')],
      board: cards('3h4h5h6c'),
    });
    // Linux: field 19 of a thread's stat is its nice value (after the command, which may hold spaces).
    const niceOf = (tid: string) =>
      Number(readFileSync(`/proc/self/task/${tid}/stat`, 'utf8').split(') ')[1]!.split(' ')[16]);
    const niceValues = readdirSync('/proc/self/task').map(niceOf);
    expect(niceValues).toContain(19);
    expect(getPriority()).toBe(ownPriority);
    expect(ownPriority).not.toBe(19);
  });

  it('refuses requests beyond its queue bound instead of growing', async () => {
    const slow: EquityInput = { game: 'NT', players: [cards('AhKh'), cards('2c2d')], board: [] };
    const queued = [workers.calculate(slow), workers.calculate(slow)];
    await expect(workers.calculate(slow)).rejects.toThrow('equity workers are busy');
    await Promise.all(queued);
  });

  it('refuses work once it has used its CPU share, and takes it again as the share builds up', async () => {
    // A tenth of a core, a burst of 1 ms: one exact preflop enumeration (tens of ms) spends it all.
    const frugal = startEquityWorkers({ pendingMax: 4, timeoutMs: 30_000, cpuShare: 0.1, cpuBurstMs: 1 });
    try {
      const preflop: EquityInput = { game: 'NT', players: [cards('AhKh'), cards('2c2d')], board: [] };
      const started = performance.now();
      const first = await frugal.calculate(preflop);
      const tookMs = performance.now() - started;
      expect(first.runouts).toBe(1_712_304);
      await expect(frugal.calculate(preflop)).rejects.toBeInstanceOf(EquityDeclined);
      // Paid back at a tenth of real time: after ten times what it took (plus slack), it works again.
      await new Promise((resolve) => setTimeout(resolve, tookMs * 10 + 50));
      expect((await frugal.calculate(preflop)).runouts).toBe(1_712_304);
    } finally {
      await frugal.close();
    }
  });
});
