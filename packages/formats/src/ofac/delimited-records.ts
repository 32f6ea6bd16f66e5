import { FormatError } from '../format-error.ts';
import { maxDelimitedFileBytes, maxRecordChars, maxValueChars } from '../input-limits.ts';
import { type CsvEncoding, CsvTextDecoder } from '../text/csv-text-decoder.ts';

/** One record of a delimited file: its fields as text (quotes removed) and the line it starts on. */
export interface DelimitedRecord {
  /** 1-based line on which the record starts. */
  readonly line: number;
  readonly fields: readonly string[];
}

/** How to read a delimited file. */
export interface DelimitedFileOptions {
  /** The file as the user named it, for errors. */
  readonly file: string;
  /** `,` for OFAC's .csv files, `|` for its .pip files. */
  readonly delimiter: ',' | '|';
  /**
   * The encoding when the caller knows it. By default it is detected: UTF-8 after a byte order mark (the
   * mark dropped) or when the whole file is well-formed UTF-8 with bytes of 0x80 or above, otherwise
   * Windows-1252, the encoding of OFAC's legacy lists.
   */
  readonly encoding?: CsvEncoding | undefined;
  /** Column names in order, so errors can say `remarks (field 12)`. */
  readonly columns: readonly string[];
}

/**
 * True for a record that is one field of white space (a line of spaces): no OFAC file has one-column
 * records, so its readers skip such lines like blank ones, and a file of nothing else is empty.
 */
export function isBlankRecord(record: DelimitedRecord): boolean {
  return record.fields.length === 1 && record.fields[0]!.trim() === '';
}

/** How an error names a field: `remarks (field 12)`, or `field 14` past the known columns. */
export function fieldLabel(columns: readonly string[], index: number): string {
  const name = columns[index];
  return name === undefined ? `field ${index + 1}` : `${name} (field ${index + 1})`;
}

const QUOTE = 0x22;
const CR = 0x0d;
const LF = 0x0a;
/** Ctrl-Z, OFAC's end-of-file mark. */
const SUB = '\x1a';

/**
 * Reads the records of a delimited text file fed in chunks of bytes (RFC 4180 quoting, as in OFAC's legacy
 * lists), yielding each record as soon as it is complete, in time linear in the file. A field that starts
 * with `"` is quoted: it may hold delimiters and line breaks, and `""` inside it stands for one quote.
 * Records end at CR, LF or CRLF; blank lines and a record made only of Ctrl-Z (0x1A) bytes, OFAC's
 * end-of-file mark, are not records. The encoding is detected (see {@link DelimitedFileOptions.encoding}).
 * Errors name the file, the line and the field: an unclosed quote, text after a closing quote, a quote
 * inside an unquoted field, a NUL character, a field over `maxValueChars` characters, a record over `maxRecordChars`, a
 * file over `maxDelimitedFileBytes` bytes, and an empty file (0 bytes, only a byte order mark, only white
 * space).
 */
export async function* readDelimitedRecords(
  chunks: AsyncIterable<Uint8Array>,
  options: DelimitedFileOptions,
): AsyncGenerator<DelimitedRecord> {
  const reader = new DelimitedReader(options);
  const decoder = new CsvTextDecoder({
    file: options.file,
    maxBytes: maxDelimitedFileBytes,
    kind: 'a CSV-family list file (.csv, .pip, the daily change log)',
    encoding: options.encoding,
  });
  let records = 0;
  for await (const chunk of chunks) {
    for (const record of reader.push(decoder.push(chunk))) {
      records += 1;
      yield record;
    }
  }
  for (const record of [...reader.push(decoder.finish()), ...reader.finish()]) {
    records += 1;
    yield record;
  }
  const empty = records === 0 ? decoder.emptiness() : undefined;
  if (empty !== undefined) {
    throw new FormatError(
      options.file,
      'line 1',
      `the file ${empty}: expected records of ${options.columns.join(', ')}`,
    );
  }
}

type State = 'field-start' | 'unquoted' | 'quoted' | 'quote-in-quoted';

class DelimitedReader {
  private readonly delimiter: number;
  private state: State = 'field-start';
  private field = '';
  private fields: string[] = [];
  private line = 1;
  private recordLine = 1;
  private quoteLine = 1;
  private afterCR = false;
  private quotedCR = false;
  /** Characters of the current record's finished fields, delimiters included. */
  private recordChars = 0;

  constructor(private readonly options: DelimitedFileOptions) {
    this.delimiter = options.delimiter.charCodeAt(0);
  }

