import type { ConflictChainRule, ConflictPathsResult, StabilityDefinitionName } from '@lockstep/contract';
import { type CompiledConflict, statusQuoPaths } from '@lockstep/core';
import { withInputErrors } from './conflict-input.ts';

/** What the paths are asked for. */
export interface PathsOptions {
  readonly chain: ConflictChainRule;
  readonly definition: StabilityDefinitionName;
}

/**
 * How the conflict can evolve from state `from` to each equilibrium under `definition` (`statusQuoPaths`): per
 * equilibrium, whether improvements reach it, and the shortest paths with their steps. An unknown state is an
 * `InputError` on `from`.
 */
export function statusQuoPathsView(
  compiled: CompiledConflict,
  from: number,
  options: PathsOptions,
): ConflictPathsResult {
  return withInputErrors(() => statusQuoPaths(compiled, from, options));
}
