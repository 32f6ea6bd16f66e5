import {
  closeSync,
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readFileSync,
  rmSync,
  truncateSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseCsvRecords, writeOfacEntriesAsFtm } from '@lockstep/formats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InputError } from '../input-error.ts';
import { shippedDataDir } from '../shipped-data.ts';
import { Workbench } from '../workbench.ts';
import { SearchTimeoutError } from './search-time-budget.ts';

let workbench: Workbench;
const work = mkdtempSync(join(tmpdir(), 'lockstep-import-'));
const ofac = join(shippedDataDir, 'sanctions/ofac');

function listFolder(name: string, files: Record<string, string>): string {
  const dir = join(work, name);
  mkdirSync(dir, { recursive: true });
  for (const [target, source] of Object.entries(files)) copyFileSync(join(ofac, source), join(dir, target));
  return dir;
}

const datasetCount = async () => (await workbench.call('datasets.list', {})).datasets.length;

beforeAll(async () => {
  workbench = await Workbench.open({ inMemory: true });
}, 120_000);
afterAll(async () => {
  await workbench?.close();
  rmSync(work, { recursive: true, force: true });
});

describe('entity search', () => {
  it('finds a person under another transliteration in the newest SDN list, with the reasons', async () => {
    const result = await workbench.call('sanctions.search', { q: 'Muhammad Jawad Zareef' });
    expect(result.snapshot.dataset).toBe('ofac-sdn-2024-05-03');
    expect(result.matches[0]).toMatchObject({ name: 'ZARIF, Mohammad Javad', matchedAs: 'primary name' });
    expect(result.matches[0]!.why[0]).toMatch(/^"Muhammad" ~ "Mohammad"/i);
  });

  it('searches an older snapshot when asked, and names the loaded ones for an unknown one', async () => {
    const old = await workbench.call('sanctions.search', { q: 'Bank Sepah', snapshot: 'ofac-sdn-2015-01' });
    expect(old.matches[0]!.name).toBe('BANK SEPAH');
    const error = await workbench
      .call('sanctions.search', { q: 'x', snapshot: 'ofac-sdn-1999' })
      .catch((e) => e);
    expect(error).toBeInstanceOf(InputError);
    expect(error.message).toContain('ofac-sdn-2019-01');
  });

  it('finds the Central Bank of Iran on the newest list by a name carried from the last complete one, saying so', async () => {
    // The 2024-05-03 list is sdn.csv alone: "Central Bank of Iran" is an alt.csv alias of the 2023-12-28 list.
    const newest = await workbench.call('sanctions.search', { q: 'Central Bank of Iran' });
    expect(newest.snapshot.dataset).toBe('ofac-sdn-2024-05-03');
    expect(newest.matches[0]).toMatchObject({
      entryNumber: 4632,
      name: 'BANK MARKAZI JOMHOURI ISLAMI IRAN',
      matchedName: 'CENTRAL BANK OF IRAN',
      nameSource: 'alias on the 2023-12-28 list',
      score: 1,
    });
    // On the list that carries it, the same alias is that list's own.
    const complete = await workbench.call('sanctions.search', {
      q: 'Central Bank of Iran',
      snapshot: 'ofac-sdn-2023-12-28',
    });
    expect(complete.matches[0]).toMatchObject({ entryNumber: 4632, nameSource: 'alias on this list' });
    // The August 2021 list (sdn.csv alone) takes it from the April 2021 list, the last complete one before it.
    const talks = await workbench.call('sanctions.search', {
      q: 'CBI',
      snapshot: 'ofac-sdn-2021-08-18',
    });
    expect(talks.matches[0]).toMatchObject({ entryNumber: 4632, nameSource: 'alias on the 2021-04-25 list' });
  });
});

