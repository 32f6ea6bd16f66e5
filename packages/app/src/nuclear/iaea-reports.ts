import type { IaeaReports, ReportFigure } from '@lockstep/contract';
import type { CensusRow, IaeaReport, StockReading } from '@lockstep/core';
import type { NuclearSeries } from '@lockstep/store';
import { InputError } from '../input-error.ts';

/** How long after a verification date the report carrying it may be dated (quarterly reports: two to four weeks). */
export const reportLagDays = 45;

function daysBetween(from: string, to: string): number {
  return (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000;
}

/**
 * The IAEA report a figure verified on `asOf` appeared in, for rows that do not name it (the stockpile series):
 * the first report dated on or after `asOf`, within `reportLagDays`. Null when none is.
 */
export function reportCarrying(reports: readonly IaeaReport[], asOf: string): IaeaReport | null {
  let found: IaeaReport | null = null;
  for (const report of reports) {
    const lag = daysBetween(asOf, report.date);
    if (lag < 0 || lag > reportLagDays) continue;
    if (found === null || report.date < found.date) found = report;
  }
  return found;
}

const count = (n: number | null) => (n === null ? '?' : n.toLocaleString('en-US'));

function censusText(row: CensusRow): string {
  switch (row.status) {
    case 'reported': {
      const parts = [
        ...(row.enriching !== null ? [`${count(row.enriching)} enriching`] : []),
        ...(row.installed !== null ? [`${count(row.installed)} installed`] : []),
        ...(row.cascades !== null ? [`${row.cascades} cascades`] : []),
      ];
      return parts.length === 0 ? 'reported, no count' : parts.join(', ');
    }
    case 'within-jcpoa-caps':
      return 'within the JCPOA caps (the report gives no count)';
    case 'idle':
      return 'stated not to enrich';
    case 'not-reported':
      return 'not reported';
  }
}

function stockText(row: StockReading, unit: string): string {
  if (row.amount !== null) {
    return row.status === 'none-produced'
      ? `none produced since; ${row.amount} ${unit} in all`
      : `${row.amount} ${unit}`;
  }
  return row.status === 'not-verified' ? 'not verified by the IAEA' : 'not reported';
}

/**
 * `nuclear.reports`: every IAEA report on Iran, in date order, with the figures each gives: machines per plant
 * and type, heavy water and uranium metal (rows that name the report), and the stockpile (matched by date:
 * the stockpile series does not name its report).
 */
export function iaeaReports(
  series: NuclearSeries,
  range: { from?: string | undefined; to?: string | undefined } = {},
): IaeaReports {
  if (range.from !== undefined && range.to !== undefined && range.from > range.to) {
    throw new InputError(`to: ${range.to} is before from ${range.from}: give the earlier date first`, 'to');
  }
  const figures = new Map<string, ReportFigure[]>();
  const add = (report: string, figure: ReportFigure) => {
    const list = figures.get(report);
    if (list === undefined) figures.set(report, [figure]);
    else list.push(figure);
  };
  for (const row of series.census) {
    add(row.report, {
      what: row.machineType === '' ? row.site : `${row.site} ${row.machineType}`,
      text: censusText(row),
      status: row.status,
      matchedBy: 'report',
      source: row.sourceRow,
    });
  }
  for (const [what, rows, unit] of [
    ['heavy water', series.heavyWater, 't'],
    ['uranium metal', series.uraniumMetal, 'kg U'],
  ] as const) {
    for (const row of rows) {
      add(row.report, {
        what,
        text: stockText(row, unit),
        status: row.status,
        matchedBy: 'report',
        source: row.sourceRow,
      });
    }
  }
  for (const row of series.stockpile) {
    const report = reportCarrying(series.reports, row.asOf);
    if (report === null) continue;
    add(report.report, {
      what: 'enriched uranium stockpile',
      text:
        row.totalKgU === null
          ? `no total (verified ${row.asOf})`
          : `${row.totalKgU.toLocaleString('en-US')} kg U (verified ${row.asOf})`,
      status: row.totalKgU === null ? 'not-reported' : 'reported',
      matchedBy: 'date',
      source: row.sourceRow,
    });
  }
  return {
    reports: series.reports
      .filter(
        (r) =>
          (range.from === undefined || r.date >= range.from) &&
          (range.to === undefined || r.date <= range.to),
      )
      .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.sourceRow.line - b.sourceRow.line))
      .map((r) => ({
        report: r.report,
        date: r.date,
        kind: r.kind,
        source: r.sourceRow,
        figures: figures.get(r.report) ?? [],
      })),
  };
}
