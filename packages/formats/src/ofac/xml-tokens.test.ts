import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { maxValueChars, maxXmlAttributeChars, maxXmlDepth, maxXmlMarkupChars } from '../input-limits.ts';
import { chunked, collect, endlessSource } from './testing/sanctions-data.ts';
import { collectXmlElements } from './xml-elements.ts';
import { readXmlTokens } from './xml-tokens.ts';

function tokens(xml: string | Uint8Array, size = 3) {
  return collect(readXmlTokens(chunked(xml, size), 'test.xml'));
}

describe('readXmlTokens', () => {
  it('reads tags, attributes, entities, CDATA; skips the declaration, comments and namespace declarations', async () => {
    const xml =
      '<?xml version="1.0"?>\r\n<!-- list -->\r\n<ns:list xmlns:ns="urn:x" a="1 &amp; 2" b=\'>\'>' +
      '<item id="7">A &lt;B&gt; &#233;&#xE9;</item><empty/><![CDATA[<raw> & ]]></ns:list>';
    expect(await tokens(xml)).toEqual([
      { kind: 'start', name: 'list', attributes: { a: '1 & 2', b: '>' }, selfClosing: false, line: 3 },
      { kind: 'start', name: 'item', attributes: { id: '7' }, selfClosing: false, line: 3 },
      { kind: 'text', text: 'A <B> éé', line: 3 },
      { kind: 'end', name: 'item', line: 3 },
      { kind: 'start', name: 'empty', attributes: {}, selfClosing: true, line: 3 },
      { kind: 'text', text: '<raw> & ', line: 3 },
      { kind: 'end', name: 'list', line: 3 },
    ]);
  });

  it('decodes UTF-8 characters split across chunks, and Windows-1252 when declared', async () => {
    expect((await tokens('<a>Zürich – ok</a>', 1))[1]).toMatchObject({ text: 'Zürich – ok' });
    const declared = Uint8Array.from('<?xml version="1.0" encoding="windows-1252"?><a>\x93x\x94</a>', (c) =>
      c.charCodeAt(0),
    );
    expect((await tokens(declared))[1]).toMatchObject({ text: '“x”' });
  });

  it('names the line of a mismatched end tag with the open elements', async () => {
    await expect(tokens('<sdnList>\n<sdnEntry>\n<uid>1</lastName>')).rejects.toThrow(
      'test.xml, line 3: </lastName> where </uid> was expected (open elements: sdnList/sdnEntry/uid)',
    );
  });

  it('fails on an unknown entity, a bare ampersand and a file that ends inside an element', async () => {
    await expect(tokens('<a>&nbsp;</a>')).rejects.toThrow('test.xml, line 1: unknown entity &nbsp;');
    await expect(tokens('<a>A & B</a>')).rejects.toThrow('test.xml, line 1: "&" is not a complete entity');
    await expect(tokens('<sdnList>\n<sdnEntry>')).rejects.toThrow(
      'test.xml, line 2: the file ends before </sdnEntry> (open elements: sdnList/sdnEntry)',
    );
    await expect(tokens('')).rejects.toThrow('no root element');
  });

  it('gives the same tokens whatever the chunk boundaries', async () => {
    const xml =
      '<?xml version="1.0" standalone="yes"?>\r\n<sdnList xmlns="http://tempuri.org/sdnList.xsd">\r\n' +
      '  <!-- a > b --><sdnEntry><uid>4632</uid><lastName>BANK &amp; CO</lastName><x a="&quot;>"/>' +
      '<![CDATA[x]]></sdnEntry>\r\n</sdnList>';
    const whole = await tokens(xml, xml.length);
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 40 }), async (size) => {
        expect(await tokens(xml, size)).toEqual(whole);
      }),
    );
  });
});

