import { readFileSync } from 'node:fs';
import { assessCompliance, isoDate, months, projectWindow, stepsBack } from '@lockstep/core';
import { describe, expect, it } from 'vitest';
import { parseCentrifugeEvents } from './centrifuge-events-csv.ts';
import { parseJcpoaLimits } from './jcpoa-limits-csv.ts';
import { parseStockpileReports } from './stockpile-csv.ts';

function read(name: string): string {
  return readFileSync(new URL(`../../../../data/nuclear/${name}`, import.meta.url), 'utf8');
}

const input = {
  limits: parseJcpoaLimits(read('jcpoa-limits.csv'), 'jcpoa-limits.csv'),
  stockpile: parseStockpileReports(
    read('iaea-enriched-uranium-stockpile.csv'),
    'iaea-enriched-uranium-stockpile.csv',
  ),
  centrifuges: parseCentrifugeEvents(read('centrifuge-events.csv'), 'centrifuge-events.csv'),
};

describe('the shipped nuclear files through the model', () => {
  it('assess the latest IAEA figures against every limit, citing file and line', () => {
    const state = assessCompliance(input, isoDate('2025-06-01'));
    const status = Object.fromEntries(state.assessments.map((a) => [a.limitId, a.status]));
    expect(status).toEqual({
      'enrichment-level': 'breach',
      stockpile: 'breach',
      'natanz-ir1': 'within',
      'advanced-centrifuges': 'breach',
      'fordow-enrichment': 'breach',
      'fordow-machines': 'within',
      'heavy-water': 'unknown',
      'uranium-metal': 'unknown',
      'additional-protocol': 'unknown',
      'breakout-goal': 'unknown',
    });
    const stockpile = state.assessments.find((a) => a.limitId === 'stockpile');
    expect(stockpile?.excess).toBeCloseTo(9044.8, 6);
    expect(stockpile?.sources[0]).toMatchObject({ file: 'iaea-enriched-uranium-stockpile.csv', line: 24 });
  });

  it('give the steps back and a projection from the parsed rows', () => {
    const steps = stepsBack(assessCompliance(input, isoDate('2025-06-01')));
    expect(steps.steps[0]).toMatchObject({ id: 'ship-out-60pct', quantity: { value: 408.6, unit: 'kg U' } });
    expect(steps.breakoutNow).toBeLessThan(0.3);
    const projection = projectWindow({
      ...input,
      capacityPoint: 'low',
      reinstallationTime: months(3),
      from: isoDate('2020-01-01'),
      until: isoDate('2022-12-31'),
    });
    expect(projection.window.closesOn).toBe('2021-04-01');
  });
});
