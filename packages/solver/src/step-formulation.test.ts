import { readFileSync } from 'node:fs';
import {
  buildSequencingModel,
  type SequencingFormulation,
  type SequencingScenario,
  solveSequencing,
  validateScenario,
} from '@lockstep/core';
import { generateScenario, roomyScenarioLimits } from '@lockstep/core/testing';
import { afterAll, describe, expect, it } from 'vitest';
import { HighsSolver } from './highs-solver.ts';

const solver = new HighsSolver();
afterAll(() => solver.close());

const stored = (name: string): SequencingScenario =>
  validateScenario(
    JSON.parse(readFileSync(new URL(`../../../scenarios/${name}.json`, import.meta.url), 'utf8')),
    roomyScenarioLimits,
  );

const jcpoa = stored('jcpoa-2021');
const scenarios: readonly [string, SequencingScenario][] = [
  ['generated, 12 measures x 6 phases', generateScenario({ measures: 12, phases: 6 })],
  ['generated, 12 measures x 6 phases (seed 7)', generateScenario({ seed: 7, measures: 12, phases: 6 })],
  ['generated, staggered starts', { ...generateScenario({ measures: 12, phases: 6 }), starts: 'staggered' }],
  ['sample-small', stored('sample-small')],
  [
    'jcpoa-2021 without iran-us-lifts-everything-first',
    { ...jcpoa, redLines: jcpoa.redLines.filter((r) => r.id !== 'iran-us-lifts-everything-first') },
  ],
];

const solveWith = (scenario: SequencingScenario, formulation: SequencingFormulation) =>
  solveSequencing(scenario, solver, { timeLimitSeconds: 60 }, { formulation });

describe('the step formulation', () => {
  it.each(scenarios)(
    'finds the optimum the assignment formulation finds: %s',
    async (_, scenario) => {
      const assignment = await solveWith(scenario, 'assignment');
      const step = await solveWith(scenario, 'step');
      expect(assignment.status).toBe('optimal');
      expect(step.status).toBe('optimal');
      expect(step.violations).toEqual([]);
      const optimum = assignment.score!.objective;
      expect(step.score!.objective).toBeCloseTo(optimum, 4);
      expect(step.objectiveValue!).toBeCloseTo(assignment.objectiveValue!, 4);
    },
    120_000,
  );

  it('reads back the phase of every measure it is given as a start', () => {
    const scenario = generateScenario({ measures: 6, phases: 4 });
    const phases = [0, 3, 1, 2, 3, 0];
    for (const formulation of ['assignment', 'step'] as const) {
      const built = buildSequencingModel(scenario, { formulation });
      const values = built.phaseValues((i) => phases[i]);
      const names = new Set(built.model.variables.map((v) => v.name));
      expect(Object.keys(values).every((name) => names.has(name))).toBe(true);
      expect(phases.map((_, i) => built.phaseOf(values, i))).toEqual(phases);
    }
  });

  it('has no assignment row left: one phase per measure holds by construction', () => {
    const scenario = generateScenario({ measures: 6, phases: 4 });
    const { model } = buildSequencingModel(scenario, { formulation: 'step' });
    expect(model.constraints.some((c) => c.name.startsWith('assign_'))).toBe(false);
    expect(model.variables.some((v) => v.name.startsWith('x_'))).toBe(false);
  });
});
