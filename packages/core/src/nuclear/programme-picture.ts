import type { IsoDate } from '../units.ts';
import { type CensusRow, censusAt, censusFigures } from './centrifuge-census.ts';
import { type CentrifugeEvent, centrifugeEventKind } from './centrifuge-event.ts';
import { describeSourceRow, type SourceRow } from './source-row.ts';
import { type StockpileByLevel, type StockpileReport, stockLevels } from './stockpile-report.ts';
import type { KgU } from './units.ts';

/** The stockpile on a date, from the latest report on or before it that gives a total. */
export interface StockpilePicture {
  /** As-of date of the report used. */
  readonly asOf: IsoDate;
  readonly totalKgU: KgU;
  /** The report's bands, null where it gives no figure. */
  readonly byLevel: StockpileByLevel;
  /** The part of the total no band accounts for, kg U (total − known bands, never below 0). */
  readonly unspecifiedKgU: KgU;
  readonly sourceRow: SourceRow;
  /** What a user should know about these figures: notes, newer reports without a total, bands that overshoot. */
  readonly caveats: readonly string[];
}

/** Reports on or before `date`, latest first (ties: the later line first). */
function reportsUpTo(reports: readonly StockpileReport[], date: IsoDate): StockpileReport[] {
  return reports
    .filter((report) => report.asOf <= date)
    .sort((a, b) => (a.asOf === b.asOf ? b.sourceRow.line - a.sourceRow.line : a.asOf < b.asOf ? 1 : -1));
}

/** Caveat for a row's note, if it has one. */
export function noteCaveat(row: SourceRow): string[] {
  return row.note === null ? [] : [`${describeSourceRow(row)} note: ${row.note}`];
}

/** Sum of the bands that have a figure, kg U. */
export function knownBandsKgU(byLevel: StockpileByLevel): number {
  return stockLevels.reduce((sum, level) => sum + (byLevel[level.id] ?? 0), 0);
}

/**
 * The stockpile on `date`: the latest report on or before it that gives a total, so the bands and the
 * total come from one report. Newer reports without a total are named in the caveats. Null when no
 * report on or before `date` gives a total.
 */
export function stockpileAt(reports: readonly StockpileReport[], date: IsoDate): StockpilePicture | null {
  const candidates = reportsUpTo(reports, date);
  const index = candidates.findIndex((report) => report.totalKgU !== null);
  const report = candidates[index];
  if (report === undefined || report.totalKgU === null) return null;
  const caveats = candidates
    .slice(0, index)
    .map(
      (newer) =>
        `the report as of ${newer.asOf} (${describeSourceRow(newer.sourceRow)}) gives no total; the figures here are from the report as of ${report.asOf}`,
    );
  caveats.push(...noteCaveat(report.sourceRow));
  const known = knownBandsKgU(report.byLevel);
  if (known > report.totalKgU) {
    caveats.push(
      `the bands add up to ${round(known)} kg U, more than the total ${report.totalKgU} kg U: the band figures are uncertain`,
    );
  }
  return {
    asOf: report.asOf,
    totalKgU: report.totalKgU,
    byLevel: report.byLevel,
    unspecifiedKgU: Math.max(0, report.totalKgU - known) as KgU, // a non-negative difference of masses
    sourceRow: report.sourceRow,
    caveats,
  };
}

/** Machines of one type at one site on a date, from the latest event on or before it with a count. */
export interface MachineFigure {
  readonly site: string;
  readonly machineType: string;
  /** Number of machines. */
  readonly machines: number;
  /** `enriching`, or `installed` when the event does not say they enrich. */
  readonly state: 'enriching' | 'installed';
  /** Date of the event the figure comes from. */
  readonly asOf: IsoDate;
  readonly sourceRow: SourceRow;
  /** Later events without a count, declared plans not counted, the row's note. */
  readonly caveats: readonly string[];
}

/**
 * The machines at each site, by type, on `date`. Each event's count is read as the number of machines of
 * that type at that site on its date (a snapshot, not an increment). Counted: events that say machines
 * enrich or are installed. Not counted: the JCPOA's own figures (caps and configurations, not reports)
 * and declared plans (named in the caveats). Sorted by site, then type.
 */
export function machinesAt(events: readonly CentrifugeEvent[], date: IsoDate): MachineFigure[] {
  const groups = new Map<string, CentrifugeEvent[]>();
  for (const event of events) {
    if (event.date > date) continue;
    const key = `${event.site}\u0000${event.machineType}`;
    groups.set(key, [...(groups.get(key) ?? []), event]);
  }
  const figures: MachineFigure[] = [];
  for (const group of groups.values()) {
    const ordered = [...group].sort((a, b) =>
      a.date === b.date ? b.sourceRow.line - a.sourceRow.line : a.date < b.date ? 1 : -1,
    );
    const counted = ordered.filter((event) => {
      const kind = centrifugeEventKind(event.event);
      return kind === 'enriching' || kind === 'installed';
    });
    const figure = counted.find((event) => event.machines !== null);
    if (figure === undefined || figure.machines === null) continue;
    const caveats: string[] = [];
    for (const later of ordered) {
      if (later === figure) break;
      const kind = centrifugeEventKind(later.event);
      if (kind === 'declared-plan') {
        caveats.push(
          `${later.date} (${describeSourceRow(later.sourceRow)}): "${later.event}" is a declared plan${later.machines === null ? '' : ` for ${later.machines}`}, not counted as installed`,
        );
      } else if (later.machines === null) {
        caveats.push(
          `${later.date} (${describeSourceRow(later.sourceRow)}): "${later.event}" gives no machine count; this figure may be out of date`,
        );
      }
    }
    caveats.push(...noteCaveat(figure.sourceRow));
    figures.push({
      site: figure.site,
      machineType: figure.machineType,
      machines: figure.machines,
      state: centrifugeEventKind(figure.event) === 'enriching' ? 'enriching' : 'installed',
      asOf: figure.date,
      sourceRow: figure.sourceRow,
      caveats,
    });
  }
  return figures.sort((a, b) => compareText(a.site, b.site) || compareText(a.machineType, b.machineType));
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}

/**
 * The machines at each plant on `date`: from the IAEA's per-report counts (the census) when there are any, each
 * figure with the census's coverage lines for its plant as caveats; otherwise from the centrifuge events.
 */
export function machineFiguresAt(
  input: {
    readonly centrifuges: readonly CentrifugeEvent[];
    readonly census?: readonly CensusRow[] | undefined;
  },
  date: IsoDate,
): MachineFigure[] {
  if (input.census && input.census.length > 0) {
    return censusFigures(censusAt(input.census, date)).sort(
      (a, b) => compareText(a.site, b.site) || compareText(a.machineType, b.machineType),
    );
  }
  return machinesAt(input.centrifuges, date);
}
