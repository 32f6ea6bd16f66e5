import { type KgU, kgU, type StockpileReport } from '@lockstep/core';
import { FormatError } from '../format-error.ts';
import { dateCell, optionalNumberCell, optionalTextCell, textCell } from './csv-cells.ts';
import type { CsvRow } from './csv-table.ts';
import { readCsvTable } from './csv-table.ts';

/** The columns of iaea-enriched-uranium-stockpile.csv, in the shipped order. */
export const stockpileColumns = [
  'as_of',
  'total_kg_u',
  'up_to_2pct_kg_u',
  'up_to_5pct_kg_u',
  'up_to_20pct_kg_u',
  'up_to_60pct_kg_u',
  'source',
  'note',
] as const;

type StockpileColumn = (typeof stockpileColumns)[number];

function mass(row: CsvRow<StockpileColumn>, column: StockpileColumn, file: string): KgU | null {
  const value = optionalNumberCell(row, column, file);
  return value === null ? null : kgU(value, column);
}

/**
 * Reads iaea-enriched-uranium-stockpile.csv: the stockpile by band at each IAEA as-of date, kg U, each
 * report with its 1-based line. An empty cell is unknown (null), never zero. `as_of` must be YYYY-MM-DD
 * and appear once; masses are non-negative numbers. Every problem is a `FormatError` naming the file,
 * line and column, and what is accepted.
 */
export function parseStockpileReports(
  text: string,
  file: string,
  dataset = 'iaea-enriched-uranium-stockpile',
): StockpileReport[] {
  const seen = new Map<string, number>();
  return readCsvTable(text, file, stockpileColumns).map((row) => {
    const asOf = dateCell(row, 'as_of', file);
    const first = seen.get(asOf);
    if (first !== undefined) {
      throw new FormatError(
        file,
        `line ${row.line}, column as_of`,
        `${asOf} is already reported on line ${first}: one row per as-of date (put a conflicting figure in the note)`,
      );
    }
    seen.set(asOf, row.line);
    return {
      asOf,
      totalKgU: mass(row, 'total_kg_u', file),
      byLevel: {
        'up-to-2pct': mass(row, 'up_to_2pct_kg_u', file),
        'up-to-5pct': mass(row, 'up_to_5pct_kg_u', file),
        'up-to-20pct': mass(row, 'up_to_20pct_kg_u', file),
        'up-to-60pct': mass(row, 'up_to_60pct_kg_u', file),
      },
      sourceRow: {
        dataset,
        file,
        line: row.line,
        source: textCell(row, 'source', file),
        note: optionalTextCell(row, 'note'),
      },
    };
  });
}
