import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { maxDelimitedFileBytes, maxRecordChars, maxValueChars } from '../input-limits.ts';
import { type DelimitedFileOptions, readDelimitedRecords } from './delimited-records.ts';
import { chunked, collect, endlessSource } from './testing/sanctions-data.ts';

const options: DelimitedFileOptions = {
  file: 'test.csv',
  delimiter: ',',
  encoding: 'windows-1252',
  columns: ['ent_num', 'SDN_Name', 'Remarks'],
};

async function read(text: string | Uint8Array, size = 5, delimiter: ',' | '|' = ',') {
  return collect(readDelimitedRecords(chunked(text, size), { ...options, delimiter }));
}

describe('readDelimitedRecords', () => {
  it('reads quoted fields with delimiters, line breaks and doubled quotes', async () => {
    const records = await read('1,"A, B",-0- \r\n2,"line one\r\nline two","say ""hi"""\r\n');
    expect(records).toEqual([
      { line: 1, fields: ['1', 'A, B', '-0- '] },
      { line: 2, fields: ['2', 'line one\r\nline two', 'say "hi"'] },
    ]);
  });

  it('numbers lines across CRLF, LF and lone CR line ends, and skips blank lines', async () => {
    const records = await read('1,a\r\n\r\n2,b\n3,"x\ny"\r4,c');
    expect(records.map((record) => [record.line, record.fields[0]])).toEqual([
      [1, '1'],
      [3, '2'],
      [4, '3'],
      [6, '4'],
    ]);
  });

  it('does not take the final Ctrl-Z byte of OFAC files for a record', async () => {
    expect(await read('1,"A"\r\n\x1a')).toEqual([{ line: 1, fields: ['1', 'A'] }]);
  });

  it('decodes Windows-1252, so 0x93 and 0x94 are curly quotes', async () => {
    const bytes = Uint8Array.of(0x31, 0x2c, 0x22, 0x93, 0x58, 0x94, 0x22, 0x0d, 0x0a);
    expect(await read(bytes)).toEqual([{ line: 1, fields: ['1', '“X”'] }]);
  });

  it('reads pipe-separated records', async () => {
    expect(await read('1|"A|B"|-0- \r\n', 3, '|')).toEqual([{ line: 1, fields: ['1', 'A|B', '-0- '] }]);
  });

  it('names the line and field where an unclosed quote opened', async () => {
    await expect(read('1,"ok",x\r\n2,"never closed,x\r\nmore\r\n')).rejects.toThrow(
      'test.csv, line 2, SDN_Name (field 2): a quoted field opened here is never closed',
    );
  });

  it('names the field with text after its closing quote', async () => {
    await expect(read('1,"A"B,x\r\n')).rejects.toThrow(
      'test.csv, line 1, SDN_Name (field 2): text after the closing quote ("B,x\\r\\n")',
    );
  });

  it('names the field with a quote inside an unquoted value', async () => {
    await expect(read('1,x,ab"c\r\n')).rejects.toThrow(
      'test.csv, line 1, Remarks (field 3): a quote inside an unquoted field',
    );
  });

  it('gives the same records whatever the chunk boundaries', async () => {
    const field = fc.oneof(
      fc.stringMatching(/^[a-z ,|é]{0,6}$/).map((s) => `"${s}"`),
      fc.stringMatching(/^[a-z -]{1,6}$/),
      fc.constant('"multi\r\nline"'),
      fc.constant('"a ""quoted"" word"'),
    );
    const record = fc.array(field, { minLength: 1, maxLength: 4 }).map((fields) => fields.join(','));
    await fc.assert(
      fc.asyncProperty(
        fc.array(record, { minLength: 1, maxLength: 12 }),
        fc.integer({ min: 1, max: 9 }),
        async (records, size) => {
          const text = records.map((r) => `${r}\r\n`).join('');
          const bytes = Uint8Array.from(text, (char) => (char === 'é' ? 0xe9 : char.charCodeAt(0)));
          expect(await read(bytes, size)).toEqual(await read(bytes, bytes.length));
        },
      ),
    );
  });

  it('stops at a field over the value limit, having read about the limit and not the 200 MB that follow', async () => {
    for (const start of ['1,"', '1,']) {
      const source = endlessSource(start, 'A');
      await expect(
        collect(readDelimitedRecords(source.chunks, { ...options, encoding: undefined })),
      ).rejects.toThrow(
        `test.csv, line 1, SDN_Name (field 2): the field is longer than ${maxValueChars.toLocaleString('en')} characters, the most accepted (OFAC's widest column, Remarks, holds 1,000)`,
      );
      expect(source.bytesRead()).toBeLessThan(4 * maxValueChars);
    }
  });

  it('stops at a record over the record limit, naming its line', async () => {
    const field = 'x'.repeat(maxValueChars - 10);
    const text = `1,a\r\n2,${Array(Math.ceil(maxRecordChars / field.length))
      .fill(field)
      .join(',')}\r\n`;
    await expect(read(text, 4096)).rejects.toThrow(
      `test.csv, line 2, field 6: the record is longer than ${maxRecordChars.toLocaleString('en')} characters`,
    );
  });

  it('stops a file that is well-formed UTF-8 at the file size limit', async () => {
    const source = endlessSource('1,"é', 'é');
    await expect(
      collect(readDelimitedRecords(source.chunks, { ...options, encoding: undefined })),
    ).rejects.toThrow(
      'test.csv, file size: over 64 MiB (67,108,864 bytes), the most accepted for a CSV-family list file',
    );
    expect(source.bytesRead()).toBeLessThan(maxDelimitedFileBytes + 200_000);
  });

  it('refuses an empty file, one with only a byte order mark and one with only white space, naming it', async () => {
    const expected = 'expected records of ent_num, SDN_Name, Remarks';
    await expect(read('')).rejects.toThrow(`test.csv, line 1: the file is empty (0 bytes): ${expected}`);
    await expect(
      collect(
        readDelimitedRecords(chunked(Uint8Array.of(0xef, 0xbb, 0xbf), 1), {
          ...options,
          encoding: undefined,
        }),
      ),
    ).rejects.toThrow(`test.csv, line 1: the file holds only a UTF-8 byte order mark: ${expected}`);
    await expect(read('\r\n\r\n\x1a')).rejects.toThrow(
      `test.csv, line 1: the file holds only white space: ${expected}`,
    );
  });

  it('refuses a NUL character, naming its line and field', async () => {
    await expect(read('1,a,b\r\n2,"x\0y",c\r\n')).rejects.toThrow(
      'test.csv, line 2, SDN_Name (field 2): a NUL character (byte 0x00): a list file holds text only',
    );
  });
});
