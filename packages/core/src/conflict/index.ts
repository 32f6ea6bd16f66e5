export * from './conflict-input-error.ts';
export * from './conflict-model.ts';
