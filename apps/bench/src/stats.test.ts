import { describe, expect, it } from 'vitest';
import { median, percentile, percentileOfSorted, summarize } from './stats.js';

describe('percentile', () => {
  it('interpolates between closest ranks like NumPy', () => {
    const xs = [15, 20, 35, 40, 50];
    expect(percentile(xs, 0)).toBe(15);
    expect(percentile(xs, 100)).toBe(50);
    expect(percentile(xs, 50)).toBe(35);
    expect(percentile(xs, 40)).toBeCloseTo(29, 10);
    expect(percentile(xs, 90)).toBeCloseTo(46, 10);
  });

  it('does not depend on input order and leaves the input alone', () => {
    const xs = [9, 1, 5, 3, 7];
    expect(percentile(xs, 25)).toBe(3);
    expect(xs).toEqual([9, 1, 5, 3, 7]);
  });

  it('returns the value itself for a single sample', () => {
    expect(percentile([4.2], 99)).toBe(4.2);
  });

  it('reads typed arrays and sorts numerically, not as strings', () => {
    expect(percentile(Float64Array.from([10, 9, 100, 2]), 100)).toBe(100);
    expect(percentile([10, 9, 100, 2], 0)).toBe(2);
  });

  it('rejects an empty sample and an out-of-range p', () => {
    expect(() => percentile([], 50)).toThrow(RangeError);
    expect(() => percentileOfSorted([1, 2], 101)).toThrow(RangeError);
    expect(() => percentileOfSorted([1, 2], Number.NaN)).toThrow(RangeError);
  });

  it('finds p99 of 1..1000 near the top', () => {
    const xs = Array.from({ length: 1000 }, (_, i) => i + 1);
    expect(percentile(xs, 99)).toBeCloseTo(990.01, 10);
  });
});

describe('median', () => {
  it('takes the middle of an odd sample and the mean of the middle pair of an even one', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });
});

describe('summarize', () => {
  it('reports count, extremes, mean and percentiles', () => {
    const s = summarize([5, 1, 4, 2, 3]);
    expect(s).toEqual({
      count: 5,
      min: 1,
      mean: 3,
      p50: 3,
      p90: 4.6,
      p99: expect.closeTo(4.96, 10),
      max: 5,
    });
  });

  it('rejects an empty sample', () => {
    expect(() => summarize([])).toThrow(RangeError);
  });
});