describe('the bounds of a search', () => {
  it('refuses a query over 200 characters, naming the field and the limit', async () => {
    for (const operation of ['sanctions.search', 'sanctions.entity'] as const) {
      const error = await workbench.call(operation, { q: 'Zarif '.repeat(34) }).catch((e) => e);
      expect(error).toBeInstanceOf(InputError);
      expect(error).toMatchObject({
        field: 'q',
        message: 'q: at most 200 characters are accepted: search for one name or alias at a time',
      });
    }
    const longest = await workbench.call('sanctions.search', { q: `Zarif ${'x'.repeat(194)}` });
    expect(longest.query).toHaveLength(200);
  });

  it('refuses a search that runs past its time budget rather than answer in part', async () => {
    const small = await Workbench.open({ inMemory: true, withoutShippedData: true, searchTimeBudgetMs: 0 });
    try {
      await small.call('sanctions.import', {
        paths: [listFolder('budget', { 'sdn.csv': '2019-01/sdn.csv' })],
        asOf: '2019-01-04',
      });
      const error = await small.call('sanctions.search', { q: 'Bank Sepah' }).catch((e) => e);
      expect(error).toBeInstanceOf(SearchTimeoutError);
      expect(error.message).toBe(
        'the search for "Bank Sepah" did not finish within its 0 s budget, and a partial answer could miss a match: try again, or search for a more specific name',
      );
      await expect(small.call('sanctions.entity', { q: 'Bank Sepah' })).rejects.toThrow(SearchTimeoutError);
    } finally {
      await small.close();
    }
  });
});

describe('exporting a snapshot', () => {
  it('writes one CSV row per entry under a header, and JSON that reads back to the stored entries', async () => {
    const csv = await workbench.call('sanctions.export', {
      snapshot: 'ofac-consolidated-2018-04-06',
      format: 'csv',
    });
    expect(csv.fileName).toBe('ofac-consolidated-2018-04-06.csv');
    const records = parseCsvRecords(csv.body, csv.fileName);
    expect(records).toHaveLength(640);
    expect(records[0]!.fields).toEqual([
      'entry_number',
      'list',
      'name',
      'type',
      'programs',
      'aliases',
      'addresses',
      'remarks',
    ]);
    const json = await workbench.call('sanctions.export', {
      snapshot: 'ofac-consolidated-2018-04-06',
      format: 'json',
    });
    expect(JSON.parse(json.body).entries).toHaveLength(639);
  });
});

