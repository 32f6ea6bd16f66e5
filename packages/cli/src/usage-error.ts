/** A command used wrongly: exits with status 2, after one sentence on stderr. */
export class UsageError extends Error {
  override name = 'UsageError';
}
