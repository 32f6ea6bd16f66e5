export * from './datasets/dataset.ts';
export * from './units.ts';
