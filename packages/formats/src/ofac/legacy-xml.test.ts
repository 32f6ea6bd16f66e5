import { readFileSync } from 'node:fs';
import { type OfacEntry, type OfacIdentifier, parseOfacRemarks } from '@lockstep/core';
import { describe, expect, it } from 'vitest';
import { readLegacyOfacList } from './legacy-list.ts';
import { type OfacXmlItem, readOfacXml } from './legacy-xml.ts';
import { chunked, collect, sanctionsDataRoot, sanctionsFile } from './testing/sanctions-data.ts';

const folder = 'ofac/2018-04-consolidated';

let xmlItems: Promise<OfacXmlItem[]> | undefined;
function consolidatedXml(): Promise<OfacXmlItem[]> {
  const { file, chunks } = sanctionsFile(`${folder}/consolidated.xml`);
  xmlItems ??= collect(readOfacXml(chunks, { file }));
  return xmlItems;
}

async function xmlEntries(): Promise<OfacEntry[]> {
  return (await consolidatedXml()).flatMap((item) => (item.kind === 'entry' ? [item.entry] : []));
}

let csvList: Promise<OfacEntry[]> | undefined;
function consolidatedCsv(): Promise<OfacEntry[]> {
  csvList ??= collect(
    readLegacyOfacList({
      primary: sanctionsFile(`${folder}/cons_prim.csv`),
      aliases: sanctionsFile(`${folder}/cons_alt.csv`),
      addresses: sanctionsFile(`${folder}/cons_add.csv`),
    }),
  );
  return csvList;
}

const sorted = (values: readonly string[]) => [...values].sort();

/**
 * OFAC's legacy CSV prints a double quote inside a value as an apostrophe (no field of the shipped CSV
 * files holds `""`), so `Maker Tower "F"` in the XML is `Maker Tower 'F'` in cons_add.csv.
 */
const asInCsv = (text: string) => text.replaceAll('\\"', "'").replaceAll('"', "'");

