import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseCsvRecords } from '../nuclear/csv-records.ts';
import { csvLine } from './csv-writer.ts';

describe('csvLine', () => {
  it('quotes only the fields that need it', () => {
    expect(csvLine([306, 'BANCO NACIONAL DE CUBA', 'a.k.a. "BNC", Havana', null])).toBe(
      '306,BANCO NACIONAL DE CUBA,"a.k.a. ""BNC"", Havana",\r\n',
    );
  });

  it('writes fields that read back unchanged', () => {
    fc.assert(
      fc.property(fc.array(fc.string(), { minLength: 1, maxLength: 6 }), (fields) => {
        const [record] = parseCsvRecords(csvLine(fields), 'x.csv');
        expect(record?.fields ?? ['']).toEqual(fields);
      }),
    );
  });
});
