/**
 * Thrown when a sequencing scenario is not one the model accepts: an unknown id, a cycle among the relations,
 * a negative duration, a red line without a party. `path` names the field as in the scenario file
 * (`measures[3].durationDays`); the message says what was wrong and what is accepted.
 */
export class SequencingInputError extends RangeError {
  override name = 'SequencingInputError';
  constructor(
    /** The field path in the scenario (`measures[3].durationDays`, `relations`). */
    readonly path: string,
    /** What was wrong and what is accepted. */
    readonly problem: string,
  ) {
    super(`${path}: ${problem}`);
  }
}
