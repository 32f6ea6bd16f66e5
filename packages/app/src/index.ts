export * from './input-error.ts';
export * from './operations.ts';
export * from './plans/plan-check.ts';
export * from './plans/plan-init.ts';
export * from './plans/plan-operations.ts';
export * from './shipped-data.ts';
export * from './version.ts';
export * from './workbench.ts';
