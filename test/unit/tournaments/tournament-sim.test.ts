import { describe, expect, it } from 'vitest';
import { simulateTournament } from '../../../src/cli/tournament-simulation.js';
import { placesPaid } from '../../../src/tournaments/payout-table.js';

describe('tournament:sim', () => {
  it('plays a whole tournament through the director and the engine with every check passing', () => {
    const report = simulateTournament(
      { entrants: 300, seed: 42, structure: 'turbo', lateShare: 0.1 },
      () => 0,
    );
    expect(report.finished).toBe(true);
    expect(report.entrants).toBeGreaterThan(270);
    expect(report.tablesAtStart).toBe(Math.ceil((300 - 30) / 9));
    expect(report.hands).toBeGreaterThan(report.entrants);
    expect(report.chipChecks).toBe(report.hands);
    expect(report.chipCheckFailures).toBe(0);
    expect(report.invariantFailures).toBe(0);
    expect(report.maxTableSizeDiff).toBeLessThanOrEqual(1);
    expect(report.moves).toBeGreaterThan(0);
    expect(report.placesPaid).toBe(placesPaid(report.entrants));
    expect(report.prizePool).toBe(String(report.entrants * 10));
    expect(report.payoutsMatchPool).toBe(true);
  }, 60_000);

  it('is reproducible from its seed', () => {
    const run = () => simulateTournament({ entrants: 60, seed: 7, structure: 'deep', lateShare: 0 }, () => 0);
    expect(run()).toEqual(run());
  }, 60_000);
});