describe('readOfacXml on the 2018 Consolidated List (consolidated.xml)', () => {
  it('reads the publication details first: Publish_Date 04/06/2018, 639 records', async () => {
    expect((await consolidatedXml())[0]).toEqual({
      kind: 'publication',
      publishDate: '2018-04-06',
      recordCount: 639,
    });
  });

  it('reads 639 entries with programs, aliases, addresses and ids', async () => {
    const entries = await xmlEntries();
    expect(entries).toHaveLength(639);
    expect(entries[0]).toMatchObject({
      entryNumber: 4632,
      name: 'BANK MARKAZI JOMHOURI ISLAMI IRAN',
      type: 'entity',
      programs: ['IRAN'],
      list: { kind: 'consolidated', subList: 'eo13599' },
      aliases: [
        {
          id: 3553,
          type: 'a.k.a.',
          name: 'CENTRAL BANK OF THE ISLAMIC REPUBLIC OF IRAN',
          strength: 'strong',
        },
        { id: 12046, type: 'a.k.a.', name: 'BANK MARKAZI IRAN', strength: 'strong' },
        { id: 12103, type: 'a.k.a.', name: 'CENTRAL BANK OF IRAN', strength: 'strong' },
      ],
      addresses: [
        { id: 2898, street: 'PO Box 15875/7177, 144 Mirdamad Blvd', locality: 'Tehran', country: 'Iran' },
        { id: 16811, street: '213 Ferdowsi Avenue', locality: 'Tehran 11365', country: 'Iran' },
      ],
    });
    expect(entries[0]!.identifiers![0]).toEqual({
      id: 119121,
      type: 'Additional Sanctions Information -',
      value:
        'Not on the SDN List and Not Subject to Secondary Sanctions; U.S. Persons Must Continue to Block the ' +
        'Property and Interests in Property of this Person Pursuant to Executive Order 13599',
    });
  });

  it('gives the same entry numbers, names, types and programs as the CSV form (program order aside)', async () => {
    const [xml, csv] = await Promise.all([xmlEntries(), consolidatedCsv()]);
    const shape = (entry: OfacEntry) => [
      entry.entryNumber,
      entry.name,
      entry.type,
      sorted(entry.programs),
      entry.list,
    ];
    expect(xml.map(shape)).toEqual(csv.map(shape));
    // OFAC orders programs differently in the two forms, e.g. entry 17527: SYRIA] [FSE-SY in the CSV.
    const reordered = xml.filter((entry, index) => entry.programs.join() !== csv[index]!.programs.join());
    expect(reordered.map((entry) => entry.entryNumber)).toContain(17527);
  });

  it('gives the same aliases: strong ones as in cons_alt.csv, weak ones as in the remarks', async () => {
    const [xml, csv] = await Promise.all([xmlEntries(), consolidatedCsv()]);
    const aliases = (entry: OfacEntry) =>
      sorted(entry.aliases.map((alias) => asInCsv(`${alias.strength} ${alias.type} ${alias.name}`)));
    expect(xml.map(aliases)).toEqual(csv.map(aliases));
    expect(xml.flatMap((entry) => entry.aliases).filter((alias) => alias.strength === 'weak')).toHaveLength(
      46,
    );
    const quoted = xml.flatMap((entry) => entry.aliases).filter((alias) => alias.name.includes('"'));
    expect(quoted.map((alias) => alias.name)).toEqual([
      `OPEN JOINT-STOCK COMPANY "OIL TRUNK PIPELINES 'DRUZHBA'"`,
    ]);
  });

  it('gives the same addresses', async () => {
    const [xml, csv] = await Promise.all([xmlEntries(), consolidatedCsv()]);
    const addresses = (entry: OfacEntry) =>
      entry.addresses.map((address) => asInCsv(JSON.stringify(address)));
    expect(xml.map(addresses)).toEqual(csv.map(addresses));
    expect(xml.flatMap((entry) => entry.addresses)).toHaveLength(711);
    // cons_add.csv has 146 more records, every field -0-: the CSV reader leaves them out.
  });

  it('has the identifiers that parseOfacRemarks reads from the CSV remarks, and no others', async () => {
    const [xml, csv] = await Promise.all([xmlEntries(), consolidatedCsv()]);
    // Entry 17064 (consolidated.xml line 15271): the XML prints the country inside two idNumbers,
    // `33556474 (Russia)`, where the remarks give it as every other id does.
    const countryInNumber = ({ id: _, ...identifier }: OfacIdentifier) => {
      const match = / \(([^()]+)\)$/.exec(identifier.value);
      return match && identifier.country === undefined
        ? { ...identifier, value: identifier.value.slice(0, match.index), country: match[1]! }
        : identifier;
    };
    const fromXml = xml.map((entry) =>
      sorted((entry.identifiers ?? []).map((id) => JSON.stringify(countryInNumber(id)))),
    );
    const fromRemarks = csv.map((entry) =>
      sorted(parseOfacRemarks(entry.remarks).identifiers.map((identifier) => JSON.stringify(identifier))),
    );
    expect(fromRemarks).toEqual(fromXml);
    expect(fromXml.flat()).toHaveLength(2096);
    expect(xml.find((entry) => entry.entryNumber === 17064)!.identifiers).toContainEqual({
      id: 9525,
      type: 'Government Gazette Number',
      value: '33556474 (Russia)',
    });
  });
});

