import type { IsoDate } from '../units.ts';
import type { Assumption } from './assumption.ts';
import type { ComplianceState, ComplianceStatus, LimitAssessment } from './compliance.ts';
import type { OperatingMachines } from './enrichment-capacity.ts';
import type { UraniumStock } from './feed-plan.ts';
import {
  defaultLimitMeasures,
  firstGenerationMachineTypes,
  type LimitMeasure,
  type LimitMeasureSpec,
  measuredByReportOnly,
} from './limit-measures.ts';
import {
  type BreakoutModelOptions,
  defaultBreakoutGoalMonths,
  type PointBreakoutModel,
  pointBreakoutModel,
} from './point-breakout.ts';
import type { SourceRow } from './source-row.ts';
import type { StepKind } from './step-kind.ts';
import { type StockLevelId, stockLevels } from './stockpile-report.ts';
import { stocksFromStockpile } from './stockpile-stocks.ts';
import { assayFromPercent, type KgU, type Months, months as toMonths } from './units.ts';

/** One concrete step back towards a limit, with what it does to breakout time. */
export interface StepBack {
  /** Stable id derived from the step itself (`ship-out-60pct`, `remove-ir-6-fordow-ffep`), never from its position. */
  readonly id: string;
  readonly kind: StepKind;
  /** The step in words, with its quantity. */
  readonly action: string;
  /** The limit ids it restores (with the other steps that restore the same limit). */
  readonly restores: readonly string[];
  /** `breach` when a restored limit is breached; `unknown` when the data cannot tell, so the step may be needed. */
  readonly because: Exclude<ComplianceStatus, 'within'>;
  /** How much: kg U, machines; null for steps without a quantity. */
  readonly quantity: { readonly value: number; readonly unit: string } | null;
  /** Breakout time with this step taken on its own, months (null when unreachable). */
  readonly breakoutAlone: Months | null;
  /** Breakout time gained by this step on its own: `breakoutAlone` − breakout now, months. */
  readonly gainAlone: number | null;
  /** What the full set loses without this step: breakout with all steps − breakout with all but this one, months. */
  readonly marginalInFullSet: number | null;
  /** Rows the quantity comes from. */
  readonly sources: readonly SourceRow[];
}

/** The steps back from one compliance state and the breakout time they restore. */
export interface StepsBack {
  readonly date: IsoDate;
  readonly steps: readonly StepBack[];
  /** Breakout time in the state as it is, months (null when unreachable: no enrichment capacity). */
  readonly breakoutNow: Months | null;
  /** Breakout time with every step taken, months. */
  readonly breakoutFullSet: Months | null;
  /** The breakout goal and whether the full set meets it. */
  readonly goal: { readonly months: number; readonly metByFullSet: boolean | null };
  readonly assumptions: readonly Assumption[];
  /** What the steps cannot do or the model leaves out. */
  readonly notes: readonly string[];
}

/** Settings for `stepsBack`: the breakout model's, the limit measures, and the breakout goal. */
export interface StepsBackOptions extends BreakoutModelOptions {
  /** How each limit is measured (default `defaultLimitMeasures`): the same table the state was assessed with. */
  readonly measures?: Readonly<Record<string, LimitMeasureSpec>>;
  /** Breakout goal in months (default: the `breakout-goal` limit in the state, else 12). */
  readonly goalMonths?: number;
}

type BandKey = StockLevelId | 'unreported';

interface MachineGroup {
  readonly site: string;
  readonly machineType: string;
  readonly count: number;
  readonly enriching: boolean;
}

interface Scenario {
  readonly bands: Readonly<Record<BandKey, number>>;
  /** Stock kept within the cap, down-blended to the enrichment limit, kg U. */
  readonly keptAtLimit: number;
  readonly machines: readonly MachineGroup[];
}

interface PlannedStep {
  readonly id: string;
  readonly kind: StepKind;
  readonly action: string;
  readonly restores: readonly string[];
  readonly quantity: StepBack['quantity'];
  readonly sources: readonly SourceRow[];
  readonly apply: (scenario: Scenario) => Scenario;
}

const identity = (scenario: Scenario): Scenario => scenario;

/** A kebab-case id part: `IR-2m` → `ir-2m`, `Fordow FFEP` → `fordow-ffep`, `3.67` → `3-67`. */
function slug(text: string | number): string {
  return String(text)
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

function round(value: number, digits = 1): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}

