/** A request that does not fit an operation's input: names the field and what is accepted. */
export class InputError extends Error {
  override name = 'InputError';
  constructor(
    message: string,
    /** The input field at fault, as a dotted path. */
    readonly field: string | undefined,
  ) {
    super(message);
  }
}
