import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FormatError } from '../format-error.ts';
import { parseJcpoaLimits } from './jcpoa-limits-csv.ts';

const shipped = new URL('../../../../data/nuclear/jcpoa-limits.csv', import.meta.url);
const header = 'id,limit,value,unit,years,counted_from,where_in_jcpoa,source';

describe('parseJcpoaLimits', () => {
  it('reads the shipped limits with their lines and sources', () => {
    const limits = parseJcpoaLimits(readFileSync(shipped, 'utf8'), 'jcpoa-limits.csv');
    expect(limits.map((l) => l.id)).toEqual([
      'enrichment-level',
      'stockpile',
      'natanz-ir1',
      'advanced-centrifuges',
      'fordow-enrichment',
      'fordow-machines',
      'heavy-water',
      'uranium-metal',
      'additional-protocol',
      'breakout-goal',
    ]);
    expect(limits[1]).toEqual({
      id: 'stockpile',
      description: 'enriched uranium stockpile',
      value: 202.8,
      unit: 'kg uranium (300 kg as UF6)',
      years: 15,
      countedFrom: 'Implementation Day',
      whereInJcpoa: 'Annex I section J para 56',
      sourceRow: {
        dataset: 'jcpoa-limits',
        file: 'jcpoa-limits.csv',
        line: 3,
        source: 'JCPOA Annex I; IAEA usage of 202.8 kg U via ifpnews.com',
        note: null,
      },
    });
    expect(limits.find((l) => l.id === 'additional-protocol')?.years).toBeNull();
  });

  it('names the file, line and column of a bad value and what is accepted', () => {
    const bad = (row: string) => () => parseJcpoaLimits(`${header}\n${row}\n`, 'limits.csv');
    expect(bad('stockpile,cap,-5,kg,15,Implementation Day,para,src')).toThrow(
      'limits.csv, line 2, column value: "-5" is not accepted: numbers must be non-negative decimals such as 408.6',
    );
    expect(bad('Stockpile,cap,5,kg,15,Implementation Day,para,src')).toThrow(
      /line 2, column id: "Stockpile" .* kebab-case/,
    );
    expect(bad('stockpile,cap,5,kg,0,Implementation Day,para,src')).toThrow(
      /line 2, column years: "0" .* whole number ≥ 1/,
    );
    expect(bad('stockpile,cap,,kg,15,Implementation Day,para,src')).toThrow(/line 2, column value: is empty/);
    expect(bad('stockpile,cap,5,kg,15,Implementation Day,para')).toThrow(FormatError);
    expect(bad('stockpile,cap,5,kg,15,Implementation Day,para')).toThrow(
      /line 2: 7 fields, but the header has 8/,
    );
  });

  it('refuses a duplicate id and an unexpected header', () => {
    const row = 'stockpile,cap,5,kg,15,Implementation Day,para,src';
    expect(() => parseJcpoaLimits(`${header}\n${row}\n${row}\n`, 'limits.csv')).toThrow(
      'limits.csv, line 3, column id: "stockpile" is already the id of line 2: ids must be unique',
    );
    expect(() => parseJcpoaLimits('id,limit,value\n', 'limits.csv')).toThrow(
      /^limits\.csv, line 1: the header has missing unit, years, counted_from, where_in_jcpoa, source: expected the columns/,
    );
  });
});
