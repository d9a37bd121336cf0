import { describe, expect, it } from 'vitest';
import { CpuBudget } from '../../src/realtime/cpu-budget.js';

describe('CPU budget', () => {
  it('lets work start while credit is left, and pays it back at its share of wall time', () => {
    let now = 0;
    const budget = new CpuBudget(0.25, 100, () => now);
    expect(budget.mayStart()).toBe(true);
    budget.spent(150); // more than the burst: 50 ms in debt
    expect(budget.mayStart()).toBe(false);
    now += 199; // 49.75 ms paid back: still in debt
    expect(budget.mayStart()).toBe(false);
    now += 2; // 50.25 ms: credit again
    expect(budget.mayStart()).toBe(true);
  });

  it('never holds more than its burst, however long it waited', () => {
    let now = 0;
    const budget = new CpuBudget(1, 100, () => now);
    now += 1_000_000;
    budget.spent(100);
    expect(budget.mayStart()).toBe(false);
  });

  it('refuses a share or a burst out of range', () => {
    expect(() => new CpuBudget(0, 100)).toThrow(/share/);
    expect(() => new CpuBudget(1.5, 100)).toThrow(/share/);
    expect(() => new CpuBudget(0.5, 0)).toThrow(/burst/);
  });
});
