/**
 * Thrown when a conflict model is not one the analysis accepts: an option with an unknown owner, a duplicate id,
 * a condition that does not parse, a ranking that misses or repeats a state, no feasible state. `path` names the
 * field as in our JSON format (`options[2].dm`, `preferences.iran.statements[1]`); the message says what was wrong
 * (for a condition, where in the string) and what is accepted.
 */
export class ConflictInputError extends RangeError {
  override name = 'ConflictInputError';
  constructor(
    /** The field path in the conflict file (`options[2].dm`). */
    readonly path: string,
    /** What was wrong and what is accepted. */
    readonly problem: string,
  ) {
    super(`${path}: ${problem}`);
  }
}
