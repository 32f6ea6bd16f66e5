import type { Assumption } from './assumption.ts';
import {
  defaultMachineCapacities,
  type MachineCapacityTable,
  machineCapacity,
  machineCapacityAssumption,
} from './machine-capacity.ts';
import { NuclearInputError } from './nuclear-input-error.ts';
import { type RandomSource, seededRandom } from './seeded-random.ts';
import { type SwuPerYear, swuPerYear } from './units.ts';

/** Machines of one type that enrich, optionally at a named site. */
export interface OperatingMachines {
  readonly machineType: string;
  /** Number of operating machines: an integer ≥ 0. */
  readonly count: number;
  readonly site?: string;
}

/**
 * How enrichment capacity is given:
 * - `swu-per-year`: one figure, with the caller's basis for it;
 * - `machines`: operating machines by type, each type's output from `machineCapacities`
 *   (default `defaultMachineCapacities`): capacity = Σ machines × SWU/yr per machine.
 */
export type CapacityInput =
  | { readonly kind: 'swu-per-year'; readonly swuPerYear: SwuPerYear; readonly basis: string }
  | {
      readonly kind: 'machines';
      readonly machines: readonly OperatingMachines[];
      readonly machineCapacities?: MachineCapacityTable;
    };

/**
 * Enrichment capacity as a range with a sampler. The per-machine output of a type is uncertain, not
 * machine-to-machine noise: one draw per type per sample applies to every machine of that type.
 */
export interface EnrichmentCapacity {
  /** Capacity with every type at the low end of its range, SWU per year. */
  readonly low: SwuPerYear;
  /** Capacity with every type at the high end of its range, SWU per year. */
  readonly high: SwuPerYear;
  /** True when some type has a range (low < high), so a result needs a Monte Carlo. */
  readonly isRange: boolean;
  /** The assumptions behind the figure: each machine type's capacity, or the caller's basis. */
  readonly assumptions: readonly Assumption[];
  /**
   * A seeded sampler of capacity, SWU per year: each call draws each type's per-machine output uniformly
   * within its range. Each type draws from its own stream, derived from the seed and the type's name, so
   * adding machines of one type never changes the draws of another (common random numbers): more machines
   * never give a lower capacity sample. Each call is allocation-free.
   */
  sampler(seed: number): () => number;
}

/** FNV-1a hash of a type name, to give each machine type its own random stream. */
function streamOf(machineType: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < machineType.length; i++) hash = Math.imul(hash ^ machineType.charCodeAt(i), 0x01000193);
  return hash >>> 0;
}

/**
 * The enrichment capacity of operating machines (or a figure given directly). Throws a
 * `NuclearInputError` for an unknown machine type (naming the known ones), a count that is not an
 * integer ≥ 0, or an invalid figure.
 */
export function enrichmentCapacity(input: CapacityInput): EnrichmentCapacity {
  if (input.kind === 'swu-per-year') {
    const value = swuPerYear(input.swuPerYear, 'capacity.swuPerYear');
    return {
      low: value,
      high: value,
      isRange: false,
      assumptions: [{ name: 'enrichment capacity', value, unit: 'SWU/yr', basis: input.basis }],
      sampler: () => () => value,
    };
  }
  const table = input.machineCapacities ?? defaultMachineCapacities;
  const counts = new Map<string, number>();
  input.machines.forEach((machines, index) => {
    if (!Number.isInteger(machines.count) || machines.count < 0) {
      throw new NuclearInputError(
        `capacity.machines[${index}].count`,
        `${machines.count} is not accepted: expected a whole number of machines ≥ 0`,
      );
    }
    counts.set(machines.machineType, (counts.get(machines.machineType) ?? 0) + machines.count);
  });
  const types = [...counts.keys()].sort();
  const capacities = types.map((type) => machineCapacity(table, type));
  const count = Float64Array.from(types, (type) => counts.get(type) ?? 0);
  const lows = Float64Array.from(capacities, (c) => c.low);
  const widths = Float64Array.from(capacities, (c) => c.high - c.low);
  let low = 0;
  let high = 0;
  for (let i = 0; i < types.length; i++) {
    low += count[i]! * lows[i]!;
    high += count[i]! * (lows[i]! + widths[i]!);
  }
  return {
    low: low as SwuPerYear, // a sum of non-negative products
    high: high as SwuPerYear, // likewise, and ≥ low
    isRange: capacities.some((c, i) => c.high > c.low && count[i]! > 0),
    assumptions: capacities.map(machineCapacityAssumption),
    sampler(seed) {
      seededRandom(seed); // validates the seed, naming it when it is not a 32-bit unsigned integer
      const streams: RandomSource[] = types.map((type) =>
        seededRandom(Math.imul((seed ^ streamOf(type)) >>> 0, 0x9e3779b1) >>> 0),
      );
      return () => {
        let total = 0;
        for (let i = 0; i < streams.length; i++) total += count[i]! * (lows[i]! + widths[i]! * streams[i]!());
        return total;
      };
    },
  };
}
