import {
  type BreakoutQuery,
  type BreakoutResult,
  breakoutDefaults,
  type CapacityResult,
  type ComplianceResult,
  monteCarloDefaults,
  type NuclearAssumptions,
  type NuclearHistory,
  type NuclearHistoryQuery,
  type NuclearOverview,
  type NuclearOverviewQuery,
  type ProgrammeEvents,
  type ProjectionQuery,
  type ProjectionResult,
  type PublishedEstimates,
  projectionDefaults,
  type StepsResult,
  type SwuQuery,
  type SwuResult,
} from '@lockstep/contract';
import {
  type Assumption,
  addCalendarMonths,
  assayFromPercent,
  assessCompliance,
  type BreakoutEstimate,
  type BreakoutModelOptions,
  breakoutTime,
  type ComplianceInput,
  type ComplianceState,
  censusAt,
  defaultMachineCapacities,
  defaultUnspecifiedAssay,
  enrichmentBalance,
  enrichmentCapacity,
  estimateInMonths,
  type IsoDate,
  isoDate,
  kgU,
  type MachineCapacityTable,
  machineFiguresAt,
  months,
  NuclearInputError,
  projectWindow,
  type SourceRow,
  stepsBack,
  stockpileAt,
  stockpileStocksAssumptions,
  stocksFromStockpile,
  swuPerYear,
  UnitError,
  type UraniumStock,
} from '@lockstep/core';
import type { NuclearSeries } from '@lockstep/store';
import { InputError } from '../input-error.ts';
import { reportCarrying } from './iaea-reports.ts';

/** Samples per report date in the breakout history (a chart band, not a headline figure). */
const historySamples = 2_000;

/**
 * Runs `work`, turning the model's input errors into `InputError`s that name the parameter, under the
 * caller's name for it where `names` maps the model's (`productAssay` -> `productPercent`).
 */
export function asInputErrors<T>(work: () => T, names: Readonly<Record<string, string>> = {}): T {
  try {
    return work();
  } catch (error) {
    if (error instanceof NuclearInputError) {
      const field = names[error.parameter] ?? error.parameter;
      throw new InputError(`${field}: ${error.problem}`, field);
    }
    if (error instanceof UnitError) throw new InputError(error.message, undefined);
    throw error;
  }
}

/** The capacity table with the caller's overrides, each marked as the caller's. */
function capacityTable(assumptions: NuclearAssumptions): MachineCapacityTable {
  const table: Record<string, MachineCapacityTable[string]> = { ...defaultMachineCapacities };
  for (const [machineType, range] of Object.entries(assumptions.machineCapacities ?? {})) {
    table[machineType] = {
      machineType,
      low: swuPerYear(range.low, `machineCapacities.${machineType}.low`),
      high: swuPerYear(range.high, `machineCapacities.${machineType}.high`),
      source: 'given by the user',
      note: defaultMachineCapacities[machineType]
        ? `replaces the default ${defaultMachineCapacities[machineType].low}-${defaultMachineCapacities[machineType].high} SWU/yr`
        : 'a machine type the defaults do not list',
    };
  }
  return table;
}

/** The breakout model settings the caller chose, the rest left to the model's stated defaults. */
function modelOptions(assumptions: NuclearAssumptions): BreakoutModelOptions {
  return {
    machineCapacities: capacityTable(assumptions),
    ...(assumptions.capacityPoint && { capacityPoint: assumptions.capacityPoint }),
    ...(assumptions.tailsPercent !== undefined && {
      tailsAssay: assayFromPercent(assumptions.tailsPercent, 'tailsPercent'),
    }),
    ...(assumptions.sq && { significantQuantity: assumptions.sq }),
    ...(assumptions.setUpMonths !== undefined && {
      setUpTime: months(assumptions.setUpMonths, 'setUpMonths'),
    }),
    ...(assumptions.unspecifiedAssayPercent !== undefined && {
      unspecifiedAssay: assayFromPercent(assumptions.unspecifiedAssayPercent, 'unspecifiedAssayPercent'),
    }),
  };
}

/** The latest IAEA report date: the default date of every assessment. */
function latestReport(series: NuclearSeries): IsoDate {
  const last = series.stockpile.at(-1);
  if (!last) throw new InputError('no IAEA stockpile figures are loaded', undefined);
  return last.asOf;
}

