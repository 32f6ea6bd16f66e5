/**
 * Splits the Program field of OFAC's legacy files into program tags. Several programs share the one field,
 * separated by `] [` as OFAC prints them in brackets elsewhere: `SDGT] [IRGC] [IFSR` gives
 * `['SDGT', 'IRGC', 'IFSR']`. Tags may hold spaces (`CAATSA - RUSSIA`, `SOUTH SUDAN`). Returns `undefined`
 * when a tag is empty, for the caller to report where.
 */
export function splitOfacPrograms(field: string): string[] | undefined {
  const programs = field.split('] [').map((program) => program.trim());
  return programs.some((program) => program === '') ? undefined : programs;
}
