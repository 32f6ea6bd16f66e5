export * from './conflict-json.ts';
export * from './gmcr-file.ts';
