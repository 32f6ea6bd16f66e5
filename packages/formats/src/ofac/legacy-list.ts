import {
  maxNameChars,
  type OfacAddress,
  type OfacAlias,
  type OfacEntry,
  parseOfacRemarks,
} from '@lockstep/core';
import { FormatError } from '../format-error.ts';
import {
  type LegacyFileOptions,
  readLegacyAddressRecords,
  readLegacyAliasRecords,
  readLegacyCommentRecords,
  readLegacyPrimaryRecords,
} from './legacy-records.ts';
import { nameTooLong } from './name-limit.ts';

/** One file of a legacy list: its bytes in chunks and how to read it. */
export interface LegacyFileSource extends LegacyFileOptions {
  readonly chunks: AsyncIterable<Uint8Array>;
}

/**
 * The files of one legacy OFAC list: the main file and, where the snapshot has them, the alternate-name,
 * address and spillover files (sdn.csv, alt.csv, add.csv, sdn_comments.csv; or cons_prim, cons_alt,
 * cons_add, cons_comments).
 */
export interface LegacyListFiles {
  readonly primary: LegacyFileSource;
  readonly aliases?: LegacyFileSource;
  readonly addresses?: LegacyFileSource;
  readonly comments?: LegacyFileSource;
}

interface Linked<T> {
  readonly line: number;
  readonly items: T[];
}

/**
 * Joins the files of a legacy OFAC list into entries with their aliases and addresses, yielding each entry
 * as the main file is read (the smaller files are read first and held by entry number).
 * - Remarks cut at 1,000 characters are joined with their continuation from the comments file, as printed
 *   (`... PROMO RAI` + `Z S.A.S. ...`).
 * - Aliases: the alt file's (strong) in file order, then the weak `a.k.a. '...'` aliases of the remarks.
 * - Addresses whose every field is `-0-` are left out: they hold nothing, and the XML list omits them.
 * A record of the other files whose entry is not in the main file, or an entry number given twice in the
 * main file, is an error that names its file and line.
 */
export async function* readLegacyOfacList(files: LegacyListFiles): AsyncGenerator<OfacEntry> {
  const comments = new Map<number, Linked<string>>();
  if (files.comments) {
    for await (const record of readLegacyCommentRecords(files.comments.chunks, files.comments)) {
      link(comments, record.entryNumber, record.line, record.remarks);
    }
  }
  const aliases = new Map<number, Linked<OfacAlias>>();
  if (files.aliases) {
    for await (const { entryNumber, line, ...alias } of readLegacyAliasRecords(
      files.aliases.chunks,
      files.aliases,
    )) {
      link(aliases, entryNumber, line, alias);
    }
  }
  // Empty addresses are held as `undefined`, so their records still count as linked to an entry.
  const addresses = new Map<number, Linked<OfacAddress | undefined>>();
  if (files.addresses) {
    for await (const { entryNumber, line, ...address } of readLegacyAddressRecords(
      files.addresses.chunks,
      files.addresses,
    )) {
      const empty = Object.keys(address).length === 1; // only the id: every other field was -0-
      link(addresses, entryNumber, line, empty ? undefined : address);
    }
  }
  const seen = new Map<number, number>();
  for await (const { line, remarks: printedRemarks, ...fields } of readLegacyPrimaryRecords(
    files.primary.chunks,
    files.primary,
  )) {
    const { entryNumber } = fields;
    const firstLine = seen.get(entryNumber);
    if (firstLine !== undefined) {
      throw new FormatError(
        files.primary.file,
        `line ${line}, ent_num (field 1)`,
        `entry ${entryNumber} is given twice (first on line ${firstLine}); entry numbers are unique`,
      );
    }
    seen.set(entryNumber, line);
    const continuation = comments.get(entryNumber)?.items.join('') ?? '';
    const remarks = continuation === '' ? printedRemarks : `${printedRemarks ?? ''}${continuation}`;
    const weakAliases = parseOfacRemarks(remarks).aliases;
    const tooLong = weakAliases.find((alias) => alias.name.length > maxNameChars);
    if (tooLong) {
      throw new FormatError(
        files.primary.file,
        `line ${line}, Remarks (field 12)`,
        `the a.k.a. in the remarks is ${nameTooLong(tooLong.name)}`,
      );
    }
    yield {
      ...fields,
      ...(remarks !== undefined && { remarks }),
      aliases: [...(aliases.get(entryNumber)?.items ?? []), ...weakAliases],
      addresses: addresses.get(entryNumber)?.items.filter(isPresent) ?? [],
    };
    comments.delete(entryNumber);
    aliases.delete(entryNumber);
    addresses.delete(entryNumber);
  }
  failOnOrphan(comments, files.comments, files.primary.file);
  failOnOrphan(aliases, files.aliases, files.primary.file);
  failOnOrphan(addresses, files.addresses, files.primary.file);
}

/** Fails on the first record (by line) left over: its entry was not in the main file. */
function failOnOrphan<T>(
  linked: ReadonlyMap<number, Linked<T>>,
  source: LegacyFileSource | undefined,
  primaryFile: string,
): void {
  let first: [number, Linked<T>] | undefined;
  for (const item of linked) if (first === undefined || item[1].line < first[1].line) first = item;
  if (source && first) {
    throw new FormatError(
      source.file,
      `line ${first[1].line}, ent_num (field 1)`,
      `entry ${first[0]} is not in ${primaryFile}; every record must belong to an entry of the main file`,
    );
  }
}

function link<T>(map: Map<number, Linked<T>>, entryNumber: number, line: number, item: T): void {
  const linked = map.get(entryNumber);
  if (linked) linked.items.push(item);
  else map.set(entryNumber, { line, items: [item] });
}

function isPresent<T>(value: T | undefined): value is T {
  return value !== undefined;
}