describe('readXmlTokens limits', () => {
  it('stops at a text run over the value limit, having read about the limit and not the 200 MB that follow', async () => {
    for (const [start, what] of [
      ['<sdnList><remarks>', 'the text of <remarks> (opened at line 1)'],
      [
        '<sdnList><remarks><![CDATA[',
        `"<![CDATA[${'x'.repeat(11)}"... runs over 65,548 characters without closing, the most a CDATA section may hold`,
      ],
      ['<sdnList><!--', `"<!--${'x'.repeat(16)}"... runs over 65,536 characters without closing`],
      ['<sdnList><remarks a="', `"<remarks a=\\"${'x'.repeat(8)}"... runs over 65,536 characters`],
    ] as const) {
      const source = endlessSource(start, 'x');
      const error = await collect(readXmlTokens(source.chunks, 'sdn.xml')).catch((e: Error) => e);
      expect(error).toBeInstanceOf(Error);
      expect((error as Error).message).toContain(`sdn.xml, line 1: ${what}`);
      expect(source.bytesRead()).toBeLessThan(4 * maxValueChars);
    }
  });

  it('refuses a NUL character in text or markup, naming its line', async () => {
    await expect(tokens('<a>\nx\0</a>')).rejects.toThrow('test.xml, line 2: a NUL character (byte 0x00)');
    await expect(tokens('<a>\n<b c="\0"/></a>')).rejects.toThrow('test.xml, line 2: a NUL character');
    await expect(tokens('<a>&#0;</a>')).rejects.toThrow('&#0; is not a Unicode character XML allows');
  });

  it('counts an element’s text across CDATA and comments against the limit', async () => {
    const half = 'x'.repeat(maxValueChars / 2 + 1);
    await expect(tokens(`<a>${half}<!-- -->${half}</a>`, 4096)).rejects.toThrow(
      `test.xml, line 1: the text of <a> (opened at line 1) is longer than ${maxValueChars.toLocaleString('en')} characters`,
    );
    await expect(tokens(`<a><![CDATA[${half}]]>${half}</a>`, 4096)).rejects.toThrow('the text of <a>');
  });

  it('refuses an attribute value and a tag over their limits', async () => {
    await expect(tokens(`<a b="${'x'.repeat(maxXmlAttributeChars + 1)}"/>`, 4096)).rejects.toThrow(
      `test.xml, line 1: the attribute b of <a> is 4,097 characters long; at most ${maxXmlAttributeChars.toLocaleString('en')} are accepted`,
    );
    const attributes = Array.from({ length: maxXmlMarkupChars / 8 }, (_, i) => ` a${i}="1"`).join('');
    await expect(tokens(`<a${attributes}/>`, 4096)).rejects.toThrow(
      'the most a tag, comment or processing instruction may hold: is a ">" missing?',
    );
  });

  it(`accepts ${maxXmlDepth} levels of nesting and refuses 200,000 with a FormatError, not a stack overflow`, async () => {
    const nested = (depth: number) => '<a>'.repeat(depth) + '</a>'.repeat(depth);
    const elements = await collect(
      collectXmlElements(
        readXmlTokens(chunked(nested(maxXmlDepth), 64), 'test.xml'),
        (names) => names.length === 1,
      ),
    );
    let deepest = elements[0]!;
    while (deepest.children[0]) deepest = deepest.children[0];
    expect(deepest.path.split('/')).toHaveLength(maxXmlDepth);
    await expect(
      collect(
        collectXmlElements(
          readXmlTokens(chunked(nested(200_000), 65_536), 'test.xml'),
          (names) => names.length === 1,
        ),
      ),
    ).rejects.toThrow(`test.xml, line 1: <a> is nested 65 levels deep; at most ${maxXmlDepth} are accepted`);
  });

  it('takes time linear in the file, however long its pieces and small its chunks', async () => {
    // 1 MiB of tags of 2 KB or of 60 KB (near the markup limit), fed 64 bytes at a time. Scanning a cut
    // tag again from its start at every chunk made the long tags about ten times slower.
    const tag = (length: number) => {
      let text = '<r';
      for (let i = 0; text.length < length - 40; i += 1) text += ` a${i}="${'v'.repeat(200)}"`;
      return `${text}/>`;
    };
    const time = async (tagLength: number) => {
      const piece = tag(tagLength);
      const xml = `<list>${piece.repeat(Math.round((1024 * 1024) / piece.length))}</list>`;
      const bytes = new TextEncoder().encode(xml);
      let fastest = Number.POSITIVE_INFINITY;
      for (let run = 0; run < 3; run += 1) {
        const started = performance.now();
        for await (const _token of readXmlTokens(chunked(bytes, 64), 'test.xml'));
        fastest = Math.min(fastest, performance.now() - started);
      }
      return fastest;
    };
    const short = await time(2_000);
    const long = await time(60_000);
    // Measured: about a third here, ten times when a cut tag was scanned again at every chunk.
    expect(long).toBeLessThan(3 * short + 50);
  });
});

describe('collectXmlElements', () => {
  it('yields the selected elements as trees with their paths', async () => {
    const xml =
      '<sdnList><publshInformation><Record_Count>2</Record_Count></publshInformation>' +
      '<sdnEntry><uid>1</uid><akaList><aka><uid>5</uid></aka><aka><uid>6</uid></aka></akaList></sdnEntry>' +
      '<sdnEntry><uid>2</uid></sdnEntry></sdnList>';
    const elements = await collect(
      collectXmlElements(readXmlTokens(chunked(xml, 4), 'test.xml'), (names) => names[1] === 'sdnEntry'),
    );
    expect(elements.map((element) => element.path)).toEqual(['sdnList/sdnEntry[1]', 'sdnList/sdnEntry[2]']);
    const akas = elements[0]!.children[1]!.children;
    expect(akas.map((aka) => [aka.path, aka.children[0]!.path, aka.children[0]!.text])).toEqual([
      ['sdnList/sdnEntry[1]/akaList/aka[1]', 'sdnList/sdnEntry[1]/akaList/aka[1]/uid', '5'],
      ['sdnList/sdnEntry[1]/akaList/aka[2]', 'sdnList/sdnEntry[1]/akaList/aka[2]/uid', '6'],
    ]);
  });
});
