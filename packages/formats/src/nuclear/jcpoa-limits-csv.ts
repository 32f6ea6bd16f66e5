import type { JcpoaLimit } from '@lockstep/core';
import { FormatError } from '../format-error.ts';
import { numberCell, optionalWholeNumberCell, textCell } from './csv-cells.ts';
import { readCsvTable } from './csv-table.ts';

/** The columns of jcpoa-limits.csv, in the shipped order. */
export const jcpoaLimitsColumns = [
  'id',
  'limit',
  'value',
  'unit',
  'years',
  'counted_from',
  'where_in_jcpoa',
  'source',
] as const;

const idPattern = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/**
 * Reads jcpoa-limits.csv: one JCPOA limit a row, each with its 1-based line. `id` is kebab-case and
 * unique; `value` a non-negative number; `years` a whole number of years or empty (no end). Every
 * problem is a `FormatError` naming the file, line and column, and what is accepted.
 */
export function parseJcpoaLimits(text: string, file: string, dataset = 'jcpoa-limits'): JcpoaLimit[] {
  const seen = new Map<string, number>();
  return readCsvTable(text, file, jcpoaLimitsColumns).map((row) => {
    const id = textCell(row, 'id', file);
    if (!idPattern.test(id)) {
      throw new FormatError(
        file,
        `line ${row.line}, column id`,
        `"${id}" is not accepted: expected a kebab-case id such as natanz-ir1`,
      );
    }
    const first = seen.get(id);
    if (first !== undefined) {
      throw new FormatError(
        file,
        `line ${row.line}, column id`,
        `"${id}" is already the id of line ${first}: ids must be unique`,
      );
    }
    seen.set(id, row.line);
    return {
      id,
      description: textCell(row, 'limit', file),
      value: numberCell(row, 'value', file),
      unit: textCell(row, 'unit', file),
      years: optionalWholeNumberCell(row, 'years', file, 1),
      countedFrom: textCell(row, 'counted_from', file),
      whereInJcpoa: textCell(row, 'where_in_jcpoa', file),
      sourceRow: { dataset, file, line: row.line, source: textCell(row, 'source', file), note: null },
    };
  });
}
