import { readFileSync } from 'node:fs';
import {
  type ConflictDiagnosis,
  diagnoseConflicts,
  type LinearModel,
  lpText,
  type SequencingScenario,
  type SequencingSolver,
  solveSequencing,
  validateScenario,
} from '@lockstep/core';
import { roomyScenarioLimits, smallScenario } from '@lockstep/core/testing';
import fc from 'fast-check';
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

/** A solver that records the LP text of every model it is asked to solve, and how many it answered. */
function recording(inner: SequencingSolver): SequencingSolver & { models: string[]; answered: number } {
  const recorder = {
    models: [] as string[],
    answered: 0,
    async solve(model: LinearModel, options: Parameters<SequencingSolver['solve']>[1]) {
      recorder.models.push(lpText(model));
      const result = await inner.solve(model, options);
      recorder.answered++;
      return result;
    },
  };
  return recorder;
}

/** What a diagnosis says, without the plans' timings. */
function answer(diagnosis: ConflictDiagnosis) {
  return {
    conflicts: diagnosis.conflicts,
    relaxations: diagnosis.relaxations,
    slacks: diagnosis.leastConcession?.slacks,
    objective: diagnosis.leastConcession?.score?.objective,
  };
}

describe('the solves of a conflict diagnosis', () => {
  it('counts every solver call without a progress callback', async () => {
    const counted = recording(solver);
    const diagnosis = await diagnoseConflicts(standoff, counted, { timeLimitSeconds: 10 });
    expect(diagnosis.solves).toBeGreaterThan(0);
    expect(diagnosis.solves).toBe(counted.answered);
  });

  it('solves no model twice: each set of red lines is checked for feasibility once', async () => {
    const counted = recording(solver);
    await diagnoseConflicts(standoff, counted, { timeLimitSeconds: 10 });
    expect(new Set(counted.models).size).toBe(counted.models.length);
  });

  it('gives the same answer, in the same order, however the parallel solves finish', async () => {
    const serial = new HighsSolver({ workers: 1 });
    const parallel = new HighsSolver({ workers: 2 });
    try {
      const inOrder = await diagnoseConflicts(standoff, serial, { timeLimitSeconds: 10 });
      // Answers held back by a scrambled delay, so that later solves often finish first.
      let seed = 7;
      const scrambled: SequencingSolver = {
        async solve(model, options) {
          const result = await parallel.solve(model, options);
          seed = (seed * 1103515245 + 12345) % 2147483648;
          await new Promise((resolve) => setTimeout(resolve, (seed % 7) * 15));
          return result;
        },
      };
      const counts: number[] = [];
      const outOfOrder = await diagnoseConflicts(standoff, scrambled, {
        timeLimitSeconds: 10,
        onSolve: (count) => counts.push(count),
      });
      expect(answer(outOfOrder)).toEqual(answer(inOrder));
      expect(outOfOrder.solves).toBe(inOrder.solves);
      expect(counts).toEqual(Array.from({ length: inOrder.solves }, (_, i) => i + 1));
    } finally {
      await serial.close();
      await parallel.close();
    }
  });
});