/** Checks a requested date against the data: on or after the first report. */
function dateInData(series: NuclearSeries, value: string | undefined, field: string): IsoDate {
  if (value === undefined) return latestReport(series);
  const date = asInputErrors(() => isoDate(value));
  const first = series.stockpile[0]!.asOf;
  if (date < first) {
    throw new InputError(
      `${field}: ${date} is before the first IAEA stockpile report in the data (${first}); give a date from ${first} on`,
      field,
    );
  }
  return date;
}

const swuFieldNames = {
  productAssay: 'productPercent',
  feedAssay: 'feedPercent',
  tailsAssay: 'tailsPercent',
};

/** `nuclear.swu`: separative work, feed and tails for one enrichment job. */
export function separativeWork(query: SwuQuery): SwuResult {
  return asInputErrors(() => {
    const balance = enrichmentBalance({
      product: kgU(query.productKg, 'productKg'),
      productAssay: assayFromPercent(query.productPercent, 'productPercent'),
      feedAssay: assayFromPercent(query.feedPercent, 'feedPercent'),
      tailsAssay: assayFromPercent(query.tailsPercent, 'tailsPercent'),
    });
    return {
      swu: balance.separativeWork,
      feedKg: balance.feed,
      tailsKg: balance.tails,
      productKg: balance.product,
      swuPerKgProduct: balance.separativeWork / balance.product,
      feedPerKgProduct: balance.feed / balance.product,
      assays: {
        feedPercent: query.feedPercent,
        productPercent: query.productPercent,
        tailsPercent: query.tailsPercent,
      },
      formula:
        'V(x) = (2x-1) ln(x/(1-x)); F = P (xp-xt)/(xf-xt); T = F - P; SWU = P V(xp) + T V(xt) - F V(xf)',
    };
  }, swuFieldNames);
}

/** `nuclear.compliance`: every JCPOA limit on a date, with the figure's source row. */
export function compliance(series: NuclearSeries, asOf?: string): ComplianceResult {
  const date = dateInData(series, asOf, 'asOf');
  return presentCompliance(assess(series, date));
}

/** What compliance reads from the stored series: the limits and every per-report figure that measures one. */
function complianceInput(series: NuclearSeries): ComplianceInput {
  return {
    limits: series.limits,
    stockpile: series.stockpile,
    centrifuges: series.events,
    census: series.census,
    heavyWater: series.heavyWater,
    uraniumMetal: series.uraniumMetal,
    protocol: series.protocol,
  };
}

function assess(series: NuclearSeries, date: IsoDate): ComplianceState {
  return asInputErrors(() => assessCompliance(complianceInput(series), date));
}

function presentCompliance(state: ComplianceState): ComplianceResult {
  return {
    asOf: state.date,
    limits: state.assessments.map((a) => ({
      id: a.limitId,
      description: a.limitDescription,
      limit: a.limit,
      actual: a.figure,
      unit: a.unit,
      excess: a.excess,
      status: a.status,
      figureAsOf: a.figureAsOf,
      measure: a.measure,
      reason: a.reason,
      source: a.sources[0] ?? null,
      sources: [...a.sources],
      limitSource: a.limitSource,
      inForce: a.inForce,
      caveats: [...a.caveats],
    })),
    stockpile: state.stockpile ? { ...state.stockpile, caveats: [...state.stockpile.caveats] } : null,
    machines: state.machines.map((m) => ({ ...m, caveats: [...m.caveats] })),
  };
}

interface StoredInputs {
  readonly stocks: UraniumStock[];
  readonly machines: { machineType: string; count: number; site: string }[];
  readonly sources: SourceRow[];
}

function storedInputs(series: NuclearSeries, date: IsoDate, unspecifiedPercent?: number): StoredInputs {
  const picture = stockpileAt(series.stockpile, date);
  if (!picture) throw new InputError(`asOf: no IAEA report with a total on or before ${date}`, 'asOf');
  const unspecified = assayFromPercent(
    unspecifiedPercent ?? breakoutDefaults.unspecifiedAssayPercent,
    'unspecifiedAssayPercent',
  );
  const stocks = stocksFromStockpile(
    { label: `IAEA ${picture.asOf}`, byLevel: picture.byLevel, unspecifiedKgU: picture.unspecifiedKgU },
    unspecified,
  );
  const figures = machineFiguresAt({ centrifuges: series.events, census: series.census }, date).filter(
    (m) => m.state === 'enriching',
  );
  return {
    stocks,
    machines: figures.map((m) => ({ machineType: m.machineType, count: m.machines, site: m.site })),
    sources: [picture.sourceRow, ...figures.map((m) => m.sourceRow)],
  };
}

