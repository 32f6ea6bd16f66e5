import {
  type ConsolidatedSubList,
  consolidatedSubListOf,
  maxNameChars,
  type OfacAddress,
  type OfacAlias,
  type OfacAliasType,
  type OfacEntry,
  type OfacList,
  type SdnType,
} from '@lockstep/core';
import { FormatError } from '../format-error.ts';
import {
  type DelimitedRecord,
  fieldLabel,
  isBlankRecord,
  readDelimitedRecords,
} from './delimited-records.ts';
import { splitOfacPrograms } from './legacy-programs.ts';
import { nameTooLong } from './name-limit.ts';

/**
 * The columns of OFAC's four legacy files, as its data specification (cons_dat_spec.txt) names them. The
 * SDN files (sdn, add, alt, sdn_comments) and the Consolidated List's (cons_prim, cons_add, cons_alt,
 * cons_comments) share them; the comments (spillover) files hold the entry number and the rest of the
 * remarks.
 */
export const legacyColumns = {
  primary: [
    'ent_num',
    'SDN_Name',
    'SDN_Type',
    'Program',
    'Title',
    'Call_Sign',
    'Vess_type',
    'Tonnage',
    'GRT',
    'Vess_flag',
    'Vess_owner',
    'Remarks',
  ],
  address: ['Ent_num', 'Add_num', 'Address', 'City/State/Province/Postal Code', 'Country', 'Add_remarks'],
  alias: ['ent_num', 'alt_num', 'alt_type', 'alt_name', 'alt_remarks'],
  comment: ['ent_num', 'Remarks'],
} as const;

/** How to read one legacy file. */
export interface LegacyFileOptions {
  /** The file as the user named it; errors cite it. */
  readonly file: string;
  /** `csv` (comma) or `pip` (pipe); by default from the file's extension (`.pip`, else csv). */
  readonly format?: 'csv' | 'pip';
  /** Which list the file is from; by default `consolidated` for files named `cons_*`, else `sdn`. */
  readonly list?: 'sdn' | 'consolidated';
}

/** A record of the main file (sdn.csv, cons_prim.csv): an entry without its aliases and addresses. */
export type LegacyPrimaryRecord = Omit<
  OfacEntry,
  'aliases' | 'addresses' | 'identifiers' | 'designationDate' | 'legalBases'
> & {
  /** The line the record starts on. */
  readonly line: number;
};

/** A record of the address file (add.csv, cons_add.csv). */
export interface LegacyAddressRecord extends OfacAddress {
  readonly id: number;
  readonly entryNumber: number;
  readonly line: number;
}

/** A record of the alternate-name file (alt.csv, cons_alt.csv); its aliases are all strong. */
export interface LegacyAliasRecord extends OfacAlias {
  readonly id: number;
  readonly entryNumber: number;
  readonly line: number;
}

/** A record of the spillover file (sdn_comments.csv): remarks text that continues the main file's. */
export interface LegacyCommentRecord {
  readonly entryNumber: number;
  /** The continuation, exactly as printed: appended to the cut remarks without a separator. */
  readonly remarks: string;
  readonly line: number;
}

/**
 * Reads the main file of a legacy OFAC list (sdn.csv or .pip, cons_prim.csv), yielding each entry as it is
 * read. OFAC's empty marker `-0-` (with or without trailing spaces, or cut to `-0` as at the end of the
 * preserved 2019-01 add.csv) is read as absent; an empty SDN_Type is an entity; the Program field is split
 * at `] [`. Text is kept as printed, trailing spaces included (remarks cut mid-text end in one).
 */
export async function* readLegacyPrimaryRecords(
  chunks: AsyncIterable<Uint8Array>,
  options: LegacyFileOptions,
): AsyncGenerator<LegacyPrimaryRecord> {
  const columns = legacyColumns.primary;
  const listKind = options.list ?? (isConsolidatedFile(options.file) ? 'consolidated' : 'sdn');
  for await (const record of readRecords(chunks, options, columns)) {
    const row = new RowReader(record, options.file, columns);
    const programs = row.programs(3);
    const list: OfacList =
      listKind === 'sdn' ? { kind: 'sdn' } : consolidatedList(consolidatedSubListOf(programs));
    yield {
      line: record.line,
      entryNumber: row.number(0),
      name: row.name(1),
      type: row.sdnType(2),
      programs,
      list,
      ...optional('title', row.text(4)),
      ...optional('callSign', row.text(5)),
      ...optional('vesselType', row.text(6)),
      ...optional('tonnage', row.text(7)),
      ...optional('grossRegisteredTonnage', row.text(8)),
      ...optional('vesselFlag', row.text(9)),
      ...optional('vesselOwner', row.text(10)),
      ...optional('remarks', row.text(11)),
    };
  }
}

/** Reads the address file of a legacy OFAC list (add.csv, cons_add.csv). */
export async function* readLegacyAddressRecords(
  chunks: AsyncIterable<Uint8Array>,
  options: LegacyFileOptions,
): AsyncGenerator<LegacyAddressRecord> {
  const columns = legacyColumns.address;
  for await (const record of readRecords(chunks, options, columns)) {
    const row = new RowReader(record, options.file, columns);
    yield {
      line: record.line,
      entryNumber: row.number(0),
      id: row.number(1),
      ...optional('street', row.text(2)),
      ...optional('locality', row.text(3)),
      ...optional('country', row.text(4)),
      ...optional('remarks', row.text(5)),
    };
  }
}

