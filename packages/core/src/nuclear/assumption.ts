/**
 * One assumption a result rests on, named so a user can see and challenge it: every nuclear output lists
 * the assumptions it used, with the value, its unit and where it comes from or why it was chosen.
 */
export interface Assumption {
  /** What is assumed, in words (`tails assay`, `IR-6 separative capacity`). */
  readonly name: string;
  /** The value used: a number in `unit`, or a word for a choice (`highest assay first`). */
  readonly value: number | string;
  /** The unit of `value` (`% U-235`, `SWU/yr per machine`, `months`), or `-` for a choice. */
  readonly unit: string;
  /** The source, or the reason for the choice. */
  readonly basis: string;
}
