export * from './data-dir-lock.ts';
export * from './database.ts';
export * from './dataset-repository.ts';
export * from './insert-rows.ts';
export * from './migrate.ts';
export * from './open-store.ts';
export * from './pglite-database.ts';
export * from './postgres-database.ts';
