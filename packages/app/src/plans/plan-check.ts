import { readFileSync } from 'node:fs';
import type { PlanCheckInput, PlanCheckResult, PlanExplainInput, PlanExplanation } from '@lockstep/contract';
import { buildSequencingModel, checkPlacement, explainScenario, lpText } from '@lockstep/core';
import { FormatError, parsePlanJson } from '@lockstep/formats';
import { InputError } from '../input-error.ts';
import { readScenarioFile } from './plan-operations.ts';

/** `plan.check`: a plan file checked against a scenario file, constraint by constraint, and scored. */
export function checkPlanFile(input: PlanCheckInput): PlanCheckResult {
  const scenario = readScenarioFile(input.path);
  let text: string;
  try {
    text = readFileSync(input.planPath, 'utf8');
  } catch {
    throw new InputError(`${input.planPath}: no such plan file`, 'planPath');
  }
  let placements: ReturnType<typeof parsePlanJson>;
  try {
    placements = parsePlanJson(text, input.planPath);
  } catch (error) {
    if (error instanceof FormatError) throw new InputError(error.message, 'planPath');
    throw error;
  }
  const check = checkPlacement(scenario, placements);
  return { valid: check.violations.length === 0, ...check };
}

/** `plan.explain`: a scenario file in words (see `explainScenario`). */
export function explainScenarioFile(input: PlanExplainInput): PlanExplanation {
  const scenario = readScenarioFile(input.path);
  const explanation = explainScenario(scenario);
  return input.includeLp ? { ...explanation, lp: lpText(buildSequencingModel(scenario).model) } : explanation;
}
