import type { ConflictChainRule, ConflictChangesResult, StabilityDefinitionName } from '@lockstep/contract';
import { changesThatStabilise } from '@lockstep/core';
import { type ConflictRead, compileRead, withInputErrors } from './conflict-input.ts';

/**
 * What would have to change, and for whom (`changesThatStabilise`): the single preference changes of each DM
 * after which `target` is an equilibrium under `definition`. The model is compiled first, so a bad one is refused
 * naming its field; an unknown target is an `InputError` on `target`.
 */
export function changesView(
  read: ConflictRead,
  target: number,
  definition: StabilityDefinitionName,
  chain: ConflictChainRule,
): ConflictChangesResult {
  compileRead(read);
  const result = withInputErrors(() => changesThatStabilise(read.model, target, definition, { chain }));
  const sentences = result.alreadyEquilibrium
    ? [`State ${target} already is a ${definition.toUpperCase()} equilibrium: nothing has to change.`]
    : result.changes.length === 0
      ? [
          `No single change to one side’s preference (of ${result.tried} tried) makes state ${target} a ${definition.toUpperCase()} equilibrium; it is not stable for ${result.unstableFor.join(', ')}.`,
        ]
      : result.sentences;
  return { ...result, sentences };
}
