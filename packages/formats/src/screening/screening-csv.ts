import { FormatError } from '../format-error.ts';
import { parseCsvRecords } from '../nuclear/csv-records.ts';
import { Utf8Validator } from '../text/utf8-validator.ts';

/** The SDN types a screening row may be limited to. */
export type ScreeningType = 'individual' | 'entity' | 'vessel' | 'aircraft';

/** One name to screen from a screening CSV, with its line. */
export interface ScreeningCsvRow {
  /** The 1-based line on which the row starts. */
  readonly line: number;
  readonly name: string;
  readonly type?: ScreeningType;
  readonly country?: string;
  /** YYYY, YYYY-MM or YYYY-MM-DD. */
  readonly birthDate?: string;
}

/** A row that cannot be screened: its line and why. */
export interface ScreeningCsvProblem {
  readonly line: number;
  readonly reason: string;
}

export interface ScreeningCsv {
  readonly rows: readonly ScreeningCsvRow[];
  /** Rows refused, each with its reason; empty unless `skipBadRows` was given. */
  readonly problems: readonly ScreeningCsvProblem[];
}

export interface ScreeningCsvOptions {
  /** The longest name accepted, in characters (the search's query limit). */
  readonly maxNameChars: number;
  /** The most rows a file may hold. */
  readonly maxRows: number;
  /** The longest country or birth-date cell. */
  readonly maxCellChars: number;
  /** Report bad rows and keep the rest, instead of refusing the file at the first one. */
  readonly skipBadRows?: boolean;
}

/** The largest screening file accepted, in bytes: 16 MiB, some 100,000 names with their other columns. */
export const maxScreeningFileBytes = 16 * 1024 * 1024;

/** What a screening file is, for the errors that refuse one. */
export const screeningCsvAccepted =
  'a UTF-8 CSV file with a header line naming the columns: name (required), type, country, birth_date (optional; others are ignored), then one name a row';

const typeWords: Readonly<Record<string, ScreeningType>> = {
  individual: 'individual',
  person: 'individual',
  entity: 'entity',
  company: 'entity',
  organization: 'entity',
  organisation: 'entity',
  legalentity: 'entity',
  vessel: 'vessel',
  ship: 'vessel',
  aircraft: 'aircraft',
  airplane: 'aircraft',
};

const columnNames: Readonly<Record<string, 'name' | 'type' | 'country' | 'birthDate'>> = {
  name: 'name',
  type: 'type',
  country: 'country',
  birth_date: 'birthDate',
  birthdate: 'birthDate',
  date_of_birth: 'birthDate',
  dob: 'birthDate',
};

const controlCharacter = /\p{Cc}/u;
const datePattern = /^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$/;

