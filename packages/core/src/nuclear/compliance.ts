import type { IsoDate } from '../units.ts';
import type { CensusRow } from './centrifuge-census.ts';
import type { CentrifugeEvent } from './centrifuge-event.ts';
import { highestBandWithStock } from './highest-enrichment-band.ts';
import { type ProtocolPeriod, protocolPeriodAt, type StockReading, stockStandingAt } from './iaea-record.ts';
import { type JcpoaLimit, limitPeriod } from './jcpoa-limit.ts';
import {
  defaultLimitMeasures,
  firstGenerationMachineTypes,
  type LimitComparison,
  type LimitMeasure,
  type LimitMeasureSpec,
  type StockSeries,
} from './limit-measures.ts';
import {
  type MachineFigure,
  machineFiguresAt,
  noteCaveat,
  type StockpilePicture,
  stockpileAt,
} from './programme-picture.ts';
import { describeSourceRow, type SourceRow } from './source-row.ts';
import type { StockpileReport } from './stockpile-report.ts';

/** Whether the latest figure is within the limit, in breach of it, or not known. */
export type ComplianceStatus = 'within' | 'breach' | 'unknown';

/** One limit on one date: the latest figure, the limit, how far over, and where the figure came from. */
export interface LimitAssessment {
  readonly limitId: string;
  /** The limit in words, from jcpoa-limits.csv. */
  readonly limitDescription: string;
  /** The limit's value in `unit`. */
  readonly limit: number;
  readonly unit: string;
  readonly comparison: LimitComparison;
  /** How the figure is measured. */
  readonly measure: string;
  readonly date: IsoDate;
  readonly status: ComplianceStatus;
  /** The latest figure on or before `date`, in the limit's unit; null when unknown. */
  readonly figure: number | null;
  /** Date of that figure (the report or event it comes from). */
  readonly figureAsOf: IsoDate | null;
  /** How far the figure is on the wrong side of the limit, in its unit (0 when within; null when unknown). */
  readonly excess: number | null;
  /** Why the status is what it is, in one sentence. */
  readonly reason: string;
  /** The rows the figure comes from. */
  readonly sources: readonly SourceRow[];
  /** The row of jcpoa-limits.csv that states the limit. */
  readonly limitSource: SourceRow;
  /** Whether the limit was in force on `date` under its stated duration (null when its start is not dated). */
  readonly inForce: boolean | null;
  /** What a user should know: notes on the rows, conflicts, stale figures, the limit's period. */
  readonly caveats: readonly string[];
}

/** Every limit on one date, with the stockpile and machine figures they were read from. */
export interface ComplianceState {
  readonly date: IsoDate;
  readonly assessments: readonly LimitAssessment[];
  /** The stockpile on the date (latest report with a total), or null when there is none. */
  readonly stockpile: StockpilePicture | null;
  /** Machines by site and type on the date. */
  readonly machines: readonly MachineFigure[];
}

/** The data a compliance assessment reads. */
export interface ComplianceInput {
  readonly limits: readonly JcpoaLimit[];
  readonly stockpile: readonly StockpileReport[];
  readonly centrifuges: readonly CentrifugeEvent[];
  /** The IAEA's machine counts per report and plant: when given, they are what machines are read from. */
  readonly census?: readonly CensusRow[] | undefined;
  /** The IAEA's heavy water figures per report, tonnes. */
  readonly heavyWater?: readonly StockReading[] | undefined;
  /** The IAEA's uranium metal figures per report, kg U. */
  readonly uraniumMetal?: readonly StockReading[] | undefined;
  /** The periods in which the Additional Protocol was, or was not, applied. */
  readonly protocol?: readonly ProtocolPeriod[] | undefined;
  /** How each limit id is measured (default `defaultLimitMeasures`). */
  readonly measures?: Readonly<Record<string, LimitMeasureSpec>>;
}