/**
 * The concrete steps that restore each limit from a compliance state: ship out or down-blend stock by
 * band, stop enrichment above the limit, remove machines to monitored storage, stop enrichment at a site,
 * restore monitoring and the Additional Protocol, and verification where the data cannot tell. Each step
 * carries a stable id, the limits it restores, and the breakout time it restores on its own and within
 * the full set (reference model, each machine capacity at one point of its range).
 */
export function stepsBack(state: ComplianceState, options: StepsBackOptions = {}): StepsBack {
  const model = pointBreakoutModel(options);
  const measures = options.measures ?? defaultLimitMeasures;
  const byId = new Map(state.assessments.map((a) => [a.limitId, a]));
  const notes: string[] = [
    'knowledge gained cannot be undone: the steps restore material and machines, not what was learned',
    'monitoring and the Additional Protocol shorten the time to detect a breakout, not the breakout time itself',
  ];
  const start: Scenario = {
    bands: {
      'up-to-2pct': state.stockpile?.byLevel['up-to-2pct'] ?? 0,
      'up-to-5pct': state.stockpile?.byLevel['up-to-5pct'] ?? 0,
      'up-to-20pct': state.stockpile?.byLevel['up-to-20pct'] ?? 0,
      'up-to-60pct': state.stockpile?.byLevel['up-to-60pct'] ?? 0,
      unreported: state.stockpile?.unspecifiedKgU ?? 0,
    },
    keptAtLimit: 0,
    machines: state.machines.map((m) => ({
      site: m.site,
      machineType: m.machineType,
      count: m.machines,
      enriching: m.state === 'enriching',
    })),
  };
  const planned: PlannedStep[] = [
    ...materialSteps(state, byId, notes),
    ...machineSteps(state, measures, model, start),
    ...otherSteps(state, measures),
  ];
  const restoresStatus = (ids: readonly string[]): Exclude<ComplianceStatus, 'within'> =>
    ids.some((id) => byId.get(id)?.status === 'breach') ? 'breach' : 'unknown';

  const breakout = (scenario: Scenario): Months | null =>
    model.months(...scenarioInputs(scenario, state, model));
  const applyAll = (steps: readonly PlannedStep[]): Scenario =>
    steps.reduce((s, step) => step.apply(s), start);
  const now = breakout(start);
  const fullSet = breakout(applyAll(planned));
  const steps = planned.map((step): StepBack => {
    const alone = breakout(step.apply(start));
    const withoutIt = breakout(applyAll(planned.filter((other) => other !== step)));
    return {
      id: step.id,
      kind: step.kind,
      action: step.action,
      restores: step.restores,
      because: restoresStatus(step.restores),
      quantity: step.quantity,
      breakoutAlone: alone,
      gainAlone: alone === null || now === null ? null : alone - now,
      marginalInFullSet: fullSet === null || withoutIt === null ? null : fullSet - withoutIt,
      sources: step.sources,
    };
  });
  const goalMonths = toMonths(
    options.goalMonths ?? byId.get('breakout-goal')?.limit ?? defaultBreakoutGoalMonths,
    'goalMonths',
  );
  return {
    date: state.date,
    steps,
    breakoutNow: now,
    breakoutFullSet: fullSet,
    goal: { months: goalMonths, metByFullSet: fullSet === null ? null : fullSet >= goalMonths },
    assumptions: [
      ...model.assumptions,
      {
        name: 'stock kept within the cap',
        value: 'at the enrichment limit',
        unit: '-',
        basis:
          'the stock a full return keeps (up to the stockpile cap) is counted at the enrichment limit’s assay, its highest permitted level',
      },
      {
        name: 'machines counted in breakout',
        value: 'enriching machines',
        unit: '-',
        basis:
          'machines that enrich on the date (latest centrifuge event); removed machines go to monitored storage and do not count',
      },
    ],
    notes,
  };
}

