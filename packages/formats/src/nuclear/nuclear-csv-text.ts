import { FormatError } from '../format-error.ts';
import { maxNuclearCsvBytes } from '../input-limits.ts';
import { decodeCsvBytes } from '../text/csv-text-decoder.ts';

/**
 * The text of a nuclear series CSV from its bytes, as the parsers take it: at most `maxNuclearCsvBytes`,
 * the encoding detected as for every CSV-family file (UTF-8 with or without a byte order mark, else
 * Windows-1252), and refused when empty (0 bytes, only a byte order mark, only white space).
 */
export function nuclearCsvText(bytes: Uint8Array, file: string): string {
  const { text, decoder } = decodeCsvBytes(bytes, {
    file,
    maxBytes: maxNuclearCsvBytes,
    kind: 'a nuclear series CSV',
  });
  const empty = decoder.emptiness();
  if (empty !== undefined) {
    throw new FormatError(file, 'line 1', `the file ${empty}: expected a header line and one row a line`);
  }
  return text;
}