const enrichingOnly: Assumption = {
  name: 'machines counted in capacity',
  value: 'enriching only',
  unit: '-',
  basis:
    'the latest event per site and type that says machines enrich; installed machines not enriching are left out',
};

function presentBreakout(
  estimate: BreakoutEstimate,
  basis: 'stored' | 'explicit',
  asOf: IsoDate | null,
  sources: SourceRow[],
  extra: Assumption[],
): BreakoutResult {
  const m = estimate.months;
  return {
    basis,
    asOf,
    sq: estimate.sq.convention,
    significantQuantity: { ...estimate.sq },
    reachable: estimate.reachable,
    unreachableReason: estimate.unreachableReason,
    swu: estimate.swu,
    months: m === null ? null : m.kind === 'exact' ? m.value : m.p50,
    monthsRange:
      m?.kind === 'monte-carlo'
        ? { p5: m.p5, p50: m.p50, p95: m.p95, samples: m.samples, seed: m.seed }
        : null,
    capacitySwuPerYear: { low: estimate.capacity.low, high: estimate.capacity.high },
    feedPlan: { ...estimate.feedPlan, uses: estimate.feedPlan.uses.map((u) => ({ ...u })) },
    sources,
    assumptions: [...estimate.assumptions, ...extra],
  };
}

function monteCarloAssumption(uncertainty: { seed: number; samples: number }, given: boolean): Assumption {
  return {
    name: 'Monte Carlo (used when a capacity is a range)',
    value: `seed ${uncertainty.seed}, ${uncertainty.samples} samples`,
    unit: '-',
    basis: given
      ? 'seed given by the user'
      : 'default seed, so the same question gives the same answer; each machine type draws its capacity uniformly within its range',
  };
}

/** `nuclear.breakout`: time to one significant quantity, on the stored data or on explicit inputs. */
export function breakout(series: NuclearSeries, query: BreakoutQuery): BreakoutResult {
  return asInputErrors(() => {
    const options = modelOptions(query);
    const uncertainty = {
      seed: query.seed ?? monteCarloDefaults.seed,
      samples: query.samples ?? monteCarloDefaults.samples,
    };
    const common = {
      ...(options.tailsAssay && { tailsAssay: options.tailsAssay }),
      ...(options.significantQuantity && { significantQuantity: options.significantQuantity }),
      ...(options.setUpTime !== undefined && { setUpTime: options.setUpTime }),
      uncertainty,
    };
    if (query.stock !== undefined || query.capacitySwuPerYear !== undefined) {
      if (query.stock === undefined || query.capacitySwuPerYear === undefined) {
        throw new InputError(
          `${query.stock === undefined ? 'stock' : 'capacitySwuPerYear'}: explicit inputs need both the stocks and the capacity in SWU/yr`,
          query.stock === undefined ? 'stock' : 'capacitySwuPerYear',
        );
      }
      const stocks = query.stock.map((s, i) => ({
        label: `${s.assayPercent} % (given)`,
        assay: assayFromPercent(s.assayPercent, `stock[${i}].assayPercent`),
        kgU: kgU(s.kgU, `stock[${i}].kgU`),
      }));
      const estimate = breakoutTime({
        stocks,
        capacity: {
          kind: 'swu-per-year',
          swuPerYear: swuPerYear(query.capacitySwuPerYear, 'capacitySwuPerYear'),
          basis: 'given by the user',
        },
        ...common,
      });
      return presentBreakout(
        estimate,
        'explicit',
        null,
        [],
        [monteCarloAssumption(uncertainty, query.seed !== undefined)],
      );
    }
    const date = dateInData(series, query.asOf, 'asOf');
    const inputs = storedInputs(series, date, query.unspecifiedAssayPercent);
    const estimate = breakoutTime({
      stocks: inputs.stocks,
      capacity: { kind: 'machines', machines: inputs.machines, machineCapacities: options.machineCapacities },
      ...common,
    });
    return presentBreakout(estimate, 'stored', date, inputs.sources, [
      enrichingOnly,
      ...stockpileStocksAssumptions(
        options.unspecifiedAssay ?? defaultUnspecifiedAssay,
        query.unspecifiedAssayPercent !== undefined,
      ),
      monteCarloAssumption(uncertainty, query.seed !== undefined),
    ]);
  });
}