interface Reading {
  readonly status?: ComplianceStatus;
  readonly figure: number | null;
  readonly asOf: IsoDate | null;
  readonly sources: readonly SourceRow[];
  readonly reason?: string;
  readonly caveats: readonly string[];
}

/**
 * Assesses every JCPOA limit on one date: for each, the latest reported figure on or before the date,
 * the excess, and `within`, `breach` or `unknown`. Empty cells are unknown, never zero; a limit nothing
 * in the data measures is `unknown`, saying so.
 */
export function assessCompliance(input: ComplianceInput, date: IsoDate): ComplianceState {
  const measures = input.measures ?? defaultLimitMeasures;
  const stockpile = stockpileAt(input.stockpile, date);
  const machines = machineFiguresAt(input, date);
  const assessments = input.limits.map((limit) => {
    const spec = Object.hasOwn(measures, limit.id) ? measures[limit.id] : undefined;
    if (spec === undefined) {
      return assessment(limit, date, 'at-most', 'none', {
        status: 'unknown',
        figure: null,
        asOf: null,
        sources: [],
        reason: `no measure is defined for limit id "${limit.id}": known ids are ${Object.keys(measures).join(', ')}`,
        caveats: [],
      });
    }
    const reading = read(spec.measure, input, date, stockpile, machines, limit, spec.comparison);
    return assessment(limit, date, spec.comparison, spec.description, reading);
  });
  return { date, assessments, stockpile, machines };
}

/** `assessCompliance` on each of several dates, in the order given. */
export function assessComplianceOverTime(
  input: ComplianceInput,
  dates: readonly IsoDate[],
): ComplianceState[] {
  return dates.map((date) => assessCompliance(input, date));
}

function read(
  measure: LimitMeasure,
  input: ComplianceInput,
  date: IsoDate,
  stockpile: StockpilePicture | null,
  machines: readonly MachineFigure[],
  limit: JcpoaLimit,
  comparison: LimitComparison,
): Reading {
  switch (measure.kind) {
    case 'stockpile-total':
      if (stockpile === null) {
        return {
          figure: null,
          asOf: null,
          sources: [],
          reason: `no stockpile total is reported on or before ${date}`,
          caveats: [],
        };
      }
      return {
        figure: stockpile.totalKgU,
        asOf: stockpile.asOf,
        sources: [stockpile.sourceRow],
        caveats: [
          ...stockpile.caveats,
          'the cap is on low enriched uranium (up to the enrichment limit); the total includes any material above that level',
        ],
      };
    case 'enrichment-level':
      return readEnrichmentLevel(input.stockpile, date, limit.value, comparison);
    case 'machines':
      return readMachines(measure, machines, date);
    case 'stock-series':
      return readStockSeries(measure.series, measure.what, input, date);
    case 'protocol':
      return readProtocol(input.protocol, date);
    case 'no-series':
      return {
        status: 'unknown',
        figure: null,
        asOf: null,
        sources: [],
        reason: `no figure is in the data: nothing in the shipped series gives ${measure.what}`,
        caveats: [],
      };
  }
}

const seriesFiles: Record<
  StockSeries,
  { readonly key: 'heavyWater' | 'uraniumMetal'; readonly unit: string }
> = {
  'heavy-water': { key: 'heavyWater', unit: 't' },
  'uranium-metal': { key: 'uraniumMetal', unit: 'kg U' },
};

