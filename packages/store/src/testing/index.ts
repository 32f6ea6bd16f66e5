export * from './engines.ts';
export * from './postgres-cluster.ts';
