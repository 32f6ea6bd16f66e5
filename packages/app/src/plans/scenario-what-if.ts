import {
  applyWhatIf,
  scenarioLimits,
  type WhatIf,
  type WhatIfChange,
  WhatIfError,
  type WhatIfNames,
  whatIfIsEmpty,
} from '@lockstep/contract';
import { SequencingInputError, type SequencingScenario, validateScenario } from '@lockstep/core';
import { InputError } from '../input-error.ts';

/** How the CLI's plan commands name a what-if's parts in errors. */
export const whatIfFlags: WhatIfNames = { without: '--without', set: '--set' };

/** How the job API names them (`whatIf.set` in a 400). */
export const whatIfBodyFields: WhatIfNames = { without: 'whatIf.without', set: 'whatIf.set' };

/** A scenario with a what-if applied, and what it changed (empty when nothing). */
export interface ScenarioUnderWhatIf {
  readonly scenario: SequencingScenario;
  readonly changes: readonly WhatIfChange[];
}

/**
 * A checked scenario with a what-if applied (`applyWhatIf`, the function the Sequencing page uses too), then
 * checked again, so a set value is held to its kind's range exactly as in a scenario file. Every problem is
 * an `InputError` naming the flag or body field, the entry and what is accepted: an unknown red line or
 * measure, a red line without a value, a value out of range.
 */
export function scenarioUnderWhatIf(
  scenario: SequencingScenario,
  whatIf: WhatIf | undefined,
  names: WhatIfNames,
): ScenarioUnderWhatIf {
  if (!whatIf || whatIfIsEmpty(whatIf)) return { scenario, changes: [] };
  let applied: ReturnType<typeof applyWhatIf<SequencingScenario>>;
  try {
    applied = applyWhatIf(scenario, whatIf, names);
  } catch (error) {
    if (error instanceof WhatIfError) throw new InputError(error.message, error.field);
    throw error;
  }
  try {
    return { scenario: validateScenario(applied.scenario, scenarioLimits), changes: applied.changes };
  } catch (error) {
    if (!(error instanceof SequencingInputError)) throw error;
    const place = applied.places.find((p) => error.path === p.path || error.path.startsWith(`${p.path}.`));
    throw new InputError(
      place
        ? `${place.given}: ${error.problem}`
        : `${names.set}: the scenario so changed is not valid: ${error.message}`,
      names.set,
    );
  }
}

/** An answer with the what-if's changes named in it (`whatIf`), when there were any. */
export function withWhatIfChanges<T extends object>(
  answer: T,
  changes: readonly WhatIfChange[],
): T & { whatIf?: readonly WhatIfChange[] } {
  return changes.length > 0 ? { ...answer, whatIf: changes } : answer;
}
