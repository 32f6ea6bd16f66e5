import { FormatError } from '../format-error.ts';

const QUOTE = 0x22;
const LF = 0x0a;
const CR = 0x0d;
const SUB = 0x1a; // Ctrl-Z: OFAC's legacy files end with it

/**
 * Counts the records of an RFC 4180 CSV file fed in chunks of bytes, so files of any size are counted in
 * constant memory. Quoted fields may contain commas and line breaks. Blank lines and a final Ctrl-Z
 * (0x1A) end-of-file byte, as in OFAC's legacy lists, are not records.
 */
export class CsvRecordCounter {
  private inQuotes = false;
  private recordHasContent = false;
  private line = 1;
  private quoteOpenedOnLine = 0;
  private records = 0;

  constructor(private readonly file: string) {}

  /** Feeds the next chunk of the file. */
  push(chunk: Uint8Array): void {
    for (const byte of chunk) {
      if (byte === QUOTE) {
        if (!this.inQuotes) this.quoteOpenedOnLine = this.line;
        this.inQuotes = !this.inQuotes;
        this.recordHasContent = true;
      } else if (byte === LF) {
        this.line += 1;
        if (!this.inQuotes) this.endRecord();
      } else if (byte !== CR && byte !== SUB) {
        this.recordHasContent = true;
      }
    }
  }

  /** Ends the input and returns the number of records; fails if a quoted field was never closed. */
  finish(): number {
    if (this.inQuotes) {
      throw new FormatError(
        this.file,
        `line ${this.quoteOpenedOnLine}`,
        'a quoted field opened here is never closed (a field that starts with " must end with ")',
      );
    }
    this.endRecord();
    return this.records;
  }

  private endRecord(): void {
    if (this.recordHasContent) this.records += 1;
    this.recordHasContent = false;
  }
}
