export * from './shipped-snapshots.ts';
