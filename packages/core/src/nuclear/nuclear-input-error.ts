/**
 * Thrown when an input to the nuclear model is outside what the physics or the model accepts: an assay
 * outside (0, 100) %, tails not below the feed, a negative or non-finite mass, an unknown machine type.
 * `parameter` names the input as the caller passed it; the message says what was wrong and what is accepted.
 */
export class NuclearInputError extends RangeError {
  override name = 'NuclearInputError';
  constructor(
    /** The input that was wrong, as the caller named it (`tailsAssay`, `stocks[2].kgU`, `machineType`). */
    readonly parameter: string,
    /** What was wrong and what is accepted. */
    readonly problem: string,
  ) {
    super(`${parameter}: ${problem}`);
  }
}
