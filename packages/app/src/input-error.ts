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

/** What a request names does not exist, or is not the caller's to see: answered 404 with this message. */
export class NotFoundError extends Error {
  override name = 'NotFoundError';
}
