export * from './screening-csv.ts';
