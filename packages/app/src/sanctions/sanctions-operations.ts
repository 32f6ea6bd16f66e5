import { createHash } from 'node:crypto';
import { closeSync, createReadStream, existsSync, openSync, readdirSync, readSync, statSync } from 'node:fs';
import { basename, extname, join, resolve } from 'node:path';
import type {
  EntitySearchQuery,
  EntitySearchResult,
  SanctionsExport,
  SanctionsExportQuery,
  SanctionsImportInput,
  SanctionsImportResult,
  SanctionsSnapshotList,
} from '@lockstep/contract';
import {
  type DatasetFileSpec,
  isoDate,
  type LoadedDatasetFile,
  type OfacEntry,
  ofacListName,
  partialDate,
  primaryRowCount,
  UnitError,
} from '@lockstep/core';
import {
  checkFileSize,
  FormatError,
  formulaSafeCsvLine,
  type LegacyFileSource,
  maxDelimitedFileBytes,
  maxFtmFileBytes,
  maxXmlFileBytes,
  ofacEntriesFromFtm,
  readFtmJsonLines,
  readLegacyOfacList,
  readOfacAdvancedXml,
  readOfacXml,
} from '@lockstep/formats';
import { DatasetRepository, type NewDataset, SanctionsRepository } from '@lockstep/store';
import { InputError } from '../input-error.ts';
import type { OperationContext } from '../operation.ts';
import { inspectFileAt } from '../shipped-data.ts';
import { searchIndexed } from './entity-answer.ts';
import { chooseSearchSnapshot, entityIndexFor } from './search-index.ts';

/** `sanctions.snapshots`: the stored list snapshots, oldest first. */
export async function listSnapshots({ db }: OperationContext): Promise<SanctionsSnapshotList> {
  return { snapshots: await new SanctionsRepository(db).snapshots() };
}

const exportColumns = ['entry_number', 'list', 'name', 'type', 'programs', 'aliases', 'addresses', 'remarks'];

/**
 * `sanctions.export`: one snapshot's entries as CSV (one row per entry) or JSON (the entries as stored).
 * The CSV is formula-safe: a text cell that begins with `=`, `+`, `-`, `@`, a tab or a carriage return
 * (and is not a plain number) starts with a single quote, so a spreadsheet shows it and never runs it.
 */
export async function exportSnapshot(
  context: OperationContext,
  query: SanctionsExportQuery,
): Promise<SanctionsExport> {
  const repo = new SanctionsRepository(context.db);
  const snapshot = await chooseSearchSnapshot(context, query.snapshot);
  const entries = await repo.entries(snapshot.dataset);
  const format = query.format ?? 'csv';
  const body =
    format === 'json'
      ? `${JSON.stringify({ snapshot, entries }, null, 2)}\n`
      : formulaSafeCsvLine(exportColumns) +
        entries
          .map((e) =>
            formulaSafeCsvLine([
              e.entryNumber,
              ofacListName(e.list),
              e.name,
              e.type,
              e.programs.join('; '),
              e.aliases.map((a) => `${a.type} ${a.name}${a.strength === 'weak' ? ' (weak)' : ''}`).join('; '),
              e.addresses.map((a) => [a.street, a.locality, a.country].filter(Boolean).join(', ')).join('; '),
              e.remarks,
            ]),
          )
          .join('');
  return {
    snapshot,
    format,
    fileName: `${snapshot.dataset}.${format}`,
    contentType: format === 'json' ? 'application/json; charset=utf-8' : 'text/csv; charset=utf-8',
    body,
  };
}

/**
 * `sanctions.search`: entries whose name or alias matches, in the chosen (default newest SDN) snapshot.
 * The search runs within the context's time budget, or fails with `SearchTimeoutError` (no partial answer).
 */
export async function searchSnapshot(
  context: OperationContext,
  query: EntitySearchQuery,
): Promise<EntitySearchResult> {
  const snapshot = await chooseSearchSnapshot(context, query.snapshot);
  const index = await entityIndexFor(context, snapshot.dataset);
  return searchIndexed(snapshot, index, query, context.searchTimeBudgetMs);
}