function readStockSeries(series: StockSeries, what: string, input: ComplianceInput, date: IsoDate): Reading {
  const { key, unit } = seriesFiles[series];
  const readings = input[key];
  if (readings === undefined) {
    return {
      status: 'unknown',
      figure: null,
      asOf: null,
      sources: [],
      reason: `no figure is in the data: no series of ${what} was loaded`,
      caveats: [],
    };
  }
  const { reading, silentSince } = stockStandingAt(readings, date);
  if (reading === null) {
    const first = [...readings]
      .filter((r) => r.amount !== null)
      .sort((a, b) => (a.asOf < b.asOf ? -1 : 1))[0];
    return {
      status: 'unknown',
      figure: null,
      asOf: silentSince?.asOf ?? null,
      sources: silentSince === null ? [] : [silentSince.sourceRow],
      reason:
        silentSince === null
          ? `no IAEA figure for ${what} on or before ${date}${first === undefined ? '' : `: the first is of ${first.asOf}`}`
          : `${silentSince.report} gives no figure for ${what} (${silentSince.status}), and no earlier report does`,
      caveats: silentSince === null ? [] : noteCaveat(silentSince.sourceRow),
    };
  }
  const figureText = `${reading.amount} ${unit} as of ${reading.asOf} (${reading.report})`;
  if (silentSince?.status === 'not-verified') {
    return {
      status: 'unknown',
      figure: reading.amount,
      asOf: reading.asOf,
      sources: [reading.sourceRow, silentSince.sourceRow],
      reason: `the IAEA has not verified ${what} since ${reading.asOf} (${silentSince.report}: not verified); the last verified figure was ${figureText}`,
      caveats: noteCaveat(silentSince.sourceRow),
    };
  }
  return {
    figure: reading.amount,
    asOf: reading.asOf,
    sources: silentSince === null ? [reading.sourceRow] : [reading.sourceRow, silentSince.sourceRow],
    caveats: [
      ...noteCaveat(reading.sourceRow),
      ...(reading.status === 'none-produced'
        ? [`${reading.report}: none produced since; ${reading.amount} ${unit} in all`]
        : []),
      ...(silentSince === null
        ? []
        : [
            `the latest report, ${silentSince.report} (${silentSince.asOf}), gives no figure: the figure is from ${reading.report}`,
          ]),
    ],
  };
}

function readProtocol(periods: readonly ProtocolPeriod[] | undefined, date: IsoDate): Reading {
  const period = periods === undefined ? null : protocolPeriodAt(periods, date);
  if (period === null) {
    return {
      status: 'unknown',
      figure: null,
      asOf: null,
      sources: [],
      reason:
        periods === undefined
          ? 'no figure is in the data: no periods of the Additional Protocol were loaded'
          : `no period of the Additional Protocol's application begins on or before ${date}`,
      caveats: [],
    };
  }
  const ended = period.to !== null && period.to <= date;
  return {
    figure: period.applied ? 1 : 0,
    asOf: period.from,
    sources: [period.sourceRow],
    reason: `${period.applied ? 'applied' : 'not applied'} from ${period.from}${period.to === null ? '' : ` to ${period.to}`}: ${period.status}`,
    caveats: [
      ...noteCaveat(period.sourceRow),
      ...(ended ? [`the period ended on ${period.to} and no later one is recorded: carried`] : []),
    ],
  };
}

function readEnrichmentLevel(
  reports: readonly StockpileReport[],
  date: IsoDate,
  limit: number,
  comparison: LimitComparison,
): Reading {
  const candidates = reports
    .filter((report) => report.asOf <= date)
    .sort((a, b) => (a.asOf === b.asOf ? b.sourceRow.line - a.sourceRow.line : a.asOf < b.asOf ? 1 : -1));
  const report = candidates[0];
  if (report === undefined) {
    return {
      figure: null,
      asOf: null,
      sources: [],
      reason: `no stockpile report on or before ${date}`,
      caveats: [],
    };
  }
  const band = highestBandWithStock(report);
  const base = { asOf: report.asOf, sources: [report.sourceRow], caveats: noteCaveat(report.sourceRow) };
  if (band.kind === 'none') return { ...base, figure: 0, reason: 'the report shows no enriched stock' };
  if (band.kind === 'unknown') return { ...base, status: 'unknown', figure: null, reason: band.reason };
  const range =
    band.atLeast === band.atMost
      ? `in the band ${band.atMost.label}`
      : `between the bands ${band.atLeast.label} and ${band.atMost.label}`;
  const clearlyOver = comparison === 'at-most' && band.atLeast.lowerPercent >= limit;
  const clearlyUnder = comparison === 'at-most' && band.atMost.upperPercent <= limit;
  if (!clearlyOver && !clearlyUnder) {
    return {
      ...base,
      status: 'unknown',
      figure: band.atMost.upperPercent,
      reason: `the highest stock is ${range} (${band.atLeast.lowerPercent}–${band.atMost.upperPercent} %), which the ${limit} % limit falls within: the bands cannot tell`,
    };
  }
  return {
    ...base,
    figure: band.atMost.upperPercent,
    reason: `the highest stock is ${range}; the figure is the band's upper bound`,
  };
}

