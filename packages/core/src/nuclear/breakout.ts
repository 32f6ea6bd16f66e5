import type { Assumption } from './assumption.ts';
import { type CapacityInput, enrichmentCapacity } from './enrichment-capacity.ts';
import { type Estimate, percentileOfSorted } from './estimate.ts';
import { type FeedPlan, planFeeds, type UraniumStock } from './feed-plan.ts';
import { NuclearInputError } from './nuclear-input-error.ts';
import {
  type SignificantQuantity,
  type SignificantQuantityConvention,
  significantQuantity,
} from './significant-quantity.ts';
import {
  type Assay,
  assayFromPercent,
  assayToPercent,
  type KgU,
  type Months,
  monthsPerYear,
  type Swu,
  type SwuPerYear,
  months as toMonths,
} from './units.ts';

/**
 * The tails assay breakout estimates use unless told otherwise: 0.3 %, the convention of the standard
 * worked examples. No public figure for Iran's cascades is in the shipped data.
 */
export const defaultBreakoutTailsAssay: Assay = assayFromPercent(0.3);

/** The significant quantity breakout estimates produce unless told otherwise: the IAEA's (25 kg U-235). */
export const defaultSignificantQuantity: SignificantQuantityConvention = 'u235';

/** Cascade set-up time before production unless told otherwise, months. */
export const defaultSetUpMonths = 0;

/** Monte Carlo samples drawn when the caller gives a seed but no sample count. */
export const defaultMonteCarloSamples = 10_000;

/** A seeded Monte Carlo: needed whenever a machine capacity is a range. */
export interface MonteCarloOptions {
  /** Seed of the generator, an integer from 0 to 2^32 − 1: the same seed gives the same result. */
  readonly seed: number;
  /** Samples to draw, 1 to 10,000,000 (default 10,000). */
  readonly samples?: number;
}

/** What a breakout estimate starts from. */
export interface BreakoutInput {
  /** Enriched uranium on hand, kg U at each assay. */
  readonly stocks: readonly UraniumStock[];
  /** Enrichment capacity: operating machines by type, or a figure in SWU/yr. */
  readonly capacity: CapacityInput;
  /** Fixed tails assay (default 0.3 %). */
  readonly tailsAssay?: Assay;
  /** Which significant quantity to produce (default `u235`, the IAEA's). */
  readonly significantQuantity?: SignificantQuantityConvention;
  /** Time to reconfigure cascades before production starts (default 0 months). */
  readonly setUpTime?: Months;
  /** Natural uranium available (default `unlimited`). */
  readonly naturalUranium?: KgU | 'unlimited';
  /** Required when a capacity is a range: the seeded Monte Carlo that gives p5, p50 and p95. */
  readonly uncertainty?: MonteCarloOptions;
}

/** Time to one significant quantity of 90 % uranium, with everything it rests on. */
export interface BreakoutEstimate {
  /** The significant quantity produced, with its convention named. */
  readonly sq: SignificantQuantity;
  /** False when the stocks cannot make one SQ, or there is no capacity to enrich them. */
  readonly reachable: boolean;
  /** Why the SQ cannot be made, or null. */
  readonly unreachableReason: string | null;
  /** Separative work for one SQ (null when the material runs short). */
  readonly swu: Swu | null;
  /** Months to one SQ: SWU / capacity + set-up time (null when unreachable). */
  readonly months: Estimate<Months> | null;
  /** The capacity range used, SWU per year. */
  readonly capacity: { readonly low: SwuPerYear; readonly high: SwuPerYear };
  /** Which stocks make the SQ and how much of each. */
  readonly feedPlan: FeedPlan;
  /** Every assumption the figure rests on. */
  readonly assumptions: readonly Assumption[];
}

/**
 * Months to produce `swu` at `capacity` SWU per year after `setUp` months. Infinite when there is work
 * and no capacity. Allocation-free.
 */
export function breakoutMonths(swu: number, capacity: number, setUp: number): number {
  if (swu === 0) return setUp;
  return setUp + (swu / capacity) * monthsPerYear;
}

function monteCarloSamples(options: MonteCarloOptions): number {
  const samples = options.samples ?? defaultMonteCarloSamples;
  if (!Number.isInteger(samples) || samples < 1 || samples > 10_000_000) {
    throw new NuclearInputError(
      'uncertainty.samples',
      `${samples} is not accepted: expected a whole number of samples from 1 to 10000000`,
    );
  }
  return samples;
}

/**
 * Breakout time under the reference model: the time to produce one significant quantity of 90 %
 * uranium from the stocks on hand (natural uranium unlimited unless stated) with the given capacity.
 * Fixed tails; each kg of product from one feed; feeds chosen to minimise separative work (highest assay
 * first); time = SWU / capacity + set-up time. With a capacity range, a seeded Monte Carlo gives p5,
 * p50 and p95 (pass `uncertainty.seed`); with single values, one exact number. Throws a
 * `NuclearInputError` naming the input that is invalid, or `uncertainty` when a range needs a seed.
 */