const legacyRoles: Record<string, 'primary' | 'aliases' | 'addresses' | 'comments'> = {
  sdn: 'primary',
  cons_prim: 'primary',
  alt: 'aliases',
  cons_alt: 'aliases',
  add: 'addresses',
  cons_add: 'addresses',
  sdn_comments: 'comments',
  cons_comments: 'comments',
};

const accepted =
  'OFAC legacy files named sdn/alt/add/sdn_comments (or cons_prim/cons_alt/cons_add/cons_comments) with .csv or .pip, sdn.xml/consolidated.xml, sdn_advanced.xml, or FollowTheMoney JSON lines (.json, .jsonl, .ftm)';

function head(path: string): string {
  const fd = openSync(path, 'r');
  try {
    const buffer = Buffer.alloc(2048);
    return buffer.subarray(0, readSync(fd, buffer, 0, buffer.length, 0)).toString('latin1');
  } finally {
    closeSync(fd);
  }
}

interface ListFiles {
  readonly kind: 'legacy' | 'xml' | 'advanced-xml' | 'ftm';
  readonly list: 'sdn' | 'consolidated';
  readonly files: { path: string; role: string; spec: DatasetFileSpec }[];
}

const delimitedLimit = {
  bytes: maxDelimitedFileBytes,
  kind: 'a CSV-family list file (.csv, .pip, the daily change log)',
};
const ftmLimit = { bytes: maxFtmFileBytes, kind: 'a FollowTheMoney JSON lines file' };
/** The largest file accepted for each list file extension, and how its error names the kind of file. */
const sizeLimits: Readonly<Record<string, { bytes: number; kind: string }>> = {
  '.csv': delimitedLimit,
  '.pip': delimitedLimit,
  '.xml': { bytes: maxXmlFileBytes, kind: 'an XML list file' },
  '.json': ftmLimit,
  '.jsonl': ftmLimit,
  '.ftm': ftmLimit,
};

/** Works out which OFAC list and format the given paths hold; every problem names the path. */
function identify(paths: readonly string[]): ListFiles {
  const files = paths.flatMap((given) => {
    const path = resolve(given);
    if (!existsSync(path)) throw new InputError(`${given}: no such file or folder`, 'paths');
    return statSync(path).isDirectory()
      ? readdirSync(path)
          .filter((name) => /\.(csv|pip|xml|json|jsonl|ftm)$/i.test(name))
          .map((name) => join(path, name))
      : [path];
  });
  const found: ListFiles['files'] = [];
  let kind: ListFiles['kind'] | undefined;
  for (const path of files) {
    const extension = extname(path).toLowerCase();
    const base = basename(path, extname(path)).toLowerCase();
    // Sizes are checked before a byte is read: an oversized file is refused at once, an empty one named.
    const limit = sizeLimits[extension];
    const size = statSync(path).size;
    if (limit) checkFileSize(path, size, limit.bytes, limit.kind);
    if (size === 0) {
      throw new FormatError(
        path,
        'line 1',
        'the file is empty (0 bytes): a list file holds at least one entry',
      );
    }
    const start = head(path);
    if (start.startsWith('\xff\xfe') || start.startsWith('\xfe\xff') || start.includes('\0')) {
      throw new InputError(
        `${path}: UTF-16 or binary data; OFAC's files are single-byte text (Windows-1252 for the legacy files, UTF-8 for XML): convert it first, e.g. iconv -f UTF-16 -t WINDOWS-1252`,
        'paths',
      );
    }
    let fileKind: ListFiles['kind'];
    let role: string;
    let format: DatasetFileSpec['format'];
    if (extension === '.xml') {
      if (/<sdnList[\s>]/.test(start)) [fileKind, role, format] = ['xml', 'primary', 'ofac-xml'];
      else if (/<Sanctions[\s>]/.test(start)) [fileKind, role, format] = ['advanced-xml', 'primary', 'text'];
      else
        throw new InputError(
          `${path}: an XML file that is not an OFAC list (no sdnList or Sanctions root); accepted: ${accepted}`,
          'paths',
        );
    } else if (extension === '.json' || extension === '.jsonl' || extension === '.ftm') {
      [fileKind, role, format] = ['ftm', 'primary', 'text'];
    } else if ((extension === '.csv' || extension === '.pip') && legacyRoles[base]) {
      fileKind = 'legacy';
      role = legacyRoles[base]!;
      format = extension === '.pip' ? 'ofac-pip' : 'ofac-csv';
    } else {
      throw new InputError(`${path}: unknown format; accepted: ${accepted}`, 'paths');
    }
    if (kind !== undefined && kind !== fileKind) {
      throw new InputError(
        `${path}: give one list in one format at a time (found ${kind} and ${fileKind} files)`,
        'paths',
      );
    }
    kind = fileKind;
    if (found.some((f) => f.role === role)) {
      throw new InputError(`${path}: a second ${role} file; give the files of one list only`, 'paths');
    }
    found.push({ path, role, spec: { path, format, role } });
  }
  if (kind === undefined)
    throw new InputError(`no list files found in ${paths.join(', ')}; accepted: ${accepted}`, 'paths');
  if (!found.some((f) => f.role === 'primary')) {
    throw new InputError(
      `no main list file (sdn or cons_prim) among ${found.map((f) => basename(f.path)).join(', ')}`,
      'paths',
    );
  }
  const consolidated = found.some((f) => /(?:^|[/\\])cons[^/\\]*$/i.test(f.path));
  return { kind, list: consolidated ? 'consolidated' : 'sdn', files: found };
}

