import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { XmlElementCounter } from './element-counter.ts';

function count(xml: string, chunkSize: number): number {
  const counter = new XmlElementCounter('sdnEntry');
  const bytes = new TextEncoder().encode(xml);
  for (let start = 0; start < bytes.length; start += chunkSize)
    counter.push(bytes.subarray(start, start + chunkSize));
  return counter.finish();
}

describe('XmlElementCounter', () => {
  it('counts start tags, not end tags or longer names', () => {
    const xml =
      '<sdnList><sdnEntry><uid>1</uid></sdnEntry><sdnEntryX/><sdnEntry id="2"></sdnEntry></sdnList>';
    expect(count(xml, 1000)).toBe(2);
  });

  it('counts the same wherever the chunks split the tags', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 12 }), fc.integer({ min: 1, max: 20 }), (entries, size) => {
        const xml = `<sdnList>${'<sdnEntry><uid>7</uid></sdnEntry>\n'.repeat(entries)}</sdnList>`;
        expect(count(xml, size)).toBe(entries);
      }),
    );
  });

  it('refuses an element name that is not a name', () => {
    expect(() => new XmlElementCounter('a b')).toThrow(/invalid XML element name "a b"/);
  });
});
