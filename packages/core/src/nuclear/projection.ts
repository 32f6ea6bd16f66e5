import type { IsoDate } from '../units.ts';
import type { Assumption } from './assumption.ts';
import { addCalendarMonths, monthsBetween } from './calendar.ts';
import type { CensusRow } from './centrifuge-census.ts';
import type { CentrifugeEvent } from './centrifuge-event.ts';
import type { OperatingMachines } from './enrichment-capacity.ts';
import type { JcpoaLimit } from './jcpoa-limit.ts';
import { firstGenerationMachineTypes } from './limit-measures.ts';
import { NuclearInputError } from './nuclear-input-error.ts';
import {
  type BreakoutModelOptions,
  defaultBreakoutGoalMonths,
  pointBreakoutModel,
} from './point-breakout.ts';
import { knownBandsKgU, machineFiguresAt, stockpileAt } from './programme-picture.ts';
import type { SourceRow } from './source-row.ts';
import {
  type StockLevelId,
  type StockpileByLevel,
  type StockpileReport,
  stockLevels,
} from './stockpile-report.ts';
import { stocksFromStockpile } from './stockpile-stocks.ts';
import { leastSquaresLine } from './trend.ts';
import { assayFromPercent, type KgU, type Months, monthsPerYear, months as toMonths } from './units.ts';

/** Reports a trend is fitted on unless told otherwise. */
export const defaultTrendReports = 3;

/** What a projection of the stockpile, breakout time and the closing window starts from. */
export interface ProjectionInput extends BreakoutModelOptions {
  /** The JCPOA limits: `stockpile`, `enrichment-level` and `natanz-ir1` define a full return. */
  readonly limits: readonly JcpoaLimit[];
  readonly stockpile: readonly StockpileReport[];
  readonly centrifuges: readonly CentrifugeEvent[];
  /** The IAEA's machine counts per report and plant: when given, they are what machines are read from. */
  readonly census?: readonly CensusRow[] | undefined;
  /** First month of the projection. */
  readonly from: IsoDate;
  /** Last date of the projection (months run from `from` while on or before it; at most 100 years). */
  readonly until: IsoDate;
  /**
   * Months to re-install stored advanced centrifuges after a full return: an assumption the caller must
   * state. For scale: ISIS (2025) counted about two cascades a month per type as a reasonable rate in
   * 2015 and 6.3 cascades a month deployed in mid-2024; Iran's AEOI head claimed in 2016 that
   * pre-JCPOA capacity could be restored within 45 days.
   */
  readonly reinstallationTime: Months;
  /** How many of the latest reports each trend is fitted on (k, default 3, at least 2). */
  readonly trendReports?: number;
  /** The breakout goal, months (default: the `breakout-goal` limit, else 12). */
  readonly goalMonths?: number;
  /**
   * Advanced machines added each month after the last centrifuge event, by type (default none: the
   * machine figures are held at their latest values).
   */
  readonly advancedMachineGrowth?: readonly { readonly machineType: string; readonly perMonth: number }[];
}

/** The trend of one series (the total or one band) over the last k reports. */
export interface SeriesTrend {
  readonly series: StockLevelId | 'total';
  readonly label: string;
  /** kg U per month from the least-squares line; 0 when held constant; null when the series has no figure. */
  readonly slopeKgUPerMonth: number | null;
  /** The line's value at the last report's date (month 0 of the projection), kg U; null when unknown. */
  readonly interceptKgU: number | null;
  /** How the series is projected. */
  readonly method: 'least-squares' | 'held-constant' | 'unknown';
  /** The figures the trend is fitted on. */
  readonly points: readonly { readonly asOf: IsoDate; readonly kgU: number; readonly sourceRow: SourceRow }[];
  readonly reason: string;
}

