import { describe, expect, it } from 'vitest';
import { explainScenario } from './explain-scenario.ts';
import { smallScenario } from './testing/small-scenario.ts';

describe('explainScenario', () => {
  const explained = explainScenario(smallScenario);

  it('totals each party and resolves a share red line to a value', () => {
    expect(explained.parties.map((p) => [p.id, p.measures, p.totalValue])).toEqual([
      ['us', 2, 45],
      ['iran', 2, 50],
    ]);
    const iran = explained.redLines.find((r) => r.id === 'iran-exposure')!;
    expect(iran.rule).toBe(
      'Iran never has delivered more than 30 points (60 % of the 50 points it delivers) beyond what it has received, after any phase',
    );
  });

  it('finds the critical path through the verification lag', () => {
    // ship-out (60 days) + 14 days to verify, then the 30-day oil waivers.
    expect(explained.criticalPath).toEqual({ days: 104, measures: ['ship-out', 'oil'] });
    expect(explained.relations[0]).toBe('oil starts once ship-out is verified (74 days after it starts)');
  });

  it('reports the size of the model the solver is given', () => {
    expect(explained.model.binaries).toBe(smallScenario.measures.length * smallScenario.phaseCount);
    expect(explained.model.constraints).toBeGreaterThan(0);
  });
});
