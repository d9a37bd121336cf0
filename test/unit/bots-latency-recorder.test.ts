import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { exactPercentile, LatencyRecorder } from '../../client/bots/latency-recorder.js';

const PERCENTILES = [1, 10, 50, 90, 95, 99, 99.9, 100];

describe('latency recorder', () => {
  it('is empty until something is recorded', () => {
    const recorder = new LatencyRecorder();
    expect(recorder.summary()).toEqual({ count: 0, p50: null, p95: null, p99: null, max: null, mean: null });
  });

  it('is exact for small values', () => {
    const recorder = new LatencyRecorder();
    for (let us = 1; us <= 200; us++) recorder.record(us / 1000);
    const sorted = Array.from({ length: 200 }, (_, i) => (i + 1) / 1000);
    for (const p of PERCENTILES) expect(recorder.percentile(p)).toBeCloseTo(exactPercentile(sorted, p)!, 6);
  });

  it('reports every value as the top of a bucket that holds it, within 1/128', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 36 - 1 }), (us) => {
        const recorder = new LatencyRecorder();
        recorder.record(us / 1000);
        recorder.record(2 ** 36 / 1000);
        const reported = Math.round(recorder.percentile(50)! * 1000);
        expect(reported).toBeGreaterThanOrEqual(us);
        expect(reported - us).toBeLessThanOrEqual(Math.max(1, us / 128));
      }),
      { numRuns: 300 },
    );
  });

  it('agrees with the exact sorted-array percentile within 1 %', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0, max: 60_000, noNaN: true }), { minLength: 1, maxLength: 2_000 }),
        (values) => {
          const recorder = new LatencyRecorder();
          for (const value of values) recorder.record(value);
          // The recorder keeps microseconds: compare with the values rounded the same way.
          const sorted = values.map((v) => Math.round(v * 1000) / 1000).sort((a, b) => a - b);
          for (const p of PERCENTILES) {
            const exact = exactPercentile(sorted, p)!;
            const approx = recorder.percentile(p)!;
            expect(approx).toBeGreaterThanOrEqual(exact - 1e-9);
            expect(approx - exact).toBeLessThanOrEqual(Math.max(0.001, exact / 100));
          }
          expect(recorder.maxMs).toBeCloseTo(sorted[sorted.length - 1]!, 6);
          expect(recorder.count).toBe(values.length);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('finds the tail of a skewed distribution', () => {
    const recorder = new LatencyRecorder();
    for (let i = 0; i < 9_900; i++) recorder.record(2);
    for (let i = 0; i < 100; i++) recorder.record(250);
    expect(recorder.percentile(50)).toBeCloseTo(2, 1);
    expect(recorder.percentile(99)).toBeCloseTo(2, 1);
    expect(recorder.percentile(99.5)).toBeGreaterThanOrEqual(250);
    expect(recorder.percentile(99.5)).toBeLessThanOrEqual(252);
    expect(recorder.maxMs).toBe(250);
    expect(recorder.meanMs).toBeCloseTo((9_900 * 2 + 100 * 250) / 10_000, 6);
  });

  it('keeps a fixed memory whatever the number of samples', () => {
    const recorder = new LatencyRecorder();
    for (let i = 0; i < 200_000; i++) recorder.record((i % 5_000) / 10);
    expect(recorder.toJSON().encoded.length).toBeLessThan(20_000);
    expect(recorder.count).toBe(200_000);
  });

  it('merges histograms exactly, also through JSON', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0, max: 5_000, noNaN: true }), { maxLength: 300 }),
        fc.array(fc.double({ min: 0, max: 5_000, noNaN: true }), { maxLength: 300 }),
        (a, b) => {
          const left = new LatencyRecorder();
          const right = new LatencyRecorder();
          const both = new LatencyRecorder();
          for (const v of a) {
            left.record(v);
            both.record(v);
          }
          for (const v of b) {
            right.record(v);
            both.record(v);
          }
          const merged = LatencyRecorder.fromJSON(JSON.parse(JSON.stringify(left.toJSON())));
          merged.merge(right);
          expect(merged.toJSON()).toEqual(both.toJSON());
          for (const p of PERCENTILES) expect(merged.percentile(p)).toBe(both.percentile(p));
        },
      ),
      { numRuns: 100 },
    );
  });

  it('ignores negative and NaN values, and caps absurd ones', () => {
    const recorder = new LatencyRecorder();
    recorder.record(-1);
    recorder.record(Number.NaN);
    expect(recorder.count).toBe(0);
    recorder.record(1e15);
    expect(recorder.count).toBe(1);
    expect(recorder.maxMs).toBeLessThan(2 ** 36 / 1000 + 1);
  });
});
