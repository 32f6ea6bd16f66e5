import type { CentrifugeEvent } from '@lockstep/core';
import { FormatError } from '../format-error.ts';
import { dateCell, optionalWholeNumberCell, textCell } from './csv-cells.ts';
import { readCsvTable } from './csv-table.ts';

/** The columns of centrifuge-events.csv, in the shipped order. */
export const centrifugeEventsColumns = ['date', 'site', 'event', 'machines', 'type', 'source'] as const;

/**
 * Reads centrifuge-events.csv: centrifuge installations and operations by site and type, each with its
 * 1-based line. `date` must be YYYY-MM-DD; `machines` a whole number ≥ 0, or empty when the source gives
 * none (unknown, never zero). A source of `same` is the previous row's source. Every problem is a
 * `FormatError` naming the file, line and column, and what is accepted.
 */
export function parseCentrifugeEvents(
  text: string,
  file: string,
  dataset = 'centrifuge-events',
): CentrifugeEvent[] {
  let previousSource: string | null = null;
  return readCsvTable(text, file, centrifugeEventsColumns).map((row) => {
    const written = textCell(row, 'source', file);
    const same = written.toLowerCase() === 'same';
    if (same && previousSource === null) {
      throw new FormatError(
        file,
        `line ${row.line}, column source`,
        '"same" on the first row has no previous source to refer to: name the source',
      );
    }
    const source = same && previousSource !== null ? previousSource : written;
    previousSource = source;
    return {
      date: dateCell(row, 'date', file),
      site: textCell(row, 'site', file),
      event: textCell(row, 'event', file),
      machines: optionalWholeNumberCell(row, 'machines', file),
      machineType: textCell(row, 'type', file),
      sourceRow: { dataset, file, line: row.line, source, note: null },
    };
  });
}
