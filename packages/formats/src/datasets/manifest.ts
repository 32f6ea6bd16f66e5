import {
  type DatasetFileSpec,
  type DatasetSpec,
  datasetDomains,
  datasetFileFormats,
  partialDate,
  UnitError,
} from '@lockstep/core';
import { FormatError } from '../format-error.ts';

type Json = Record<string, unknown>;

const namePattern = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/**
 * Reads the dataset manifest (`data/datasets.json`): the datasets Lockstep ships, with their sources,
 * dates and files. Every problem names the file and the field path, e.g. `datasets[3].date`.
 */
export function parseDatasetManifest(text: string, file: string): DatasetSpec[] {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new FormatError(file, 'JSON', `not valid JSON (${(error as Error).message})`);
  }
  const root = object(json, file, '(root)');
  const list = root.datasets;
  if (!Array.isArray(list)) throw new FormatError(file, 'datasets', 'expected an array of datasets');
  const seen = new Set<string>();
  return list.map((item, index) => {
    const at = `datasets[${index}]`;
    const entry = object(item, file, at);
    const name = string(entry, 'name', file, at);
    if (!namePattern.test(name)) {
      throw new FormatError(
        file,
        `${at}.name`,
        `"${name}" is not a kebab-case name such as ofac-sdn-2019-01`,
      );
    }
    if (seen.has(name)) throw new FormatError(file, `${at}.name`, `"${name}" is declared twice`);
    seen.add(name);
    const domain = string(entry, 'domain', file, at);
    if (!(datasetDomains as readonly string[]).includes(domain)) {
      throw new FormatError(file, `${at}.domain`, `"${domain}" is not one of ${datasetDomains.join(', ')}`);
    }
    const files = entry.files;
    if (!Array.isArray(files) || files.length === 0) {
      throw new FormatError(file, `${at}.files`, 'expected a non-empty array of files');
    }
    return {
      name,
      title: string(entry, 'title', file, at),
      domain: domain as DatasetSpec['domain'], // checked against datasetDomains above
      source: string(entry, 'source', file, at),
      date: dateField(entry, file, at),
      dateBasis: string(entry, 'dateBasis', file, at),
      provenance: relativePath(entry, 'provenance', file, at),
      files: files.map((f, i) => fileSpec(f, file, `${at}.files[${i}]`)),
    };
  });
}

function fileSpec(value: unknown, file: string, at: string): DatasetFileSpec {
  const entry = object(value, file, at);
  const format = string(entry, 'format', file, at);
  if (!(datasetFileFormats as readonly string[]).includes(format)) {
    throw new FormatError(file, `${at}.format`, `"${format}" is not one of ${datasetFileFormats.join(', ')}`);
  }
  return {
    path: relativePath(entry, 'path', file, at),
    format: format as DatasetFileSpec['format'], // checked against datasetFileFormats above
    role: string(entry, 'role', file, at),
  };
}

function object(value: unknown, file: string, at: string): Json {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new FormatError(file, at, 'expected an object');
  }
  return value as Json; // a non-null, non-array object
}

function string(entry: Json, key: string, file: string, at: string): string {
  const value = entry[key];
  if (typeof value !== 'string' || value.trim() === '') {
    throw new FormatError(file, `${at}.${key}`, 'expected a non-empty string');
  }
  return value;
}

function relativePath(entry: Json, key: string, file: string, at: string): string {
  const value = string(entry, key, file, at);
  if (value.startsWith('/') || value.split('/').includes('..') || value.includes('\\')) {
    throw new FormatError(
      file,
      `${at}.${key}`,
      `"${value}" must be a path inside the data folder, with / separators`,
    );
  }
  return value;
}

function dateField(entry: Json, file: string, at: string) {
  const value = string(entry, 'date', file, at);
  try {
    return partialDate(value);
  } catch (error) {
    if (error instanceof UnitError) throw new FormatError(file, `${at}.date`, error.message);
    throw error;
  }
}
