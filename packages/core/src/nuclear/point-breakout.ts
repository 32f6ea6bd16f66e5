import type { Assumption } from './assumption.ts';
import {
  type BreakoutEstimate,
  breakoutTime,
  defaultBreakoutTailsAssay,
  defaultSetUpMonths,
  defaultSignificantQuantity,
  referenceModelAssumptions,
} from './breakout.ts';
import type { OperatingMachines } from './enrichment-capacity.ts';
import type { UraniumStock } from './feed-plan.ts';
import {
  type CapacityPoint,
  capacityAtPoint,
  defaultMachineCapacities,
  type MachineCapacityTable,
  machineCapacity,
  machineCapacityAssumption,
} from './machine-capacity.ts';
import { type SignificantQuantityConvention, significantQuantity } from './significant-quantity.ts';
import { defaultUnspecifiedAssay, stockpileStocksAssumptions } from './stockpile-stocks.ts';
import { type Assay, type Months, months as toMonths } from './units.ts';

/** Which value of each capacity range single-number results use unless told otherwise: the midpoint. */
export const defaultCapacityPoint: CapacityPoint = 'central';

/**
 * The breakout goal, months, when neither the caller nor the data's `breakout-goal` limit gives one: the
 * JCPOA's aim of at least a year.
 */
export const defaultBreakoutGoalMonths = 12;

/** The breakout settings shared by the steps back and the projection: every one optional, every one stated. */
export interface BreakoutModelOptions {
  /** Per-machine capacities (default `defaultMachineCapacities`). */
  readonly machineCapacities?: MachineCapacityTable;
  /** Which value of each capacity range to use (default `central`, the midpoint). */
  readonly capacityPoint?: CapacityPoint;
  /** Fixed tails assay (default 0.3 %). */
  readonly tailsAssay?: Assay;
  /** Significant quantity convention (default `u235`). */
  readonly significantQuantity?: SignificantQuantityConvention;
  /** Cascade set-up time before production (default 0 months). */
  readonly setUpTime?: Months;
  /** Assay of stock the reports place in no band (default 5 %). */
  readonly unspecifiedAssay?: Assay;
}

/** A breakout model with every setting fixed to one value, so each scenario gives one number. */
export interface PointBreakoutModel {
  /** Months to one SQ from these stocks with these machines enriching; null when unreachable. */
  months(stocks: readonly UraniumStock[], machines: readonly OperatingMachines[]): Months | null;
  /** The full estimate (separative work, feed plan) behind `months`. */
  estimate(stocks: readonly UraniumStock[], machines: readonly OperatingMachines[]): BreakoutEstimate;
  /** SWU/yr of one machine of the type at the chosen point of its range. */
  capacityPerMachine(machineType: string): number;
  readonly unspecifiedAssay: Assay;
  /** Cascade set-up time added to every breakout time. */
  readonly setUpTime: Months;
  /** Every setting, stated. */
  readonly assumptions: readonly Assumption[];
}

/**
 * The reference breakout model with each machine capacity at one point of its range (default the
 * midpoint), for results that compare scenarios and need one number each.
 */
export function pointBreakoutModel(options: BreakoutModelOptions = {}): PointBreakoutModel {
  const point = options.capacityPoint ?? defaultCapacityPoint;
  const table = options.machineCapacities ?? defaultMachineCapacities;
  const pointTable: Record<string, ReturnType<typeof capacityAtPoint>> = {};
  for (const type of Object.keys(table))
    pointTable[type] = capacityAtPoint(machineCapacity(table, type), point);
  const tailsAssay = options.tailsAssay ?? defaultBreakoutTailsAssay;
  const convention = options.significantQuantity ?? defaultSignificantQuantity;
  const setUp = toMonths(options.setUpTime ?? defaultSetUpMonths, 'setUpTime');
  const unspecifiedAssay = options.unspecifiedAssay ?? defaultUnspecifiedAssay;
  const assumptions: Assumption[] = [
    ...referenceModelAssumptions({
      sq: significantQuantity(convention),
      tailsAssay,
      tailsGiven: options.tailsAssay !== undefined,
      naturalUranium: 'unlimited',
      naturalGiven: false,
      setUp,
      setUpGiven: options.setUpTime !== undefined,
    }),
    {
      name: 'point of each capacity range',
      value: point,
      unit: '-',
      basis:
        options.capacityPoint === undefined
          ? 'default: the midpoint, so scenarios compare on one number each (use breakoutTime with a seed for the spread)'
          : 'given by the caller',
    },
    ...Object.values(table).map(machineCapacityAssumption),
    ...stockpileStocksAssumptions(unspecifiedAssay, options.unspecifiedAssay !== undefined),
  ];
  const estimate = (
    stocks: readonly UraniumStock[],
    machines: readonly OperatingMachines[],
  ): BreakoutEstimate =>
    breakoutTime({
      stocks,
      capacity: { kind: 'machines', machines, machineCapacities: pointTable },
      tailsAssay,
      significantQuantity: convention,
      setUpTime: setUp,
    });
  return {
    estimate,
    months(stocks, machines) {
      const result = estimate(stocks, machines);
      return result.months?.kind === 'exact' ? result.months.value : null;
    },
    capacityPerMachine: (machineType) => machineCapacity(pointTable, machineType).low,
    unspecifiedAssay,
    setUpTime: setUp,
    assumptions,
  };
}
