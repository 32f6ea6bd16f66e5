import { createHash } from 'node:crypto';
import { createReadStream, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  type DatasetFileSpec,
  type DatasetSpec,
  type LoadedDatasetFile,
  primaryRowCount,
} from '@lockstep/core';
import { CsvRecordCounter, parseDatasetManifest, XmlElementCounter } from '@lockstep/formats';
import { type Database, DatasetRepository, type NewDataset } from '@lockstep/store';
import { prepareNuclearImport } from './nuclear/nuclear-import.ts';
import type { PreparedImport } from './prepared-import.ts';
import { prepareSanctionsImport } from './sanctions/sanctions-import.ts';

/** The data folder shipped with Lockstep (`data/` at the repository root). */
export const shippedDataDir = new URL('../../../data/', import.meta.url).pathname;

/** The manifest of the shipped datasets. */
export function readShippedManifest(dataDir = shippedDataDir): DatasetSpec[] {
  const file = join(dataDir, 'datasets.json');
  return parseDatasetManifest(readFileSync(file, 'utf8'), file);
}

interface RecordCounter {
  push(chunk: Uint8Array): void;
  finish(): number;
}

function counterFor(spec: DatasetFileSpec, file: string): RecordCounter {
  switch (spec.format) {
    case 'csv-header': {
      const csv = new CsvRecordCounter(file);
      return { push: (c) => csv.push(c), finish: () => Math.max(0, csv.finish() - 1) };
    }
    case 'ofac-csv':
      return new CsvRecordCounter(file);
    case 'ofac-pip': {
      let records = 0;
      let content = false;
      return {
        push(chunk) {
          for (const byte of chunk) {
            if (byte === 0x0a) {
              if (content) records += 1;
              content = false;
            } else if (byte !== 0x0d && byte !== 0x1a) content = true;
          }
        },
        finish: () => records + (content ? 1 : 0),
      };
    }
    case 'ofac-xml':
      return new XmlElementCounter('sdnEntry');
    case 'ofac-advanced-xml':
      return new XmlElementCounter('DistinctParty');
    case 'text':
      return { push: () => undefined, finish: () => 0 };
  }
}

/** Reads one file of the data folder once, hashing it and counting its records as it streams. */
export function inspectFile(dataDir: string, spec: DatasetFileSpec): Promise<LoadedDatasetFile> {
  return inspectFileAt(join(dataDir, spec.path), spec);
}

/** Reads the file at `file` once, hashing it and counting its records (in `spec.format`) as it streams. */
export async function inspectFileAt(file: string, spec: DatasetFileSpec): Promise<LoadedDatasetFile> {
  const hash = createHash('sha256');
  const counter = counterFor(spec, file);
  let bytes = 0;
  try {
    for await (const chunk of createReadStream(file)) {
      const data = chunk as Buffer; // no encoding was set, so the stream yields Buffers
      hash.update(data);
      counter.push(data);
      bytes += data.length;
    }
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new Error(`the dataset file ${file} named in datasets.json does not exist`);
    }
    throw error;
  }
  return { ...spec, sha256: hash.digest('hex'), bytes, rowCount: counter.finish() };
}

/** Hashes and counts a dataset's files: what the catalogue records of it. */
export async function inspectDataset(dataDir: string, spec: DatasetSpec): Promise<NewDataset> {
  const files: LoadedDatasetFile[] = [];
  for (const fileSpec of spec.files) files.push(await inspectFile(dataDir, fileSpec));
  const sha256 = createHash('sha256')
    .update(files.map((f) => `${f.path}:${f.sha256}`).join('\n'))
    .digest('hex');
  return { ...spec, files, sha256, rowCount: primaryRowCount(files) };
}

/** What loading the shipped data did. */
export interface ShippedDataReport {
  /** Datasets loaded now (new, or a changed version). */
  readonly loaded: readonly string[];
  /** Datasets whose exact version was already in the store. */
  readonly unchanged: readonly string[];
}

/**
 * Loads every shipped dataset whose exact version is not yet in the store, all in one transaction: either
 * the whole catalogue is brought up to date or nothing changes. A second run loads nothing.
 */
export async function loadShippedData(db: Database, dataDir = shippedDataDir): Promise<ShippedDataReport> {
  const inspected: NewDataset[] = [];
  for (const spec of readShippedManifest(dataDir)) inspected.push(await inspectDataset(dataDir, spec));
  const catalogue = new DatasetRepository(db);
  // Parse the rows of every dataset that needs loading before the transaction: a malformed file fails with
  // its file and line, and nothing is written.
  const imports = new Map<string, PreparedImport | undefined>();
  for (const dataset of inspected) {
    if (!(await catalogue.has(dataset.name, dataset.sha256))) {
      imports.set(
        dataset.name,
        prepareNuclearImport(dataDir, dataset) ?? (await prepareSanctionsImport(dataDir, dataset)),
      );
    }
  }
  return db.transaction(async (tx) => {
    const repo = new DatasetRepository(tx);
    const loaded: string[] = [];
    const unchanged: string[] = [];
    for (const dataset of inspected) {
      // Servers starting at once on a new database load each dataset once: the second waits, then finds it.
      if (imports.has(dataset.name)) await repo.lockName(dataset.name);
      if (!imports.has(dataset.name) || (await repo.has(dataset.name, dataset.sha256))) {
        unchanged.push(dataset.name);
        continue;
      }
      const id = await repo.add(dataset);
      await imports.get(dataset.name)?.(tx, id);
      loaded.push(dataset.name);
    }
    return { loaded, unchanged };
  });
}
