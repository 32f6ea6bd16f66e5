/**
 * The entity answer from a kept pack, alone (`@lockstep/app/entity-pack`): the command line's one-shot
 * `lockstep sanctions entity` imports this rather than the whole app, which loads the store and every
 * operation (see "CLI start-up" in docs/ARCHITECTURE.md).
 */
export { type EntityDetails, entityAnswer, searchIndexed } from './entity-answer.ts';
export { type EntityPack, type EntityPackContent, readEntityPack, writeEntityPack } from './entity-pack.ts';
export { SearchTimeoutError, searchTimeBudgetMs } from './search-time-budget.ts';
