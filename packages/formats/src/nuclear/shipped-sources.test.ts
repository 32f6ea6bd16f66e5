import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseCsvRecords } from './csv-records.ts';

const dataDir = new URL('../../../../data/', import.meta.url);
const catalogue = JSON.parse(readFileSync(new URL('datasets.json', dataDir), 'utf8')) as {
  datasets: { name: string; domain: string; files: { path: string; format: string }[] }[];
};
const nuclearFiles = catalogue.datasets
  .filter((d) => d.domain === 'nuclear')
  .flatMap((d) => d.files.filter((f) => f.format === 'csv-header').map((f) => f.path));

describe('every row of the shipped nuclear files', () => {
  it('covers every nuclear dataset of the catalogue', () => {
    expect(nuclearFiles.length).toBe(catalogue.datasets.filter((d) => d.domain === 'nuclear').length);
    expect(nuclearFiles.length).toBeGreaterThanOrEqual(10);
  });

  it.each(nuclearFiles)('%s: names its source on every row, and a derived figure says how', (path) => {
    const [header, ...rows] = parseCsvRecords(readFileSync(new URL(path, dataDir), 'utf8'), path);
    const columns = header!.fields.map((f) => f.trim());
    const source = columns.indexOf('source');
    expect(source, `${path} has a source column`).toBeGreaterThanOrEqual(0);
    // events.csv and the limits may say "same" for the previous row's source: that is a source too.
    const missing = rows.filter((r) => (r.fields[source] ?? '').trim() === '').map((r) => r.line);
    expect(missing, `${path}: lines without a source`).toEqual([]);
    // A row whose note says it is derived says from what: more than the word itself.
    const note = columns.indexOf('note');
    if (note >= 0) {
      const bare = rows
        .filter((r) => /^derived:?\s*$/i.test((r.fields[note] ?? '').trim()))
        .map((r) => r.line);
      expect(bare, `${path}: derived without saying how`).toEqual([]);
    }
  });
});
