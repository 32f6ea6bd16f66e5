import { z } from 'zod';
import { breakoutDefaults, monteCarloDefaults, projectionDefaults, shownDefault } from './defaults.ts';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date as YYYY-MM-DD');
const nonNegative = z.number().finite().nonnegative();

/** Where a figure came from: dataset, file, 1-based line, and the row's own source and note. */
export const SourceRow = z
  .object({
    dataset: z.string(),
    file: z.string().describe('Path inside the data folder'),
    line: z.number().int().positive(),
    source: z.string(),
    note: z.string().nullable(),
  })
  .meta({ id: 'SourceRow' });
export type SourceRow = z.infer<typeof SourceRow>;

/** One assumption a figure rests on. */
export const Assumption = z
  .object({ name: z.string(), value: z.union([z.number(), z.string()]), unit: z.string(), basis: z.string() })
  .meta({ id: 'Assumption' });
export type Assumption = z.infer<typeof Assumption>;

/** Per-machine separative capacity override, SWU per year (a range; low = high for a single value). */
export const MachineCapacityInput = z
  .object({ low: nonNegative, high: nonNegative })
  .refine((c) => c.low <= c.high, { message: 'low must not exceed high' });

/**
 * The editable assumptions of every nuclear result. Each is optional; a result lists the value it used and
 * where that came from.
 */
export const NuclearAssumptions = z.object({
  tailsPercent: z
    .number()
    .gt(0)
    .lt(100)
    .optional()
    .describe(`Fixed tails assay, % U-235 (default ${breakoutDefaults.tailsPercent})`),
  sq: z
    .enum(['u235', 'wgu'])
    .optional()
    .describe(`Significant quantity: u235 (IAEA) or wgu (default ${breakoutDefaults.sq})`),
  setUpMonths: nonNegative
    .optional()
    .describe(`Cascade set-up time before production, months (default ${breakoutDefaults.setUpMonths})`),
  unspecifiedAssayPercent: z
    .number()
    .gt(0)
    .lt(100)
    .optional()
    .describe(
      `Assay of stock no reported band holds, % (default ${breakoutDefaults.unspecifiedAssayPercent})`,
    ),
  capacityPoint: z
    .enum(['low', 'central', 'high'])
    .optional()
    .describe(
      `Point of each capacity range for single-number results (default ${breakoutDefaults.capacityPoint})`,
    ),
  machineCapacities: z
    .record(z.string().min(1), MachineCapacityInput)
    .optional()
    .describe('Per-machine SWU/yr by machine type, overriding the defaults'),
  seed: z
    .number()
    .int()
    .min(0)
    .max(4294967295)
    .optional()
    .describe(`Monte Carlo seed (default ${monteCarloDefaults.seed})`),
  samples: z
    .number()
    .int()
    .min(1)
    .max(1000000)
    .optional()
    .describe(`Monte Carlo samples (default ${shownDefault(monteCarloDefaults.samples)})`),
});
export type NuclearAssumptions = z.infer<typeof NuclearAssumptions>;

/** `lockstep nuclear swu` / `POST /api/nuclear/swu`. */
export const SwuQuery = z.object({
  feedPercent: z.number().gt(0).lt(100).describe('Feed assay, % U-235 (0.711 natural)'),
  productPercent: z.number().gt(0).lt(100).describe('Product assay, % U-235'),
  tailsPercent: z.number().gt(0).lt(100).describe('Tails assay, % U-235'),
  productKg: z.number().positive().finite().describe('Product mass, kg U'),
});
export type SwuQuery = z.infer<typeof SwuQuery>;

export const SwuResult = z
  .object({
    swu: z.number().describe('Separative work, SWU (kg-SWU)'),
    feedKg: z.number().describe('Feed, kg U'),
    tailsKg: z.number().describe('Tails, kg U'),
    productKg: z.number().describe('Product, kg U'),
    swuPerKgProduct: z.number(),
    feedPerKgProduct: z.number(),
    assays: z.object({ feedPercent: z.number(), productPercent: z.number(), tailsPercent: z.number() }),
    formula: z.string(),
  })
  .meta({ id: 'SwuResult' });
