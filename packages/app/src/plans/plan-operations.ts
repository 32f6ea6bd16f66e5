import { readFileSync } from 'node:fs';
import type { PlanSolveInput, PlanSolveResult } from '@lockstep/contract';
import { diagnoseConflicts, SequencingInputError, solveSequencing } from '@lockstep/core';
import { FormatError, parseScenarioJson } from '@lockstep/formats';
import { HighsSolver } from '@lockstep/solver';
import { InputError } from '../input-error.ts';

function readScenario(path: string) {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new InputError(`${path}: no such scenario file`, 'path');
  }
  try {
    return parseScenarioJson(text, path);
  } catch (error) {
    if (error instanceof FormatError || error instanceof SequencingInputError) {
      throw new InputError(error.message, 'path');
    }
    throw error;
  }
}

/**
 * `plan.solve`: the optimal phased plan of a scenario (checked constraint by constraint), or, when its red
 * lines cannot all hold, the smallest sets that conflict and what relaxing each would cost. HiGHS runs in a
 * worker thread that is closed when the answer is in.
 */
export async function solvePlan(input: PlanSolveInput): Promise<PlanSolveResult> {
  const scenario = readScenario(input.path);
  const timeLimitSeconds = input.timeLimitSeconds ?? 60;
  const solver = new HighsSolver();
  try {
    const result = await solveSequencing(scenario, solver, { timeLimitSeconds });
    if (result.status === 'optimal' || (result.status === 'time-limit' && result.plan)) {
      return { ...result, status: result.status === 'optimal' ? 'optimal' : 'feasible' };
    }
    if (result.status !== 'infeasible') {
      return {
        ...result,
        status: 'error',
        message: result.message ?? `the solver stopped: ${result.status}`,
      };
    }
    const diagnosis = await diagnoseConflicts(scenario, solver, { timeLimitSeconds });
    return {
      status: 'infeasible',
      gap: null,
      solveSeconds: result.solveSeconds,
      violations: [],
      conflicts: diagnosis.conflicts,
      relaxations: diagnosis.relaxations,
      ...(diagnosis.leastConcession && { leastConcession: diagnosis.leastConcession }),
      message: diagnosis.infeasibleWithoutRedLines
        ? 'no plan exists even without the red lines: the relations and phases alone conflict'
        : `no plan satisfies every red line: ${diagnosis.conflicts.map((c) => c.join(' + ')).join('; ')} cannot all hold`,
    };
  } finally {
    await solver.close();
  }
}
