/**
 * Histograms of exactly repeated values (Monte Carlo observables of lattice models take a
 * finite set of values, so counting each distinct value loses nothing).
 *
 * @module
 */

/** Distinct values in increasing order with the number of times each occurred. */
export interface ValueCounts {
  /** Distinct values, increasing. */
  values: Float64Array;
  /** counts[k] = number of samples equal to values[k] (an integer). */
  counts: Float64Array;
  /** Total number of samples, sum of counts. */
  samples: number;
}

/**
 * Counts every distinct value of a series (compared with ===, so -0 and 0 are one value; a NaN
 * sample makes the result undefined and throws a RangeError). O(n log k) for k distinct values.
 */
export function valueCounts(series: ArrayLike<number>): ValueCounts {
  const map = new Map<number, number>();
  for (let i = 0; i < series.length; i++) {
    const v = series[i];
    if (Number.isNaN(v)) throw new RangeError(`valueCounts: sample ${i} is NaN`);
    map.set(v, (map.get(v) ?? 0) + 1);
  }
  const values = Float64Array.from(map.keys()).sort();
  const counts = Float64Array.from(values, (v) => map.get(v)!);
  return { values, counts, samples: series.length };
}