export type SwuResult = z.infer<typeof SwuResult>;

/** A date query for results on the stored data (default: the latest report). */
export const AsOfQuery = z.object({
  asOf: isoDate.optional().describe('Date of the assessment (YYYY-MM-DD)'),
});

/** The enrichment plant at a date, as the IAEA's per-report counts give it. */
export const CensusMachinesJson = z.object({
  machineType: z.string(),
  enriching: z.number().int().describe('Machines enriching uranium'),
  installed: z.number().int().nullable().describe('Machines installed, when the report says'),
  bound: z
    .enum(['upper'])
    .nullable()
    .describe('"upper" when the count is a bound the report states (the JCPOA cap), not a count'),
  asOf: isoDate,
  source: SourceRow,
});

export const CapacityResult = z
  .object({
    asOf: isoDate,
    coverage: z.object({
      verdict: z
        .enum(['complete', 'partial', 'none'])
        .describe(
          'complete: the latest report counts every plant (or states it idle); partial: some count is older or missing; none: no report counts any plant',
        ),
      latestReport: isoDate.nullable().describe('The latest IAEA report on or before the date'),
      missing: z.array(z.string()).describe('What the count lacks, plant by plant, and what is used instead'),
    }),
    sites: z.array(
      z.object({
        site: z.enum(['Natanz FEP', 'Natanz PFEP', 'Fordow FFEP']),
        state: z
          .enum(['current', 'carried', 'none'])
          .describe(
            'current: from the latest report; carried: its last count, from an older report; none: never counted',
          ),
        status: z.enum(['reported', 'within-jcpoa-caps', 'idle']).nullable(),
        asOf: isoDate.nullable(),
        missingSince: isoDate.nullable(),
        machines: z.array(CensusMachinesJson),
      }),
    ),
    enriching: z.number().int().describe('Machines enriching, every plant and type'),
    capacitySwuPerYear: z.object({ low: z.number(), high: z.number() }),
    assumptions: z.array(Assumption),
  })
  .meta({ id: 'CapacityResult' });
export type CapacityResult = z.infer<typeof CapacityResult>;

/** The published record: dated breakout estimates and events, between two dates. */
export const PublishedRecordQuery = z.object({
  from: isoDate.optional().describe('First date (YYYY-MM-DD); default the first in the record'),
  to: isoDate.optional().describe('Last date (YYYY-MM-DD); default the last in the record'),
});

export const PublishedEstimateJson = z.object({
  date: isoDate,
  author: z.string(),
  low: z
    .number()
    .nullable()
    .describe('The lower (or only) figure, in unit; null for none or an upper bound only'),
  high: z
    .number()
    .nullable()
    .describe('The upper figure of a range, or the bound of "up to" when low is null'),
  unit: z.enum(['days', 'weeks', 'months']),
  monthsLow: z.number().nullable().describe('low in months (weeks of 7 days, months of 30.44 days)'),
  monthsHigh: z.number().nullable().describe('high in months'),
  material: z.string().describe('What the time is to'),
  sqConvention: z.string().describe('25 kg 90% U, 25 kg U-235, or not stated'),
  stockCounted: z.string().describe('Which stock the estimate assumes'),
  quote: z.string().describe("The author's words"),
  source: SourceRow,
});

export const PublishedEstimates = z
  .object({ estimates: z.array(PublishedEstimateJson) })
  .meta({ id: 'PublishedEstimates' });
export type PublishedEstimates = z.infer<typeof PublishedEstimates>;

export const ProgrammeEvents = z
  .object({
    events: z.array(
      z.object({
        date: isoDate,
        event: z.string(),
        kind: z.enum(['agreement', 'iran-step', 'us-step', 'iaea', 'incident']),
        source: SourceRow,
      }),
    ),
  })
  .meta({ id: 'ProgrammeEvents' });
