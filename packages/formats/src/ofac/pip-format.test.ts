import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { readDelimitedRecords } from './delimited-records.ts';
import { readLegacyOfacList } from './legacy-list.ts';
import { legacyColumns, readLegacyPrimaryRecords } from './legacy-records.ts';
import { chunked, collect, sanctionsDataRoot } from './testing/sanctions-data.ts';
import { decodeWindows1252 } from './windows-1252.ts';

/**
 * Writes real CSV records in OFAC's pipe-delimited (.pip) form, as its data specification describes it:
 * fields separated by `|`, text values in quotes, `-0-` for empty, CRLF record ends and a final Ctrl-Z.
 */
async function csvToPip(csv: Uint8Array, columns: readonly string[]): Promise<Uint8Array> {
  const records = readDelimitedRecords(chunked(csv, 65536), {
    file: 'csv',
    delimiter: ',',
    encoding: 'windows-1252',
    columns,
  });
  let pip = '';
  for await (const { fields } of records) {
    const written = fields.map((field, index) =>
      field.trim() === '-0-' || (index < 2 && /^\d+$/.test(field))
        ? field
        : `"${field.replaceAll('"', '""')}"`,
    );
    pip += `${written.join('|')}\r\n`;
  }
  // Every character came from one Windows-1252 byte, so it goes back to that byte.
  const bytes = Uint8Array.from(`${pip}\x1a`, (char) => encodeWindows1252(char));
  return bytes;
}

const windows1252High = decodeWindows1252(Uint8Array.from({ length: 32 }, (_, i) => 0x80 + i));
function encodeWindows1252(char: string): number {
  const index = windows1252High.indexOf(char);
  return index >= 0 ? 0x80 + index : char.charCodeAt(0);
}

async function shipped(path: string): Promise<Uint8Array> {
  return new Uint8Array(await readFile(new URL(path, sanctionsDataRoot)));
}

describe('the pipe-delimited (.pip) form of the legacy list', () => {
  it('gives the same entries as the CSV for real sdn.csv lines (vessels, titles, several programs)', async () => {
    const csvText = decodeWindows1252(await shipped('ofac/2024-05-03/sdn.csv'));
    const lines = csvText.split('\r\n');
    const picked = [2, 100, 5000, 6894, 7128, 9000, 10918, 14000]
      .map((index) => lines[index]!)
      .concat(lines.filter((line) => /"vessel"/.test(line)).slice(0, 5))
      .concat(lines.filter((line) => /\] \[.*\] \[/.test(line)).slice(0, 5));
    const csv = new TextEncoder().encode(`${picked.join('\r\n')}\r\n\x1a`);
    const pip = await csvToPip(csv, legacyColumns.primary);
    expect(new TextDecoder().decode(pip.subarray(0, 40))).toMatch(/^\d+\|"/);
    const fromCsv = await collect(readLegacyPrimaryRecords(chunked(csv, 4096), { file: 'sdn.csv' }));
    const fromPip = await collect(readLegacyPrimaryRecords(chunked(pip, 4096), { file: 'sdn.pip' }));
    expect(fromCsv).toHaveLength(picked.length);
    expect(fromPip).toEqual(fromCsv);
  });

  it('gives the same joined 2019-01 list from .pip files as from the .csv files', async () => {
    const files = {
      primary: ['sdn', legacyColumns.primary],
      aliases: ['alt', legacyColumns.alias],
      addresses: ['add', legacyColumns.address],
      comments: ['sdn_comments', legacyColumns.comment],
    } as const;
    const csv = Object.fromEntries(
      await Promise.all(
        Object.entries(files).map(
          async ([role, [name]]) => [role, await shipped(`ofac/2019-01/${name}.csv`)] as const,
        ),
      ),
    );
    const pip = Object.fromEntries(
      await Promise.all(
        Object.entries(files).map(
          async ([role, [, columns]]) => [role, await csvToPip(csv[role]!, columns)] as const,
        ),
      ),
    );
    const read = (bytes: Record<string, Uint8Array>, extension: string) =>
      collect(
        readLegacyOfacList({
          primary: { file: `sdn.${extension}`, chunks: chunked(bytes.primary!, 65536) },
          aliases: { file: `alt.${extension}`, chunks: chunked(bytes.aliases!, 65536) },
          addresses: { file: `add.${extension}`, chunks: chunked(bytes.addresses!, 65536) },
          comments: { file: `sdn_comments.${extension}`, chunks: chunked(bytes.comments!, 65536) },
        }),
      );
    const [fromCsv, fromPip] = await Promise.all([read(csv, 'csv'), read(pip, 'pip')]);
    expect(fromCsv).toHaveLength(7379);
    expect(fromPip).toEqual(fromCsv);
  });

  it('names the file, line and field of a pipe record with a missing field', async () => {
    const pip = '36|"AEROCARIBBEAN AIRLINES"|-0- |"CUBA"|-0- |-0- |-0- |-0- |-0- |-0- |-0- \r\n';
    await expect(collect(readLegacyPrimaryRecords(chunked(pip, 9), { file: 'sdn.pip' }))).rejects.toThrow(
      'sdn.pip, line 1, Remarks (field 12): missing',
    );
  });
});
