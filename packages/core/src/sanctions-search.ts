/**
 * The sanctions search alone, for callers that must start fast: the command line answers a one-shot
 * `lockstep sanctions entity` from an index kept in the data directory and imports this entry
 * (`@lockstep/core/sanctions-search`) rather than all of core, which takes several times longer to load.
 */
export * from './sanctions/entity-search.ts';
export * from './sanctions/keyed-lists.ts';
export type * from './sanctions/ofac-entry.ts';
export * from './sanctions/ofac-list.ts';
export * from './sanctions/search-budget.ts';