export type ProgrammeEvents = z.infer<typeof ProgrammeEvents>;

/** One figure a report gives (or does not), with the row it is read from. */
export const ReportFigure = z
  .object({
    what: z.string().describe('What the figure is of: "Natanz FEP IR-1", "heavy water", "stockpile"'),
    text: z.string().describe('The figure in words, or why there is none ("not reported", "not verified")'),
    status: z
      .string()
      .describe("The row's status (reported, not-reported, not-verified, within-jcpoa-caps, ...)"),
    matchedBy: z
      .enum(['report', 'date'])
      .describe("report: the row names this report; date: the row's as-of date falls in the report's weeks"),
    source: SourceRow,
  })
  .meta({ id: 'ReportFigure' });
export type ReportFigure = z.infer<typeof ReportFigure>;

/** `lockstep nuclear reports` / `GET /api/nuclear/reports`: the IAEA's reports, each with the figures it gives. */
export const IaeaReports = z
  .object({
    reports: z.array(
      z.object({
        report: z
          .string()
          .describe('GOV number where a source states it, else "IAEA quarterly report of <date>"'),
        date: isoDate,
        kind: z.enum(['quarterly', 'interim', 'ad-hoc']),
        source: SourceRow,
        figures: z.array(ReportFigure),
      }),
    ),
  })
  .meta({ id: 'IaeaReports' });
export type IaeaReports = z.infer<typeof IaeaReports>;

/** The history of the programme, report by report, under one set of assumptions. */
export const NuclearHistoryQuery = NuclearAssumptions.extend({
  from: isoDate.optional().describe('First report date (YYYY-MM-DD); default the first'),
  to: isoDate.optional().describe('Last report date (YYYY-MM-DD); default the last'),
});

export const NuclearHistory = z
  .object({
    reports: z.array(
      z.object({
        asOf: isoDate.describe("The report's date: every figure of the row is as of it"),
        report: z
          .object({ report: z.string(), date: isoDate, kind: z.string(), source: SourceRow })
          .describe('The IAEA report'),
        stockpile: z
          .object({
            asOf: isoDate.describe('The date the IAEA verified the stockpile'),
            fromThisReport: z
              .boolean()
              .describe('false: this report gives no total in the data, and the latest earlier one is shown'),
            totalKgU: z.number(),
            byLevel: z.record(z.string(), z.number().nullable()),
            source: SourceRow,
          })
          .nullable()
          .describe('The latest stockpile total on or before the report; null before the first in the data'),
        machinesEnriching: z.number().int(),
        capacitySwuPerYear: z.object({ low: z.number(), high: z.number() }),
        coverage: z.enum(['complete', 'partial', 'none']),
        coverageMissing: z.array(z.string()),
        breakout: z.object({
          p50: z.number().nullable(),
          p5: z.number().nullable(),
          p95: z.number().nullable(),
          unreachableReason: z.string().nullable(),
        }),
        breaches: z.array(z.string()).describe('The JCPOA limits in breach on the date'),
        unknown: z.array(z.string()).describe('The JCPOA limits no figure settles on the date'),
        estimates: z
          .array(PublishedEstimateJson)
          .describe('Estimates published on or after this report and before the next'),
      }),
    ),
    estimatesBefore: z
      .array(PublishedEstimateJson)
      .describe('Estimates published before the first report shown'),
    sq: z.enum(['u235', 'wgu']),
    samples: z.number().int(),
    seed: z.number().int(),
    assumptions: z.array(Assumption),
  })
  .meta({ id: 'NuclearHistory' });
export type NuclearHistory = z.infer<typeof NuclearHistory>;
export type NuclearHistoryQuery = z.infer<typeof NuclearHistoryQuery>;

