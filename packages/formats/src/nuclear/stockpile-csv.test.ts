import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseStockpileReports } from './stockpile-csv.ts';

const shipped = new URL('../../../../data/nuclear/iaea-enriched-uranium-stockpile.csv', import.meta.url);
const header =
  'as_of,total_kg_u,up_to_2pct_kg_u,up_to_5pct_kg_u,up_to_20pct_kg_u,up_to_60pct_kg_u,source,note';

describe('parseStockpileReports', () => {
  const reports = parseStockpileReports(readFileSync(shipped, 'utf8'), 'iaea-enriched-uranium-stockpile.csv');

  it('reads every shipped report with its line, empty cells as unknown', () => {
    expect(reports).toHaveLength(31);
    expect(reports.find((r) => r.asOf === '2025-05-17')).toEqual({
      asOf: '2025-05-17',
      totalKgU: 9247.6,
      byLevel: { 'up-to-2pct': null, 'up-to-5pct': null, 'up-to-20pct': null, 'up-to-60pct': 408.6 },
      sourceRow: {
        dataset: 'iaea-enriched-uranium-stockpile',
        file: 'iaea-enriched-uranium-stockpile.csv',
        line: 24,
        source: 'IAEA report of 2025-05-31 via AP',
        note: null,
      },
    });
    // a zero is a reported zero; an empty cell is unknown
    expect(reports[0]?.byLevel).toEqual({
      'up-to-2pct': null,
      'up-to-5pct': null,
      'up-to-20pct': 0,
      'up-to-60pct': 0,
    });
  });

  it('keeps the notes that flag conflicting and uncertain figures', () => {
    const november2021 = reports.find((r) => r.asOf === '2021-11-06');
    expect(november2021).toMatchObject({ totalKgU: null, sourceRow: { line: 10 } });
    expect(november2021?.sourceRow.note).toMatch(/15\.5 kg at 60% .*conflicting/);
    expect(reports.find((r) => r.asOf === '2020-08-25')?.sourceRow.note).toMatch(/do not add up/);
  });

  it('names the line and column of a bad date or number and what is accepted', () => {
    const bad = (row: string) => () => parseStockpileReports(`${header}\n${row}\n`, 'stock.csv');
    expect(bad('2021-02-30,1,,,,,src,')).toThrow(
      'stock.csv, line 2, column as_of: as_of must be YYYY-MM-DD: invalid date "2021-02-30": expected a calendar date as YYYY-MM-DD',
    );
    expect(bad('17/05/2025,1,,,,,src,')).toThrow(/line 2, column as_of: as_of must be YYYY-MM-DD/);
    expect(bad('2025-05-17,"9,247.6",,,,,src,')).toThrow(
      /line 2, column total_kg_u: "9,247\.6" is not accepted: numbers must be non-negative decimals/,
    );
    expect(bad('2025-05-17,1,,,,-3,src,')).toThrow(/line 2, column up_to_60pct_kg_u: "-3"/);
    expect(bad('2025-05-17,1,,,,,,')).toThrow(/line 2, column source: is empty/);
  });

  it('refuses two rows for one as-of date', () => {
    const row = '2025-05-17,1,,,,,src,';
    expect(() => parseStockpileReports(`${header}\n${row}\n${row}\n`, 'stock.csv')).toThrow(
      'stock.csv, line 3, column as_of: 2025-05-17 is already reported on line 2: one row per as-of date (put a conflicting figure in the note)',
    );
  });

  it('reads quoted fields with commas', () => {
    const [report] = parseStockpileReports(
      `${header}\n2025-05-17,1,,,,,"IAEA, via AP","a, b"\n`,
      'stock.csv',
    );
    expect(report?.sourceRow).toMatchObject({ source: 'IAEA, via AP', note: 'a, b' });
  });
});
