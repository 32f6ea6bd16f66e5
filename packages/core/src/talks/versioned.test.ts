import { describe, expect, it } from 'vitest';
import { checkVersion, VersionConflict } from './versioned.ts';

describe('checkVersion', () => {
  it('accepts a write based on the current version', () => {
    expect(checkVersion(4, 4, 'clause "sl-1"')).toEqual({ ok: true });
  });

  it('answers a stale write with a conflict carrying the current version', () => {
    const result = checkVersion(3, 5, 'clause "sl-1"');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error).toBeInstanceOf(VersionConflict);
    expect(result.error.code).toBe('version-conflict');
    expect(result.error.current).toBe(5);
    expect(result.error.message).toBe(
      'expectedVersion: clause "sl-1" is at version 5, not 3: reload it and apply the change again',
    );
  });
});