/** `nuclear.steps`: the concrete steps back to the limits and the breakout time each restores. */
export function steps(series: NuclearSeries, query: NuclearAssumptions & { asOf?: string }): StepsResult {
  const date = dateInData(series, query.asOf, 'asOf');
  return asInputErrors(() => {
    const result = stepsBack(assess(series, date), modelOptions(query));
    return {
      asOf: result.date,
      steps: result.steps.map((s) => ({ ...s, restores: [...s.restores], sources: [...s.sources] })),
      breakoutNow: result.breakoutNow,
      breakoutFullSet: result.breakoutFullSet,
      goal: { ...result.goal },
      assumptions: [...result.assumptions],
      notes: [...result.notes],
    };
  });
}

const reinstallationAssumption = (given: boolean, value: number): Assumption => ({
  name: 're-installation time',
  value,
  unit: 'months',
  basis: given
    ? 'given by the user: stored advanced machines join the permitted machines after this time'
    : 'default: stored advanced machines join the permitted machines after this time; for scale, ISIS counted about two cascades a month per type in 2015 and 6.3 a month in mid-2024, and the AEOI claimed 45 days in 2016',
});

/** `nuclear.project`: stockpile and breakout by month, and the date the window closes. */
export function projection(series: NuclearSeries, query: ProjectionQuery): ProjectionResult {
  const from = dateInData(series, query.from, 'from');
  const until = asInputErrors(() => isoDate(query.until));
  if (until < from) {
    throw new InputError(`until: ${until} is before the start of the projection (${from})`, 'until');
  }
  return asInputErrors(() => {
    const reinstallation = query.reinstallationMonths ?? projectionDefaults.reinstallationMonths;
    const result = projectWindow({
      ...modelOptions(query),
      ...complianceInput(series),
      from,
      until,
      reinstallationTime: months(reinstallation, 'reinstallationMonths'),
      ...(query.trendReports !== undefined && { trendReports: query.trendReports }),
      ...(query.goalMonths !== undefined && { goalMonths: query.goalMonths }),
      ...(query.advancedMachineGrowth !== undefined && {
        advancedMachineGrowth: Object.entries(query.advancedMachineGrowth).map(([machineType, perMonth]) => ({
          machineType,
          perMonth,
        })),
      }),
    });
    return {
      from,
      until,
      trends: result.trends.map((t) => ({ ...t, points: t.points.map((p) => ({ ...p })) })),
      months: result.months.map((m) => ({
        ...m,
        sources: [...m.sources],
        stockpile: { ...m.stockpile, byLevel: { ...m.stockpile.byLevel } },
        afterFullReturn: { ...m.afterFullReturn },
      })),
      window: { ...result.window },
      assumptions: result.assumptions.map((a) =>
        a.name === 're-installation time'
          ? reinstallationAssumption(query.reinstallationMonths !== undefined, reinstallation)
          : a,
      ),
    };
  });
}

/** `nuclear.overview`: everything the Nuclear page shows, computed under one set of assumptions. */
export function overview(series: NuclearSeries, query: NuclearOverviewQuery): NuclearOverview {
  const asOf = dateInData(series, query.asOf, 'asOf');
  const until = query.until ?? addCalendarMonths(asOf, projectionDefaults.horizonMonths);
  const history = series.stockpile
    .filter((report) => report.totalKgU !== null && report.asOf <= asOf)
    .map((report) => {
      const result = breakout(series, { ...query, asOf: report.asOf, samples: historySamples });
      return {
        asOf: report.asOf,
        months: result.months,
        p5: result.monthsRange?.p5 ?? result.months,
        p95: result.monthsRange?.p95 ?? result.months,
        unreachableReason: result.unreachableReason,
        sourceRow: report.sourceRow,
      };
    });
  const cap = series.limits.find((l) => l.id === 'stockpile');
  return {
    asOf,
    stockpile: series.stockpile.map((r) => ({
      asOf: r.asOf,
      totalKgU: r.totalKgU,
      byLevel: { ...r.byLevel },
      sourceRow: r.sourceRow,
    })),
    stockpileCapKgU: cap?.value ?? 202.8,
    compliance: compliance(series, asOf),
    breakout: breakout(series, { ...query, asOf }),
    breakoutHistory: history,
    steps: steps(series, { ...query, asOf }),
    projection: projection(series, { ...query, from: asOf, until }),
    machineCapacities: Object.values(modelOptions(query).machineCapacities ?? defaultMachineCapacities).map(
      (c) => ({
        machineType: c.machineType,
        low: c.low,
        high: c.high,
        source: c.source,
        note: c.note,
      }),
    ),
  };
}

