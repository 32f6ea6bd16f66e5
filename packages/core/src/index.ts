export * from './datasets/dataset.ts';
export * from './nuclear/index.ts';
export * from './sanctions/entity-search.ts';
export * from './sanctions/index.ts';
export * from './sanctions/name-folding.ts';
export * from './sequencing/index.ts';
export * from './talks/index.ts';
export * from './units.ts';
