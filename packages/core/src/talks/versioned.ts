import { TalksRuleError } from './talks-rule-error.ts';

/** A write made against a stale copy: `current` is the version the writer must reload and build on. */
export class VersionConflict extends TalksRuleError {
  override name = 'VersionConflict';
  constructor(
    /** The version the writer last read. */
    readonly expected: number,
    /** The object's version now. */
    readonly current: number,
    /** The object written (`document d-1`, `clause sl-3`). */
    readonly target: string,
  ) {
    super(
      'version-conflict',
      'expectedVersion',
      `${target} is at version ${current}, not ${expected}: reload it and apply the change again`,
    );
  }
}

/**
 * Optimistic concurrency: every editable object carries a `version` (1 when created, +1 per write), and a write
 * names the version it was based on. A stale write gets a `VersionConflict` carrying the current version.
 */
export function checkVersion(
  expected: number,
  current: number,
  target: string,
): { readonly ok: true } | { readonly ok: false; readonly error: VersionConflict } {
  return expected === current
    ? { ok: true }
    : { ok: false, error: new VersionConflict(expected, current, target) };
}
