/**
 * What went wrong with a talks operation, as a stable code the server maps to a status:
 * `version-conflict` → 409, `not-found` → 404, `forbidden` → 403, every other code → 422.
 */
export type TalksRuleCode =
  | 'invalid-actor'
  | 'invalid-input'
  | 'unknown-delegation'
  | 'no-direct-channel'
  | 'no-us-iran-channel'
  | 'not-found'
  | 'forbidden'
  | 'not-sent'
  | 'already-sent'
  | 'clause-closed'
  | 'invalid-transition'
  | 'ambiguous-agreement'
  | 'round-already-open'
  | 'no-open-round'
  | 'round-not-closed'
  | 'version-conflict';

/** A rule of the talks broken by an operation: `field` names the input at fault, the message says why. */
export class TalksRuleError extends Error {
  override name = 'TalksRuleError';
  constructor(
    readonly code: TalksRuleCode,
    /** The input at fault (`recipients[1]`, `expectedVersion`, `clauseId`). */
    readonly field: string,
    /** What was wrong and what is accepted. */
    readonly problem: string,
  ) {
    super(`${field}: ${problem}`);
  }
}

/** The outcome of a talks operation: the new value, or the rule it broke. */
export type TalksResult<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly error: TalksRuleError };

/** A successful outcome. */
export function talksSuccess<T>(value: T): TalksResult<T> {
  return { ok: true, value };
}

/** A failed outcome: `code` at `field`, with `problem` saying why. */
export function talksFailure<T>(code: TalksRuleCode, field: string, problem: string): TalksResult<T> {
  return { ok: false, error: new TalksRuleError(code, field, problem) };
}
