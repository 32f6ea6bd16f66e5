import { FormatError } from '../format-error.ts';
import { maxRecordChars, maxValueChars } from '../input-limits.ts';

/** One CSV record: its fields and the 1-based line on which it starts. */
export interface CsvRecord {
  /** Line of the file on which the record starts (a quoted field may run over several lines). */
  readonly line: number;
  readonly fields: readonly string[];
}

const QUOTE = 34;
const COMMA = 44;
const LF = 10;
const CR = 13;

/**
 * Splits RFC 4180 CSV text into records. Fields are separated by commas; a field in double quotes may
 * hold commas, line breaks and doubled quotes (`""` for `"`). Lines end in CRLF or LF; a byte order mark
 * at the start and empty lines are skipped. A quote inside an unquoted field, text after a closing quote,
 * a quote never closed, a field over `maxValueChars` characters or a record over `maxRecordChars` is a
 * `FormatError` naming the line.
 */
export function parseCsvRecords(text: string, file: string): CsvRecord[] {
  const records: CsvRecord[] = [];
  let position = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let line = 1;
  let fields: string[] = [];
  let recordLine = 1;
  let atRecordStart = true;
  let recordChars = 0;

  const endRecord = () => {
    if (!(fields.length === 1 && fields[0] === '')) records.push({ line: recordLine, fields });
    fields = [];
    atRecordStart = true;
    recordChars = 0;
  };
  const checkLength = (value: number, fieldLine: number) => {
    if (value > maxValueChars) {
      throw new FormatError(
        file,
        `line ${fieldLine}, field ${fields.length + 1}`,
        `longer than ${maxValueChars.toLocaleString('en')} characters, the most a field may hold`,
      );
    }
    if (recordChars + value > maxRecordChars) {
      throw new FormatError(
        file,
        `line ${recordLine}`,
        `the record is longer than ${maxRecordChars.toLocaleString('en')} characters, the most accepted`,
      );
    }
  };

  while (position < text.length) {
    if (atRecordStart) {
      recordLine = line;
      atRecordStart = false;
    }
    let value: string;
    if (text.charCodeAt(position) === QUOTE) {
      const openedOn = line;
      let parts = '';
      position += 1;
      for (;;) {
        const next = text.indexOf('"', position);
        if (next === -1) {
          throw new FormatError(
            file,
            `line ${openedOn}`,
            'a quoted field opened here is never closed (a field that starts with " must end with ")',
          );
        }
        const chunk = text.slice(position, next);
        line += countLineBreaks(chunk);
        parts += chunk;
        checkLength(parts.length, openedOn);
        if (text.charCodeAt(next + 1) === QUOTE) {
          parts += '"';
          position = next + 2;
          continue;
        }
        position = next + 1;
        break;
      }
      const after = text.charCodeAt(position);
      if (position < text.length && after !== COMMA && after !== LF && after !== CR) {
        throw new FormatError(
          file,
          `line ${line}`,
          'text after a closing quote: a quoted field must end at a comma or the end of the line (write "" for a quote inside it)',
        );
      }
      value = parts;
    } else {
      let end = position;
      while (end < text.length) {
        const code = text.charCodeAt(end);
        if (code === COMMA || code === LF || code === CR) break;
        if (code === QUOTE) {
          throw new FormatError(
            file,
            `line ${line}`,
            'a quote inside an unquoted field: put the whole field in quotes and double the quote ("")',
          );
        }
        end += 1;
      }
      checkLength(end - position, line);
      value = text.slice(position, end);
      position = end;
    }
    recordChars += value.length + 1;
    fields.push(value);
    const separator = text.charCodeAt(position);
    if (separator === COMMA) {
      position += 1;
      if (position === text.length) fields.push('');
    } else if (separator === CR || separator === LF) {
      position += separator === CR && text.charCodeAt(position + 1) === LF ? 2 : 1;
      line += 1;
      endRecord();
    }
  }
  if (!atRecordStart) endRecord();
  return records;
}

function countLineBreaks(chunk: string): number {
  let count = 0;
  for (let i = 0; i < chunk.length; i++) {
    const code = chunk.charCodeAt(i);
    if (code === LF || (code === CR && chunk.charCodeAt(i + 1) !== LF)) count += 1;
  }
  return count;
}