/** Streams a file, telling `progress` how far it has read in tenths, so long imports show they move. */
async function* withProgress(path: string, progress: (message: string) => void): AsyncGenerator<Uint8Array> {
  const total = statSync(path).size;
  let read = 0;
  let shown = 0;
  for await (const chunk of createReadStream(path)) {
    const bytes = chunk as Buffer; // no encoding was set, so the stream yields Buffers
    read += bytes.length;
    const tenth = Math.floor((read / Math.max(total, 1)) * 10);
    if (tenth > shown) {
      shown = tenth;
      progress(`  ${basename(path)}: ${'#'.repeat(tenth).padEnd(10, '.')} ${tenth * 10} %`);
    }
    yield bytes;
  }
}

async function readEntries(
  list: ListFiles,
  progress: (message: string) => void,
): Promise<{ entries: OfacEntry[]; published?: string }> {
  const entries: OfacEntry[] = [];
  let published: string | undefined;
  const primary = list.files.find((f) => f.role === 'primary')!;
  if (list.kind === 'legacy') {
    const source = (role: string): LegacyFileSource | undefined => {
      const file = list.files.find((f) => f.role === role);
      if (!file) return undefined;
      const chunks = role === 'primary' ? withProgress(file.path, progress) : createReadStream(file.path);
      return { chunks, file: file.path, list: list.list };
    };
    const aliases = source('aliases');
    const addresses = source('addresses');
    const comments = source('comments');
    for await (const entry of readLegacyOfacList({
      primary: source('primary')!,
      ...(aliases && { aliases }),
      ...(addresses && { addresses }),
      ...(comments && { comments }),
    })) {
      entries.push(entry);
    }
  } else if (list.kind === 'xml') {
    for await (const item of readOfacXml(withProgress(primary.path, progress), {
      file: primary.path,
      list: list.list,
    })) {
      if (item.kind === 'publication') published = item.publishDate;
      else entries.push(item.entry);
    }
  } else if (list.kind === 'ftm') {
    entries.push(
      ...(await ofacEntriesFromFtm(
        readFtmJsonLines(withProgress(primary.path, progress), primary.path),
        primary.path,
      )),
    );
  } else {
    for await (const item of readOfacAdvancedXml(withProgress(primary.path, progress), primary.path)) {
      if (item.kind === 'publication') published = item.issueDate;
      else entries.push(item.entry);
    }
  }
  return published === undefined ? { entries } : { entries, published };
}

