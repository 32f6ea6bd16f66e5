export * from './centrifuge-census-csv.ts';
export * from './centrifuge-events-csv.ts';
export * from './csv-records.ts';
export * from './csv-table.ts';
export * from './jcpoa-limits-csv.ts';
export * from './nuclear-csv-text.ts';
export * from './published-record-csv.ts';
export * from './stockpile-csv.ts';
