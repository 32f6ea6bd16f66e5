export * from './ftm-json-lines.ts';
export * from './ftm-to-ofac.ts';
export * from './ofac-to-ftm.ts';
