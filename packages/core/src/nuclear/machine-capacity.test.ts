import { describe, expect, it } from 'vitest';
import { enrichmentCapacity } from './enrichment-capacity.ts';
import { capacityAtPoint, defaultMachineCapacities, machineCapacity } from './machine-capacity.ts';
import type { SwuPerYear } from './units.ts';

describe('machine capacities', () => {
  it('keep every default as a sourced range', () => {
    expect(machineCapacity(defaultMachineCapacities, 'IR-1')).toMatchObject({ low: 0.75, high: 1 });
    expect(machineCapacity(defaultMachineCapacities, 'IR-2m')).toMatchObject({ low: 3, high: 5 });
    for (const capacity of Object.values(defaultMachineCapacities)) {
      expect(capacity.low).toBeLessThanOrEqual(capacity.high);
      expect(capacity.source.length).toBeGreaterThan(20);
    }
    expect(defaultMachineCapacities['IR-6']?.note).toMatch(/claims and rough estimates/);
  });

  it('name an unknown type and the known ones', () => {
    expect(() => machineCapacity(defaultMachineCapacities, 'IR-8')).toThrow(
      'machineType: "IR-8" has no separative capacity: known types are IR-1, IR-2m, IR-4, IR-6 (add it to the machine capacity table)',
    );
  });

  it('can be overridden by the caller and are validated when used', () => {
    const table = {
      ...defaultMachineCapacities,
      'IR-8': {
        machineType: 'IR-8',
        low: 10 as SwuPerYear,
        high: 16 as SwuPerYear,
        source: 'test',
        note: 'test',
      },
      broken: {
        machineType: 'broken',
        low: 2 as SwuPerYear,
        high: 1 as SwuPerYear,
        source: 'test',
        note: 'test',
      },
    };
    expect(machineCapacity(table, 'IR-8').high).toBe(16);
    expect(() => machineCapacity(table, 'broken')).toThrow(
      /machineCapacities\["broken"\]\.high: 1 is not accepted/,
    );
  });

  it('collapse to one point of the range', () => {
    const ir1 = machineCapacity(defaultMachineCapacities, 'IR-1');
    expect(capacityAtPoint(ir1, 'central')).toMatchObject({ low: 0.875, high: 0.875 });
    expect(capacityAtPoint(ir1, 'low').high).toBe(0.75);
  });
});

describe('enrichmentCapacity', () => {
  it('is machines × SWU/yr per machine, summed over types', () => {
    const capacity = enrichmentCapacity({
      kind: 'machines',
      machines: [
        { machineType: 'IR-1', count: 5060, site: 'Natanz FEP' },
        { machineType: 'IR-1', count: 1044, site: 'Fordow FFEP' },
        { machineType: 'IR-6', count: 174 },
      ],
    });
    expect(capacity.low).toBeCloseTo(6104 * 0.75 + 174 * 3, 9);
    expect(capacity.high).toBeCloseTo(6104 * 1 + 174 * 10, 9);
    expect(capacity.isRange).toBe(true);
    const draw = capacity.sampler(1);
    for (let i = 0; i < 1000; i++) {
      const sample = draw();
      expect(sample).toBeGreaterThanOrEqual(capacity.low);
      expect(sample).toBeLessThanOrEqual(capacity.high);
    }
    expect(capacity.assumptions.map((a) => a.name)).toEqual([
      'IR-1 separative capacity',
      'IR-6 separative capacity',
    ]);
  });

  it('refuses a count that is not a whole number of machines', () => {
    expect(() =>
      enrichmentCapacity({ kind: 'machines', machines: [{ machineType: 'IR-1', count: 2.5 }] }),
    ).toThrow('capacity.machines[0].count: 2.5 is not accepted: expected a whole number of machines ≥ 0');
  });
});
