export * from './conflict-input-error.ts';
export * from './conflict-model.ts';
export * from './validate-conflict.ts';