/**
 * `nuclear.capacity`: the enrichment plant on a date (default: the latest report) from the IAEA's per-report,
 * per-plant counts, with the coverage verdict, and its separative capacity from the per-machine assumptions.
 * Machines of a type the capacity table does not know are counted as machines but not as capacity, and said so.
 */
export function capacity(series: NuclearSeries, query: { asOf?: string | undefined }): CapacityResult {
  return asInputErrors(() => {
    const latest = series.census.reduce<string | null>(
      (a, r) => (a === null || r.asOf > a ? r.asOf : a),
      null,
    );
    const asOfText = query.asOf ?? latest;
    if (asOfText === null) throw new InputError('asOf: no IAEA machine counts are loaded', 'asOf');
    const date = isoDate(asOfText);
    const census = censusAt(series.census, date);
    const known = census.machines.filter((m) => m.machineType in defaultMachineCapacities);
    const unknownTypes = census.machines.filter((m) => !(m.machineType in defaultMachineCapacities));
    const swu = enrichmentCapacity({
      kind: 'machines',
      machines: known.map((m) => ({ machineType: m.machineType, count: m.enriching, site: m.site })),
    });
    return {
      asOf: date,
      coverage: {
        verdict: census.coverage.verdict,
        latestReport: census.coverage.latestReport,
        missing: [
          ...census.coverage.missing,
          ...unknownTypes.map(
            (m) =>
              `${m.site}: ${m.enriching} ${m.machineType} enriching are counted as machines but not as capacity: no per-machine capacity is assumed for ${m.machineType}`,
          ),
        ],
      },
      sites: census.sites.map((s) => ({
        site: s.site,
        state: s.state,
        status: s.status,
        asOf: s.asOf,
        missingSince: s.missingSince,
        machines: s.machines.map((m) => ({
          machineType: m.machineType,
          enriching: m.enriching,
          installed: m.installed,
          bound: m.bound,
          asOf: m.asOf,
          source: m.sourceRow,
        })),
      })),
      enriching: census.machines.reduce((sum, m) => sum + m.enriching, 0),
      capacitySwuPerYear: { low: swu.low, high: swu.high },
      assumptions: [
        {
          name: 'machines counted',
          value: 'enriching only, per plant and type',
          unit: '-',
          basis: census.basis,
        },
        ...swu.assumptions,
      ],
    };
  });
}

/** Whether `date` lies in the closed range given (either end may be open). */
function within(date: string, range: { from?: string | undefined; to?: string | undefined }): boolean {
  return (range.from === undefined || date >= range.from) && (range.to === undefined || date <= range.to);
}

function checkRange(range: { from?: string | undefined; to?: string | undefined }): void {
  if (range.from !== undefined && range.to !== undefined && range.from > range.to) {
    throw new InputError(`to: ${range.to} is before from ${range.from}: give the earlier date first`, 'to');
  }
}

/** `nuclear.estimates`: the published breakout estimates in a date range, each with its figures in months. */
export function publishedEstimates(
  series: NuclearSeries,
  range: { from?: string | undefined; to?: string | undefined },
): PublishedEstimates {
  checkRange(range);
  return {
    estimates: series.estimates
      .filter((e) => within(e.date, range))
      .map((e) => ({
        date: e.date,
        author: e.author,
        low: e.low,
        high: e.high,
        unit: e.unit,
        monthsLow: e.low === null ? null : estimateInMonths(e.low, e.unit),
        monthsHigh: e.high === null ? null : estimateInMonths(e.high, e.unit),
        material: e.material,
        sqConvention: e.sqConvention,
        stockCounted: e.stockCounted,
        quote: e.quote,
        source: e.sourceRow,
      })),
  };
}

