import { type IsoDate, isoDate, UnitError } from '@lockstep/core';
import { FormatError } from '../format-error.ts';
import type { CsvRow } from './csv-table.ts';

const decimal = /^\d+(?:\.\d+)?$/;
const wholeNumber = /^\d+$/;

function where<C extends string>(row: CsvRow<C>, column: C): string {
  return `line ${row.line}, column ${column}`;
}

/** A required text cell. */
export function textCell<C extends string>(row: CsvRow<C>, column: C, file: string): string {
  const value = row.cell(column);
  if (value === '') throw new FormatError(file, where(row, column), 'is empty: expected a value');
  return value;
}

/** A text cell that may be empty (null). */
export function optionalTextCell<C extends string>(row: CsvRow<C>, column: C): string | null {
  const value = row.cell(column);
  return value === '' ? null : value;
}

/**
 * A non-negative decimal (`408.6`, `0`), or null when the cell is empty: an empty cell is unknown, never
 * zero. No sign, exponent or thousands separator.
 */
export function optionalNumberCell<C extends string>(row: CsvRow<C>, column: C, file: string): number | null {
  const value = row.cell(column);
  if (value === '') return null;
  if (!decimal.test(value)) {
    throw new FormatError(
      file,
      where(row, column),
      `"${value}" is not accepted: numbers must be non-negative decimals such as 408.6 (no sign or thousands separator; leave the cell empty when unknown)`,
    );
  }
  return Number(value);
}

/** A required non-negative decimal. */
export function numberCell<C extends string>(row: CsvRow<C>, column: C, file: string): number {
  const value = optionalNumberCell(row, column, file);
  if (value === null)
    throw new FormatError(file, where(row, column), 'is empty: expected a non-negative number such as 202.8');
  return value;
}

/** A whole number ≥ `min`, or null when the cell is empty. */
export function optionalWholeNumberCell<C extends string>(
  row: CsvRow<C>,
  column: C,
  file: string,
  min = 0,
): number | null {
  const value = row.cell(column);
  if (value === '') return null;
  if (!wholeNumber.test(value) || Number(value) < min) {
    throw new FormatError(
      file,
      where(row, column),
      `"${value}" is not accepted: expected a whole number ≥ ${min} (leave the cell empty when unknown)`,
    );
  }
  return Number(value);
}

/** A required calendar date `YYYY-MM-DD`. */
export function dateCell<C extends string>(row: CsvRow<C>, column: C, file: string): IsoDate {
  const value = textCell(row, column, file);
  try {
    return isoDate(value);
  } catch (error) {
    if (error instanceof UnitError)
      throw new FormatError(file, where(row, column), `${column} must be YYYY-MM-DD: ${error.message}`);
    throw error;
  }
}

/** A required cell holding one of `accepted`; anything else is refused naming what is accepted. */
export function choiceCell<C extends string, T extends string>(
  row: CsvRow<C>,
  column: C,
  file: string,
  accepted: readonly T[],
): T {
  const value = textCell(row, column, file);
  if (!(accepted as readonly string[]).includes(value)) {
    throw new FormatError(
      file,
      where(row, column),
      `"${value}" is not accepted: expected one of ${accepted.join(', ')}`,
    );
  }
  return value as T;
}
