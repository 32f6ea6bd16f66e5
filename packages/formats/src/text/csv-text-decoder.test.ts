import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FormatError } from '../format-error.ts';
import { type CsvEncoding, CsvTextDecoder, decodeCsvBytes } from './csv-text-decoder.ts';

const options = { file: 'list.csv', maxBytes: 1_000_000, kind: 'a test file' };

/** Decodes `bytes` fed in chunks of `size`, returning the text and the detected encoding. */
function decode(bytes: Uint8Array, size = 3, encoding?: CsvEncoding) {
  const decoder = new CsvTextDecoder({ ...options, encoding });
  let text = '';
  for (let start = 0; start < bytes.length; start += size)
    text += decoder.push(bytes.subarray(start, start + size));
  text += decoder.finish();
  return { text, encoding: decoder.encoding, emptiness: decoder.emptiness() };
}

const utf8 = (text: string) => new TextEncoder().encode(text);
const bom = Uint8Array.of(0xef, 0xbb, 0xbf);
const withBom = (bytes: Uint8Array) => Uint8Array.from([...bom, ...bytes]);
/** Windows-1252 bytes of text in its repertoire (the characters used here are all below U+0100). */
const windows1252 = (text: string) => Uint8Array.from(text, (char) => char.charCodeAt(0));

describe('CsvTextDecoder', () => {
  it('reads UTF-8 after a byte order mark, dropping the mark', () => {
    expect(decode(withBom(utf8('36,"MÜLLER, Zoë"\r\n')))).toEqual({
      text: '36,"MÜLLER, Zoë"\r\n',
      encoding: 'utf-8',
      emptiness: undefined,
    });
  });

  it('reads a file that is well-formed UTF-8 with non-ASCII bytes as UTF-8, without a mark', () => {
    expect(decode(utf8('1,"TEHRĀN – ŞAHİN"\r\n2,"ÉCOLE"\r\n'), 2)).toMatchObject({
      text: '1,"TEHRĀN – ŞAHİN"\r\n2,"ÉCOLE"\r\n',
      encoding: 'utf-8',
    });
  });

  it('reads anything else as Windows-1252, including UTF-8-looking bytes before the first that is not', () => {
    // "Ã©" is C3 A9 in Windows-1252, which is also the UTF-8 of "é": the later lone E9 decides.
    const bytes = windows1252('1,"Ã©"\r\n2,"CAFé",\x93x\x94\r\n');
    expect(decode(bytes, 4)).toMatchObject({ text: '1,"Ã©"\r\n2,"CAFé",“x”\r\n', encoding: 'windows-1252' });
  });

  it('gives the same text and encoding wherever the chunks are cut', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'grapheme' }),
        fc.boolean(),
        fc.integer({ min: 1, max: 9 }),
        (text, mark, size) => {
          const bytes = mark ? withBom(utf8(text)) : utf8(text);
          const whole = decode(bytes, bytes.length + 1);
          expect(decode(bytes, size)).toEqual(whole);
        },
      ),
    );
  });

  it('gives back any text written as UTF-8, with or without a byte order mark', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), fc.boolean(), (text, mark) => {
        // Without a mark, a text that starts with U+FEFF is written as one: it is read as the mark.
        fc.pre(mark || !text.startsWith('\ufeff'));
        const bytes = utf8(text);
        expect(decode(mark ? withBom(bytes) : bytes, 5).text).toBe(text);
      }),
    );
  });

  it('gives back any Latin-1 text written as Windows-1252 that is not well-formed UTF-8', () => {
    // Code points 0x20-0x7E and 0xA0-0xFF are the same byte in Windows-1252.
    const latin = fc.string({
      unit: fc
        .oneof(fc.integer({ min: 0x20, max: 0x7e }), fc.integer({ min: 0xa0, max: 0xff }))
        .map((code) => String.fromCharCode(code)),
    });
    fc.assert(
      fc.property(latin, (text) => {
        const bytes = windows1252(text);
        // "ï»¿" are the bytes of a UTF-8 byte order mark, which says the file is UTF-8.
        fc.pre(!text.startsWith('ï»¿') && (!isUtf8(bytes) || bytes.every((byte) => byte < 0x80)));
        expect(decode(bytes, 4).text).toBe(text);
      }),
    );
  });

  it('names the line of a byte that is not UTF-8 after a byte order mark', () => {
    const bytes = withBom(Uint8Array.from([...utf8('1,A\r\n2,B\r\n3,'), 0xe9, ...utf8('\r\n')]));
    expect(() => decode(bytes)).toThrow(
      new FormatError(
        'list.csv',
        'line 3',
        'bytes that are not UTF-8, though the file starts with a UTF-8 byte order mark: save it as UTF-8, or as Windows-1252 without the mark',
      ),
    );
  });

  it('says what makes a file empty: no bytes, only the mark, only white space and Ctrl-Z', () => {
    expect(decode(new Uint8Array(0)).emptiness).toBe('is empty (0 bytes)');
    expect(decode(bom, 1).emptiness).toBe('holds only a UTF-8 byte order mark');
    expect(decode(utf8(' \r\n\t\r\n\x1a')).emptiness).toBe('holds only white space');
    expect(decode(utf8('\r\nx')).emptiness).toBeUndefined();
  });

  it('fails as soon as the file is over its size limit', () => {
    const decoder = new CsvTextDecoder({ ...options, maxBytes: 10 });
    decoder.push(utf8('0123456789'));
    expect(() => decoder.push(utf8('x'))).toThrow(
      'list.csv, file size: over 10 bytes, the most accepted for a test file: is it the right file?',
    );
  });

  it('decodes a whole buffer the same way', () => {
    expect(decodeCsvBytes(withBom(utf8('a,é\n')), options).text).toBe('a,é\n');
  });
});

function isUtf8(bytes: Uint8Array): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}