/** One JCPOA limit on a date. */
export const LimitAssessment = z
  .object({
    id: z.string(),
    description: z.string(),
    limit: z.number().describe('The limit, in `unit`'),
    actual: z.number().nullable().describe('Latest reported figure on or before the date; null = unknown'),
    unit: z.string(),
    excess: z.number().nullable().describe('How far on the wrong side of the limit; 0 within; null unknown'),
    status: z.enum(['within', 'breach', 'unknown']),
    figureAsOf: isoDate.nullable(),
    measure: z.string(),
    reason: z.string(),
    source: SourceRow.nullable().describe('The row the figure comes from (first of `sources`)'),
    sources: z.array(SourceRow),
    limitSource: SourceRow,
    inForce: z.boolean().nullable(),
    caveats: z.array(z.string()),
  })
  .meta({ id: 'LimitAssessment' });
export type LimitAssessment = z.infer<typeof LimitAssessment>;

export const ComplianceResult = z
  .object({
    asOf: isoDate,
    limits: z.array(LimitAssessment),
    stockpile: z.looseObject({ asOf: isoDate, totalKgU: z.number(), sourceRow: SourceRow }).nullable(),
    machines: z.array(
      z.looseObject({ site: z.string(), machineType: z.string(), machines: z.number(), state: z.string() }),
    ),
  })
  .meta({ id: 'ComplianceResult' });
export type ComplianceResult = z.infer<typeof ComplianceResult>;

/** A stock of uranium for an explicit breakout question. */
export const StockInput = z.object({ assayPercent: z.number().gt(0).lt(100), kgU: nonNegative });

/** Breakout on the stored data (`asOf`) or on explicit stocks and capacity. */
export const BreakoutQuery = NuclearAssumptions.extend({
  asOf: isoDate.optional(),
  stock: z.array(StockInput).optional().describe('Explicit stocks instead of the stored data'),
  capacitySwuPerYear: nonNegative.optional().describe('Explicit capacity instead of the stored machines'),
});
export type BreakoutQuery = z.infer<typeof BreakoutQuery>;

const MonthsRange = z.object({
  p5: z.number(),
  p50: z.number(),
  p95: z.number(),
  samples: z.number(),
  seed: z.number(),
});

export const BreakoutResult = z
  .object({
    basis: z.enum(['stored', 'explicit']),
    asOf: isoDate.nullable(),
    sq: z.enum(['u235', 'wgu']),
    significantQuantity: z.looseObject({
      productKgU: z.number(),
      productAssay: z.number(),
      definition: z.string(),
    }),
    reachable: z.boolean(),
    unreachableReason: z.string().nullable(),
    swu: z.number().nullable(),
    months: z.number().nullable().describe('Months to one SQ: the single value, or the Monte Carlo median'),
    monthsRange: MonthsRange.nullable().describe('p5/p50/p95 when a capacity is a range'),
    capacitySwuPerYear: z.object({ low: z.number(), high: z.number() }),
    feedPlan: z.looseObject({ uses: z.array(z.looseObject({ label: z.string() })) }),
    sources: z.array(SourceRow),
    assumptions: z.array(Assumption),
  })
  .meta({ id: 'BreakoutResult' });
export type BreakoutResult = z.infer<typeof BreakoutResult>;

export const StepsQuery = NuclearAssumptions.extend({ asOf: isoDate.optional() });

export const StepBack = z
  .object({
    id: z.string().describe('Stable id, usable as a sequencing measure'),
    kind: z.string(),
    action: z.string(),
    restores: z.array(z.string()),
    because: z.enum(['breach', 'unknown']),
    quantity: z.object({ value: z.number(), unit: z.string() }).nullable(),
    breakoutAlone: z.number().nullable(),
    gainAlone: z.number().nullable(),
    marginalInFullSet: z.number().nullable(),
    sources: z.array(SourceRow),
  })
  .meta({ id: 'StepBack' });

