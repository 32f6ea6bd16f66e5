import {
  type PlanCheckInput,
  type PlanCheckResult,
  type PlanExplainInput,
  type PlanExplanation,
  scenarioLimits,
} from '@lockstep/contract';
import { buildSequencingModel, checkPlacement, explainScenario, lpText } from '@lockstep/core';
import { FormatError, parsePlanJson } from '@lockstep/formats';
import { InputError } from '../input-error.ts';
import { readScenarioUnderWhatIf } from './plan-operations.ts';
import { readBoundedText } from './read-bounded-text.ts';
import { withWhatIfChanges } from './scenario-what-if.ts';

/**
 * `plan.check`: a plan file checked against a scenario file (under the what-if, if any), constraint by
 * constraint, and scored.
 */
export function checkPlanFile(input: PlanCheckInput): PlanCheckResult {
  const { scenario, changes } = readScenarioUnderWhatIf(input);
  const text = readBoundedText(input.planPath, scenarioLimits.fileBytes, 'planPath', 'plan');
  let placements: ReturnType<typeof parsePlanJson>;
  try {
    placements = parsePlanJson(text, input.planPath);
  } catch (error) {
    if (error instanceof FormatError) throw new InputError(error.message, 'planPath');
    throw error;
  }
  // A plan places each measure once: more placements than a scenario may have measures is not a plan, and
  // checking each against the others would take their square.
  if (placements.length > scenarioLimits.measures) {
    throw new InputError(
      `${input.planPath}: ${placements.length.toLocaleString('en')} placements is too many; a plan places each of at most ${scenarioLimits.measures} measures once`,
      'planPath',
    );
  }
  const check = checkPlacement(scenario, placements);
  return withWhatIfChanges({ valid: check.violations.length === 0, ...check }, changes);
}

/** `plan.explain`: a scenario file (under the what-if, if any) in words (see `explainScenario`). */
export function explainScenarioFile(input: PlanExplainInput): PlanExplanation {
  const { scenario, changes } = readScenarioUnderWhatIf(input);
  const explanation = withWhatIfChanges(explainScenario(scenario), changes);
  return input.includeLp ? { ...explanation, lp: lpText(buildSequencingModel(scenario).model) } : explanation;
}
