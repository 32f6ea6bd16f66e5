import {
  type EstimateUnit,
  type EventKind,
  estimateUnits,
  eventKinds,
  type ProgrammeEvent,
  type PublishedEstimate,
} from '@lockstep/core';
import { FormatError } from '../format-error.ts';
import { choiceCell, dateCell, optionalNumberCell, textCell } from './csv-cells.ts';
import { type CsvRow, readCsvTable } from './csv-table.ts';

/** The columns of published-breakout-estimates.csv, in the shipped order. */
export const publishedEstimateColumns = [
  'date',
  'author',
  'estimate_low',
  'estimate_high',
  'unit',
  'material',
  'sq_convention',
  'stock_counted',
  'source',
  'quote',
] as const;

/** The columns of events.csv, in the shipped order. */
export const programmeEventColumns = ['date', 'event', 'kind', 'source'] as const;

/**
 * Reads published-breakout-estimates.csv: dated breakout estimates with their author, figures (a range, one
 * figure, or none for a statement without a number), unit, significant-quantity convention, the stock they
 * count and the author's words. Every problem names the file, line and column, and what is accepted.
 */
export function parsePublishedEstimates(
  text: string,
  file: string,
  dataset = 'published-breakout-estimates',
): PublishedEstimate[] {
  return readCsvTable(text, file, publishedEstimateColumns).map((row) => {
    const low = optionalNumberCell(row, 'estimate_low', file);
    const high = optionalNumberCell(row, 'estimate_high', file);
    if (low !== null && high !== null && high < low) {
      throw new FormatError(
        file,
        `line ${row.line}, column estimate_high`,
        `${high} is less than estimate_low ${low}: give the range low first`,
      );
    }
    return {
      date: dateCell(row, 'date', file),
      author: textCell(row, 'author', file),
      low,
      high,
      unit: choiceCell<(typeof publishedEstimateColumns)[number], EstimateUnit>(
        row,
        'unit',
        file,
        estimateUnits,
      ),
      material: textCell(row, 'material', file),
      sqConvention: textCell(row, 'sq_convention', file),
      stockCounted: textCell(row, 'stock_counted', file),
      quote: textCell(row, 'quote', file),
      sourceRow: { dataset, file, line: row.line, source: textCell(row, 'source', file), note: null },
    };
  });
}

/** Reads events.csv: dated events with their kind and source. */
export function parseProgrammeEvents(
  text: string,
  file: string,
  dataset = 'programme-events',
): ProgrammeEvent[] {
  return readCsvTable(text, file, programmeEventColumns).map((row) => ({
    date: dateCell(row, 'date', file),
    event: textCell(row, 'event', file),
    kind: choiceCell<(typeof programmeEventColumns)[number], EventKind>(row, 'kind', file, eventKinds),
    sourceRow: { dataset, file, line: row.line, source: textCell(row, 'source', file), note: null },
  }));
}
