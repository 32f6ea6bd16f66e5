import type { PartialDate } from '../units.ts';

/** The subject area a dataset belongs to; the product's four pages group their sources by it. */
export const datasetDomains = ['nuclear', 'sanctions'] as const;
export type DatasetDomain = (typeof datasetDomains)[number];

/**
 * How a shipped file is read to count its records:
 * - `csv-header`: RFC 4180 CSV whose first line names the columns (not counted);
 * - `ofac-csv`: OFAC's legacy CSV without a header, possibly ending with a Ctrl-Z (0x1A) end-of-file byte;
 * - `ofac-pip`: OFAC's legacy pipe-delimited form of the same files, one record per non-empty line;
 * - `ofac-xml`: OFAC's legacy XML list, one record per `<sdnEntry>`;
 * - `ofac-advanced-xml`: OFAC's advanced XML list (sdn_advanced.xml, cons_advanced.xml), one record per
 *   party (`<DistinctParty>`), whatever the number of lists it is on;
 * - `text`: documentation shipped with the data (counted as 0 records).
 */
export const datasetFileFormats = [
  'csv-header',
  'ofac-csv',
  'ofac-pip',
  'ofac-xml',
  'ofac-advanced-xml',
  'text',
] as const;
export type DatasetFileFormat = (typeof datasetFileFormats)[number];

/** One file of a dataset as the manifest declares it. */
export interface DatasetFileSpec {
  /** Path relative to the data folder, with forward slashes. */
  readonly path: string;
  readonly format: DatasetFileFormat;
  /** What the file holds within the dataset: `primary` is the file whose records the dataset counts. */
  readonly role: string;
}

/** A dataset as the shipped manifest (`data/datasets.json`) declares it. */
export interface DatasetSpec {
  /** Stable identifier, kebab-case; later figures cite it. */
  readonly name: string;
  readonly title: string;
  readonly domain: DatasetDomain;
  /** Who published the figures or the list, and where the copy was preserved. */
  readonly source: string;
  /** The list date or report date, to the precision it is known. */
  readonly date: PartialDate;
  /** How that date was established, so a user can judge it. */
  readonly dateBasis: string;
  /** Path (relative to the data folder) of the provenance notes that cover this dataset. */
  readonly provenance: string;
  readonly files: readonly DatasetFileSpec[];
}

/** A file of a dataset as loaded: its content hash and the records counted in it. */
export interface LoadedDatasetFile extends DatasetFileSpec {
  /** SHA-256 of the file's bytes, lowercase hex. */
  readonly sha256: string;
  readonly bytes: number;
  readonly rowCount: number;
}

/** A dataset as recorded in the store's catalogue. */
export interface DatasetRecord extends Omit<DatasetSpec, 'files'> {
  /** SHA-256 over the dataset's file hashes in manifest order: changes when any file changes. */
  readonly sha256: string;
  /** Records in the primary file. */
  readonly rowCount: number;
  /** When this version of the dataset was loaded into the store (ISO 8601 timestamp, UTC). */
  readonly loadedAt: string;
  readonly files: readonly LoadedDatasetFile[];
}

/** The records a dataset counts: those of its primary file (0 if none is marked primary). */
export function primaryRowCount(files: readonly LoadedDatasetFile[]): number {
  return files.find((file) => file.role === 'primary')?.rowCount ?? 0;
}
