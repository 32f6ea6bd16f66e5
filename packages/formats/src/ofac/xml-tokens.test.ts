import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { chunked, collect } from './testing/sanctions-data.ts';
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
