/**
 * A model output that is either one number (every input a single value) or a distribution from a
 * seeded Monte Carlo (some input a range), summarised by its 5th, 50th and 95th percentiles.
 */
export type Estimate<T extends number> =
  | { readonly kind: 'exact'; readonly value: T }
  | {
      readonly kind: 'monte-carlo';
      readonly p5: T;
      readonly p50: T;
      readonly p95: T;
      /** Number of samples drawn. */
      readonly samples: number;
      /** The seed that reproduces them. */
      readonly seed: number;
    };

/**
 * The p-th percentile (0 ≤ p ≤ 1) of values sorted ascending, interpolating linearly between ranks
 * (the usual "type 7" definition). `sorted` must be non-empty.
 */
export function percentileOfSorted(sorted: Float64Array, p: number): number {
  const rank = (sorted.length - 1) * p;
  const below = Math.floor(rank);
  const above = Math.min(below + 1, sorted.length - 1);
  const lower = sorted[below]!;
  return lower + (sorted[above]! - lower) * (rank - below);
}

/** The central value of an estimate: the exact value, or the median of a Monte Carlo. */
export function centralValue<T extends number>(estimate: Estimate<T>): T {
  return estimate.kind === 'exact' ? estimate.value : estimate.p50;
}