/** Default dataset names say the format, so an import never silently replaces a shipped list of the same date. */
const formatSuffix: Record<ListFiles['kind'], (format: string) => string> = {
  legacy: (format) => (format === 'ofac-pip' ? '-pip' : ''),
  xml: () => '-xml',
  'advanced-xml': () => '-advanced',
  ftm: () => '-ftm',
};

/**
 * `sanctions.import`: one OFAC list, in any of its published formats, as a new snapshot. The list date
 * comes from `asOf` or the file's own publish date. Files over their kind's size limit, empty files and a
 * list without entries are refused naming the file; the readers bound every field, line and value. All of
 * it is stored in one transaction, or nothing; the same files imported again change nothing, also when two
 * servers import them at once (the dataset's name is locked, then its version looked for, in the transaction).
 */
export async function importList(
  context: OperationContext,
  input: SanctionsImportInput,
): Promise<SanctionsImportResult> {
  const list = identify(input.paths);
  context.progress(`Reading ${list.files.map((f) => basename(f.path)).join(', ')}...`);
  const { entries, published } = await readEntries(list, context.progress);
  const primaryPath = list.files.find((f) => f.role === 'primary')!.path;
  if (entries.length === 0) {
    throw new FormatError(
      primaryPath,
      'entries',
      'the list holds no entries: an OFAC list has at least one; is it the right file?',
    );
  }
  const given = input.asOf;
  const dateText = given ?? published;
  if (dateText === undefined) {
    throw new InputError('asOf: these files carry no list date; give it with --as-of YYYY-MM-DD', 'asOf');
  }
  let date: string;
  try {
    date = given ? isoDate(given) : partialDate(dateText);
  } catch (error) {
    if (error instanceof UnitError) throw new InputError(`asOf: ${error.message}`, 'asOf');
    throw error;
  }
  const loaded: LoadedDatasetFile[] = [];
  for (const file of list.files) loaded.push(await inspectFileAt(file.path, file.spec));
  const primary = loaded.find((f) => f.role === 'primary')!;
  const dataset: NewDataset = {
    name: input.name ?? `ofac-${list.list}-${date}${formatSuffix[list.kind](primary.format)}`,
    title: `OFAC ${list.list === 'sdn' ? 'SDN' : 'consolidated non-SDN'} list, ${date} (imported)`,
    domain: 'sanctions',
    source: `US Treasury OFAC list imported by the user from ${loaded.map((f) => f.path).join(', ')}`,
    date: partialDate(date),
    dateBasis: given ? 'list date given with --as-of' : 'publish date in the file',
    provenance: primary.path,
    sha256: createHash('sha256')
      .update(loaded.map((f) => `${basename(f.path)}:${f.sha256}`).join('\n'))
      .digest('hex'),
    rowCount: list.kind === 'legacy' ? primaryRowCount(loaded) : entries.length,
    files: loaded,
  };
  context.progress(
    `Storing ${entries.length.toLocaleString('en')} entries as ${dataset.name} in one transaction...`,
  );
  const alreadyImported = await context.db.transaction(async (tx) => {
    const catalogue = new DatasetRepository(tx);
    // Another server importing the same list at once holds the lock until it commits; then this one finds it.
    await catalogue.lockName(dataset.name);
    if (await catalogue.has(dataset.name, dataset.sha256)) return true;
    const id = await catalogue.add(dataset);
    await new SanctionsRepository(tx).addEntries(id, entries);
    return false;
  });
  return {
    dataset: dataset.name,
    date,
    dateBasis: dataset.dateBasis,
    entries: entries.length,
    alreadyImported,
    files: loaded.map((f) => ({ path: f.path, role: f.role, sha256: f.sha256, rowCount: f.rowCount })),
  };
}
