/** The HTTP-like status a talks failure maps to. */
export type TalksErrorStatus = 400 | 401 | 403 | 404 | 409 | 422 | 429;

/**
 * A talks operation refused: not signed in (401), not allowed (403), nothing the actor may know of (404), a
 * stale version (409, with the current one), a rule of the talks broken (422), or too many attempts (429).
 * The message is one sentence and never carries another delegation's data.
 */
export class TalksError extends Error {
  override name = 'TalksError';
  constructor(
    readonly status: TalksErrorStatus,
    message: string,
    /** The request field at fault, when one is. */
    readonly field?: string,
    /** For a 409: the version the object is at now. */
    readonly currentVersion?: number,
    /** For a 429: seconds to wait. */
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
  }
}
