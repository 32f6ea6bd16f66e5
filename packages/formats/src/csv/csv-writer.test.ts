import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseCsvRecords } from '../nuclear/csv-records.ts';
import { csvLine, formulaSafeCell, formulaSafeCsvLine } from './csv-writer.ts';

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

/** As OWASP lists them: what starts a formula, and the plain numbers that stay numbers. */
const formulaStart = /^[=+\-@\t\r]/;
const plainNumber = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)$/;

/** Any text, half of it starting as a formula, a plain number or an already quoted cell would. */
const startsLikeAFormulaOrNot = fc.oneof(
  fc.string({ unit: 'grapheme-composite' }),
  fc
    .tuple(fc.constantFrom('=', '+', '-', '@', '\t', '\r', "'", '-1', '+0.5'), fc.string())
    .map(([start, rest]) => start + rest),
);

describe('formulaSafeCsvLine', () => {
  it('puts a single quote before text a spreadsheet would run as a formula', () => {
    expect(formulaSafeCsvLine([1, '=HYPERLINK("http://example.com","click")', 'BANK'])).toBe(
      '1,"\'=HYPERLINK(""http://example.com"",""click"")",BANK\r\n',
    );
    for (const cell of ['+1+1', '-2+3', '@SUM(A1)', '\tx', '\rx', '-0-', '-', '=', '=1'])
      expect(formulaSafeCell(cell)).toBe(`'${cell}`);
  });

  it('leaves plain numbers, numbers and other text as they are', () => {
    for (const cell of ['-12.5', '+3', '-.5', '12', 'BANK SEPAH', "'=already quoted", ' =x', ''])
      expect(formulaSafeCell(cell)).toBe(cell);
    expect(formulaSafeCsvLine([-5, 0.25, null, undefined])).toBe('-5,0.25,,\r\n');
  });

  it('reads back any text as written, with the quote before exactly the cells that start like a formula', () => {
    fc.assert(
      fc.property(startsLikeAFormulaOrNot, fc.string(), (text, other) => {
        const [record] = parseCsvRecords(formulaSafeCsvLine(['x', text, other]), 'x.csv');
        const cell = record!.fields[1]!;
        const formulaLike = (value: string) => formulaStart.test(value) && !plainNumber.test(value);
        expect(cell).toBe(formulaLike(text) ? `'${text}` : text);
        expect(formulaLike(cell)).toBe(false);
      }),
    );
  });
});
