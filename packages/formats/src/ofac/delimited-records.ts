import { FormatError } from '../format-error.ts';
import { decodeWindows1252 } from './windows-1252.ts';

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
  /** OFAC's legacy files are Windows-1252; files written by Lockstep are UTF-8. */
  readonly encoding: 'windows-1252' | 'utf-8';
  /** Column names in order, so errors can say `remarks (field 12)`. */
  readonly columns: readonly string[];
}

/** How an error names a field: `remarks (field 12)`, or `field 14` past the known columns. */
export function fieldLabel(columns: readonly string[], index: number): string {
  const name = columns[index];
  return name === undefined ? `field ${index + 1}` : `${name} (field ${index + 1})`;
}

const QUOTE = 0x22;
const CR = 0x0d;
const LF = 0x0a;
const SUB = 0x1a;

/**
 * Reads the records of a delimited text file fed in chunks of bytes (RFC 4180 quoting, as in OFAC's legacy
 * lists), yielding each record as soon as it is complete. A field that starts with `"` is quoted: it may
 * hold delimiters and line breaks, and `""` inside it stands for one quote. Records end at CR, LF or CRLF;
 * blank lines and a record made only of Ctrl-Z (0x1A) bytes, OFAC's end-of-file mark, are not records.
 * Errors name the file, the line and the field: an unclosed quote, text after a closing quote, a quote
 * inside an unquoted field.
 */
export async function* readDelimitedRecords(
  chunks: AsyncIterable<Uint8Array>,
  options: DelimitedFileOptions,
): AsyncGenerator<DelimitedRecord> {
  const reader = new DelimitedReader(options);
  const utf8 = new TextDecoder('utf-8');
  for await (const chunk of chunks) {
    const text =
      options.encoding === 'utf-8' ? utf8.decode(chunk, { stream: true }) : decodeWindows1252(chunk);
    yield* reader.push(text);
  }
  if (options.encoding === 'utf-8') yield* reader.push(utf8.decode());
  yield* reader.finish();
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
          this.field += text.slice(index, end);
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
          this.field += piece;
          this.countLines(piece);
          index = end;
          if (quote !== -1) {
            this.state = 'quote-in-quoted';
            index += 1;
          }
          break;
        }
        case 'quote-in-quoted':
          if (code === QUOTE) {
            this.field += '"';
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

  private endField(): void {
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
    this.field = '';
    this.state = 'field-start';
    const only = fields[0]!;
    if (fields.length === 1 && [...only].every((char) => char.charCodeAt(0) === SUB)) return undefined;
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
