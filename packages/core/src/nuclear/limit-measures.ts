import type { StepKind } from './step-kind.ts';

/** Centrifuge types the JCPOA allows to enrich: every other type counts as advanced. */
export const firstGenerationMachineTypes: readonly string[] = ['IR-1'];

/**
 * How a limit is measured from the shipped series:
 * - `stockpile-total`: the stockpile total, kg U (iaea-enriched-uranium-stockpile);
 * - `enrichment-level`: the upper bound of the highest band with non-zero stock, % U-235;
 * - `machines`: machines from centrifuge-events at `site` (null: every site) of `machineTypes`
 *   (`advanced`: every type not in `firstGenerationMachineTypes`), counting those `enriching`, or all
 *   `installed` (enriching machines are installed too);
 * - `stock-series`: a capped stock the IAEA reports per report (`heavy-water`, tonnes; `uranium-metal`, kg):
 *   the latest figure, unknown once the IAEA says it could not verify the stock;
 * - `protocol`: whether the Additional Protocol is applied (1) or not (0), from its dated periods;
 * - `no-series`: nothing in the data measures it; `what` says what a figure would be.
 */
export type LimitMeasure =
  | { readonly kind: 'stockpile-total' }
  | { readonly kind: 'enrichment-level' }
  | {
      readonly kind: 'machines';
      readonly site: string | null;
      readonly machineTypes: 'all' | 'advanced' | readonly string[];
      readonly state: 'enriching' | 'installed';
    }
  | { readonly kind: 'stock-series'; readonly series: StockSeries; readonly what: string }
  | { readonly kind: 'protocol' }
  | { readonly kind: 'no-series'; readonly what: string };

/** The capped stocks with a per-report series. */
export type StockSeries = 'heavy-water' | 'uranium-metal';

/** Measures that only the IAEA's word changes: the model has nothing to apply, the step is to verify or stop. */
export function measuredByReportOnly(measure: LimitMeasure): boolean {
  return measure.kind === 'no-series' || measure.kind === 'stock-series' || measure.kind === 'protocol';
}

/** Which side of the value complies: `at-most` (a cap) or `at-least` (a floor, such as the breakout goal). */
export type LimitComparison = 'at-most' | 'at-least';

/** How one limit is checked. */
export interface LimitMeasureSpec {
  readonly measure: LimitMeasure;
  readonly comparison: LimitComparison;
  /** The measure in words, shown with every assessment. */
  readonly description: string;
  /**
   * For a limit nothing in the data measures: the step that restores it when its status is not `within`
   * (a stable id and the action in words); absent when no step applies (the breakout goal is an outcome).
   */
  readonly step?: { readonly id: string; readonly kind: StepKind; readonly action: string };
}

/**
 * The measure of each limit id of jcpoa-limits.csv. Editable: pass a table with more or other entries
 * to `assessCompliance`. A limit id with no entry is assessed `unknown`, saying no measure is defined.
 */
export const defaultLimitMeasures: Readonly<Record<string, LimitMeasureSpec>> = {
  stockpile: {
    measure: { kind: 'stockpile-total' },
    comparison: 'at-most',
    description: 'total enriched uranium stockpile, kg U (IAEA stockpile series)',
  },
  'enrichment-level': {
    measure: { kind: 'enrichment-level' },
    comparison: 'at-most',
    description:
      'highest enrichment band with non-zero stock, upper bound in % U-235 (IAEA stockpile series)',
  },
  'natanz-ir1': {
    measure: { kind: 'machines', site: 'Natanz FEP', machineTypes: ['IR-1'], state: 'installed' },
    comparison: 'at-most',
    description: 'IR-1 centrifuges installed at Natanz FEP (IAEA machine counts per plant)',
  },
  'advanced-centrifuges': {
    measure: { kind: 'machines', site: null, machineTypes: 'advanced', state: 'enriching' },
    comparison: 'at-most',
    description: 'advanced (non-IR-1) centrifuges enriching, all sites (IAEA machine counts per plant)',
  },
  'fordow-enrichment': {
    measure: { kind: 'machines', site: 'Fordow FFEP', machineTypes: 'all', state: 'enriching' },
    comparison: 'at-most',
    description:
      'centrifuges enriching at Fordow FFEP (IAEA machine counts per plant; the data has no figure for nuclear material at Fordow)',
  },
  'fordow-machines': {
    measure: { kind: 'machines', site: 'Fordow FFEP', machineTypes: ['IR-1'], state: 'installed' },
    comparison: 'at-most',
    description:
      'IR-1 centrifuges at Fordow FFEP (IAEA machine counts per plant; other types there count under advanced-centrifuges)',
  },
  'heavy-water': {
    measure: { kind: 'stock-series', series: 'heavy-water', what: 'the heavy water stock (tonnes)' },
    comparison: 'at-most',
    description: 'heavy water stock, tonnes (IAEA figure per report)',
    step: {
      id: 'verify-heavy-water',
      kind: 'verify',
      action: 'Ship out heavy water above the limit and let the IAEA verify the stock',
    },
  },
  'uranium-metal': {
    measure: { kind: 'stock-series', series: 'uranium-metal', what: 'the uranium metal produced (kg)' },
    comparison: 'at-most',
    description: 'uranium metal produced, kg U (IAEA figure per report)',
    step: {
      id: 'stop-uranium-metal-work',
      kind: 'stop-activity',
      action: 'Stop uranium metal production and metallurgy R&D, verified by the IAEA',
    },
  },
  'additional-protocol': {
    measure: { kind: 'protocol' },
    comparison: 'at-least',
    description:
      'provisional application of the Additional Protocol, 1 = applied (dated periods of application)',
    step: {
      id: 'restore-monitoring-and-additional-protocol',
      kind: 'restore-monitoring',
      action: 'Restore the IAEA’s JCPOA monitoring and provisional application of the Additional Protocol',
    },
  },
  'breakout-goal': {
    measure: {
      kind: 'no-series',
      what: 'a breakout time: it is a model output (see breakoutTime, stepsBack and projectWindow)',
    },
    comparison: 'at-least',
    description: 'breakout time, months',
  },
};
