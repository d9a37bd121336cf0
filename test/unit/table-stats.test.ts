import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TableStats } from '../../src/tables/table-stats.js';

const HOUR_MS = 3_600_000;

describe('TableStats', () => {
  it('counts the hands of the last hour and their average pot, rounded down', () => {
    const stats = new TableStats();
    expect(stats.summarize(0)).toEqual({ handsPerHour: 0, averagePotUnits: 0 });
    stats.record(1_000, 10);
    stats.record(2_000, 15);
    expect(stats.summarize(2_000)).toEqual({ handsPerHour: 2, averagePotUnits: 12 });
    expect(stats.summarize(1_000 + HOUR_MS + 1)).toEqual({ handsPerHour: 1, averagePotUnits: 15 });
    expect(stats.summarize(2_000 + HOUR_MS + 1)).toEqual({ handsPerHour: 0, averagePotUnits: 0 });
    stats.record(2_000 + HOUR_MS + 5, 7);
    expect(stats.summarize(2_000 + HOUR_MS + 5)).toEqual({ handsPerHour: 1, averagePotUnits: 7 });
  });

  it('agrees with summing the hour again, whatever the order of records and summaries', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            stepMs: fc.integer({ min: 0, max: HOUR_MS / 3 }),
            pot: fc.integer({ min: 0, max: 10_000 }),
            summarize: fc.boolean(),
          }),
          { maxLength: 200 },
        ),
        (steps) => {
          const stats = new TableStats();
          const kept: { at: number; pot: number }[] = [];
          let now = 0;
          for (const step of steps) {
            now += step.stepMs;
            if (step.summarize) {
              const hour = kept.filter((hand) => hand.at >= now - HOUR_MS);
              const total = hour.reduce((sum, hand) => sum + hand.pot, 0);
              expect(stats.summarize(now)).toEqual({
                handsPerHour: hour.length,
                averagePotUnits: hour.length === 0 ? 0 : Math.floor(total / hour.length),
              });
            } else {
              stats.record(now, step.pot);
              kept.push({ at: now, pot: step.pot });
            }
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
