import { type CensusRow, type CensusStatus, censusStatuses } from '@lockstep/core';
import { FormatError } from '../format-error.ts';
import { dateCell, optionalTextCell, optionalWholeNumberCell, textCell } from './csv-cells.ts';
import { readCsvTable } from './csv-table.ts';

/** The columns of iaea-centrifuges.csv, in the shipped order. */
export const centrifugeCensusColumns = [
  'as_of',
  'report',
  'site',
  'type',
  'installed',
  'enriching',
  'cascades',
  'status',
  'source',
  'note',
] as const;

/**
 * Reads iaea-centrifuges.csv: machines by IAEA report, site and type, each row with its 1-based line.
 * `as_of` is YYYY-MM-DD; `installed`, `enriching` and `cascades` whole numbers ≥ 0 or empty (unknown, never
 * zero), with no more machines enriching than installed; `status` one of `censusStatuses`, and `reported`
 * only with a figure. A source of `same as above` is the previous row's source. Every problem is a
 * `FormatError` naming the file, line and column, and what is accepted.
 */
export function parseCentrifugeCensus(text: string, file: string, dataset = 'iaea-centrifuges'): CensusRow[] {
  let previousSource: string | null = null;
  return readCsvTable(text, file, centrifugeCensusColumns).map((row) => {
    const written = textCell(row, 'source', file);
    const same = /^same( as above)?$/i.test(written);
    if (same && previousSource === null) {
      throw new FormatError(
        file,
        `line ${row.line}, column source`,
        `"${written}" on the first row has no previous source to refer to: name the source`,
      );
    }
    const source = same && previousSource !== null ? previousSource : written;
    previousSource = source;
    const status = textCell(row, 'status', file);
    if (!(censusStatuses as readonly string[]).includes(status)) {
      throw new FormatError(
        file,
        `line ${row.line}, column status`,
        `"${status}" is not accepted: expected one of ${censusStatuses.join(', ')}`,
      );
    }
    const installed = optionalWholeNumberCell(row, 'installed', file);
    const enriching = optionalWholeNumberCell(row, 'enriching', file);
    if (installed !== null && enriching !== null && enriching > installed) {
      throw new FormatError(
        file,
        `line ${row.line}, column enriching`,
        `${enriching} machines enriching is more than the ${installed} installed: a machine enriches only where it is installed`,
      );
    }
    const cascades = optionalWholeNumberCell(row, 'cascades', file);
    if (status === 'reported' && installed === null && enriching === null && cascades === null) {
      throw new FormatError(
        file,
        `line ${row.line}, column status`,
        '"reported" needs a figure in installed, enriching or cascades: use not-reported when the report gives none',
      );
    }
    return {
      asOf: dateCell(row, 'as_of', file),
      report: textCell(row, 'report', file),
      site: textCell(row, 'site', file),
      machineType: optionalTextCell(row, 'type') ?? '',
      installed,
      enriching,
      cascades,
      status: status as CensusStatus,
      sourceRow: { dataset, file, line: row.line, source, note: optionalTextCell(row, 'note') },
    };
  });
}
