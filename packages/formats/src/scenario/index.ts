export * from './plan-json.ts';
export * from './scenario-json.ts';
export * from './scenario-schema.ts';
