export * from './analyze-conflict.ts';
export * from './coalition-reach.ts';
export * from './compile-conflict.ts';
export * from './conflict-input-error.ts';
export * from './conflict-model.ts';
export * from './parse-condition.ts';
export * from './stability-flags.ts';
export * from './validate-conflict.ts';
