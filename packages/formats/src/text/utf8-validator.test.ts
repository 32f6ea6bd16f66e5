import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Utf8Validator } from './utf8-validator.ts';

/** The index of the first refused byte over all chunks, or -1; and whether the input ended on a boundary. */
function validate(bytes: Uint8Array, size: number): { invalidAt: number; complete: boolean } {
  const validator = new Utf8Validator();
  for (let start = 0; start < bytes.length; start += size) {
    const at = validator.push(bytes.subarray(start, start + size));
    if (at !== -1) return { invalidAt: start + at, complete: false };
  }
  return { invalidAt: -1, complete: validator.atCharacterBoundary };
}

function wellFormed(bytes: Uint8Array): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

describe('Utf8Validator', () => {
  it('accepts the UTF-8 of any text, wherever the chunks are cut', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), fc.integer({ min: 1, max: 7 }), (text, size) => {
        expect(validate(new TextEncoder().encode(text), size)).toEqual({ invalidAt: -1, complete: true });
      }),
    );
  });

  it('agrees with the WHATWG decoder on any bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 40 }), fc.integer({ min: 1, max: 5 }), (bytes, size) => {
        const { invalidAt, complete } = validate(bytes, size);
        expect(invalidAt === -1 && complete).toBe(wellFormed(bytes));
      }),
    );
  });

  it('refuses overlong forms, surrogates and code points above U+10FFFF at their first wrong byte', () => {
    expect(validate(Uint8Array.of(0x41, 0xc0, 0x80), 9).invalidAt).toBe(1);
    expect(validate(Uint8Array.of(0xe0, 0x80, 0x80), 9).invalidAt).toBe(1);
    expect(validate(Uint8Array.of(0xed, 0xa0, 0x80), 9).invalidAt).toBe(1);
    expect(validate(Uint8Array.of(0xf4, 0x90, 0x80, 0x80), 9).invalidAt).toBe(1);
    expect(validate(Uint8Array.of(0x58, 0xe9, 0x58), 1).invalidAt).toBe(2);
    expect(validate(Uint8Array.of(0xc3), 1)).toEqual({ invalidAt: -1, complete: false });
  });
});