/** `nuclear.events`: the dated events in a range. */
export function programmeEvents(
  series: NuclearSeries,
  range: { from?: string | undefined; to?: string | undefined },
): ProgrammeEvents {
  checkRange(range);
  return {
    events: series.programmeEvents
      .filter((e) => within(e.date, range))
      .map((e) => ({ date: e.date, event: e.event, kind: e.kind, source: e.sourceRow })),
  };
}

/**
 * `nuclear.history`: every IAEA report in a range, each with the stockpile it gave (or the latest before it,
 * said so), the machines counted enriching and whether that count is complete, breakout (p5, p50, p95)
 * under one set of assumptions, the limits in breach and those no figure settles, and the estimates
 * published until the next report.
 */
export function nuclearHistory(series: NuclearSeries, query: NuclearHistoryQuery): NuclearHistory {
  checkRange(query);
  const all = [...series.reports].sort((a, b) =>
    a.date < b.date ? -1 : a.date > b.date ? 1 : a.sourceRow.line - b.sourceRow.line,
  );
  const reports = all.filter((r) => within(r.date, query));
  const withTotals = series.stockpile.filter((r) => r.totalKgU !== null);
  // An estimate belongs to the latest report on or before it: up to the next report of the whole series.
  const nextAfter = (date: string) => all.find((r) => r.date > date)?.date;
  const estimates = publishedEstimates(series, {}).estimates;
  const seed = query.seed ?? monteCarloDefaults.seed;
  const samples = query.samples ?? historySamples;
  let sq: NuclearHistory['sq'] = query.sq ?? breakoutDefaults.sq;
  let assumptions: NuclearHistory['assumptions'] = [];
  const rows = reports.map((report) => {
    const next = nextAfter(report.date);
    let stock: (typeof withTotals)[number] | undefined;
    for (const row of withTotals)
      if (row.asOf <= report.date && (!stock || row.asOf >= stock.asOf)) stock = row;
    const result =
      stock === undefined ? null : breakout(series, { ...query, asOf: report.date, samples, seed });
    if (result !== null) {
      sq = result.sq;
      assumptions = result.assumptions;
    }
    const count = capacity(series, { asOf: report.date });
    const state = assess(series, report.date);
    const carrying = stock === undefined ? null : reportCarrying(series.reports, stock.asOf);
    return {
      asOf: report.date,
      report: { report: report.report, date: report.date, kind: report.kind, source: report.sourceRow },
      stockpile:
        stock === undefined
          ? null
          : {
              asOf: stock.asOf,
              fromThisReport: carrying?.report === report.report,
              totalKgU: stock.totalKgU!,
              byLevel: { ...stock.byLevel },
              source: stock.sourceRow,
            },
      machinesEnriching: count.enriching,
      capacitySwuPerYear: result?.capacitySwuPerYear ?? count.capacitySwuPerYear,
      coverage: count.coverage.verdict,
      coverageMissing: count.coverage.missing,
      breakout:
        result === null
          ? {
              p50: null,
              p5: null,
              p95: null,
              unreachableReason: `no IAEA stockpile total on or before ${report.date} in the data`,
            }
          : {
              p50: result.months,
              p5: result.monthsRange?.p5 ?? result.months,
              p95: result.monthsRange?.p95 ?? result.months,
              unreachableReason: result.unreachableReason,
            },
      breaches: state.assessments.filter((a) => a.status === 'breach').map((a) => a.limitId),
      unknown: state.assessments
        .filter((a) => a.status === 'unknown' && a.limitId !== 'breakout-goal')
        .map((a) => a.limitId),
      estimates: estimates.filter(
        (e) => e.date >= report.date && (next === undefined || e.date < next) && within(e.date, query),
      ),
    };
  });
  const first = reports[0]?.date;
  return {
    reports: rows,
    estimatesBefore:
      first === undefined
        ? []
        : estimates.filter((e) => e.date < first && within(e.date, { from: query.from })),
    sq,
    samples,
    seed,
    assumptions,
  };
}
