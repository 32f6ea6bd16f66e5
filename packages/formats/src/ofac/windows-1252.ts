/**
 * The characters Windows-1252 gives to bytes 0x80-0x9F (WHATWG encoding standard). Every other byte is the
 * Unicode code point of the same number, as in ISO-8859-1; the five bytes Windows-1252 leaves undefined
 * (0x81, 0x8D, 0x8F, 0x90, 0x9D) also map to their own code points.
 */
const highControlRange =
  '\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f' +
  '\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178';

const c1Controls = /[\u0080-\u009f]/g;

/**
 * Decodes Windows-1252 bytes, the encoding of OFAC's legacy list files (so byte 0x93 is `“`, not a control
 * character). Node 20's `new TextDecoder('windows-1252').decode(bytes)` decodes 0x80-0x9F as ISO-8859-1
 * (it does map them when called with `{ stream: true }`), so this decoder does not rely on it. Each byte is
 * one character, so chunks can be decoded one at a time wherever they were cut.
 */
export function decodeWindows1252(bytes: Uint8Array): string {
  const latin1 = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
  return latin1.replace(c1Controls, (char) => highControlRange[char.charCodeAt(0) - 0x80]!);
}
