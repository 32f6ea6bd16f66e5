import { checkFileSize } from '../file-size-limit.ts';
import { FormatError } from '../format-error.ts';
import { decodeWindows1252 } from '../ofac/windows-1252.ts';
import { Utf8Validator } from './utf8-validator.ts';

/** The encodings a CSV-family file is read in. */
export type CsvEncoding = 'utf-8' | 'windows-1252';

/** How to decode one CSV-family file. */
export interface CsvTextDecoderOptions {
  /** The file as the user named it, for errors. */
  readonly file: string;
  /** The largest file accepted, in bytes. */
  readonly maxBytes: number;
  /** What the limit applies to, for its error, e.g. `a CSV-family list file`. */
  readonly kind: string;
  /** The encoding when the caller knows it; by default it is detected (see {@link CsvTextDecoder}). */
  readonly encoding?: CsvEncoding | undefined;
}

/** Where the decoder is: before the first bytes are known, in ASCII, holding bytes that may be UTF-8, decided. */
type Mode = 'start' | 'ascii' | 'pending' | CsvEncoding;

const byteOrderMark = [0xef, 0xbb, 0xbf] as const;
const CR = 0x0d;
const LF = 0x0a;
const noBytes = new Uint8Array(0);

/**
 * Decodes a CSV-family file (OFAC's legacy .csv and .pip files, the daily change log, the nuclear series)
 * fed in chunks of bytes, detecting its encoding:
 * - a UTF-8 byte order mark: UTF-8, the mark dropped; a byte that is not UTF-8 after it is an error naming
 *   the line;
 * - otherwise, if the whole file is well-formed UTF-8 and holds a byte of 0x80 or above: UTF-8;
 * - otherwise Windows-1252, OFAC's own encoding (ASCII reads the same in both).
 * Text before the first byte of 0x80 or above comes out at once; from there the bytes are held until they
 * stop being well-formed UTF-8 (then Windows-1252 is certain) or the file ends, so a Windows-1252 file
 * streams after its first accented letter and a UTF-8 file is held whole (the file size limit bounds it).
 */
export class CsvTextDecoder {
  private mode: Mode = 'start';
  private held: Uint8Array = noBytes;
  private pending: Uint8Array[] = [];
  private readonly validator = new Utf8Validator();
  private readonly utf8 = new TextDecoder('utf-8', { ignoreBOM: true });
  private bytes = 0;
  private bom = false;
  private content = false;
  private line = 1;
  private afterCR = false;

  constructor(private readonly options: CsvTextDecoderOptions) {}

  /** Feeds the next chunk and returns the text it completes (possibly none yet). */
  push(chunk: Uint8Array): string {
    this.bytes += chunk.length;
    checkFileSize(this.options.file, this.bytes, this.options.maxBytes, this.options.kind);
    if (this.mode !== 'start') return this.seen(this.decode(chunk));
    this.held = concat([this.held, chunk]);
    const prefix = Math.min(this.held.length, byteOrderMark.length);
    const markSoFar = byteOrderMark.slice(0, prefix).every((byte, index) => this.held[index] === byte);
    if (markSoFar && this.held.length < byteOrderMark.length) return '';
    const held = this.held;
    this.held = noBytes;
    if (markSoFar && this.options.encoding !== 'windows-1252') {
      this.bom = true;
      this.mode = 'utf-8';
      return this.seen(this.decode(held.subarray(byteOrderMark.length)));
    }
    this.mode = this.options.encoding ?? 'ascii';
    return this.seen(this.decode(held));
  }

  /** Ends the input and returns the rest of the text. */
  finish(): string {
    let text = '';
    if (this.mode === 'start') {
      const held = this.held;
      this.held = noBytes;
      this.mode = this.options.encoding ?? 'ascii';
      text = this.decode(held);
    }
    if (this.mode === 'pending') {
      const bytes = concat(this.pending);
      this.pending = [];
      if (this.validator.atCharacterBoundary) {
        this.mode = 'utf-8';
        text += this.utf8.decode(bytes);
      } else {
        this.mode = 'windows-1252';
        text += decodeWindows1252(bytes);
      }
    } else if (this.mode === 'utf-8') {
      if (!this.validator.atCharacterBoundary) {
        this.fail('the file ends inside a UTF-8 character: is it truncated?');
      }
      text += this.utf8.decode();
    }
    return this.seen(text);
  }

