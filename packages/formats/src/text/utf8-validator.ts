/**
 * Checks that bytes fed in chunks are well-formed UTF-8 as the WHATWG encoding standard defines it (no
 * overlong forms, no surrogates, nothing above U+10FFFF), wherever the chunks were cut. Linear in the
 * input, no allocation: it is how a CSV file's encoding is detected without decoding it twice.
 */
export class Utf8Validator {
  private needed = 0;
  private lower = 0x80;
  private upper = 0xbf;
  private nonAscii = false;

  /**
   * Feeds the next chunk. Returns the index in `bytes` of the first byte that cannot continue well-formed
   * UTF-8, or -1 when every byte can; once a byte is refused the validator must not be fed again.
   */
  push(bytes: Uint8Array): number {
    for (let index = 0; index < bytes.length; index += 1) {
      const byte = bytes[index]!;
      if (this.needed === 0) {
        if (byte < 0x80) continue;
        this.nonAscii = true;
        if (byte >= 0xc2 && byte <= 0xdf) {
          this.needed = 1;
        } else if (byte >= 0xe0 && byte <= 0xef) {
          if (byte === 0xe0) this.lower = 0xa0;
          if (byte === 0xed) this.upper = 0x9f;
          this.needed = 2;
        } else if (byte >= 0xf0 && byte <= 0xf4) {
          if (byte === 0xf0) this.lower = 0x90;
          if (byte === 0xf4) this.upper = 0x8f;
          this.needed = 3;
        } else {
          return index;
        }
        continue;
      }
      if (byte < this.lower || byte > this.upper) return index;
      this.lower = 0x80;
      this.upper = 0xbf;
      this.needed -= 1;
    }
    return -1;
  }

  /** True when the bytes so far end on a character boundary (not inside a multi-byte character). */
  get atCharacterBoundary(): boolean {
    return this.needed === 0;
  }

  /** True once a byte of 0x80 or above has been accepted. */
  get sawNonAscii(): boolean {
    return this.nonAscii;
  }
}
