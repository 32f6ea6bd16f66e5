import { diagnoseConflicts, type SequencingScenario, solveSequencing } from '@lockstep/core';
import { afterAll, describe, expect, it } from 'vitest';
import { HighsSolver } from './highs-solver.ts';

const solver = new HighsSolver();
afterAll(() => solver.close());

/** "The US first, entirely" (Iran) against "not everything before Iran does anything" (US). */
const standoff: SequencingScenario = {
  title: 'Who moves first',
  valueUnit: 'points',
  phaseCount: 3,
  parties: [
    { id: 'us', name: 'United States' },
    { id: 'iran', name: 'Iran' },
  ],
  measures: [
    {
      id: 'notify',
      party: 'us',
      kind: 'legal-step',
      text: 'Notify Congress',
      durationDays: 30,
      value: 5,
      reversalDays: 0,
      verificationDays: 0,
    },
    {
      id: 'relief',
      party: 'us',
      kind: 'sanctions-relief',
      text: 'Oil waivers',
      durationDays: 30,
      value: 40,
      reversalDays: 60,
      verificationDays: 0,
    },
    {
      id: 'ship-out',
      party: 'iran',
      kind: 'nuclear-step',
      text: 'Ship out 60 % stock',
      durationDays: 60,
      value: 30,
      reversalDays: 365,
      verifiedBy: 'iaea',
      verificationDays: 14,
    },
    {
      id: 'protocol',
      party: 'iran',
      kind: 'verification',
      text: 'Additional Protocol',
      durationDays: 30,
      value: 20,
      reversalDays: 1,
      verificationDays: 0,
    },
  ],
  relations: [{ before: 'notify', after: 'relief', anchor: 'complete', lagDays: 0 }],
  redLines: [
    { id: 'us-exposure', party: 'us', kind: 'max-exposure', limit: 45 },
    { id: 'iran-us-first', party: 'iran', kind: 'all-after-theirs' },
    { id: 'us-not-alone', party: 'us', kind: 'other-starts-first', allowance: 10 },
    {
      id: 'iran-relief-by-day-20',
      party: 'iran',
      kind: 'deadline',
      measures: ['relief'],
      byDay: 20,
      anchor: 'complete',
    },
  ],
  objective: { durationWeight: 1, exposureWeight: 1, imbalanceWeight: 0 },
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
      // Notify takes 30 days and relief 30 more: day 60 at the earliest, 40 days late.
      [0, 'iran-relief-by-day-20', 40, 'days'],
      // Iran accepts starting one phase alongside the US's last...
      [1, 'iran-us-first', 1, 'phases'],
      // ...or the US lets 35 more points go out before Iran starts: notify then relief, all 45.
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