function codePoint(text: string): string {
  const found = controlCharacter.exec(text)?.[0] ?? '';
  return `U+${found.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;
}

/** The 1-based line of byte `offset`. */
function lineAt(bytes: Uint8Array, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset; i++) if (bytes[i] === 0x0a) line += 1;
  return line;
}

/**
 * The text of a screening file: it must be well-formed UTF-8 (a byte order mark is dropped). A file that is
 * not, a UTF-16 file or an empty one is a `FormatError` naming the line of the first bad byte and what is
 * accepted: names are compared letter by letter, so a guessed encoding would screen the wrong name.
 */
export function screeningCsvText(bytes: Uint8Array, file: string): string {
  if (bytes.length > maxScreeningFileBytes) {
    throw new FormatError(
      file,
      'line 1',
      `the file is ${bytes.length.toLocaleString('en')} bytes; at most ${maxScreeningFileBytes.toLocaleString('en')} are accepted: split it`,
    );
  }
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    throw new FormatError(
      file,
      'line 1',
      `UTF-16 text; expected ${screeningCsvAccepted} (convert it first, e.g. iconv -f UTF-16 -t UTF-8)`,
    );
  }
  const validator = new Utf8Validator();
  let bad = validator.push(bytes);
  if (bad === -1 && !validator.atCharacterBoundary) bad = bytes.length;
  if (bad !== -1) {
    // The character that went wrong starts at its lead byte, before any continuation bytes it took.
    if (bad === bytes.length || (bytes[bad]! < 0xc0 && bad > 0)) {
      let lead = bad - 1;
      while (lead > 0 && (bytes[lead]! & 0xc0) === 0x80) lead -= 1;
      if (bytes[lead]! >= 0xc0) bad = lead;
    }
    throw new FormatError(
      file,
      `line ${lineAt(bytes, bad)}`,
      `byte 0x${bytes[bad]!.toString(16).padStart(2, '0')} is not UTF-8; expected ${screeningCsvAccepted} (a Windows-1252 file converts with iconv -f WINDOWS-1252 -t UTF-8)`,
    );
  }
  const start = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  const text = new TextDecoder('utf-8').decode(bytes.subarray(start));
  if (text.trim() === '') {
    throw new FormatError(file, 'line 1', `the file is empty; expected ${screeningCsvAccepted}`);
  }
  return text;
}

/**
 * Reads a screening CSV: a header naming the columns (`name` required; `type`, `country`, `birth_date`
 * optional, in any order and case; other columns ignored), then one name a row. The file is refused,
 * naming its line, when it is not UTF-8, has no `name` column, a CSV syntax error or more than `maxRows`
 * rows. A row is bad when it is empty, has no name, a name over `maxNameChars`, a control character,
 * an unknown type, a birth date not written YYYY[-MM[-DD]], a cell over `maxCellChars` or more fields than
 * the header: by default the file is refused at the first such row, naming the line, the reason and what
 * is accepted; with `skipBadRows` the row is reported in `problems` and the others are read.
 */
export function readScreeningCsv(
  bytes: Uint8Array,
  file: string,
  options: ScreeningCsvOptions,
): ScreeningCsv {
  const [header, ...records] = parseCsvRecords(screeningCsvText(bytes, file), file);
  if (header === undefined)
    throw new FormatError(file, 'line 1', `no header; expected ${screeningCsvAccepted}`);
  const columns = new Map<'name' | 'type' | 'country' | 'birthDate', number>();
  header.fields.forEach((raw, index) => {
    const column = columnNames[raw.trim().toLowerCase()];
    if (column === undefined) return;
    if (columns.has(column)) {
      throw new FormatError(file, `line ${header.line}`, `the column "${raw.trim()}" is named twice`);
    }
    columns.set(column, index);
  });
  if (!columns.has('name')) {
    throw new FormatError(
      file,
      `line ${header.line}`,
      `no "name" column in the header (found: ${header.fields.map((f) => `"${f.trim()}"`).join(', ')}); expected ${screeningCsvAccepted}`,
    );
  }
  if (records.length > options.maxRows) {
    throw new FormatError(
      file,
      `line ${records[options.maxRows]!.line}`,
      `more than ${options.maxRows.toLocaleString('en')} rows; at most ${options.maxRows.toLocaleString('en')} names are screened at a time: split the file`,
    );
  }
  const rows: ScreeningCsvRow[] = [];
  const problems: ScreeningCsvProblem[] = [];
  for (const record of records) {
    const cell = (column: 'name' | 'type' | 'country' | 'birthDate') => {
      const index = columns.get(column);
      return index === undefined ? '' : (record.fields[index] ?? '').trim();
    };
    const reason = rowProblem(record.fields, header.fields.length, cell, options);
    if (reason !== undefined) {
      if (!options.skipBadRows) {
        throw new FormatError(
          file,
          `line ${record.line}`,
          `${reason} (give --skip-bad-rows to report such rows and screen the rest)`,
        );
      }
      problems.push({ line: record.line, reason });
      continue;
    }
    const type =
      typeWords[
        cell('type')
          .toLowerCase()
          .replace(/[\s_-]/g, '')
      ];
    const country = cell('country');
    const birthDate = cell('birthDate');
    rows.push({
      line: record.line,
      name: cell('name'),
      ...(type && { type }),
      ...(country && { country }),
      ...(birthDate && { birthDate }),
    });
  }
  return { rows, problems };
}

function rowProblem(
  fields: readonly string[],
  headerFields: number,
  cell: (column: 'name' | 'type' | 'country' | 'birthDate') => string,
  options: ScreeningCsvOptions,
): string | undefined {
  if (fields.every((field) => field.trim() === '')) return 'an empty row: each row needs a name';
  if (fields.length > headerFields) {
    return `${fields.length} fields, but the header names ${headerFields} columns (put a name holding a comma in double quotes)`;
  }
  const name = cell('name');
  if (name === '') return 'no name in the name column: each row needs a name';
  if (name.length > options.maxNameChars) {
    return `the name is ${name.length.toLocaleString('en')} characters; at most ${options.maxNameChars} are accepted (one name or alias a row)`;
  }
  for (const column of ['name', 'type', 'country', 'birthDate'] as const) {
    const text = cell(column);
    if (controlCharacter.test(text)) {
      return `a control character (${codePoint(text)}) in the ${column === 'birthDate' ? 'birth_date' : column} column; control characters U+0000-U+001F and U+007F-U+009F are not accepted`;
    }
  }
  const type = cell('type');
  if (type !== '' && typeWords[type.toLowerCase().replace(/[\s_-]/g, '')] === undefined) {
    return `type "${type.slice(0, 40)}": expected individual, entity, vessel or aircraft (or person, company, organization, airplane), or empty`;
  }
  const country = cell('country');
  if (country.length > options.maxCellChars) {
    return `the country is ${country.length} characters; at most ${options.maxCellChars} are accepted`;
  }
  const birthDate = cell('birthDate');
  if (birthDate !== '' && !datePattern.test(birthDate)) {
    return `birth_date "${birthDate.slice(0, 40)}": expected YYYY, YYYY-MM or YYYY-MM-DD, or empty`;
  }
  return undefined;
}
