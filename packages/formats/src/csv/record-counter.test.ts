import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CsvRecordCounter } from './record-counter.ts';

function count(text: string, chunkSize = 7): number {
  const counter = new CsvRecordCounter('test.csv');
  const bytes = new TextEncoder().encode(text);
  for (let start = 0; start < bytes.length; start += chunkSize) {
    counter.push(bytes.subarray(start, start + chunkSize));
  }
  return counter.finish();
}

describe('CsvRecordCounter', () => {
  it('counts records whose quoted fields hold commas and line breaks', () => {
    expect(count('1,"A, B",-0- \r\n2,"line one\r\nline two",x\r\n')).toBe(2);
  });

  it('ignores blank lines and the Ctrl-Z end-of-file byte of OFAC files', () => {
    expect(count('1,"A"\r\n\r\n2,"B"\r\n\x1a')).toBe(2);
  });

  it('counts a last record without a line end', () => {
    expect(count('a,b\nc,d')).toBe(2);
  });

  it('names the line where an unclosed quote opened', () => {
    expect(() => count('1,"ok"\n2,"never closed\nmore\n')).toThrow(
      /test\.csv, line 2: a quoted field opened here is never closed/,
    );
  });

  it('gives the same count whatever the chunk boundaries', () => {
    const field = fc.oneof(
      fc.stringMatching(/^[a-z ,]{0,6}$/).map((s) => `"${s}"`),
      fc.stringMatching(/^[a-z]{1,6}$/),
      fc.constant('"multi\r\nline"'),
    );
    const record = fc.array(field, { minLength: 1, maxLength: 4 }).map((fields) => fields.join(','));
    fc.assert(
      fc.property(fc.array(record, { maxLength: 20 }), fc.integer({ min: 1, max: 16 }), (records, size) => {
        expect(count(records.map((r) => `${r}\r\n`).join(''), size)).toBe(records.length);
      }),
    );
  });
});