  /** The encoding the file was read in; `ascii` when it held no byte of 0x80 or above (both agree). */
  get encoding(): CsvEncoding | 'ascii' {
    return this.mode === 'utf-8' || this.mode === 'windows-1252' ? this.mode : 'ascii';
  }

  /**
   * After `finish`, what makes the file empty, e.g. `is empty (0 bytes)`, or undefined when it holds
   * something other than white space (and OFAC's Ctrl-Z end mark).
   */
  emptiness(): string | undefined {
    if (this.bytes === 0) return 'is empty (0 bytes)';
    if (this.bom && this.bytes === byteOrderMark.length) return 'holds only a UTF-8 byte order mark';
    return this.content ? undefined : 'holds only white space';
  }

  private decode(bytes: Uint8Array): string {
    switch (this.mode) {
      case 'windows-1252':
        return decodeWindows1252(bytes);
      case 'utf-8': {
        const invalid = this.validator.push(bytes);
        this.countLines(bytes, invalid === -1 ? bytes.length : invalid);
        if (invalid !== -1) {
          this.fail(
            `bytes that are not UTF-8, though ${this.bom ? 'the file starts with a UTF-8 byte order mark' : 'the file was declared UTF-8'}: save it as UTF-8${this.bom ? ', or as Windows-1252 without the mark' : ''}`,
          );
        }
        return this.utf8.decode(bytes, { stream: true });
      }
      case 'ascii': {
        const high = firstNonAscii(bytes);
        if (high === -1) return latin1(bytes);
        this.mode = 'pending';
        return latin1(bytes.subarray(0, high)) + this.decode(bytes.subarray(high));
      }
      case 'pending': {
        if (this.validator.push(bytes) === -1) {
          this.pending.push(new Uint8Array(bytes)); // a copy: a source may reuse its buffers
          return '';
        }
        this.mode = 'windows-1252';
        const held = concat([...this.pending, bytes]);
        this.pending = [];
        return decodeWindows1252(held);
      }
      case 'start':
        throw new Error('decode before the start of the file was read'); // push and finish leave 'start' first
    }
  }

  /** Counts line breaks (CRLF, CR or LF) in `bytes` up to `end`, so a UTF-8 error can name its line. */
  private countLines(bytes: Uint8Array, end: number): void {
    for (let index = 0; index < end; index += 1) {
      const byte = bytes[index]!;
      if (byte === CR || (byte === LF && !this.afterCR)) this.line += 1;
      this.afterCR = byte === CR;
    }
  }

  private seen(text: string): string {
    if (!this.content && text.replaceAll('\x1a', '').trim() !== '') this.content = true;
    return text;
  }

  private fail(problem: string): never {
    throw new FormatError(this.options.file, `line ${this.line}`, problem);
  }
}

/**
 * Decodes a whole CSV-family file held in memory, detecting its encoding as {@link CsvTextDecoder} does.
 * Returns the text (without a byte order mark) and the decoder, which says the encoding and whether the
 * file was empty.
 */
export function decodeCsvBytes(
  bytes: Uint8Array,
  options: CsvTextDecoderOptions,
): { text: string; decoder: CsvTextDecoder } {
  const decoder = new CsvTextDecoder(options);
  const text = decoder.push(bytes) + decoder.finish();
  return { text, decoder };
}

function firstNonAscii(bytes: Uint8Array): number {
  for (let index = 0; index < bytes.length; index += 1) if (bytes[index]! >= 0x80) return index;
  return -1;
}

function latin1(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
}

function concat(parts: readonly Uint8Array[]): Uint8Array {
  if (parts.length === 1) return parts[0]!;
  return Buffer.concat(parts);
}
