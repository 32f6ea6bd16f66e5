import { solveSequencing } from '@lockstep/core';
import { HighsSolver } from '@lockstep/solver';
import { readScenarioFile } from './plan-operations.ts';
import { shippedScenariosDir } from './shipped-scenarios.ts';

/**
 * One small solve (the shipped sample-small scenario, on one HiGHS worker), for a process that will solve
 * plan jobs to run while it waits for the first: V8 optimises HiGHS's WebAssembly as it runs, and every
 * later worker of the process shares that code (`highsModule`). Measured on a quiet 2-core machine:
 * jcpoa-2021's conflict account as the first of a process took 2.9-3.0 s, and 2.5 s after this warm-up
 * (0.6 s of one core). Never fails: a process that cannot warm up solves as before.
 */
export async function warmPlanSolver(): Promise<void> {
  const solver = new HighsSolver({ workers: 1, prestart: false });
  try {
    await solveSequencing(readScenarioFile(`${shippedScenariosDir}sample-small.json`), solver, {
      timeLimitSeconds: 5,
    });
  } catch {
    // Only a warm-up.
  } finally {
    await solver.close();
  }
}