export function breakoutTime(input: BreakoutInput): BreakoutEstimate {
  const tailsAssay = input.tailsAssay ?? defaultBreakoutTailsAssay;
  const sq = significantQuantity(input.significantQuantity ?? defaultSignificantQuantity);
  const setUp = toMonths(input.setUpTime ?? defaultSetUpMonths, 'setUpTime');
  const naturalUranium = input.naturalUranium ?? 'unlimited';
  const capacity = enrichmentCapacity(input.capacity);
  const feedPlan = planFeeds(input.stocks, {
    productKgU: sq.productKgU,
    productAssay: sq.productAssay,
    tailsAssay,
    naturalUranium,
  });

  const assumptions: Assumption[] = [
    ...referenceModelAssumptions({
      sq,
      tailsAssay,
      tailsGiven: input.tailsAssay !== undefined,
      naturalUranium,
      naturalGiven: input.naturalUranium !== undefined,
      setUp,
      setUpGiven: input.setUpTime !== undefined,
    }),
    ...capacity.assumptions,
  ];

  const base = { sq, capacity: { low: capacity.low, high: capacity.high }, feedPlan };
  if (feedPlan.shortfallKgU > 0) {
    return {
      ...base,
      reachable: false,
      unreachableReason: `the stocks make only ${round(feedPlan.productKgU)} of the ${round(sq.productKgU)} kg U at 90 % needed (${round(feedPlan.shortfallKgU)} kg short)`,
      swu: null,
      months: null,
      assumptions,
    };
  }
  const work = feedPlan.swu;
  if (work > 0 && capacity.high === 0) {
    return {
      ...base,
      reachable: false,
      unreachableReason: 'there is no enrichment capacity to do the separative work',
      swu: work,
      months: null,
      assumptions,
    };
  }
  if (!capacity.isRange || work === 0) {
    const value = breakoutMonths(work, capacity.low, setUp) as Months; // finite: work is 0 or capacity > 0
    return {
      ...base,
      reachable: true,
      unreachableReason: null,
      swu: work,
      months: { kind: 'exact', value },
      assumptions,
    };
  }
  if (input.uncertainty === undefined) {
    throw new NuclearInputError(
      'uncertainty',
      'a machine capacity is a range: pass uncertainty: { seed } for a seeded Monte Carlo (p5, p50, p95), or give single values (low = high)',
    );
  }
  const samples = monteCarloSamples(input.uncertainty);
  const seed = input.uncertainty.seed;
  if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) {
    throw new NuclearInputError(
      'uncertainty.seed',
      `${seed} is not accepted: expected an integer from 0 to 4294967295`,
    );
  }
  const draw = capacity.sampler(seed);
  const results = new Float64Array(samples);
  for (let i = 0; i < samples; i++) results[i] = breakoutMonths(work, draw(), setUp);
  results.sort();
  assumptions.push({
    name: 'Monte Carlo',
    value: samples,
    unit: 'samples',
    basis: `seed ${seed}; each machine type's capacity drawn uniformly within its range, one draw per type per sample (the uncertainty is in the type's performance, shared by all its machines), each type from its own stream so adding machines never lengthens a percentile`,
  });
  return {
    ...base,
    reachable: true,
    unreachableReason: null,
    swu: work,
    months: {
      kind: 'monte-carlo',
      // percentiles of finite samples: capacity.low > 0 since some type has a positive range and count
      p5: percentileOfSorted(results, 0.05) as Months,
      p50: percentileOfSorted(results, 0.5) as Months,
      p95: percentileOfSorted(results, 0.95) as Months,
      samples,
      seed,
    },
    assumptions,
  };
}

/** The choices behind a reference-model breakout figure, and whether the caller made each one. */
export interface ReferenceModelChoices {
  readonly sq: SignificantQuantity;
  readonly tailsAssay: Assay;
  readonly tailsGiven: boolean;
  readonly naturalUranium: KgU | 'unlimited';
  readonly naturalGiven: boolean;
  readonly setUp: Months;
  readonly setUpGiven: boolean;
}

/** The assumptions of the reference breakout model (all but the capacity), as every result states them. */
export function referenceModelAssumptions(choices: ReferenceModelChoices): Assumption[] {
  const { sq, tailsAssay, naturalUranium, setUp } = choices;
  return [
    {
      name: 'significant quantity',
      value: round(sq.productKgU),
      unit: 'kg U at 90 %',
      basis: `${sq.definition} (${sq.source})`,
    },
    {
      name: 'tails assay',
      value: assayToPercent(tailsAssay),
      unit: '% U-235',
      basis:
        (choices.tailsGiven
          ? 'given by the caller. '
          : 'default: the convention of the standard worked examples; no public figure for Iran’s cascades is in the data. ') +
        'Fixed for every feed: a cascade fed with enriched stock could run higher tails, using more feed and less separative work, so at a given capacity this time is at the long end',
    },
    {
      name: 'feed choice',
      value: 'highest assay first',
      unit: '-',
      basis:
        'each kg of product is made from one feed; at fixed tails the separative work per kg of product falls as the feed assay rises, so this order minimises it. Feeds at or above 90 % count kg for kg; feeds at or below the tails assay cannot be used',
    },
    {
      name: 'natural uranium available',
      value: naturalUranium,
      unit: naturalUranium === 'unlimited' ? '-' : 'kg U',
      basis: choices.naturalGiven ? 'given by the caller' : 'default: natural uranium is not the constraint',
    },
    {
      name: 'set-up time',
      value: setUp,
      unit: 'months',
      basis: choices.setUpGiven
        ? 'given by the caller'
        : 'default: none; pass setUpTime for cascade reconfiguration',
    },
    {
      name: 'time model',
      value: 'SWU / capacity + set-up time',
      unit: '-',
      basis: 'the whole capacity works on this product from the start, without losses or failures',
    },
  ];
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