/** The stockpile, breakout time and a full return's breakout time in one month. */
export interface ProjectedMonth {
  readonly date: IsoDate;
  /** `reported`: the latest report on or before the date; `projected`: the trends after the last report. */
  readonly basis: 'reported' | 'projected';
  /** The rows the stockpile figures come from: the report used, or the reports the trends are fitted on. */
  readonly sources: readonly SourceRow[];
  readonly stockpile: {
    readonly totalKgU: number | null;
    readonly byLevel: Readonly<Record<StockLevelId, number | null>>;
    /** The part of the total in no band (or no projected band), kg U. */
    readonly unspecifiedKgU: number | null;
  };
  /** Enrichment capacity of the machines enriching on the date, SWU/yr. */
  readonly capacitySwuPerYear: number;
  /** Breakout time as things stand, months (null when unreachable). */
  readonly breakoutMonths: Months | null;
  readonly afterFullReturn: {
    /** Breakout after a full return with only the permitted machines, months. */
    readonly permittedOnly: Months | null;
    /** Advanced machines stored after a full return (installed or enriching before it). */
    readonly storedAdvancedMachines: number;
    /** Breakout after a full return, with the stored advanced machines re-installed after the re-installation time. */
    readonly withReinstalled: Months | null;
  };
}

/** Whether a full return still restores the breakout goal, and from when it no longer does. */
export interface ClosingWindow {
  readonly goalMonths: number;
  /**
   * `closed-before-start`: already short of the goal in the first month; `closes`: falls short within the
   * projection; `open-through-horizon`: meets the goal in every month projected.
   */
  readonly status: 'closed-before-start' | 'closes' | 'open-through-horizon';
  /** The first month in which a full return no longer restores the goal (month resolution). */
  readonly closesOn: IsoDate | null;
  /** Breakout after a full return with the permitted machines only, months (the same every month). */
  readonly permittedOnlyMonths: Months | null;
  /** Whether that meets the goal: when it does not, no return to the JCPOA's limits restores it, under these assumptions. */
  readonly permittedOnlyMeetsGoal: boolean | null;
  readonly explanation: string;
}

/** Projected stockpile and breakout by month, and the closing window, with every assumption. */
export interface WindowProjection {
  readonly trends: readonly SeriesTrend[];
  readonly months: readonly ProjectedMonth[];
  readonly window: ClosingWindow;
  readonly assumptions: readonly Assumption[];
}

function requireLimit(limits: readonly JcpoaLimit[], id: string): JcpoaLimit {
  const limit = limits.find((l) => l.id === id);
  if (limit === undefined) {
    throw new NuclearInputError(
      'limits',
      `no limit with id "${id}": a full return is defined by the stockpile, enrichment-level and natanz-ir1 limits (ids present: ${limits.map((l) => l.id).join(', ') || 'none'})`,
    );
  }
  return limit;
}

function round(value: number, digits = 3): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}

/**
 * Projects the stockpile and breakout time month by month from `from` until `until`, and the date from
 * which a full return no longer restores the breakout goal. The stockpile follows the reports up to the
 * last one, then a least-squares line per band (and for the total) over the last k reports. A full
 * return keeps the capped stock at the enrichment limit and the permitted IR-1 machines; stored advanced
 * machines can be re-installed after `reinstallationTime`, the permitted machines enriching meanwhile.
 * Every output lists its assumptions. Throws a `NuclearInputError` naming a missing limit or a bad option.
 */
