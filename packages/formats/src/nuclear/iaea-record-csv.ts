import {
  type IaeaReport,
  type IaeaReportKind,
  iaeaReportKinds,
  type ProtocolPeriod,
  type StockReading,
  type StockReadingStatus,
  stockReadingStatuses,
} from '@lockstep/core';
import { FormatError } from '../format-error.ts';
import { choiceCell, dateCell, optionalNumberCell, optionalTextCell, textCell } from './csv-cells.ts';
import { type CsvRow, readCsvTable } from './csv-table.ts';

/** The columns of iaea-reports.csv. */
export const iaeaReportColumns = ['report', 'date', 'kind', 'source', 'note'] as const;
/** The columns of iaea-heavy-water.csv (`tonnes`) and iaea-uranium-metal.csv (`kg_u_metal`). */
export const heavyWaterColumns = ['as_of', 'report', 'tonnes', 'status', 'source', 'note'] as const;
export const uraniumMetalColumns = ['as_of', 'report', 'kg_u_metal', 'status', 'source', 'note'] as const;
/** The columns of additional-protocol.csv. */
export const protocolColumns = ['from', 'to', 'applied', 'status', 'source', 'note'] as const;

/** Reads iaea-reports.csv: each IAEA report on Iran with its date, kind and source. Report ids are unique. */
export function parseIaeaReports(text: string, file: string, dataset = 'iaea-reports'): IaeaReport[] {
  const seen = new Map<string, number>();
  return readCsvTable(text, file, iaeaReportColumns).map((row) => {
    const report = textCell(row, 'report', file);
    const earlier = seen.get(report);
    if (earlier !== undefined) {
      throw new FormatError(
        file,
        `line ${row.line}, column report`,
        `"${report}" is already on line ${earlier}: each report is listed once`,
      );
    }
    seen.set(report, row.line);
    return {
      report,
      date: dateCell(row, 'date', file),
      kind: choiceCell<(typeof iaeaReportColumns)[number], IaeaReportKind>(
        row,
        'kind',
        file,
        iaeaReportKinds,
      ),
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

type StockColumn = (typeof heavyWaterColumns)[number] | (typeof uraniumMetalColumns)[number];

function parseStockReadings(
  text: string,
  file: string,
  dataset: string,
  columns: readonly StockColumn[],
  amountColumn: 'tonnes' | 'kg_u_metal',
): StockReading[] {
  return readCsvTable<StockColumn>(text, file, columns).map((row) => {
    const amount = optionalNumberCell(row, amountColumn, file);
    const status = choiceCell<StockColumn, StockReadingStatus>(row, 'status', file, stockReadingStatuses);
    if (status === 'reported' && amount === null) {
      throw new FormatError(
        file,
        `line ${row.line}, column ${amountColumn}`,
        'is empty but status is reported: give the figure, or a status of not-reported or not-verified',
      );
    }
    if ((status === 'not-reported' || status === 'not-verified') && amount !== null) {
      throw new FormatError(
        file,
        `line ${row.line}, column ${amountColumn}`,
        `${amount} is given but status is ${status}: leave the figure empty, or set status to reported`,
      );
    }
    return {
      asOf: dateCell(row, 'as_of', file),
      report: textCell(row, 'report', file),
      amount,
      status,
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

/** Reads iaea-heavy-water.csv: the heavy water stock per report, tonnes, with its status. */
export function parseHeavyWater(text: string, file: string, dataset = 'iaea-heavy-water'): StockReading[] {
  return parseStockReadings(text, file, dataset, heavyWaterColumns, 'tonnes');
}

/** Reads iaea-uranium-metal.csv: uranium metal produced per report, kg U, with its status. */
export function parseUraniumMetal(
  text: string,
  file: string,
  dataset = 'iaea-uranium-metal',
): StockReading[] {
  return parseStockReadings(text, file, dataset, uraniumMetalColumns, 'kg_u_metal');
}

/** Reads additional-protocol.csv: dated periods of application (`applied` yes/no), in order, not overlapping. */
export function parseProtocolPeriods(
  text: string,
  file: string,
  dataset = 'additional-protocol',
): ProtocolPeriod[] {
  let previous: { from: string; line: number } | null = null;
  return readCsvTable(text, file, protocolColumns).map((row) => {
    const from = dateCell(row, 'from', file);
    const to = optionalTextCell(row, 'to') === null ? null : dateCell(row, 'to', file);
    if (to !== null && to < from) {
      throw new FormatError(file, `line ${row.line}, column to`, `${to} is before from ${from}`);
    }
    if (previous !== null && from < previous.from) {
      throw new FormatError(
        file,
        `line ${row.line}, column from`,
        `${from} is before the period on line ${previous.line} (${previous.from}): list periods in date order`,
      );
    }
    previous = { from, line: row.line };
    return {
      from,
      to,
      applied: choiceCell(row, 'applied', file, ['yes', 'no'] as const) === 'yes',
      status: textCell(row, 'status', file),
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
