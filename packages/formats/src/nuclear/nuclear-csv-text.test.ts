import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseJcpoaLimits } from './jcpoa-limits-csv.ts';
import { nuclearCsvText } from './nuclear-csv-text.ts';

const shipped = readFileSync(new URL('../../../../data/nuclear/jcpoa-limits.csv', import.meta.url), 'utf8');
const accented = shipped.replace('design goal for breakout time', 'design goal for breakout time – “a year”');

describe('nuclearCsvText', () => {
  it.each([
    ['UTF-8', Buffer.from(accented, 'utf8')],
    [
      'UTF-8 with a byte order mark',
      Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(accented, 'utf8')]),
    ],
    [
      'Windows-1252',
      Buffer.from(accented.replace('–', '\x96').replace('“', '\x93').replace('”', '\x94'), 'latin1'),
    ],
  ])('reads the shipped limits saved as %s, text as written', (_encoding, bytes) => {
    const limits = parseJcpoaLimits(nuclearCsvText(bytes, 'jcpoa-limits.csv'), 'jcpoa-limits.csv');
    expect(limits.find((limit) => limit.id === 'breakout-goal')!.description).toBe(
      'design goal for breakout time – “a year”',
    );
  });

  it('refuses an empty file, one of only a byte order mark and one of only white space', () => {
    expect(() => nuclearCsvText(new Uint8Array(0), 'x.csv')).toThrow(
      'x.csv, line 1: the file is empty (0 bytes)',
    );
    expect(() => nuclearCsvText(Uint8Array.of(0xef, 0xbb, 0xbf), 'x.csv')).toThrow(
      'x.csv, line 1: the file holds only a UTF-8 byte order mark',
    );
    expect(() => nuclearCsvText(Buffer.from(' \r\n\r\n'), 'x.csv')).toThrow(
      'x.csv, line 1: the file holds only white space',
    );
  });

  it('refuses a file over 1 MiB', () => {
    expect(() => nuclearCsvText(new Uint8Array(1024 * 1024 + 1).fill(0x61), 'x.csv')).toThrow(
      'x.csv, file size: over 1 MiB (1,048,576 bytes), the most accepted for a nuclear series CSV',
    );
  });
});