export function projectWindow(input: ProjectionInput): WindowProjection {
  const k = input.trendReports ?? defaultTrendReports;
  if (!Number.isInteger(k) || k < 2) {
    throw new NuclearInputError(
      'trendReports',
      `${k} is not accepted: expected a whole number of reports ≥ 2`,
    );
  }
  if (input.until < input.from) {
    throw new NuclearInputError(
      'until',
      `${input.until} is before from (${input.from}): expected a later date`,
    );
  }
  const horizon =
    (Number(input.until.slice(0, 4)) - Number(input.from.slice(0, 4))) * 12 +
    (Number(input.until.slice(5, 7)) - Number(input.from.slice(5, 7)));
  if (horizon > 1200) {
    throw new NuclearInputError(
      'until',
      `${input.until} is ${horizon} months after ${input.from}: expected at most 1200 months`,
    );
  }
  const reinstallation = toMonths(input.reinstallationTime, 'reinstallationTime');
  const growth = input.advancedMachineGrowth ?? [];
  growth.forEach((g, index) => {
    if (!Number.isFinite(g.perMonth) || g.perMonth < 0) {
      throw new NuclearInputError(
        `advancedMachineGrowth[${index}].perMonth`,
        `${g.perMonth} is not accepted: expected machines per month ≥ 0`,
      );
    }
    if (firstGenerationMachineTypes.includes(g.machineType)) {
      throw new NuclearInputError(
        `advancedMachineGrowth[${index}].machineType`,
        `"${g.machineType}" is not an advanced type: expected a type other than ${firstGenerationMachineTypes.join(', ')}`,
      );
    }
  });

  const model = pointBreakoutModel(input);
  for (const g of growth) model.capacityPerMachine(g.machineType);
  const stockpileLimit = requireLimit(input.limits, 'stockpile');
  const levelLimit = requireLimit(input.limits, 'enrichment-level');
  const natanzLimit = requireLimit(input.limits, 'natanz-ir1');
  const goalMonths = toMonths(
    input.goalMonths ??
      input.limits.find((l) => l.id === 'breakout-goal')?.value ??
      defaultBreakoutGoalMonths,
    'goalMonths',
  );

  const reports = [...input.stockpile].sort((a, b) =>
    a.asOf < b.asOf ? -1 : a.asOf > b.asOf ? 1 : a.sourceRow.line - b.sourceRow.line,
  );
  const lastReport = reports[reports.length - 1];
  const recent = reports.slice(-k);
  const trends = fitTrends(recent, lastReport?.asOf ?? input.from, k);
  const trendSources = [...new Set(trends.flatMap((t) => t.points.map((p) => p.sourceRow)))];
  // Growth of advanced machines runs from the last count of them.
  const countDates =
    input.census && input.census.length > 0
      ? input.census.filter((r) => r.status !== 'not-reported').map((r) => r.asOf)
      : input.centrifuges.map((e) => e.date);
  const lastEventDate = countDates.reduce<IsoDate | null>(
    (latest, date) => (latest === null || date > latest ? date : latest),
    null,
  );

  // a full return: the capped stock at the enrichment limit, the permitted IR-1 machines enriching
  const keptStock = [
    {
      label: `kept within the cap at ${levelLimit.value} %`,
      assay: assayFromPercent(levelLimit.value, 'limits[enrichment-level].value'),
      kgU: stockpileLimit.value as KgU, // a limit value: parsed as a non-negative number
    },
  ];
  const permittedType = 'IR-1'; // the natanz-ir1 limit counts IR-1 machines (its unit says so)
  const permittedMachines: OperatingMachines[] = [{ machineType: permittedType, count: natanzLimit.value }];
  const permitted = model.estimate(keptStock, permittedMachines);
  const permittedOnly = permitted.months?.kind === 'exact' ? permitted.months.value : null;
  const permittedCapacity = natanzLimit.value * model.capacityPerMachine(permittedType);
  const returnSwu = permitted.swu;

  const months: ProjectedMonth[] = [];
  for (let i = 0; i <= horizon; i++) {
    const date = addCalendarMonths(input.from, i);
    if (date > input.until) break;
    const projected = lastReport !== undefined && date > lastReport.asOf;
    const stock = projected
      ? projectStockpile(trends, monthsBetween(lastReport.asOf, date))
      : reportedStockpile(reports, date);
    const reported = projected ? null : stockpileAt(reports, date);
    const figures = machineFiguresAt(input, date);
    const monthsOfGrowth =
      lastEventDate !== null && date > lastEventDate ? monthsBetween(lastEventDate, date) : 0;
    const grown = growth.map((g) => ({
      machineType: g.machineType,
      count: Math.floor(g.perMonth * monthsOfGrowth),
    }));
    const enriching: OperatingMachines[] = [
      ...figures
        .filter((f) => f.state === 'enriching')
        .map((f) => ({ machineType: f.machineType, count: f.machines, site: f.site })),
      ...grown,
    ];
    const stored = [
      ...figures
        .filter((f) => !firstGenerationMachineTypes.includes(f.machineType))
        .map((f) => ({ machineType: f.machineType, count: f.machines })),
      ...grown,
    ];
    const storedCount = stored.reduce((sum, m) => sum + m.count, 0);
    const storedCapacity = stored.reduce(
      (sum, m) => sum + m.count * model.capacityPerMachine(m.machineType),
      0,
    );
    const stocks = stocksFromStockpile(
      {
        label: projected ? `projected ${date}` : 'reported',
        // masses ≥ 0 by construction (reported, or projections clipped at 0), one entry per band id
        byLevel: Object.fromEntries(
          stockLevels.map((l) => [l.id, stock.byLevel[l.id] as KgU | null]),
        ) as StockpileByLevel,
        unspecifiedKgU: (stock.unspecifiedKgU ?? 0) as KgU, // clipped at 0
      },
      model.unspecifiedAssay,
    );
    months.push({
      date,
      basis: projected ? 'projected' : 'reported',
      sources: projected ? trendSources : reported === null ? [] : [reported.sourceRow],
      stockpile: stock,
      capacitySwuPerYear: round(
        enriching.reduce((sum, m) => sum + m.count * model.capacityPerMachine(m.machineType), 0),
      ),
      breakoutMonths: model.months(stocks, enriching),
      afterFullReturn: {
        permittedOnly,
        storedAdvancedMachines: storedCount,
        withReinstalled:
          returnSwu === null
            ? null
            : restartMonths(returnSwu, permittedCapacity, storedCapacity, reinstallation, model.setUpTime),
      },
    });
  }

  return {
    trends,
    months,
    window: closingWindow(months, goalMonths, permittedOnly),
    assumptions: [
      ...model.assumptions,
      {
        name: 'trend',
        value: k,
        unit: 'latest reports',
        basis: `${input.trendReports === undefined ? 'default' : 'given by the caller'}: a least-squares line per band and for the total over the last ${k} reports, in kg U per month; a series with one figure among them is held constant, one with none is unknown; projections are clipped at 0`,
      },
      {
        name: 'reported months',
        value: lastReport?.asOf ?? 'none',
        unit: 'last report',
        basis:
          'up to the last report each month shows the latest report on or before it (a total and its bands from one report)',
      },
      {
        name: 'centrifuges',
        value:
          growth.length === 0
            ? 'held at latest figures'
            : growth.map((g) => `${g.machineType} +${g.perMonth}/month`).join(', '),
        unit: '-',
        basis:
          growth.length === 0
            ? 'the machine counts are too sparse for a trend: each plant and type keeps its latest count; declared plans are not counted'
            : 'given by the caller: added each month after the last IAEA machine count, enriching now and stored after a return',
      },
      {
        name: 'full return',
        value: `${stockpileLimit.value} kg U at ${levelLimit.value} %; ${natanzLimit.value} IR-1 enriching`,
        unit: '-',
        basis: `the JCPOA limits (${[stockpileLimit, levelLimit, natanzLimit].map((l) => `${l.sourceRow.file} line ${l.sourceRow.line}`).join(', ')}): the capped stock at its highest permitted level, the permitted machines only`,
      },
      {
        name: 're-installation time',
        value: reinstallation,
        unit: 'months',
        basis:
          'given by the caller: stored advanced machines (installed or enriching before the return) join the permitted machines after this time',
      },
      {
        name: 'breakout goal',
        value: goalMonths,
        unit: 'months',
        basis:
          input.goalMonths === undefined
            ? 'the breakout-goal limit (or 12 months if absent)'
            : 'given by the caller',
      },
    ],
  };
}

