export { compiledHighsModule, highsModule } from './highs-module.ts';
export * from './highs-solver.ts';
export * from './typescript-worker.ts';
