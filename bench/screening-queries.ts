// The screening query set (bench/screening-queries.csv, built as screening-queries.md says), read once for
// the bench (bench/screening.ts) and for the test that holds it to the shipped list
// (scripts/screening-queries.test.ts), which must not load the searchers.
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';

const queryFile = new URL('./screening-queries.csv', import.meta.url).pathname;

export interface ScreeningQuery {
  readonly query: string;
  readonly expected?: number;
  readonly type: string;
  readonly kind: string;
  readonly note: string;
}

/** The query set as rows; `expected` absent for the `none` queries. */
export function readScreeningQueries(path = queryFile): ScreeningQuery[] {
  const rows = parse(readFileSync(path, 'utf8'), { columns: true, skip_empty_lines: true }) as Record<
    string,
    string
  >[];
  return rows.map((row) => ({
    query: row.query!,
    ...(row.expected_entry ? { expected: Number(row.expected_entry) } : {}),
    type: row.type!,
    kind: row.kind!,
    note: row.note ?? '',
  }));
}
