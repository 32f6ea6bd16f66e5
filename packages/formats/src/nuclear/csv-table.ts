import { FormatError } from '../format-error.ts';
import { parseCsvRecords } from './csv-records.ts';

/** One data row of a CSV table: its 1-based line and its cells by column name. */
export interface CsvRow<C extends string> {
  readonly line: number;
  /** The cell of a column as written, without surrounding spaces. */
  cell(column: C): string;
}

/**
 * Reads CSV text whose first record names the columns, and checks the header has exactly `columns`
 * (in any order) and every row as many fields as the header. Problems are `FormatError`s naming the file,
 * the line and what is accepted.
 */
export function readCsvTable<C extends string>(
  text: string,
  file: string,
  columns: readonly C[],
): CsvRow<C>[] {
  const [header, ...rows] = parseCsvRecords(text, file);
  const expected = columns.join(',');
  if (header === undefined)
    throw new FormatError(file, 'line 1', `the file is empty: expected the header ${expected}`);
  const names = header.fields.map((name) => name.trim());
  const index = new Map<string, number>();
  names.forEach((name, i) => {
    if (index.has(name))
      throw new FormatError(
        file,
        `line ${header.line}`,
        `column "${name}" appears twice: expected the header ${expected}`,
      );
    index.set(name, i);
  });
  const missing = columns.filter((column) => !index.has(column));
  const unknown = names.filter((name) => !(columns as readonly string[]).includes(name));
  if (missing.length > 0 || unknown.length > 0) {
    const problems = [
      ...(missing.length > 0 ? [`missing ${missing.join(', ')}`] : []),
      ...(unknown.length > 0 ? [`unknown ${unknown.map((u) => `"${u}"`).join(', ')}`] : []),
    ];
    throw new FormatError(
      file,
      `line ${header.line}`,
      `the header has ${problems.join('; ')}: expected the columns ${expected}`,
    );
  }
  if (rows.length === 0) {
    throw new FormatError(
      file,
      `line ${header.line + 1}`,
      'the file holds only its header: expected one row a line after it',
    );
  }
  return rows.map((record) => {
    if (record.fields.length !== names.length) {
      throw new FormatError(
        file,
        `line ${record.line}`,
        `${record.fields.length} fields, but the header has ${names.length} (${expected}); a value with a comma must be in double quotes`,
      );
    }
    return {
      line: record.line,
      cell: (column: C) => (record.fields[index.get(column)!] ?? '').trim(),
    };
  });
}
