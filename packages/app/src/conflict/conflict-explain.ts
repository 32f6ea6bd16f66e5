import type { ConflictChainRule, ConflictExplanation } from '@lockstep/contract';
import { type CompiledConflict, explainState } from '@lockstep/core';
import { withInputErrors } from './conflict-input.ts';

/**
 * Why state `state` is or is not stable for each DM (or `dm` alone) under each definition (`explainState`): each
 * improvement it has and the shortest sanction that deters it, or why none does. An unknown state or DM is an
 * `InputError` naming `state` or `dm`.
 */
export function explainView(
  compiled: CompiledConflict,
  state: number,
  options: { readonly dm?: string | undefined; readonly chain?: ConflictChainRule | undefined },
): ConflictExplanation {
  return withInputErrors(() => explainState(compiled, state, options));
}
