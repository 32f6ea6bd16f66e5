import type { IsoDate } from '../units.ts';
import type { SourceRow } from './source-row.ts';

/** The kinds of IAEA report on Iran: the quarterly safeguards/verification reports and the ones between. */
export const iaeaReportKinds = ['quarterly', 'interim', 'ad-hoc'] as const;
export type IaeaReportKind = (typeof iaeaReportKinds)[number];

/**
 * One IAEA report on Iran. `report` is its GOV number where a source states one, else
 * `IAEA quarterly report of <date>`: the same text the per-report rows of the other files carry, so a
 * report's figures can be found by it.
 */
export interface IaeaReport {
  readonly report: string;
  readonly date: IsoDate;
  readonly kind: IaeaReportKind;
  readonly sourceRow: SourceRow;
}

/**
 * What a report says of a stock that a JCPOA limit caps (heavy water, uranium metal):
 * - `reported`: a figure is given;
 * - `none-produced`: the report says nothing more was made since; the figure, where given, is the total so far;
 * - `not-reported`: no figure was found for this report (the note says where it was looked for);
 * - `not-verified`: the IAEA states it could not verify the stock (after February 2021, for lack of access).
 */
export const stockReadingStatuses = ['reported', 'none-produced', 'not-reported', 'not-verified'] as const;
export type StockReadingStatus = (typeof stockReadingStatuses)[number];

/** One report's figure for a capped stock: heavy water in tonnes, uranium metal in kg. */
export interface StockReading {
  readonly asOf: IsoDate;
  readonly report: string;
  /** The figure in the file's unit; null when the report gives none. */
  readonly amount: number | null;
  readonly status: StockReadingStatus;
  readonly sourceRow: SourceRow;
}

/** A period in which the Additional Protocol was, or was not, provisionally applied, and what held instead. */
export interface ProtocolPeriod {
  readonly from: IsoDate;
  /** The day the next arrangement began; null while it still holds. */
  readonly to: IsoDate | null;
  readonly applied: boolean;
  /** What was in force, in words. */
  readonly status: string;
  readonly sourceRow: SourceRow;
}

/** Where a capped stock stands on a date, read from its series. */
export interface StockStanding {
  /** The latest figure the IAEA gave on or before the date, or null when it gave none. */
  readonly reading: StockReading | null;
  /** The latest row on or before the date, when it gives no figure (not reported, not verified). */
  readonly silentSince: StockReading | null;
}

/**
 * The latest figure of a stock series on or before `date`, and the latest row after it that gives none.
 * `none-produced` with no amount carries the figure before it. Rows on the same date: the later line wins.
 */
export function stockStandingAt(readings: readonly StockReading[], date: IsoDate): StockStanding {
  let reading: StockReading | null = null;
  let latest: StockReading | null = null;
  for (const row of readings) {
    if (row.asOf > date) continue;
    if (latest === null || isLater(row, latest)) latest = row;
    if (row.amount !== null && (reading === null || isLater(row, reading))) reading = row;
  }
  const silentSince =
    latest !== null &&
    latest.amount === null &&
    (latest.status === 'not-reported' || latest.status === 'not-verified') &&
    (reading === null || isLater(latest, reading))
      ? latest
      : null;
  return { reading, silentSince };
}

function isLater(a: StockReading, b: StockReading): boolean {
  return a.asOf > b.asOf || (a.asOf === b.asOf && a.sourceRow.line > b.sourceRow.line);
}

/** The Additional Protocol period holding on `date`: the latest that began on or before it, or null. */
export function protocolPeriodAt(periods: readonly ProtocolPeriod[], date: IsoDate): ProtocolPeriod | null {
  let found: ProtocolPeriod | null = null;
  for (const period of periods) {
    if (period.from <= date && (found === null || period.from >= found.from)) found = period;
  }
  return found;
}

/** The reports dated on or before `date`, the latest first. */
export function reportsUpTo(reports: readonly IaeaReport[], date: IsoDate): IaeaReport[] {
  return reports
    .filter((r) => r.date <= date)
    .sort((a, b) => (a.date < b.date ? 1 : a.date > b.date ? -1 : 0));
}
