import { describe, expect, it } from 'vitest';
import { decodeWindows1252 } from './windows-1252.ts';

describe('decodeWindows1252', () => {
  it('maps 0x80-0x9F per the Windows-1252 table, not to control characters', () => {
    expect(decodeWindows1252(Uint8Array.of(0x80, 0x93, 0x41, 0x94, 0x96, 0x99, 0x9f))).toBe('€“A”–™Ÿ');
  });

  it('maps every other byte to the code point of the same number', () => {
    expect(decodeWindows1252(Uint8Array.of(0x2d, 0x30, 0x2d, 0x20, 0xe9, 0xfc, 0xa0, 0x1a))).toBe(
      '-0- éü\u00a0\u001a',
    );
  });

  it('agrees with the WHATWG decoder on all 256 bytes', () => {
    const everyByte = Uint8Array.from({ length: 256 }, (_, byte) => byte);
    // Node's decoder is right only in streaming mode (see the JSDoc of decodeWindows1252).
    const reference = new TextDecoder('windows-1252').decode(everyByte, { stream: true });
    expect(decodeWindows1252(everyByte)).toBe(reference);
  });

  it('decodes a view into a larger buffer from its own offset', () => {
    const buffer = Uint8Array.of(0x41, 0x80, 0x42, 0x43);
    expect(decodeWindows1252(buffer.subarray(1, 3))).toBe('€B');
  });
});
