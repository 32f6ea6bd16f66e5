import type { NuclearOverview, ProgrammeEvents, PublishedEstimates } from '@lockstep/contract';
import { isoToDate } from './bands.ts';

export type Estimate = PublishedEstimates['estimates'][number];
export type ProgrammeEvent = ProgrammeEvents['events'][number];

/** Who published an estimate, as the chart groups them. */
export function authorGroup(
  author: string,
): 'The Institute (ISIS)' | 'US officials' | 'Arms Control Association' {
  if (/Institute for Science|Albright/i.test(author)) return 'The Institute (ISIS)';
  if (/Arms Control Association/i.test(author)) return 'Arms Control Association';
  return 'US officials';
}

/** An estimate's figure as its author gave it: `3–4 months`, `up to 1 week`, `12 days`, `no figure`. */
export function estimateText(e: Estimate): string {
  const unit = (value: number) => (value === 1 ? e.unit.slice(0, -1) : e.unit);
  if (e.low !== null && e.high !== null) return `${e.low}–${e.high} ${e.unit}`;
  if (e.low !== null) return `${e.low} ${unit(e.low)}`;
  if (e.high !== null) return `up to ${e.high} ${unit(e.high)}`;
  return 'no figure';
}

/** An estimate drawn on the chart: at its central figure in months, with its range when it gives one. */
export interface EstimatePoint {
  readonly date: Date;
  readonly group: ReturnType<typeof authorGroup>;
  readonly months: number;
  readonly low: number;
  readonly high: number;
  readonly estimate: Estimate;
}

/**
 * The estimates that can be drawn on a log scale: those with a figure above zero. A range is drawn at its
 * midpoint with a bar from low to high; "up to" at its bound.
 */
export function estimatePoints(estimates: readonly Estimate[]): {
  points: EstimatePoint[];
  undrawn: Estimate[];
} {
  const points: EstimatePoint[] = [];
  const undrawn: Estimate[] = [];
  for (const e of estimates) {
    const low = e.monthsLow ?? e.monthsHigh;
    const high = e.monthsHigh ?? e.monthsLow;
    if (low === null || high === null || low <= 0) {
      undrawn.push(e);
      continue;
    }
    points.push({
      date: isoToDate(e.date),
      group: authorGroup(e.author),
      months: (low + high) / 2,
      low,
      high,
      estimate: e,
    });
  }
  return { points, undrawn };
}

/** One row of "Lockstep vs published": the estimate beside Lockstep's figure at the latest report before it. */
export interface Comparison {
  readonly estimate: Estimate;
  /** The IAEA report Lockstep's figure is computed at (the latest on or before the estimate), if any. */
  readonly reportAsOf: string | null;
  readonly lockstep: { p50: number; p5: number | null; p95: number | null } | null;
  readonly unreachableReason: string | null;
  /** Lockstep's p50 over the estimate's midpoint: above 1, Lockstep gives more time. */
  readonly ratio: number | null;
  /** Why the two can differ, from what each states. */
  readonly reasons: readonly string[];
}

const sqLabel: Record<string, string> = {
  u235: '25 kg of U-235 contained (IAEA)',
  wgu: '25 kg of 90 % uranium',
};

/** Each estimate with a figure beside Lockstep's breakout at the latest IAEA report on or before its date. */
export function compareWithLockstep(estimates: readonly Estimate[], overview: NuclearOverview): Comparison[] {
  const history = [...overview.breakoutHistory].sort((a, b) => (a.asOf < b.asOf ? -1 : 1));
  const ours = overview.breakout.sq;
  return estimates.map((estimate) => {
    const report = history.filter((h) => h.asOf <= estimate.date).at(-1);
    const lockstep =
      report && report.months !== null ? { p50: report.months, p5: report.p5, p95: report.p95 } : null;
    const low = estimate.monthsLow ?? estimate.monthsHigh;
    const high = estimate.monthsHigh ?? estimate.monthsLow;
    const mid = low !== null && high !== null ? (low + high) / 2 : null;
    const reasons: string[] = [];
    const theirs = estimate.sqConvention;
    if (theirs === 'not stated') reasons.push('their significant quantity is not stated');
    else if ((theirs.includes('90') ? 'wgu' : 'u235') !== ours)
      reasons.push(`significant quantity: theirs ${theirs}, Lockstep's ${sqLabel[ours] ?? ours}`);
    if (estimate.stockCounted !== 'not stated') reasons.push(`stock they count: ${estimate.stockCounted}`);
    const daysBefore = report ? (Date.parse(estimate.date) - Date.parse(report.asOf)) / 86_400_000 : 0;
    if (daysBefore > 92)
      reasons.push(
        `Lockstep's figure is from the IAEA report of ${report!.asOf}, ${Math.round(daysBefore / 30.44)} months earlier`,
      );
    if (!report) reasons.push('no IAEA stockpile report on or before this date');
    return {
      estimate,
      reportAsOf: report?.asOf ?? null,
      lockstep,
      unreachableReason: report && report.months === null ? report.unreachableReason : null,
      ratio: lockstep && mid !== null && mid > 0 ? lockstep.p50 / mid : null,
      reasons,
    };
  });
}

/** The events drawn as rules: the agreement and the sides' steps (IAEA findings and incidents are in tips). */
export function chartEvents(events: readonly ProgrammeEvent[]): ProgrammeEvent[] {
  return events.filter((e) => e.kind !== 'iaea');
}
