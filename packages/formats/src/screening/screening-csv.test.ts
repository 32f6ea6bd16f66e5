import { describe, expect, it } from 'vitest';
import { FormatError } from '../format-error.ts';
import { readScreeningCsv } from './screening-csv.ts';

const options = { maxNameChars: 200, maxRows: 5, maxCellChars: 100 };
const bytes = (text: string) => new TextEncoder().encode(text);
const read = (text: string | Uint8Array, extra: { skipBadRows?: boolean } = {}) =>
  readScreeningCsv(typeof text === 'string' ? bytes(text) : text, 'names.csv', { ...options, ...extra });
const refusal = (text: string | Uint8Array, extra: { skipBadRows?: boolean } = {}) => {
  try {
    read(text, extra);
  } catch (error) {
    expect(error).toBeInstanceOf(FormatError);
    return (error as Error).message;
  }
  throw new Error('expected a refusal');
};

describe('readScreeningCsv', () => {
  it('reads the columns in any order and case, ignores others, and maps the type words', () => {
    const csv = readScreeningCsv(
      bytes(
        '\uFEFFRef,Birth_Date,NAME,Type,Country\r\n7,,Central Bank of Iran,Company,IR\r\n8,1959-09-07,"ZARIF, Mohammad Javad",person,Iran\r\n\r\n',
      ),
      'names.csv',
      options,
    );
    expect(csv.problems).toEqual([]);
    expect(csv.rows).toEqual([
      { line: 2, name: 'Central Bank of Iran', type: 'entity', country: 'IR' },
      {
        line: 3,
        name: 'ZARIF, Mohammad Javad',
        type: 'individual',
        country: 'Iran',
        birthDate: '1959-09-07',
      },
    ]);
  });

  it('refuses a file that is not UTF-8, naming the line of the first bad byte and what is accepted', () => {
    const latin = new Uint8Array([...bytes('name\nBank Melli\nBanque Sad'), 0xe9, ...bytes('rat\n')]);
    expect(refusal(latin)).toMatch(/^names\.csv, line 3: byte 0xe9 is not UTF-8; expected a UTF-8 CSV file/);
    expect(refusal(new Uint8Array([0xff, 0xfe, 0x6e, 0]))).toMatch(/line 1: UTF-16 text/);
    expect(refusal('')).toMatch(/line 1: the file is empty/);
  });

  it('refuses a file without a name column, naming the header line and the columns found', () => {
    expect(refusal('party,country\nBank Sepah,Iran\n')).toBe(
      'names.csv, line 1: no "name" column in the header (found: "party", "country"); expected a UTF-8 CSV file with a header line naming the columns: name (required), type, country, birth_date (optional; others are ignored), then one name a row',
    );
  });

  it('refuses the first bad row by default, naming its line and reason', () => {
    expect(refusal('name,type\nBank Sepah,entity\n,\n')).toMatch(
      /^names\.csv, line 3: an empty row: each row needs a name \(give --skip-bad-rows/,
    );
    expect(refusal(`name\n${'A'.repeat(201)}\n`)).toMatch(
      /line 2: the name is 201 characters; at most 200 are accepted/,
    );
    expect(refusal('name\n"Bank\u0007Sepah"\n')).toMatch(
      /line 2: a control character \(U\+0007\) in the name column/,
    );
    expect(refusal('name,type\nIRISL,ship-owner\n')).toMatch(
      /line 2: type "ship-owner": expected individual/,
    );
    expect(refusal('name,birth_date\nZarif,07/01/1960\n')).toMatch(
      /line 2: birth_date "07\/01\/1960": expected YYYY/,
    );
    expect(refusal('name,type\nBank,entity,extra\n')).toMatch(
      /line 2: 3 fields, but the header names 2 columns/,
    );
  });

  it('with skipBadRows, reports each bad row with its line and reads the rest', () => {
    const csv = read('name,type\nBank Sepah,entity\n,\n"x\ty",\nIRISL,vessel\n', { skipBadRows: true });
    expect(csv.rows.map((r) => [r.line, r.name])).toEqual([
      [2, 'Bank Sepah'],
      [5, 'IRISL'],
    ]);
    expect(csv.problems).toEqual([
      { line: 3, reason: 'an empty row: each row needs a name' },
      {
        line: 4,
        reason:
          'a control character (U+0009) in the name column; control characters U+0000-U+001F and U+007F-U+009F are not accepted',
      },
    ]);
  });

  it('refuses more rows than allowed and a CSV syntax error, whatever skipBadRows says', () => {
    expect(refusal('name\na\nb\nc\nd\ne\nf\n', { skipBadRows: true })).toMatch(/line 7: more than 5 rows/);
    expect(refusal('name\n"never closed\n', { skipBadRows: true })).toMatch(/line 2: a quoted field/);
  });
});
