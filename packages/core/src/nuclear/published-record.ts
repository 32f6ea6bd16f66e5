import type { IsoDate } from '../units.ts';
import type { SourceRow } from './source-row.ts';

/** The units a published breakout estimate is stated in. */
export const estimateUnits = ['days', 'weeks', 'months'] as const;
export type EstimateUnit = (typeof estimateUnits)[number];

/**
 * One dated breakout estimate as its author published it: what users compare Lockstep's figure with, never a
 * target it is tuned to. A vague statement ("a few months") keeps its words and has no figure.
 */
export interface PublishedEstimate {
  readonly date: IsoDate;
  readonly author: string;
  /** The lower (or only) figure, in `unit`; null when the statement gives none or only an upper bound. */
  readonly low: number | null;
  /** The upper figure of a range, or the bound of "up to"/"less than" when `low` is null; in `unit`. */
  readonly high: number | null;
  readonly unit: EstimateUnit;
  /** What the time is to: one significant quantity of weapon-grade uranium, ... */
  readonly material: string;
  /** The significant-quantity convention (`25 kg 90% U`, `25 kg U-235`), or `not stated`. */
  readonly sqConvention: string;
  /** Which stock the estimate assumes (60 % stock only, all enriched stock), or `not stated`. */
  readonly stockCounted: string;
  /** The author's words. */
  readonly quote: string;
  readonly sourceRow: SourceRow;
}

/** Average days in a month (365.25 / 12), for stating weeks and days as months. */
const daysPerMonth = 30.4375;

/** A figure of an estimate in months (weeks of 7 days, months of 30.44 days). */
export function estimateInMonths(value: number, unit: EstimateUnit): number {
  return unit === 'months' ? value : unit === 'weeks' ? (value * 7) / daysPerMonth : value / daysPerMonth;
}

/** What happened on a date that explains the curves: an agreement, a step by either side, a report, an incident. */
export const eventKinds = ['agreement', 'iran-step', 'us-step', 'iaea', 'incident'] as const;
export type EventKind = (typeof eventKinds)[number];

export interface ProgrammeEvent {
  readonly date: IsoDate;
  readonly event: string;
  readonly kind: EventKind;
  readonly sourceRow: SourceRow;
}