  *push(text: string): Generator<DelimitedRecord> {
    const length = text.length;
    let index = 0;
    while (index < length) {
      const code = text.charCodeAt(index);
      if (this.afterCR) {
        this.afterCR = false;
        if (code === LF) {
          index += 1;
          continue;
        }
      }
      switch (this.state) {
        case 'field-start':
          if (code === QUOTE) {
            this.state = 'quoted';
            this.quoteLine = this.line;
            this.quotedCR = false;
            index += 1;
            break;
          }
          this.state = 'unquoted';
          break;
        case 'unquoted': {
          const end = this.unquotedEnd(text, index);
          this.append(text.slice(index, end));
          index = end;
          if (index === length) break;
          const stop = text.charCodeAt(index);
          index += 1;
          if (stop === QUOTE) {
            this.fail(
              this.line,
              'a quote inside an unquoted field: quote the whole field and write a quote inside it as ""',
            );
          }
          if (stop === this.delimiter) {
            this.endField();
          } else {
            const record = this.endRecord(stop);
            if (record) yield record;
          }
          break;
        }
        case 'quoted': {
          const quote = text.indexOf('"', index);
          const end = quote === -1 ? length : quote;
          const piece = text.slice(index, end);
          this.countLines(piece);
          this.append(piece);
          index = end;
          if (quote !== -1) {
            this.state = 'quote-in-quoted';
            index += 1;
          }
          break;
        }
        case 'quote-in-quoted':
          if (code === QUOTE) {
            this.append('"');
            this.state = 'quoted';
            this.quotedCR = false;
            index += 1;
          } else if (code === this.delimiter) {
            this.endField();
            index += 1;
          } else if (code === CR || code === LF) {
            index += 1;
            const record = this.endRecord(code);
            if (record) yield record;
          } else {
            this.fail(
              this.line,
              `text after the closing quote (${JSON.stringify(text.slice(index, index + 12))}): a quoted field must end at a delimiter or a line end`,
            );
          }
          break;
      }
    }
  }

  *finish(): Generator<DelimitedRecord> {
    if (this.state === 'quoted') {
      this.fail(
        this.quoteLine,
        'a quoted field opened here is never closed (a field that starts with " must end with ")',
      );
    }
    const record = this.takeRecord();
    if (record) yield record;
  }

  /** The index of the next delimiter, quote or line break at or after `from`, or the text's length. */
  private unquotedEnd(text: string, from: number): number {
    for (let index = from; index < text.length; index += 1) {
      const code = text.charCodeAt(index);
      if (code === this.delimiter || code === QUOTE || code === CR || code === LF) return index;
    }
    return text.length;
  }

  /** Counts the line breaks inside a quoted field, CRLF once even when a chunk ends between CR and LF. */
  private countLines(piece: string): void {
    for (let index = 0; index < piece.length; index += 1) {
      const code = piece.charCodeAt(index);
      if (code === CR || (code === LF && !this.quotedCR)) this.line += 1;
      this.quotedCR = code === CR;
    }
  }

  /** Adds text to the current field, failing as soon as the field or its record is over its limit. */
  private append(piece: string): void {
    this.field += piece;
    const quoted = this.state === 'quoted' || this.state === 'quote-in-quoted';
    if (piece.includes('\0')) {
      this.fail(
        this.line,
        'a NUL character (byte 0x00): a list file holds text only (is it UTF-16 or binary?)',
      );
    }
    if (this.field.length > maxValueChars) {
      this.fail(
        quoted ? this.quoteLine : this.line,
        `the field is longer than ${maxValueChars.toLocaleString('en')} characters, the most accepted (OFAC's widest column, Remarks, holds 1,000)${quoted ? ': is its closing quote missing?' : ''}`,
      );
    }
    if (this.recordChars + this.field.length > maxRecordChars) {
      this.fail(
        this.recordLine,
        `the record is longer than ${maxRecordChars.toLocaleString('en')} characters, the most accepted (OFAC's longest records hold about 1,100)`,
      );
    }
  }

  private endField(): void {
    this.recordChars += this.field.length + 1;
    this.fields.push(this.field);
    this.field = '';
    this.state = 'field-start';
  }

  private endRecord(lineBreak: number): DelimitedRecord | undefined {
    const record = this.takeRecord();
    this.line += 1;
    this.recordLine = this.line;
    this.afterCR = lineBreak === CR;
    return record;
  }

  private takeRecord(): DelimitedRecord | undefined {
    this.fields.push(this.field);
    const fields = this.fields;
    const line = this.recordLine;
    this.fields = [];
    this.recordChars = 0;
    this.field = '';
    this.state = 'field-start';
    if (fields.length === 1 && [...fields[0]!].every((char) => char === SUB)) return undefined;
    return { line, fields };
  }

  private fail(line: number, problem: string): never {
    throw new FormatError(
      this.options.file,
      `line ${line}, ${fieldLabel(this.options.columns, this.fields.length)}`,
      problem,
    );
  }
}