function scenarioInputs(
  scenario: Scenario,
  state: ComplianceState,
  model: PointBreakoutModel,
): [UraniumStock[], OperatingMachines[]] {
  const label = state.stockpile === null ? 'stock' : `IAEA ${state.stockpile.asOf}`;
  const stocks = stocksFromStockpile(
    {
      label,
      byLevel: {
        'up-to-2pct': scenario.bands['up-to-2pct'] as KgU, // masses stay ≥ 0: steps only remove what is there
        'up-to-5pct': scenario.bands['up-to-5pct'] as KgU, // likewise
        'up-to-20pct': scenario.bands['up-to-20pct'] as KgU, // likewise
        'up-to-60pct': scenario.bands['up-to-60pct'] as KgU, // likewise
      },
      unspecifiedKgU: scenario.bands.unreported as KgU, // likewise
    },
    model.unspecifiedAssay,
  );
  const limitPercent = enrichmentLimitPercent(state);
  if (scenario.keptAtLimit > 0 && limitPercent !== null) {
    stocks.push({
      label: `kept within the cap at ${limitPercent} %`,
      assay: assayFromPercent(limitPercent),
      kgU: scenario.keptAtLimit as KgU, // a part of the stock, ≥ 0
    });
  }
  const machines = scenario.machines
    .filter((m) => m.enriching && m.count > 0)
    .map((m) => ({ machineType: m.machineType, count: m.count, site: m.site }));
  return [stocks, machines];
}

function enrichmentLimitPercent(state: ComplianceState): number | null {
  return state.assessments.find((a) => a.limitId === 'enrichment-level')?.limit ?? null;
}

function notWithin(assessment: LimitAssessment | undefined): boolean {
  return assessment !== undefined && assessment.status !== 'within';
}

/** Ship out or down-blend stock by band, keep up to the cap, and stop enrichment above the limit. */
function materialSteps(
  state: ComplianceState,
  byId: ReadonlyMap<string, LimitAssessment>,
  notes: string[],
): PlannedStep[] {
  const stockpile = byId.get('stockpile');
  const level = byId.get('enrichment-level');
  const steps: PlannedStep[] = [];
  if (state.stockpile === null) {
    if (notWithin(stockpile)) {
      steps.push({
        id: 'verify-stockpile',
        kind: 'verify',
        action:
          'Let the IAEA verify the enriched uranium stockpile: no total is reported on or before this date',
        restores: ['stockpile'],
        quantity: null,
        sources: [],
        apply: identity,
      });
    }
    return steps;
  }
  if (stockpile === undefined || level === undefined) {
    notes.push('the stockpile steps need both the stockpile and the enrichment-level limits; one is missing');
    return steps;
  }
  const picture = state.stockpile;
  const limitPercent = level.limit;
  const sources = [picture.sourceRow];
  const bandsAbove = stockLevels.filter((l) => l.lowerPercent >= limitPercent);
  const keepOrder: { key: BandKey; label: string; needsDownBlend: boolean }[] = [
    ...stockLevels
      .filter((l) => l.upperPercent <= limitPercent)
      .map((l) => ({ key: l.id, label: l.label, needsDownBlend: false })),
    ...stockLevels
      .filter((l) => l.lowerPercent < limitPercent && l.upperPercent > limitPercent)
      .map((l) => ({ key: l.id, label: l.label, needsDownBlend: true })),
    { key: 'unreported', label: 'at a level not reported', needsDownBlend: true },
  ];
  const amountOf = (key: BandKey): number =>
    key === 'unreported' ? picture.unspecifiedKgU : (picture.byLevel[key] ?? 0);
  let allowance = stockpile.limit;
  const kept = new Map<BandKey, number>();
  for (const band of keepOrder) {
    const keep = Math.min(allowance, amountOf(band.key));
    kept.set(band.key, keep);
    allowance -= keep;
  }
  const removal: { key: BandKey; label: string; kg: number; aboveLimit: boolean }[] = [
    ...[...bandsAbove]
      .reverse()
      .map((l) => ({ key: l.id, label: l.label, kg: amountOf(l.id), aboveLimit: true })),
    ...[...keepOrder].reverse().map((b) => ({
      key: b.key,
      label: b.label,
      kg: amountOf(b.key) - (kept.get(b.key) ?? 0),
      aboveLimit: b.needsDownBlend,
    })),
  ];
  for (const band of removal) {
    if (band.kg <= 0) continue;
    const restores = [
      ...(notWithin(stockpile) ? ['stockpile'] : []),
      ...(band.aboveLimit && notWithin(level) ? ['enrichment-level'] : []),
    ];
    if (restores.length === 0) continue;
    const kg = band.kg;
    const key = band.key;
    steps.push({
      id: key === 'unreported' ? 'ship-out-unreported-level' : `ship-out-${slug(key.replace(/^up-to-/, ''))}`,
      kind: 'ship-out',
      action: `Ship out, or down-blend to natural uranium, ${round(kg)} kg U enriched ${band.label} (IAEA figures as of ${picture.asOf})`,
      restores,
      quantity: { value: round(kg, 3), unit: 'kg U' },
      sources,
      apply: (s) => ({ ...s, bands: { ...s.bands, [key]: Math.max(0, s.bands[key] - kg) } }),
    });
  }
  const toDownBlend = keepOrder.filter((b) => b.needsDownBlend && (kept.get(b.key) ?? 0) > 0);
  const downBlendKg = toDownBlend.reduce((sum, b) => sum + (kept.get(b.key) ?? 0), 0);
  if (downBlendKg > 0 && notWithin(level)) {
    steps.push({
      id: `down-blend-kept-stock-to-${slug(limitPercent)}pct`,
      kind: 'down-blend',
      action: `Down-blend the ${round(downBlendKg)} kg U kept within the ${stockpile.limit} kg U cap to at most ${limitPercent} %, or show the IAEA it is already`,
      restores: ['enrichment-level'],
      quantity: { value: round(downBlendKg, 3), unit: 'kg U' },
      sources,
      apply: (s) => {
        const bands = { ...s.bands };
        let moved = 0;
        for (const band of toDownBlend) {
          const amount = Math.min(bands[band.key], kept.get(band.key) ?? 0);
          bands[band.key] -= amount;
          moved += amount;
        }
        return { ...s, bands, keptAtLimit: s.keptAtLimit + moved };
      },
    });
  }
  if (level.status === 'breach') {
    steps.push({
      id: `stop-enrichment-above-${slug(limitPercent)}pct`,
      kind: 'stop-enrichment',
      action: `Stop enrichment above ${limitPercent} % U-235`,
      restores: ['enrichment-level'],
      quantity: null,
      sources: level.sources,
      apply: identity,
    });
  }
  return steps;
}