/**
 * Months to do `swu` when `permitted` SWU/yr works from the start and `stored` SWU/yr joins after
 * `reinstallation` months, plus `setUp`. Null when there is work and no capacity at all.
 */
export function restartMonths(
  swu: number,
  permitted: number,
  stored: number,
  reinstallation: number,
  setUp: number,
): Months | null {
  const perMonthPermitted = permitted / monthsPerYear;
  const perMonthAll = (permitted + stored) / monthsPerYear;
  if (swu === 0) return setUp as Months; // validated non-negative
  if (perMonthAll === 0) return null;
  if (perMonthPermitted > 0 && swu <= perMonthPermitted * reinstallation)
    return (setUp + swu / perMonthPermitted) as Months; // finite, ≥ 0
  return (setUp + reinstallation + (swu - perMonthPermitted * reinstallation) / perMonthAll) as Months; // finite, ≥ 0
}

function fitTrends(recent: readonly StockpileReport[], origin: IsoDate, k: number): SeriesTrend[] {
  const series: {
    series: StockLevelId | 'total';
    label: string;
    value: (r: StockpileReport) => KgU | null;
  }[] = [
    { series: 'total', label: 'total', value: (r) => r.totalKgU },
    ...stockLevels.map((l) => ({
      series: l.id,
      label: l.label,
      value: (r: StockpileReport) => r.byLevel[l.id],
    })),
  ];
  return series.map(({ series: id, label, value }) => {
    const points = recent.flatMap((r) => {
      const kg = value(r);
      return kg === null ? [] : [{ asOf: r.asOf, kgU: kg, sourceRow: r.sourceRow }];
    });
    const line = leastSquaresLine(
      points.map((p) => monthsBetween(origin, p.asOf)),
      points.map((p) => p.kgU),
    );
    if (line !== null) {
      return {
        series: id,
        label,
        slopeKgUPerMonth: line.slope,
        method: 'least-squares',
        points,
        reason: `least squares over ${points.length} of the last ${k} reports`,
        interceptKgU: line.intercept,
      };
    }
    if (points.length > 0) {
      return {
        series: id,
        label,
        slopeKgUPerMonth: 0,
        method: 'held-constant',
        points,
        reason: `only one figure in the last ${k} reports: held at it`,
        interceptKgU: points[points.length - 1]!.kgU,
      };
    }
    return {
      series: id,
      label,
      slopeKgUPerMonth: null,
      method: 'unknown',
      points,
      reason: `no figure in the last ${k} reports: unknown`,
      interceptKgU: null,
    };
  });
}

