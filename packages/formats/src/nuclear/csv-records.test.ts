import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FormatError } from '../format-error.ts';
import { maxRecordChars, maxValueChars } from '../input-limits.ts';
import { parseCsvRecords } from './csv-records.ts';

describe('parseCsvRecords', () => {
  it('reads quoted fields with commas, doubled quotes and line breaks, numbering lines from 1', () => {
    const text = 'a,b,c\r\n1,"x, y","say ""hi"""\r\n2,"two\nlines",\n3,,z';
    expect(parseCsvRecords(text, 't.csv')).toEqual([
      { line: 1, fields: ['a', 'b', 'c'] },
      { line: 2, fields: ['1', 'x, y', 'say "hi"'] },
      { line: 3, fields: ['2', 'two\nlines', ''] },
      { line: 5, fields: ['3', '', 'z'] },
    ]);
  });

  it('skips a byte order mark and empty lines', () => {
    expect(parseCsvRecords('\uFEFFa,b\n\n1,2\n', 't.csv')).toEqual([
      { line: 1, fields: ['a', 'b'] },
      { line: 3, fields: ['1', '2'] },
    ]);
  });

  it('names the line of a quote problem and what is accepted', () => {
    expect(() => parseCsvRecords('a,b\n1,"open\n2,3\n', 't.csv')).toThrow(
      't.csv, line 2: a quoted field opened here is never closed (a field that starts with " must end with ")',
    );
    expect(() => parseCsvRecords('a,b\n1,x"y\n', 't.csv')).toThrow(
      /^t\.csv, line 2: a quote inside an unquoted field/,
    );
    expect(() => parseCsvRecords('a,b\n1,"x"y\n', 't.csv')).toThrow(
      /^t\.csv, line 2: text after a closing quote/,
    );
    expect(() => parseCsvRecords('"', 't.csv')).toThrow(FormatError);
  });

  it('reads back what a writer quoting every field wrote', () => {
    const field = fc.string({ unit: fc.constantFrom('a', 'b', ',', '"', '\n', ' ', 'é'), maxLength: 6 });
    const quote = (value: string) => `"${value.replaceAll('"', '""')}"`;
    fc.assert(
      fc.property(fc.array(fc.array(field, { minLength: 2, maxLength: 4 }), { maxLength: 6 }), (records) => {
        const text = records.map((fields) => fields.map(quote).join(',')).join('\r\n');
        expect(parseCsvRecords(text, 't.csv').map((r) => r.fields)).toEqual(records);
      }),
    );
  });

  it('refuses a field over the value limit and a record over the record limit, naming the line', () => {
    const long = 'x'.repeat(maxValueChars + 1);
    expect(() => parseCsvRecords(`a,b\n1,${long}\n`, 't.csv')).toThrow(
      't.csv, line 2, field 2: longer than 65,536 characters, the most a field may hold',
    );
    expect(() => parseCsvRecords(`a,b\n1,"${long}"\n`, 't.csv')).toThrow(
      't.csv, line 2, field 2: longer than',
    );
    const wide = Array(5)
      .fill('y'.repeat(maxValueChars - 1))
      .join(',');
    expect(() => parseCsvRecords(`a\n${wide}\n`, 't.csv')).toThrow(
      `t.csv, line 2: the record is longer than ${maxRecordChars.toLocaleString('en')} characters`,
    );
  });
});
