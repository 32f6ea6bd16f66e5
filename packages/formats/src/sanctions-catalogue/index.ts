export * from './program-catalogue-json.ts';
export * from './sanctions-positions-json.ts';