describe('the serial account (one worker, no feasibility cache)', () => {
  it('gives the same conflicts, concessions and least concession as the parallel one, with more solves', async () => {
    const serial = new HighsSolver({ workers: 1, prestart: false });
    try {
      const parallel = await diagnoseConflicts(standoff, solver, { timeLimitSeconds: 10 });
      const alone = await diagnoseConflicts(standoff, serial, { timeLimitSeconds: 10, cache: false });
      expect(answer(parallel)).toEqual(answer(alone));
      expect(alone.solves).toBeGreaterThan(parallel.solves);
    } finally {
      await serial.close();
    }
  });

  it('agrees with the parallel account on any choice of the standoff’s red lines and exposure limit', {
    timeout: 120_000,
  }, async () => {
    const serial = new HighsSolver({ workers: 1, prestart: false });
    try {
      await fc.assert(
        fc.asyncProperty(
          fc.subarray([...standoff.redLines], { minLength: 1 }),
          fc.integer({ min: 0, max: 60 }),
          async (redLines, limit) => {
            const scenario: SequencingScenario = {
              ...standoff,
              redLines: redLines.map((r) => (r.kind === 'max-exposure' ? { ...r, limit } : r)),
            };
            const parallel = await diagnoseConflicts(scenario, solver, { timeLimitSeconds: 10 });
            const alone = await diagnoseConflicts(scenario, serial, { timeLimitSeconds: 10, cache: false });
            expect(answer(parallel).conflicts).toEqual(answer(alone).conflicts);
            expect(parallel.relaxations.map((r) => [r.conflict, r.redLine, r.concession])).toEqual(
              alone.relaxations.map((r) => [r.conflict, r.redLine, r.concession]),
            );
            expect(parallel.leastConcession === undefined).toBe(alone.leastConcession === undefined);
            if (alone.leastConcession?.score) {
              expect(parallel.leastConcession?.score?.objective).toBeCloseTo(
                alone.leastConcession.score.objective,
                6,
              );
            }
          },
        ),
        { numRuns: 6, seed: 16 },
      );
    } finally {
      await serial.close();
    }
  });
});

describe('the conflict account of scenarios/jcpoa-2021.json', () => {
  const jcpoa = validateScenario(
    JSON.parse(readFileSync(new URL('../../../scenarios/jcpoa-2021.json', import.meta.url), 'utf8')),
    roomyScenarioLimits,
  );

  it('names both conflicts and what each concession costs, with the best plan that concedes it', {
    timeout: 60_000,
  }, async () => {
    const diagnosis = await diagnoseConflicts(jcpoa, solver, { timeLimitSeconds: 60 });
    expect(diagnosis.conflicts).toEqual([
      ['iran-us-lifts-everything-first', 'us-exposure-half'],
      ['us-not-everything-first', 'iran-us-lifts-everything-first'],
    ]);
    expect(diagnosis.relaxations.map((r) => [r.conflict, r.redLine, r.concession, r.unit])).toEqual([
      [0, 'iran-us-lifts-everything-first', 1, 'phases'],
      [0, 'us-exposure-half', 50, 'value'],
      [1, 'us-not-everything-first', 1, 'value'],
      // The same concession as in the first conflict (the solver's tolerance may leave 0.999999).
      [1, 'iran-us-lifts-everything-first', expect.closeTo(1, 5), 'phases'],
    ]);
    // Each plan is searched for 3 s at most (on this scenario it is proved in about 1 s on an idle machine, the
    // bench says so; under a loaded test run it may not be): a plan proved is the one below.
    const proved = [
      // Iran lets the US's last phase overlap its first: 150 days, the US never more than 19.1 points ahead...
      [150, 19.1],
      // ...or the US lets all its relief go first: 111 days.
      [111, 100],
      [111, 100],
      [150, 19.1],
    ];
    diagnosis.relaxations.forEach((r, index) => {
      expect(r.planGap).not.toBeNull();
      if (r.planGap === 0) {
        expect([r.durationDays, Math.round(r.peakExposure!.us! * 10) / 10]).toEqual(proved[index]);
      }
    });
    const least = diagnosis.leastConcession!;
    expect(least.status).toBe('optimal');
    expect(least.violations).toEqual([]);
    expect(least.slacks).toEqual({
      'us-not-everything-first': expect.closeTo(0, 5),
      'iran-us-lifts-everything-first': expect.closeTo(1, 5),
      'us-exposure-half': expect.closeTo(0, 5),
      'iran-exposure-half': expect.closeTo(0, 5),
    });
    expect(least.score?.objective).toBeCloseTo(169.1, 6);
    expect(diagnosis.solves).toBeGreaterThan(0);
  });
});
