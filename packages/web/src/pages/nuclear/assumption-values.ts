import {
  breakoutDefaults,
  monteCarloDefaults,
  type NuclearOverview,
  type NuclearOverviewQuery,
  projectionDefaults,
} from '@lockstep/contract';

/** The what-if form as typed: every number as text, so that a half-typed value is not lost. */
export interface AssumptionValues {
  readonly sq: 'u235' | 'wgu';
  readonly tailsPercent: string;
  readonly setUpMonths: string;
  readonly unspecifiedAssayPercent: string;
  readonly capacityPoint: 'low' | 'central' | 'high';
  readonly machineCapacities: Readonly<Record<string, { readonly low: string; readonly high: string }>>;
  /** Advanced machines added each month after the last IAEA count, by type ('0': none, the default). */
  readonly advancedMachineGrowth: Readonly<Record<string, string>>;
  readonly trendReports: string;
  readonly reinstallationMonths: string;
  readonly goalMonths: string;
  readonly seed: string;
  readonly samples: string;
}

export type ScalarField = Exclude<
  keyof AssumptionValues,
  'sq' | 'capacityPoint' | 'machineCapacities' | 'advancedMachineGrowth'
>;

/** The machine types the JCPOA allows to enrich: growth is asked only for the others. */
const firstGeneration = ['IR-1'];

function named(overview: NuclearOverview, name: string): string | number | undefined {
  const lists = [overview.breakout.assumptions, overview.steps.assumptions, overview.projection.assumptions];
  for (const list of lists) {
    const found = list.find((a) => a.name === name);
    if (found) return found.value;
  }
  return undefined;
}

function text(value: string | number | undefined, fallback: number): string {
  if (typeof value === 'number') return String(value);
  const leading = typeof value === 'string' ? Number.parseFloat(value) : Number.NaN;
  return String(Number.isFinite(leading) ? leading : fallback);
}

/**
 * The values an answer computed with the defaults used, read from its own assumption lists (the fallbacks
 * are the contract's stated defaults, used only if a list lacks the entry).
 */
export function valuesOf(overview: NuclearOverview): AssumptionValues {
  const point = named(overview, 'point of each capacity range');
  return {
    sq: overview.breakout.sq,
    tailsPercent: text(named(overview, 'tails assay'), breakoutDefaults.tailsPercent),
    setUpMonths: text(named(overview, 'set-up time'), breakoutDefaults.setUpMonths),
    unspecifiedAssayPercent: text(
      named(overview, 'assay of stock in no band'),
      breakoutDefaults.unspecifiedAssayPercent,
    ),
    capacityPoint:
      point === 'low' || point === 'central' || point === 'high' ? point : breakoutDefaults.capacityPoint,
    machineCapacities: Object.fromEntries(
      overview.machineCapacities.map((m) => [m.machineType, { low: String(m.low), high: String(m.high) }]),
    ),
    advancedMachineGrowth: Object.fromEntries(
      overview.machineCapacities
        .filter((m) => !firstGeneration.includes(m.machineType))
        .map((m) => [m.machineType, '0']),
    ),
    trendReports: text(named(overview, 'trend'), projectionDefaults.trendReports),
    reinstallationMonths: text(
      named(overview, 're-installation time'),
      projectionDefaults.reinstallationMonths,
    ),
    goalMonths: text(
      named(overview, 'breakout goal') ?? overview.steps.goal.months,
      projectionDefaults.goalMonths,
    ),
    seed: String(overview.breakout.monthsRange?.seed ?? monteCarloDefaults.seed),
    samples: String(overview.breakout.monthsRange?.samples ?? monteCarloDefaults.samples),
  };
}

/** A typed number; an empty field is sent as null so that the server names it, rather than read as 0. */
function numberOf(value: string): number {
  return value.trim() === '' ? Number.NaN : Number(value);
}

const scalarFields: readonly ScalarField[] = [
  'tailsPercent',
  'setUpMonths',
  'unspecifiedAssayPercent',
  'trendReports',
  'reinstallationMonths',
  'goalMonths',
  'seed',
  'samples',
];

/** Only what differs from the defaults, so that every other assumption keeps its default basis. */
export function queryOf(values: AssumptionValues, defaults: AssumptionValues): NuclearOverviewQuery {
  const query: Record<string, unknown> = {};
  if (values.sq !== defaults.sq) query.sq = values.sq;
  if (values.capacityPoint !== defaults.capacityPoint) query.capacityPoint = values.capacityPoint;
  for (const field of scalarFields) {
    if (values[field].trim() !== defaults[field]) query[field] = numberOf(values[field]);
  }
  const machines: Record<string, { low: number; high: number }> = {};
  for (const [type, range] of Object.entries(values.machineCapacities)) {
    const fallback = defaults.machineCapacities[type];
    if (!fallback || range.low.trim() !== fallback.low || range.high.trim() !== fallback.high)
      machines[type] = { low: numberOf(range.low), high: numberOf(range.high) };
  }
  if (Object.keys(machines).length > 0) query.machineCapacities = machines;
  const growth: Record<string, number> = {};
  for (const [type, perMonth] of Object.entries(values.advancedMachineGrowth)) {
    if (perMonth.trim() !== (defaults.advancedMachineGrowth[type] ?? '0')) growth[type] = numberOf(perMonth);
  }
  if (Object.keys(growth).length > 0) query.advancedMachineGrowth = growth;
  return query as NuclearOverviewQuery;
}

/** The form field a server error names (`body.machineCapacities.IR-6` → `machineCapacities.IR-6`). */
export function fieldOf(serverField: string | undefined): string | undefined {
  return serverField?.replace(/^(body|query)\./, '');
}