describe('readOfacXml errors', () => {
  const wrap = (entry: string, count = 1) =>
    '<?xml version="1.0"?>\r\n<sdnList xmlns="http://tempuri.org/sdnList.xsd">\r\n' +
    `<publshInformation><Publish_Date>04/06/2018</Publish_Date><Record_Count>${count}</Record_Count></publshInformation>\r\n` +
    `${entry}\r\n</sdnList>`;
  const entry = (uid: string, extra = '') =>
    `<sdnEntry><uid>${uid}</uid><lastName>X</lastName><sdnType>Entity</sdnType>` +
    `<programList><program>IRAN</program></programList>${extra}</sdnEntry>`;
  const read = (xml: string) => collect(readOfacXml(chunked(xml, 13), { file: 'sdn.xml' }));

  it('names the XML path of a non-numeric uid', async () => {
    await expect(read(wrap(entry('1') + entry('12a'), 2))).rejects.toThrow(
      'sdn.xml, sdnList/sdnEntry[2]/uid (line 4): "12a" is not a whole number',
    );
  });

  it('names the path of a bad alias type and of a bad sdnType', async () => {
    const aka =
      '<akaList><aka><uid>1</uid><type>aka</type><category>strong</category><lastName>Y</lastName></aka></akaList>';
    await expect(read(wrap(entry('1', aka)))).rejects.toThrow(
      'sdn.xml, sdnList/sdnEntry[1]/akaList/aka/type (line 4): "aka" is not one of a.k.a., f.k.a., n.k.a.',
    );
    await expect(read(wrap(entry('1').replace('Entity', 'Company')))).rejects.toThrow(
      'sdn.xml, sdnList/sdnEntry[1]/sdnType (line 4): "Company" is not one of Individual, Entity, Vessel, Aircraft',
    );
  });

  it('fails when Record_Count differs from the entries in the file', async () => {
    await expect(read(wrap(entry('1'), 2))).rejects.toThrow(
      'sdn.xml, sdnList/publshInformation[1]/Record_Count (line 3): says 2 entries but the file holds 1',
    );
  });

  it('fails on a Publish_Date not written as MM/DD/YYYY and on another root element', async () => {
    await expect(read(wrap(entry('1')).replace('04/06/2018', '2018-04-06'))).rejects.toThrow(
      'sdn.xml, sdnList/publshInformation[1]/Publish_Date (line 3): "2018-04-06" is not a date as MM/DD/YYYY',
    );
    await expect(read('<list/>')).rejects.toThrow('sdn.xml, list (line 1): the root element must be sdnList');
  });

  it('names a name over the limit with its path', async () => {
    const long = entry('1').replace('<lastName>X</lastName>', `<lastName>${'A'.repeat(1001)}</lastName>`);
    await expect(read(wrap(long))).rejects.toThrow(
      'sdn.xml, sdnList/sdnEntry[1]/lastName (line 4): a name of 1,001 characters',
    );
  });

  it('refuses 200,000 nested elements in an entry with a FormatError, not a stack overflow', async () => {
    const deep = entry('1', `${'<x>'.repeat(200_000)}${'</x>'.repeat(200_000)}`);
    await expect(read(wrap(deep))).rejects.toThrow(
      'sdn.xml, line 4: <x> is nested 65 levels deep; at most 64',
    );
  });
});

describe('a truncated legacy XML list', () => {
  const whole = readFileSync(new URL(`${folder}/consolidated.xml`, sanctionsDataRoot), 'utf8');
  const read = (xml: string) => collect(readOfacXml(chunked(xml, 65_536), { file: 'consolidated.xml' }));
  // The 100th entry starts on line 1676 of the real file.
  const entryStart = whole.indexOf('<sdnEntry>', whole.split('\n').slice(0, 1675).join('\n').length);

  it('is named as truncated, with the entry it ends inside and its line', async () => {
    const afterUid = whole.indexOf('</uid>', entryStart) + '</uid>'.length;
    await expect(read(whole.slice(0, afterUid + 2))).rejects.toThrow(
      'the file ends before </sdnEntry> (open elements: sdnList/sdnEntry), inside <sdnEntry> opened at line 1676: is it truncated?',
    );
  });

  it('is named as truncated when it ends in the middle of a text or a tag', async () => {
    const inName = whole.indexOf('<lastName>', entryStart) + '<lastName>'.length + 3;
    await expect(read(whole.slice(0, inName))).rejects.toThrow(
      /consolidated\.xml, line 1679: the file ends before <\/lastName> \(open elements: sdnList\/sdnEntry\/lastName\), inside <lastName> opened at line 1679: is it truncated\?/,
    );
    const inTag = whole.indexOf('<sdnType>', entryStart) + 4;
    await expect(read(whole.slice(0, inTag))).rejects.toThrow(
      'inside <sdnEntry> opened at line 1676 and inside a tag: is it truncated?',
    );
  });
});
