export * from './datasets.ts';
export * from './errors.ts';
export * from './health.ts';
export * from './nuclear.ts';
export * from './plan-jobs.ts';
export * from './sanctions.ts';
export * from './sequencing.ts';
export * from './talks.ts';
