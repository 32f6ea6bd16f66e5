/**
 * An error in an input file. Its message names the file, the place in it (line or field path) and what
 * was wrong, so a user can go straight to the problem.
 */
export class FormatError extends Error {
  override name = 'FormatError';
  constructor(
    /** The file as the user named it. */
    readonly file: string,
    /** Where in the file: `line 12`, `datasets[3].date`... */
    readonly where: string,
    /** What was wrong and what is accepted. */
    readonly problem: string,
  ) {
    super(`${file}, ${where}: ${problem}`);
  }
}
