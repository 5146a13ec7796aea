/** Numbers a statistic reads: a plain array or a typed array, never modified. */
export type Sample = readonly number[] | Float64Array;

/** Summary of one latency sample, in the sample's unit (milliseconds in this package). */
export interface LatencySummary {
  readonly count: number;
  readonly min: number;
  readonly mean: number;
  readonly p50: number;
  readonly p90: number;
  readonly p99: number;
  readonly max: number;
}

function sortedCopy(values: Sample): Float64Array {
  // Float64Array sorts numerically, and much faster than Array#sort with a comparator.
  return Float64Array.from(values).sort();
}

/**
 * The p-th percentile (0 to 100) of an ascending sample, interpolating linearly between the
 * closest ranks (the R-7 definition, NumPy's default). Throws on an empty sample or a p
 * outside 0..100.
 */
export function percentileOfSorted(sorted: Sample, p: number): number {
  if (sorted.length === 0) throw new RangeError('percentile of an empty sample');
  if (!(p >= 0 && p <= 100)) throw new RangeError(`percentile must be within 0..100, got ${p}`);
  const rank = (p / 100) * (sorted.length - 1);
  const lo = Math.floor(rank);
  const hi = Math.ceil(rank);
  const a = sorted[lo] as number;
  const b = sorted[hi] as number;
  return a + (b - a) * (rank - lo);
}

/** The p-th percentile (0 to 100) of a sample in any order; see {@link percentileOfSorted}. */
export function percentile(values: Sample, p: number): number {
  return percentileOfSorted(sortedCopy(values), p);
}

/** The median of a sample in any order: the middle value, or the mean of the two middle ones. */
export function median(values: Sample): number {
  return percentile(values, 50);
}

/** Count, extremes, mean and the 50th, 90th and 99th percentiles of a non-empty sample. */
export function summarize(values: Sample): LatencySummary {
  const sorted = sortedCopy(values);
  if (sorted.length === 0) throw new RangeError('summary of an empty sample');
  let sum = 0;
  for (const v of sorted) sum += v;
  return {
    count: sorted.length,
    min: sorted[0] as number,
    mean: sum / sorted.length,
    p50: percentileOfSorted(sorted, 50),
    p90: percentileOfSorted(sorted, 90),
    p99: percentileOfSorted(sorted, 99),
    max: sorted[sorted.length - 1] as number,
  };
}