type MachinesMeasure = Extract<LimitMeasure, { kind: 'machines' }>;

function groupMatches(measure: MachinesMeasure, group: MachineGroup): boolean {
  const typeMatches =
    measure.machineTypes === 'all' ||
    (measure.machineTypes === 'advanced'
      ? !firstGenerationMachineTypes.includes(group.machineType)
      : measure.machineTypes.includes(group.machineType));
  return (
    (measure.site === null || group.site === measure.site) &&
    typeMatches &&
    (measure.state === 'installed' || group.enriching)
  );
}

/** Remove machines to monitored storage, stop enrichment at sites; limits in the order caps, advanced, sites. */
function machineSteps(
  state: ComplianceState,
  measures: Readonly<Record<string, LimitMeasureSpec>>,
  model: PointBreakoutModel,
  start: Scenario,
): PlannedStep[] {
  const machineLimits = state.assessments
    .map((assessment) => ({ assessment, spec: measures[assessment.limitId] }))
    .filter(
      (x): x is { assessment: LimitAssessment; spec: LimitMeasureSpec & { measure: MachinesMeasure } } =>
        x.spec?.measure.kind === 'machines' && x.assessment.status !== 'within',
    );
  const priority = (m: MachinesMeasure): number =>
    m.state === 'installed' ? 0 : m.machineTypes !== 'all' ? 1 : 2;
  machineLimits.sort((a, b) => priority(a.spec.measure) - priority(b.spec.measure));

  const removals = new Map<string, { site: string; machineType: string; count: number }>();
  const stopped = new Map<string, { site: string; count: number; machineTypes: readonly string[] }>();
  let groups = start.machines.map((g) => ({ ...g }));
  const verify: PlannedStep[] = [];
  for (const { assessment, spec } of machineLimits) {
    const measure = spec.measure;
    if (assessment.status === 'unknown' || assessment.figure === null) {
      verify.push({
        id: `verify-${slug(assessment.limitId)}`,
        kind: 'verify',
        action: `Let the IAEA verify ${assessment.limitDescription}: at most ${assessment.limit} ${assessment.unit} (no figure in the data)`,
        restores: [assessment.limitId],
        quantity: null,
        sources: assessment.sources,
        apply: identity,
      });
      continue;
    }
    let excess = assessment.figure - assessment.limit;
    if (measure.state === 'enriching' && measure.machineTypes === 'all' && measure.site !== null) {
      const site = measure.site;
      const enrichingThere = groups.filter((g) => groupMatches(measure, g) && g.count > 0);
      const count = enrichingThere.reduce((sum, g) => sum + g.count, 0);
      if (count > 0) {
        stopped.set(site, { site, count, machineTypes: enrichingThere.map((g) => g.machineType) });
        groups = groups.map((g) => (groupMatches(measure, g) ? { ...g, enriching: false } : g));
      }
      continue;
    }
    const candidates = groups
      .filter((g) => groupMatches(measure, g) && g.count > 0)
      .sort(
        (a, b) =>
          model.capacityPerMachine(b.machineType) - model.capacityPerMachine(a.machineType) ||
          (a.site < b.site ? -1 : a.site > b.site ? 1 : 0),
      );
    for (const candidate of candidates) {
      if (excess <= 0) break;
      const count = Math.min(excess, candidate.count);
      excess -= count;
      const key = `${candidate.site}\u0000${candidate.machineType}`;
      const previous = removals.get(key);
      removals.set(key, {
        site: candidate.site,
        machineType: candidate.machineType,
        count: (previous?.count ?? 0) + count,
      });
      groups = groups.map((g) => (g === candidate ? { ...g, count: g.count - count } : g));
    }
  }

  const restoredBy = (probe: MachineGroup): string[] =>
    machineLimits
      .filter(({ spec }) => groupMatches(spec.measure, probe))
      .map(({ assessment }) => assessment.limitId);
  const sourcesFor = (site: string, machineType?: string): SourceRow[] =>
    state.machines
      .filter((m) => m.site === site && (machineType === undefined || m.machineType === machineType))
      .map((m) => m.sourceRow);

  const steps: PlannedStep[] = [...removals.values()].map(({ site, machineType, count }) => ({
    id: `remove-${slug(machineType)}-${slug(site)}`,
    kind: 'remove-machines',
    action: `Remove ${count} ${machineType} centrifuges from ${site} to monitored storage`,
    restores: restoredBy({ site, machineType, count, enriching: true }),
    quantity: { value: count, unit: `${machineType} machines` },
    sources: sourcesFor(site, machineType),
    apply: (s) => {
      let left = count;
      return {
        ...s,
        machines: s.machines.map((g) => {
          if (g.site !== site || g.machineType !== machineType || left <= 0) return g;
          const taken = Math.min(left, g.count);
          left -= taken;
          return { ...g, count: g.count - taken };
        }),
      };
    },
  }));
  for (const { site, count, machineTypes } of stopped.values()) {
    steps.push({
      id: `stop-enrichment-${slug(site)}`,
      kind: 'stop-enrichment-at-site',
      action: `Stop enrichment at ${site}: take the ${count} ${machineTypes.join(' and ')} centrifuges still enriching there off uranium`,
      restores: machineLimits
        .filter(({ spec }) => spec.measure.site === site && spec.measure.machineTypes === 'all')
        .map(({ assessment }) => assessment.limitId),
      quantity: { value: count, unit: 'machines' },
      sources: sourcesFor(site),
      apply: (s) => ({
        ...s,
        machines: s.machines.map((g) =>
          g.site === site && machineTypes.includes(g.machineType) ? { ...g, enriching: false } : g,
        ),
      }),
    });
  }
  return [...steps, ...verify];
}

/** Steps for limits nothing in the data measures, and for limit ids with no measure. */
function otherSteps(
  state: ComplianceState,
  measures: Readonly<Record<string, LimitMeasureSpec>>,
): PlannedStep[] {
  return state.assessments.flatMap((assessment): PlannedStep[] => {
    if (assessment.status === 'within') return [];
    const spec = Object.hasOwn(measures, assessment.limitId) ? measures[assessment.limitId] : undefined;
    if (spec !== undefined && !measuredByReportOnly(spec.measure)) return [];
    if (spec?.step === undefined && spec !== undefined) return [];
    const step = spec?.step ?? {
      id: `verify-${slug(assessment.limitId)}`,
      kind: 'verify',
      action: `Let the IAEA verify ${assessment.limitDescription}: within ${assessment.limit} ${assessment.unit}`,
    };
    return [
      {
        id: step.id,
        kind: spec?.step?.kind ?? 'verify',
        action: `${step.action} (limit: ${assessment.limit} ${assessment.unit}; ${assessment.reason})`,
        restores: [assessment.limitId],
        quantity: null,
        sources: assessment.sources,
        apply: identity,
      },
    ];
  });
}
