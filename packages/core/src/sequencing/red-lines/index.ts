import type { RedLine } from '../scenario.ts';
import { allAfterTheirs } from './all-after-theirs.ts';
import { deadline } from './deadline.ts';
import { maxExposure } from './max-exposure.ts';
import { otherStartsFirst } from './other-starts-first.ts';
import type { RedLineKind } from './red-line-kind.ts';
import { samePhase } from './same-phase.ts';

export type * from './red-line-kind.ts';

/**
 * Every red line kind's module, by kind. Mapped over the `RedLine` union, so a kind added to the union
 * without a module here does not compile.
 */
export const redLineModules: { readonly [K in RedLine['kind']]: RedLineKind<K> } = {
  'max-exposure': maxExposure,
  'other-starts-first': otherStartsFirst,
  'all-after-theirs': allAfterTheirs,
  deadline,
  'same-phase': samePhase,
};

/**
 * The module of a red line's kind. Typed by the kind, so that `redLineModule(redLine.kind).check(redLine, …)`
 * compiles for any red line: the table pairs each kind with its own module.
 */
export function redLineModule<K extends RedLine['kind']>(kind: K): RedLineKind<K> {
  return redLineModules[kind];
}
