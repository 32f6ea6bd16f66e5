import { scenarioLimits } from '@lockstep/contract';
import { validateScenario } from '@lockstep/core';
import { generateScenario, scenarioAtLimits } from '@lockstep/core/testing';
import { describe, expect, it } from 'vitest';
import { answerReserveSeconds, solveScenarioInWorker } from './solve-in-worker.ts';

/** A scenario at every limit, as the API or a file would give it. */
const atLimits = validateScenario(
  JSON.parse(JSON.stringify(scenarioAtLimits(scenarioLimits))),
  scenarioLimits,
);

/** Runs a solve and measures it, wall clock. */
async function timed(scenario: Parameters<typeof solveScenarioInWorker>[0], timeLimitSeconds: number) {
  const started = performance.now();
  const result = await solveScenarioInWorker(scenario, { timeLimitSeconds });
  return { result, seconds: (performance.now() - started) / 1000 };
}

describe('solveScenarioInWorker', () => {
  it('bounds the whole answer at the time limit, wall clock, even while the model is built and read', async () => {
    // Building this model, writing its LP text and HiGHS reading it take longer than the limit: the solve
    // ran on well past it before (the model and the LP text were outside the limit).
    const { result, seconds } = await timed(atLimits, 2);
    expect(seconds).toBeLessThan(2 + 1);
    expect(result.solveSeconds).toBeLessThan(2 + 1);
    expect(result.status).toBe('error');
    expect(result.message).toMatch(
      // Where the limit came depends on the machine's speed and load: while the model was built or read (the
      // answer names what it was doing and that the solve was stopped), or inside HiGHS, which stops itself.
      /^no plan found within the time limit of 2 s(: the time limit of 2 s was reached while [A-Za-z ]+, and the solve was stopped)?$/,
    );
  });

  it('answers with the best plan found and its gap when the limit stops the solver', async () => {
    const scenario = generateScenario({ measures: 200, phases: 20 });
    const { result, seconds } = await timed(scenario, 8);
    expect(seconds).toBeLessThan(8 + 1);
    // HiGHS's plan at its limit, or the greedy start's: a plan, checked, and a gap that is known.
    expect(['feasible', 'optimal'], result.message).toContain(result.status);
    expect(result.gap, result.message).toBeGreaterThanOrEqual(0);
    expect(result.violations).toEqual([]);
    expect(result.plan?.measures).toHaveLength(200);
  }, 30_000);

  it('keeps back a reserve to check the plan: a tenth of the limit, from 0.25 s to 1 s', () => {
    expect(answerReserveSeconds(1)).toBe(0.25);
    expect(answerReserveSeconds(5)).toBe(0.5);
    expect(answerReserveSeconds(300)).toBe(1);
  });
});
