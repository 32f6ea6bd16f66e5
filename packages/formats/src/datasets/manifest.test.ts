import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseDatasetManifest } from './manifest.ts';

const shipped = new URL('../../../../data/datasets.json', import.meta.url);

function manifestWith(change: (dataset: Record<string, unknown>) => void): string {
  const json = JSON.parse(readFileSync(shipped, 'utf8'));
  change(json.datasets[1]);
  return JSON.stringify(json);
}

describe('parseDatasetManifest', () => {
  it('reads the shipped manifest, every dataset with a source, a date and a primary file', () => {
    const datasets = parseDatasetManifest(readFileSync(shipped, 'utf8'), 'data/datasets.json');
    expect(datasets.length).toBeGreaterThanOrEqual(9);
    for (const dataset of datasets) {
      expect(dataset.source.length).toBeGreaterThan(10);
      expect(dataset.files.filter((f) => f.role === 'primary')).toHaveLength(1);
    }
  });

  it('names the field and the accepted form of a bad date', () => {
    const text = manifestWith((d) => {
      d.date = '2019-13';
    });
    expect(() => parseDatasetManifest(text, 'datasets.json')).toThrow(
      'datasets.json, datasets[1].date: invalid date "2019-13": expected YYYY, YYYY-MM or YYYY-MM-DD',
    );
  });

  it('refuses a file path that leaves the data folder', () => {
    const text = manifestWith((d) => {
      d.files = [{ path: '../secrets.csv', format: 'csv-header', role: 'primary' }];
    });
    expect(() => parseDatasetManifest(text, 'datasets.json')).toThrow(/datasets\[1\]\.files\[0\]\.path/);
  });

  it('lists the accepted formats when a format is unknown', () => {
    const text = manifestWith((d) => {
      d.files = [{ path: 'x.csv', format: 'xlsx', role: 'primary' }];
    });
    expect(() => parseDatasetManifest(text, 'datasets.json')).toThrow(
      /"xlsx" is not one of csv-header, ofac-csv, ofac-pip, ofac-xml, ofac-advanced-xml, text/,
    );
  });
});
