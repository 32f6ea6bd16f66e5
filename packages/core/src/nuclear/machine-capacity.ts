import type { Assumption } from './assumption.ts';
import { NuclearInputError } from './nuclear-input-error.ts';
import type { SwuPerYear } from './units.ts';

/**
 * The separative capacity of one centrifuge type, as a range: published figures are uncertain and
 * contested, so each is a named, sourced assumption, never a hidden constant. A range with `low` equal
 * to `high` is a single value.
 */
export interface MachineCapacity {
  /** The type as the centrifuge data names it (`IR-1`, `IR-2m`, `IR-4`, `IR-6`). */
  readonly machineType: string;
  /** Lowest plausible output of one machine, SWU per year. */
  readonly low: SwuPerYear;
  /** Highest plausible output of one machine, SWU per year. */
  readonly high: SwuPerYear;
  /** Where the figures come from. */
  readonly source: string;
  /** How firm they are. */
  readonly note: string;
}

/** Per-machine capacities by machine type. Callers override by spreading: `{ ...defaultMachineCapacities, 'IR-6': {...} }`. */
export type MachineCapacityTable = Readonly<Record<string, MachineCapacity>>;

function entry(
  machineType: string,
  low: number,
  high: number,
  source: string,
  note: string,
): MachineCapacity {
  // the literals below are positive and ordered; machineCapacity() validates caller-supplied tables
  return { machineType, low: low as SwuPerYear, high: high as SwuPerYear, source, note };
}

/**
 * The default per-machine capacities (SWU per year per machine). Ranges, not point values:
 * - IR-1 0.75–1.0: the range of published figures for Iran's first-generation machine;
 * - IR-2m 3–5;
 * - IR-4 3–5: taken as similar to the IR-2m, with little operating data;
 * - IR-6 3–10: a wide range between think-tank estimates from observed output and Iranian claims.
 */
export const defaultMachineCapacities: MachineCapacityTable = {
  'IR-1': entry(
    'IR-1',
    0.75,
    1.0,
    'published estimates (Lockstep data/nuclear/README.md: IR-1 figures range 0.75–1 SWU/yr; ISIS 2025: the JCPOA’s 5060 IR-1 at Natanz are about 5000 SWU/yr)',
    'firmest of the four: years of IAEA-reported output',
  ),
  'IR-2m': entry(
    'IR-2m',
    3,
    5,
    'published estimates (Lockstep data/nuclear/README.md: IR-2m around 3–5 SWU/yr)',
    'estimate from reported production; individual cascades vary',
  ),
  'IR-4': entry(
    'IR-4',
    3,
    5,
    'assumed similar to the IR-2m (ISIS technical note on the IR-8, 2014: the IR-2m and IR-4 are similar in output)',
    'rough estimate: few machines have operated and little output is reported',
  ),
  'IR-6': entry(
    'IR-6',
    3,
    10,
    'low end: think-tank estimates from observed output (ISIS 2022: about half its theoretical single-machine value; ISIS 2025: more than four times an IR-1); high end: Iranian claim of 10 SWU/yr (AEOI, November 2019: 60 IR-6 with 600 SWU)',
    'claims and rough estimates, not measurements: the widest range of the four',
  ),
};

/**
 * The capacity of one machine type from a table, validated (both bounds finite, low > 0, low ≤ high).
 * Throws a `NuclearInputError` naming the type and the known types when the table has no entry for it.
 */
export function machineCapacity(table: MachineCapacityTable, machineType: string): MachineCapacity {
  const found = Object.hasOwn(table, machineType) ? table[machineType] : undefined;
  if (found === undefined) {
    throw new NuclearInputError(
      'machineType',
      `"${machineType}" has no separative capacity: known types are ${Object.keys(table).join(', ')} (add it to the machine capacity table)`,
    );
  }
  const where = `machineCapacities["${machineType}"]`;
  if (!Number.isFinite(found.low) || found.low <= 0) {
    throw new NuclearInputError(
      `${where}.low`,
      `${found.low} is not accepted: expected SWU/yr per machine > 0`,
    );
  }
  if (!Number.isFinite(found.high) || found.high < found.low) {
    throw new NuclearInputError(
      `${where}.high`,
      `${found.high} is not accepted: expected SWU/yr per machine ≥ low (${found.low})`,
    );
  }
  return found;
}

/** Which value of each range to use where one number is needed: `central` is the midpoint. */
export const capacityPoints = ['low', 'central', 'high'] as const;
/** `low`, `central` (the midpoint) or `high`. */
export type CapacityPoint = (typeof capacityPoints)[number];

/** One machine capacity collapsed to a single value (`low = high`) at the chosen point of its range. */
export function capacityAtPoint(capacity: MachineCapacity, point: CapacityPoint): MachineCapacity {
  const value =
    point === 'low' ? capacity.low : point === 'high' ? capacity.high : (capacity.low + capacity.high) / 2;
  const single = value as SwuPerYear; // between two validated non-negative bounds
  return { ...capacity, low: single, high: single };
}

/** The assumption a result states for one machine type's capacity. */
export function machineCapacityAssumption(capacity: MachineCapacity): Assumption {
  const value = capacity.low === capacity.high ? capacity.low : `${capacity.low}–${capacity.high}`;
  return {
    name: `${capacity.machineType} separative capacity`,
    value,
    unit: 'SWU/yr per machine',
    basis: `${capacity.source}; ${capacity.note}`,
  };
}
