/** One CSV field per RFC 4180: quoted when it holds a comma, a quote or a line break; quotes doubled. */
export function csvField(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/**
 * One CSV line (CRLF-terminated, as RFC 4180 has it) from its fields, each written as it is. A file that
 * people open in a spreadsheet is written with {@link formulaSafeCsvLine} instead.
 */
export function csvLine(fields: readonly (string | number | null | undefined)[]): string {
  return `${fields.map(csvField).join(',')}\r\n`;
}

/** The first characters that make a spreadsheet read a cell as a formula (OWASP, CSV injection). */
const formulaStart = /^[=+\-@\t\r]/;
/** A cell that is wholly a plain number, such as `-12` or `+3.5`: a spreadsheet reads it as that number. */
const plainNumber = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)$/;

/**
 * A text cell made safe to open in a spreadsheet, as OWASP's CSV injection guidance has it: text that
 * begins with `=`, `+`, `-`, `@`, a tab or a carriage return gets a single quote before it
 * (`=HYPERLINK(...)` is written `'=HYPERLINK(...)`), so it shows as text and never runs; a cell that is
 * wholly a plain number (`-12.5`) is left as it is. Reading such a file back, a cell that starts with `'`
 * followed by one of those characters had the quote added.
 */
export function formulaSafeCell(text: string): string {
  return formulaStart.test(text) && !plainNumber.test(text) ? `'${text}` : text;
}

/**
 * One CSV line for a file people open in a spreadsheet (every export): `csvLine` with each text field made
 * formula-safe by {@link formulaSafeCell}; numbers are written as they are.
 */
export function formulaSafeCsvLine(fields: readonly (string | number | null | undefined)[]): string {
  return csvLine(fields.map((field) => (typeof field === 'string' ? formulaSafeCell(field) : field)));
}
