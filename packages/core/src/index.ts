export * from './datasets/dataset.ts';
export * from './nuclear/index.ts';
export * from './sanctions/index.ts';
export * from './units.ts';