export const StepsResult = z
  .object({
    asOf: isoDate,
    steps: z.array(StepBack),
    breakoutNow: z.number().nullable(),
    breakoutFullSet: z.number().nullable(),
    goal: z.object({ months: z.number(), metByFullSet: z.boolean().nullable() }),
    assumptions: z.array(Assumption),
    notes: z.array(z.string()),
  })
  .meta({ id: 'StepsResult' });
export type StepsResult = z.infer<typeof StepsResult>;

export const ProjectionQuery = NuclearAssumptions.extend({
  from: isoDate.optional().describe('First month (default: the latest report)'),
  until: isoDate.describe('Last date of the projection'),
  trendReports: z
    .number()
    .int()
    .min(2)
    .max(50)
    .optional()
    .describe(`Reports each trend is fitted on (k, default ${projectionDefaults.trendReports})`),
  reinstallationMonths: nonNegative
    .optional()
    .describe(
      `Months to re-install stored advanced machines after a full return (default ${projectionDefaults.reinstallationMonths})`,
    ),
  goalMonths: z
    .number()
    .positive()
    .optional()
    .describe(`Breakout goal, months (default ${projectionDefaults.goalMonths})`),
  advancedMachineGrowth: z
    .record(z.string().min(1), z.number().min(0).max(100000))
    .optional()
    .describe(
      'Advanced machines added each month after the last IAEA count, by type (e.g. {"IR-6": 50}); default none: every plant and type keeps its latest count',
    ),
});
export type ProjectionQuery = z.infer<typeof ProjectionQuery>;

export const ProjectionResult = z
  .object({
    from: isoDate,
    until: isoDate,
    trends: z.array(z.looseObject({ series: z.string(), label: z.string(), method: z.string() })),
    months: z.array(
      z.looseObject({
        date: isoDate,
        basis: z.enum(['reported', 'projected']),
        breakoutMonths: z.number().nullable(),
        afterFullReturn: z.object({
          permittedOnly: z.number().nullable(),
          storedAdvancedMachines: z.number(),
          withReinstalled: z.number().nullable(),
        }),
      }),
    ),
    window: z.looseObject({ status: z.string(), closesOn: isoDate.nullable(), explanation: z.string() }),
    assumptions: z.array(Assumption),
  })
  .meta({ id: 'ProjectionResult' });
export type ProjectionResult = z.infer<typeof ProjectionResult>;

/** The stored series with their rows, for charts. */
export const StockpileSeriesPoint = z.object({
  asOf: isoDate,
  totalKgU: z.number().nullable(),
  byLevel: z.record(z.string(), z.number().nullable()),
  sourceRow: SourceRow,
});

/** Breakout at each IAEA report date, with the Monte Carlo spread. */
export const BreakoutHistoryPoint = z.object({
  asOf: isoDate,
  months: z.number().nullable(),
  p5: z.number().nullable(),
  p95: z.number().nullable(),
  unreachableReason: z
    .string()
    .nullable()
    .describe('Why there is no figure on this date (e.g. no machine reported enriching)'),
  sourceRow: SourceRow,
});

/** Everything the Nuclear page shows, in one answer. */
export const NuclearOverview = z
  .object({
    asOf: isoDate,
    stockpile: z.array(StockpileSeriesPoint),
    stockpileCapKgU: z.number(),
    compliance: ComplianceResult,
    breakout: BreakoutResult,
    breakoutHistory: z.array(BreakoutHistoryPoint),
    steps: StepsResult,
    projection: ProjectionResult,
    machineCapacities: z.array(
      z.object({
        machineType: z.string(),
        low: z.number(),
        high: z.number(),
        source: z.string(),
        note: z.string(),
      }),
    ),
  })
  .meta({ id: 'NuclearOverview' });
export type NuclearOverview = z.infer<typeof NuclearOverview>;

export const NuclearOverviewQuery = ProjectionQuery.partial({ until: true }).extend({
  asOf: isoDate.optional(),
});
export type NuclearOverviewQuery = z.infer<typeof NuclearOverviewQuery>;