/** Reads the alternate-name file of a legacy OFAC list (alt.csv, cons_alt.csv). */
export async function* readLegacyAliasRecords(
  chunks: AsyncIterable<Uint8Array>,
  options: LegacyFileOptions,
): AsyncGenerator<LegacyAliasRecord> {
  const columns = legacyColumns.alias;
  for await (const record of readRecords(chunks, options, columns)) {
    const row = new RowReader(record, options.file, columns);
    yield {
      line: record.line,
      entryNumber: row.number(0),
      id: row.number(1),
      type: row.aliasType(2),
      name: row.name(3),
      strength: 'strong',
      ...optional('remarks', row.text(4)),
    };
  }
}

/** Reads the spillover file of a legacy OFAC list (sdn_comments.csv, cons_comments.csv). */
export async function* readLegacyCommentRecords(
  chunks: AsyncIterable<Uint8Array>,
  options: LegacyFileOptions,
): AsyncGenerator<LegacyCommentRecord> {
  const columns = legacyColumns.comment;
  for await (const record of readRecords(chunks, options, columns)) {
    const row = new RowReader(record, options.file, columns);
    yield { line: record.line, entryNumber: row.number(0), remarks: row.text(1) ?? '' };
  }
}

function isConsolidatedFile(file: string): boolean {
  return /(?:^|[/\\])cons_[^/\\]*$/i.test(file);
}

function consolidatedList(subList: ConsolidatedSubList | undefined): OfacList {
  return subList === undefined ? { kind: 'consolidated' } : { kind: 'consolidated', subList };
}

/** `{ key: value }` when the value is present, else nothing, so absent fields stay absent. */
function optional<K extends string>(key: K, value: string | undefined): { [P in K]?: string } {
  return value === undefined ? {} : ({ [key]: value } as { [P in K]?: string }); // a one-key object of K
}

async function* readRecords(
  chunks: AsyncIterable<Uint8Array>,
  options: LegacyFileOptions,
  columns: readonly string[],
): AsyncGenerator<DelimitedRecord> {
  const format = options.format ?? (/\.pip$/i.test(options.file) ? 'pip' : 'csv');
  const records = readDelimitedRecords(chunks, {
    file: options.file,
    delimiter: format === 'pip' ? '|' : ',',
    columns,
  });
  let count = 0;
  for await (const record of records) {
    if (isBlankRecord(record)) continue;
    count += 1;
    if (record.fields.length !== columns.length) {
      const many = record.fields.length > columns.length;
      throw new FormatError(
        options.file,
        `line ${record.line}, ${fieldLabel(columns, many ? columns.length : record.fields.length)}`,
        many
          ? `${record.fields.length} fields where this file has ${columns.length} (${columns.join(', ')}); a field holding the delimiter must be quoted`
          : `missing: the record has ${record.fields.length} fields where this file has ${columns.length} (${columns.join(', ')})`,
      );
    }
    yield record;
  }
  if (count === 0) {
    throw new FormatError(
      options.file,
      'line 1',
      `the file holds no records, only blank lines or white space: expected records of ${columns.join(', ')}`,
    );
  }
}

// `-0` also counts: the preserved 2019-01 add.csv ends in `-0`, its last bytes lost.
const nullMarkers: ReadonlySet<string> = new Set(['-0-', '-0']);
const entryNumberPattern = /^\d+$/;
const aliasTypes: Readonly<Record<string, OfacAliasType>> = {
  aka: 'a.k.a.',
  fka: 'f.k.a.',
  nka: 'n.k.a.',
};
const sdnTypeNames: Readonly<Record<string, SdnType>> = {
  individual: 'individual',
  entity: 'entity',
  vessel: 'vessel',
  aircraft: 'aircraft',
};

/** Typed access to one record's fields, with errors that name the file, line and field. */
class RowReader {
  constructor(
    private readonly record: DelimitedRecord,
    private readonly file: string,
    private readonly columns: readonly string[],
  ) {}

  /** The field's text, or `undefined` for OFAC's empty marker `-0-` (trailing spaces allowed). */
  text(index: number): string | undefined {
    const value = this.record.fields[index]!;
    return nullMarkers.has(value.trim()) ? undefined : value;
  }

  required(index: number): string {
    const value = this.text(index);
    if (value === undefined || value.trim() === '') this.fail(index, 'empty; every record gives it');
    return value;
  }

  /** A name or alias: required, and at most `maxNameChars` characters. */
  name(index: number): string {
    const value = this.required(index);
    if (value.length > maxNameChars) this.fail(index, nameTooLong(value));
    return value;
  }

  number(index: number): number {
    const value = this.required(index).trim();
    if (!entryNumberPattern.test(value)) {
      this.fail(
        index,
        `${JSON.stringify(value)} is not a record number (expected a whole number such as 306)`,
      );
    }
    return Number(value);
  }

  sdnType(index: number): SdnType {
    const value = this.text(index);
    if (value === undefined) return 'entity';
    const type = sdnTypeNames[value.trim().toLowerCase()];
    if (type === undefined) {
      this.fail(
        index,
        `${JSON.stringify(value)} is not an SDN type (expected individual, vessel, aircraft or -0- for an entity)`,
      );
    }
    return type;
  }

  programs(index: number): string[] {
    const value = this.required(index);
    const programs = splitOfacPrograms(value);
    if (programs === undefined) {
      this.fail(
        index,
        `${JSON.stringify(value)} has an empty program tag (expected tags separated by "] [", e.g. SDGT] [IRGC)`,
      );
    }
    return programs;
  }

  aliasType(index: number): OfacAliasType {
    const value = this.required(index);
    const type = aliasTypes[value.trim().toLowerCase().replaceAll('.', '')];
    if (type === undefined)
      this.fail(index, `${JSON.stringify(value)} is not an alias type (expected aka, fka or nka)`);
    return type;
  }

  private fail(index: number, problem: string): never {
    throw new FormatError(this.file, `line ${this.record.line}, ${fieldLabel(this.columns, index)}`, problem);
  }
}
