export * from './baseline-stability.ts';
export * from './generated-conflict.ts';
export * from './textbook-conflicts.ts';