function matchesTypes(measure: Extract<LimitMeasure, { kind: 'machines' }>, machineType: string): boolean {
  if (measure.machineTypes === 'all') return true;
  if (measure.machineTypes === 'advanced') return !firstGenerationMachineTypes.includes(machineType);
  return measure.machineTypes.includes(machineType);
}

function readMachines(
  measure: Extract<LimitMeasure, { kind: 'machines' }>,
  machines: readonly MachineFigure[],
  date: IsoDate,
): Reading {
  const matching = machines.filter(
    (figure) =>
      (measure.site === null || figure.site === measure.site) &&
      matchesTypes(measure, figure.machineType) &&
      (measure.state === 'installed' || figure.state === 'enriching'),
  );
  if (matching.length === 0) {
    return {
      figure: null,
      asOf: null,
      sources: [],
      reason: `no centrifuge event on or before ${date} gives a count for this measure`,
      caveats: [],
    };
  }
  const figure = matching.reduce((sum, m) => sum + m.machines, 0);
  const asOf = matching.reduce((latest, m) => (m.asOf > latest ? m.asOf : latest), matching[0]!.asOf);
  return {
    figure,
    asOf,
    sources: matching.map((m) => m.sourceRow),
    caveats: matching.flatMap((m) => [
      `${m.machines} ${m.machineType} at ${m.site} (${m.state}, as of ${m.asOf})`,
      ...m.caveats,
    ]),
  };
}

function assessment(
  limit: JcpoaLimit,
  date: IsoDate,
  comparison: LimitComparison,
  measure: string,
  reading: Reading,
): LimitAssessment {
  const period = limitPeriod(limit);
  const inForce =
    period === null ? null : date >= period.from && (period.until === null || date < period.until);
  const caveats = [...reading.caveats];
  if (period !== null && !inForce) {
    caveats.push(
      `on ${date} the limit was not in force (it runs from ${period.from}${period.until === null ? '' : ` to ${period.until}`}); the comparison shows the gap to a return to it`,
    );
  }
  const wrongSide =
    reading.figure === null
      ? null
      : comparison === 'at-most'
        ? reading.figure - limit.value
        : limit.value - reading.figure;
  const status: ComplianceStatus =
    reading.status ?? (wrongSide === null ? 'unknown' : wrongSide > 0 ? 'breach' : 'within');
  const excess = status === 'unknown' || wrongSide === null ? null : Math.max(0, round(wrongSide));
  const sourceText = reading.sources.map(describeSourceRow).join(', ');
  const reason =
    status === 'unknown'
      ? (reading.reason ?? 'no figure on or before this date')
      : `${reading.figure} ${comparison === 'at-most' ? (status === 'breach' ? '>' : '≤') : status === 'breach' ? '<' : '≥'} ${limit.value} (${sourceText}${reading.reason === undefined ? '' : `; ${reading.reason}`})`;
  return {
    limitId: limit.id,
    limitDescription: limit.description,
    limit: limit.value,
    unit: limit.unit,
    comparison,
    measure,
    date,
    status,
    figure: reading.figure,
    figureAsOf: reading.asOf,
    excess,
    reason,
    sources: reading.sources,
    limitSource: limit.sourceRow,
    inForce,
    caveats,
  };
}

function round(value: number): number {
  return Math.round(value * 1e6) / 1e6;
}
