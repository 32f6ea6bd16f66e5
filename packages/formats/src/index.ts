export * from './csv/csv-writer.ts';
export * from './csv/record-counter.ts';
export * from './datasets/manifest.ts';
export * from './format-error.ts';
export * from './ftm/index.ts';
export * from './nuclear/index.ts';
export * from './ofac/index.ts';
export * from './xml/element-counter.ts';