function projectedValue(trend: SeriesTrend | undefined, monthsAfter: number): number | null {
  if (trend === undefined || trend.interceptKgU === null || trend.slopeKgUPerMonth === null) return null;
  return Math.max(0, round(trend.interceptKgU + trend.slopeKgUPerMonth * monthsAfter));
}

function projectStockpile(trends: readonly SeriesTrend[], monthsAfter: number): ProjectedMonth['stockpile'] {
  const total = projectedValue(
    trends.find((t) => t.series === 'total'),
    monthsAfter,
  );
  const byLevel = Object.fromEntries(
    stockLevels.map((l) => [
      l.id,
      projectedValue(
        trends.find((t) => t.series === l.id),
        monthsAfter,
      ),
    ]),
  ) as Record<StockLevelId, number | null>; // one entry per band id
  const known = stockLevels.reduce((sum, l) => sum + (byLevel[l.id] ?? 0), 0);
  return {
    totalKgU: total,
    byLevel,
    unspecifiedKgU: total === null ? null : Math.max(0, round(total - known)),
  };
}

function reportedStockpile(reports: readonly StockpileReport[], date: IsoDate): ProjectedMonth['stockpile'] {
  const picture = stockpileAt(reports, date);
  if (picture === null) {
    return {
      totalKgU: null,
      byLevel: { 'up-to-2pct': null, 'up-to-5pct': null, 'up-to-20pct': null, 'up-to-60pct': null },
      unspecifiedKgU: null,
    };
  }
  return {
    totalKgU: picture.totalKgU,
    byLevel: picture.byLevel,
    unspecifiedKgU: Math.max(0, round(picture.totalKgU - knownBandsKgU(picture.byLevel))),
  };
}

function closingWindow(
  months: readonly ProjectedMonth[],
  goal: number,
  permittedOnly: Months | null,
): ClosingWindow {
  const short = (m: number | null): boolean => m !== null && m < goal;
  const index = months.findIndex((m) => short(m.afterFullReturn.withReinstalled));
  const permitted = {
    permittedOnlyMonths: permittedOnly,
    permittedOnlyMeetsGoal: permittedOnly === null ? null : !short(permittedOnly),
  };
  const permittedNote =
    permittedOnly === null
      ? ''
      : short(permittedOnly)
        ? ` Even with the permitted machines only, a full return gives ${round(permittedOnly, 2)} months, short of the goal.`
        : ` With the permitted machines only, a full return gives ${round(permittedOnly, 2)} months.`;
  if (index === -1) {
    return {
      goalMonths: goal,
      status: 'open-through-horizon',
      closesOn: null,
      ...permitted,
      explanation: `In every month projected, a full return restores a breakout time of at least ${goal} months, stored advanced machines included.${permittedNote}`,
    };
  }
  const month = months[index]!;
  const value = month.afterFullReturn.withReinstalled ?? 0;
  const stored = month.afterFullReturn.storedAdvancedMachines;
  return {
    goalMonths: goal,
    status: index === 0 ? 'closed-before-start' : 'closes',
    closesOn: month.date,
    ...permitted,
    explanation: `${index === 0 ? 'Already in the first month' : `From ${month.date}`}, a full return gives ${round(value, 2)} months${stored === 0 ? ' (no advanced machines are stored)' : ` once the ${stored} stored advanced machines are re-installed`}, short of the ${goal}-month goal.${permittedNote}`,
  };
}