describe('exporting a snapshot to a spreadsheet', () => {
  it('writes a name that is a formula with a single quote before it, so it never runs', async () => {
    const dir = join(work, 'formula');
    mkdirSync(dir);
    const formula = '=HYPERLINK("http://example.com/x","click")';
    const text = readFileSync(join(ofac, '2019-01/sdn.csv'), 'latin1').replace(
      '"BANCO NACIONAL DE CUBA"',
      `"${formula.replaceAll('"', '""')}"`,
    );
    writeFileSync(join(dir, 'sdn.csv'), text, 'latin1');
    await workbench.call('sanctions.import', { paths: [dir], asOf: '2019-01-05', name: 'formula-test' });
    const csv = await workbench.call('sanctions.export', { snapshot: 'formula-test', format: 'csv' });
    const row = parseCsvRecords(csv.body, csv.fileName).find((record) => record.fields[0] === '306')!;
    expect(row.fields[2]).toBe(`'${formula}`);
    expect(csv.body).not.toMatch(/(^|,)"?=HYPERLINK/m);
    const json = await workbench.call('sanctions.export', { snapshot: 'formula-test', format: 'json' });
    expect(
      JSON.parse(json.body).entries.find((e: { entryNumber: number }) => e.entryNumber === 306).name,
    ).toBe(formula);
  });
});

describe('importing an OFAC list', () => {
  it('imports a legacy CSV set as a snapshot once, and the catalogue shows it at once', async () => {
    const before = await datasetCount();
    const dir = listFolder('2019', {
      'sdn.csv': '2019-01/sdn.csv',
      'alt.csv': '2019-01/alt.csv',
      'add.csv': '2019-01/add.csv',
    });
    const first = await workbench.call('sanctions.import', { paths: [dir], asOf: '2019-01-04' });
    expect(first).toMatchObject({ dataset: 'ofac-sdn-2019-01-04', entries: 7379, alreadyImported: false });
    expect(await datasetCount()).toBe(before + 1);
    const again = await workbench.call('sanctions.import', { paths: [dir], asOf: '2019-01-04' });
    expect(again.alreadyImported).toBe(true);
    expect(await datasetCount()).toBe(before + 1);
    const { snapshots } = await workbench.call('sanctions.snapshots', {});
    expect(snapshots.find((s) => s.dataset === 'ofac-sdn-2019-01-04')).toMatchObject({ entryCount: 7379 });
  });

  it('takes the list date from the XML publish date', async () => {
    const result = await workbench.call('sanctions.import', {
      paths: [join(ofac, '2018-04-consolidated/consolidated.xml')],
    });
    expect(result).toMatchObject({
      dataset: 'ofac-consolidated-2018-04-06-xml',
      date: '2018-04-06',
      entries: 639,
    });
    expect(result.dateBasis).toBe('publish date in the file');
  });

  it('imports FollowTheMoney JSON lines written from a list, entry for entry', async () => {
    const exported = await workbench.call('sanctions.export', {
      snapshot: 'ofac-consolidated-2018-04-06',
      format: 'json',
    });
    const entries = JSON.parse(exported.body).entries;
    const lines: string[] = [];
    for await (const line of writeOfacEntriesAsFtm(entries)) lines.push(line);
    const file = join(work, 'consolidated.ftm.json');
    writeFileSync(file, lines.join(''));
    const result = await workbench.call('sanctions.import', { paths: [file], asOf: '2018-04-06' });
    expect(result).toMatchObject({ dataset: 'ofac-consolidated-2018-04-06-ftm', entries: 639 });
  });

  it('asks for --as-of when the files carry no date', async () => {
    const dir = listFolder('nodate', { 'sdn.csv': '2015-01/sdn.csv' });
    const error = await workbench.call('sanctions.import', { paths: [dir] }).catch((e) => e);
    expect(error).toMatchObject({ field: 'asOf' });
    expect(error.message).toContain('--as-of');
  });

  it('refuses a file it does not know, naming it and the accepted formats', async () => {
    const file = join(work, 'list.xlsx');
    writeFileSync(file, 'not a list');
    const error = await workbench.call('sanctions.import', { paths: [file] }).catch((e) => e);
    expect(error.message).toMatch(/list\.xlsx: unknown format; accepted: OFAC legacy files/);
  });

  it('refuses UTF-16 text before reading it, saying how to convert it', async () => {
    const dir = join(work, 'utf16');
    mkdirSync(dir);
    const text = readFileSync(join(ofac, '2015-01/sdn.csv'), 'latin1').slice(0, 2000);
    writeFileSync(
      join(dir, 'sdn.csv'),
      Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]),
    );
    await expect(workbench.call('sanctions.import', { paths: [dir], asOf: '2015-01-31' })).rejects.toThrow(
      /sdn\.csv: UTF-16 or binary data; .* iconv/,
    );
  });

  it('refuses a file of another list type under the main file’s name, naming the field', async () => {
    const dir = listFolder('wrong-type', { 'sdn.csv': '2019-01/add.csv' });
    await expect(workbench.call('sanctions.import', { paths: [dir], asOf: '2019-01-04' })).rejects.toThrow(
      /sdn\.csv, line 1, Vess_type \(field 7\): missing: the record has 6 fields where this file has 12/,
    );
  });

  it('refuses a truncated file with its line, and leaves the store exactly as it was', async () => {
    const before = await datasetCount();
    const dir = join(work, 'truncated');
    mkdirSync(dir);
    const text = readFileSync(join(ofac, '2021-08-18/sdn.csv'), 'latin1');
    writeFileSync(join(dir, 'sdn.csv'), text.slice(0, text.indexOf('\n', 200_000) + 30), 'latin1');
    const error = await workbench
      .call('sanctions.import', { paths: [dir], asOf: '2021-08-18' })
      .catch((e) => e);
    expect(error.message).toMatch(/sdn\.csv, line \d+/);
    expect(await datasetCount()).toBe(before);
  });

  it('refuses XML that declares entities (no entity expansion), leaving the store as it was', async () => {
    const before = await datasetCount();
    const file = join(work, 'sdn.xml');
    writeFileSync(
      file,
      '<?xml version="1.0"?>\n<!DOCTYPE sdnList [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n<sdnList><publshInformation><Publish_Date>01/02/2020</Publish_Date><Record_Count>0</Record_Count></publshInformation></sdnList>\n',
    );
    await expect(workbench.call('sanctions.import', { paths: [file] })).rejects.toThrow(/DOCTYPE/);
    expect(await datasetCount()).toBe(before);
  });

  it('refuses a huge name field in bounded memory, naming file, line and field, and stores nothing', async () => {
    const before = await datasetCount();
    const dir = join(work, 'huge-name');
    mkdirSync(dir);
    const file = join(dir, 'sdn.csv');
    /** Writes an sdn.csv whose first name is `megabytes` MiB long, a MiB at a time. */
    const write = (megabytes: number) => {
      const fd = openSync(file, 'w');
      writeSync(fd, '36,"');
      const megabyte = Buffer.alloc(1024 * 1024, 'A');
      for (let written = 0; written < megabytes; written += 1) writeSync(fd, megabyte);
      writeSync(fd, '",-0- ,"CUBA",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \r\n');
      closeSync(fd);
    };
    // 200 MB (the probe's file, which imported and took the process to 1.6 GB) is over the file size
    // limit and refused before it is read.
    write(200);
    await expect(workbench.call('sanctions.import', { paths: [dir], asOf: '2015-01-31' })).rejects.toThrow(
      `${file}, file size: over 64 MiB`,
    );
    // 60 MB is under it: the name is refused at the field limit, having read little of it.
    write(60);
    const rss = process.memoryUsage().rss;
    const error = await workbench
      .call('sanctions.import', { paths: [dir], asOf: '2015-01-31' })
      .catch((e) => e);
    expect(error.message).toBe(
      `${file}, line 1, SDN_Name (field 2): the field is longer than 65,536 characters, the most accepted (OFAC's widest column, Remarks, holds 1,000): is its closing quote missing?`,
    );
    expect(process.memoryUsage().rss - rss).toBeLessThan(100 * 1024 * 1024);
    expect(await datasetCount()).toBe(before);
  });

  it('refuses an oversized file from its size, before reading it', async () => {
    const dir = join(work, 'oversized');
    mkdirSync(dir);
    // 65 MiB of nothing (a sparse file): only its size is looked at.
    writeFileSync(join(dir, 'sdn.csv'), '');
    truncateSync(join(dir, 'sdn.csv'), 65 * 1024 * 1024);
    await expect(workbench.call('sanctions.import', { paths: [dir], asOf: '2015-01-31' })).rejects.toThrow(
      /sdn\.csv, file size: over 64 MiB \(67,108,864 bytes\), the most accepted for a CSV-family list file \(.csv, .pip, the daily change log\): is it the right file\?/,
    );
  });

  it('refuses an empty file, one of only a byte order mark, and a list without entries, naming the file', async () => {
    const before = await datasetCount();
    const dir = join(work, 'empty');
    mkdirSync(dir);
    const file = join(dir, 'sdn.csv');
    for (const [content, problem] of [
      ['', `${file}, line 1: the file is empty (0 bytes)`],
      ['\ufeff', `${file}, line 1: the file holds only a UTF-8 byte order mark`],
      ['\r\n\r\n\x1a', `${file}, line 1: the file holds only white space`],
    ] as const) {
      writeFileSync(file, content);
      await expect(workbench.call('sanctions.import', { paths: [dir], asOf: '2015-01-31' })).rejects.toThrow(
        problem,
      );
    }
    const xml = join(work, 'no-entries.xml');
    writeFileSync(
      xml,
      '<?xml version="1.0"?>\n<sdnList><publshInformation><Publish_Date>01/02/2020</Publish_Date><Record_Count>0</Record_Count></publshInformation></sdnList>\n',
    );
    await expect(workbench.call('sanctions.import', { paths: [xml] })).rejects.toThrow(
      `${xml}, entries: the list holds no entries: an OFAC list has at least one; is it the right file?`,
    );
    expect(await datasetCount()).toBe(before);
  });

  it('stores a list saved as UTF-8 without a byte order mark as written, not as mojibake', async () => {
    const dir = join(work, 'utf8');
    mkdirSync(dir);
    const name = 'BANCO NACIONAL DE CUBA – SUCURSAL ZÜRICH';
    const text = readFileSync(join(ofac, '2019-01/sdn.csv'), 'latin1').replace(
      '"BANCO NACIONAL DE CUBA"',
      `"${name}"`,
    );
    writeFileSync(join(dir, 'sdn.csv'), text, 'utf8');
    await workbench.call('sanctions.import', { paths: [dir], asOf: '2019-01-06', name: 'utf8-test' });
    const found = await workbench.call('sanctions.search', { q: 'Sucursal Zurich', snapshot: 'utf8-test' });
    expect(found.matches[0]).toMatchObject({ entryNumber: 306, name });
  });
});
