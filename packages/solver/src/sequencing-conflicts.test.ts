import { diagnoseConflicts, type SequencingScenario, solveSequencing } from '@lockstep/core';
import { smallScenario } from '@lockstep/core/testing';
import { afterAll, describe, expect, it } from 'vitest';
import { HighsSolver } from './highs-solver.ts';

const solver = new HighsSolver();
afterAll(() => solver.close());

/**
 * "The US first, entirely" (Iran) against "not everything before Iran does anything" (US), on the small scenario's
 * measures (Iran ships out its 60 % stock and applies the Protocol; the US notifies Congress, then waives oil
 * sanctions) with only the notify-then-oil relation.
 */
const standoff: SequencingScenario = {
  ...smallScenario,
  title: 'Who moves first',
  relations: [{ before: 'notify', after: 'oil', anchor: 'complete', lagDays: 0 }],
  redLines: [
    { id: 'us-exposure', party: 'us', kind: 'max-exposure', limit: 45 },
    { id: 'iran-us-first', party: 'iran', kind: 'all-after-theirs' },
    { id: 'us-not-alone', party: 'us', kind: 'other-starts-first', allowance: 10 },
    {
      id: 'iran-relief-by-day-20',
      party: 'iran',
      kind: 'deadline',
      measures: ['oil'],
      byDay: 20,
      anchor: 'complete',
    },
  ],
};

describe('conflicting red lines', () => {
  it('finds no plan when the red lines conflict', async () => {
    const result = await solveSequencing(standoff, solver, { timeLimitSeconds: 10 });
    expect(result.status).toBe('infeasible');
    expect(result.plan).toBeUndefined();
  });

  it('names the smallest conflicting sets and what relaxing each red line would cost', async () => {
    const diagnosis = await diagnoseConflicts(standoff, solver, { timeLimitSeconds: 10 });
    expect(diagnosis.infeasibleWithoutRedLines).toBe(false);
    expect(diagnosis.conflicts).toEqual([['iran-relief-by-day-20'], ['iran-us-first', 'us-not-alone']]);
    expect(diagnosis.relaxations.map((r) => [r.conflict, r.redLine, r.concession, r.unit])).toEqual([
      // Notify takes 30 days and the oil waivers 30 more: day 60 at the earliest, 40 days late.
      [0, 'iran-relief-by-day-20', 40, 'days'],
      // Iran accepts starting one phase alongside the US's last...
      [1, 'iran-us-first', 1, 'phases'],
      // ...or the US lets 35 more points go out before Iran starts: notify then the oil waivers, all 45.
      [1, 'us-not-alone', 35, 'value'],
    ]);
    const least = diagnosis.leastConcession!;
    expect(least.plan).toBeDefined();
    expect(least.violations).toEqual([]);
    expect(least.slacks).toMatchObject({ 'iran-relief-by-day-20': 40, 'us-exposure': 0 });
  });

  it('reports no conflict when a plan exists', async () => {
    const feasible = { ...standoff, redLines: standoff.redLines.slice(0, 2) };
    const diagnosis = await diagnoseConflicts(feasible, solver, { timeLimitSeconds: 10 });
    expect(diagnosis.conflicts).toEqual([]);
    expect(diagnosis.relaxations).toEqual([]);
    expect(diagnosis.leastConcession).toBeUndefined();
  });

  it('says when the relations and phases alone admit no plan', async () => {
    const diagnosis = await diagnoseConflicts({ ...standoff, phaseCount: 1, redLines: [] }, solver, {
      timeLimitSeconds: 10,
    });
    expect(diagnosis).toMatchObject({ infeasibleWithoutRedLines: true, conflicts: [] });
  });
});
