import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { type OfacAdvancedItem, readOfacAdvancedXml } from './advanced-xml.ts';
import { chunked, collect, sanctionsFile } from './testing/sanctions-data.ts';
import { childNamed, childrenNamed, childText, collectXmlElements } from './xml-elements.ts';
import { readXmlTokens } from './xml-tokens.ts';

const fixture = new URL('./fixtures/sdn-advanced-sample.xml', import.meta.url);
const fixtureText = readFile(fixture, 'utf8');

async function read(text: string, size = 97): Promise<OfacAdvancedItem[]> {
  return collect(readOfacAdvancedXml(chunked(text, size), 'sdn_advanced.xml'));
}

async function entries() {
  return (await read(await fixtureText)).flatMap((item) => (item.kind === 'entry' ? [item.entry] : []));
}

describe('readOfacAdvancedXml on a file written to the advanced schema', () => {
  it('reads the date of issue first, then one entry per sanctions entry', async () => {
    const items = await read(await fixtureText);
    expect(items[0]).toEqual({ kind: 'publication', issueDate: '2024-05-03' });
    expect(items.slice(1).map((item) => item.kind === 'entry' && item.entry.entryNumber)).toEqual([
      90001, 90002, 90003, 90004,
    ]);
  });

  it('reads an individual: name parts, weak alias, title, passport with dates, address, designation date', async () => {
    expect((await entries())[0]).toEqual({
      entryNumber: 90001,
      name: 'SAMPLEMAN, Jalil Example',
      type: 'individual',
      programs: ['NPWMD', 'IFSR'],
      list: { kind: 'sdn' },
      title: 'Director, Example Procurement Company',
      aliases: [{ type: 'a.k.a.', name: 'ABU SAMPLE', strength: 'weak' }],
      addresses: [
        {
          id: 70001,
          street: 'No. 12 Sample Alley, Example Street',
          locality: 'Tehran 1234567890',
          country: 'Iran',
        },
      ],
      identifiers: [
        {
          id: 80001,
          type: 'Passport',
          value: 'X0000001',
          country: 'Iran',
          issueDate: '05 Feb 2012',
          expirationDate: '04 Feb 2022',
        },
      ],
      designationDate: '2019-03-26',
      legalBases: ['Executive Order 13382 (WMD)'],
    });
  });

  it('reads an entity: strong a.k.a. and f.k.a., looked-up and text features as identifiers, two legal bases', async () => {
    const entity = (await entries())[1]!;
    expect(entity).toMatchObject({
      name: 'EXAMPLE PROCUREMENT COMPANY',
      type: 'entity',
      remarks: 'Linked To: SAMPLE HOLDING.',
      aliases: [
        { type: 'a.k.a.', name: 'EPC', strength: 'strong' },
        { type: 'f.k.a.', name: 'OLD EXAMPLE TRADING & CO.', strength: 'strong' },
      ],
      identifiers: [
        { id: 63004, type: 'Additional Sanctions Information -', value: 'Subject to Secondary Sanctions' },
        { id: 63005, type: 'Website', value: 'www.example-procurement.invalid' },
      ],
      designationDate: '2018-11-05',
      legalBases: ['Executive Order 13382 (WMD)', '31 CFR 561 (Iranian Financial Sanctions Regulations)'],
    });
    expect(entity.addresses.map((address) => address.locality)).toEqual(['Tehran 1234567890', 'Dubai']);
  });

  it('reads a vessel with its features and IMO number, designated on a date known to the month', async () => {
    expect((await entries())[2]).toMatchObject({
      name: 'SAMPLE STAR',
      type: 'vessel',
      callSign: '9BXX9',
      vesselType: 'Crude Oil Tanker',
      tonnage: '150,000',
      grossRegisteredTonnage: '80,000',
      vesselFlag: 'Iran',
      vesselOwner: 'EXAMPLE PROCUREMENT COMPANY',
      identifiers: [{ id: 80003, type: 'Vessel Registration Identification', value: 'IMO 1234567' }],
      designationDate: '2012-07',
    });
  });

  it('reads an aircraft without an entry event: no designation date', async () => {
    const aircraft = (await entries())[3]!;
    expect(aircraft).toMatchObject({ name: 'EP-XMP', type: 'aircraft', programs: ['IRAN-EO13846'] });
    expect(aircraft.designationDate).toBeUndefined();
  });

  it('gives the same items whatever the chunk size', async () => {
    const text = await fixtureText;
    expect(await read(text, 7)).toEqual(await read(text, text.length));
  });
});

describe('readOfacAdvancedXml errors', () => {
  it('names the path of a sanctions entry whose profile is not in the file', async () => {
    const text = (await fixtureText).replace('ProfileID="90003"', 'ProfileID="99999"');
    await expect(read(text)).rejects.toThrow(
      /sdn_advanced\.xml, Sanctions\/SanctionsEntries\[1\]\/SanctionsEntry\[3\]\/@ProfileID \(line \d+\): 99999 is not the ID of a Profile/,
    );
  });

  it('names the attribute whose ID is not in the reference value sets', async () => {
    const text = (await fixtureText).replace('AliasTypeID="1401"', 'AliasTypeID="1499"');
    await expect(read(text)).rejects.toThrow(
      /DistinctParty\[2\]\/Profile\/Identity\/Alias\[3\]\/@AliasTypeID \(line \d+\): 1499 is not an ID in ReferenceValueSets\/AliasTypeValues/,
    );
  });

  it('names the date that is not a date', async () => {
    const text = (await fixtureText).replace('<Month>3</Month>', '<Month>13</Month>');
    await expect(read(text)).rejects.toThrow(
      /SanctionsEntry\[1\]\/EntryEvent\/Date \(line \d+\): "2019-13-26" is not a date/,
    );
  });

  it('names a composed name over the name limit with its path', async () => {
    const text = (await fixtureText).replace('>SAMPLEMAN<', `>${'S'.repeat(1001)}<`);
    await expect(read(text, 4096)).rejects.toThrow(
      'sdn_advanced.xml, Sanctions/DistinctParties[1]/DistinctParty[1]/Profile/Identity/Alias[1]/DocumentedName[1] (line 172): a name of 1,016 characters',
    );
  });

  it('names a file cut in the middle as truncated, with the element it ends inside', async () => {
    const text = await fixtureText;
    const cut = text.slice(0, text.indexOf('<SanctionsEntry ') + 40);
    await expect(read(cut)).rejects.toThrow(
      /sdn_advanced\.xml, line \d+: the file ends before <\/SanctionsEntries> .* inside a tag: is it truncated\?/,
    );
  });
});

/** OFAC's real consolidated non-SDN list of 2020-03-17 in the advanced schema (older namespace). */
const realFile = 'ofac/2020-03-17-consolidated-advanced/cons_advanced.xml';
const realItems = collect(readOfacAdvancedXml(sanctionsFile(realFile).chunks, realFile));

async function realEntries() {
  return (await realItems).flatMap((item) => (item.kind === 'entry' ? [item.entry] : []));
}

describe('readOfacAdvancedXml on the real cons_advanced.xml of 2020-03-17', () => {
  it('reads its date of issue and one entry per party: 375 parties from 759 sanctions entries', async () => {
    const items = await realItems;
    expect(items[0]).toEqual({ kind: 'publication', issueDate: '2020-03-17' });
    const entries = await realEntries();
    expect(entries).toHaveLength(375);
    expect(new Set(entries.map((entry) => entry.entryNumber)).size).toBe(375);
    // Every party has its umbrella Consolidated List entry and its own list's; nine also an SDN List one.
    expect(entries.reduce((sum, entry) => sum + (entry.listings?.length ?? 1), 0)).toBe(759);
    expect(entries.filter((entry) => entry.listings?.some((l) => l.list === 'SDN List'))).toHaveLength(9);
    const byList = new Map<string, number>();
    for (const { list } of entries) {
      const name = list.kind === 'sdn' ? 'sdn' : (list.subList ?? 'consolidated');
      byList.set(name, (byList.get(name) ?? 0) + 1);
    }
    expect(Object.fromEntries(byList)).toEqual({ ssi: 290, 'ns-plc': 78, fse: 6, 'part-561': 1 });
  });

  it('holds 783 dated EntryEvents from 2006-04-12 to 2020-03-12, and every party gets a designation date in that span', async () => {
    const events: string[] = [];
    const elements = collectXmlElements(
      readXmlTokens(sanctionsFile(realFile).chunks, realFile),
      (names) => names.length === 3 && names[2] === 'SanctionsEntry',
    );
    for await (const sanctionsEntry of elements) {
      for (const event of childrenNamed(sanctionsEntry, 'EntryEvent')) {
        const date = childNamed(event, 'Date');
        if (!date) continue;
        const [year, month, day] = ['Year', 'Month', 'Day'].map((name) => childText(date, name) ?? '?');
        events.push(`${year}-${month?.padStart(2, '0')}-${day?.padStart(2, '0')}`);
      }
    }
    expect(events).toHaveLength(783);
    events.sort();
    expect([events[0], events.at(-1)]).toEqual(['2006-04-12', '2020-03-12']);
    const dates = (await realEntries()).map((entry) => entry.designationDate);
    expect(dates.every((date) => date !== undefined && date >= '2006-04-12' && date <= '2020-03-12')).toBe(
      true,
    );
  });

  it('dates an NS-PLC party by its own list (2006-04-12), not the umbrella Consolidated List (2014-10-10)', async () => {
    const haniya = (await realEntries()).find((entry) => entry.entryNumber === 9639);
    expect(haniya).toEqual({
      entryNumber: 9639,
      name: 'HANIYA, Ismail Abdul Salah',
      type: 'individual',
      aliases: [
        { type: 'a.k.a.', name: 'HANIYA, Ismail', strength: 'strong' },
        { type: 'a.k.a.', name: 'HANIYYA, Ismaeel', strength: 'strong' },
      ],
      addresses: [{ id: 12812, country: 'undetermined' }],
      identifiers: [],
      programs: ['NS-PLC'],
      list: { kind: 'consolidated', subList: 'ns-plc' },
      designationDate: '2006-04-12',
      legalBases: ['General License 4 Under EO 13224 (Terrorism)'],
      listings: [
        { list: 'Consolidated List', date: '2014-10-10' },
        { list: 'Non-SDN Palestinian Legislative Council List', date: '2006-04-12' },
      ],
    });
  });

  it('reads Rosneft Trading: SSI since 2015-07-30, on the SDN List since 2020-02-18 (Venezuela)', async () => {
    const rosneft = (await realEntries()).find((entry) => entry.entryNumber === 18299);
    expect(rosneft).toMatchObject({
      name: 'ROSNEFT TRADING S.A.',
      type: 'entity',
      programs: ['UKRAINE-EO13662', 'VENEZUELA-EO13850'],
      list: { kind: 'consolidated', subList: 'ssi' },
      designationDate: '2015-07-30',
      legalBases: ['Executive Order 13662 (Ukraine)', 'Executive Order 13850 (Venezuela)'],
      listings: [
        { list: 'Consolidated List', date: '2015-07-30' },
        { list: 'SDN List', date: '2020-02-18' },
        { list: 'Sectoral Sanctions Identifications List', date: '2015-07-30' },
      ],
      addresses: [
        { id: 27696, street: 'Rue Place du Lac 2, 1204', locality: 'Geneva', country: 'Switzerland' },
      ],
    });
    expect(rosneft?.identifiers).toContainEqual({
      id: 18874,
      type: 'Tax ID No.',
      value: 'CHE-309.842.573',
      country: 'Switzerland',
    });
    expect(rosneft?.identifiers).toContainEqual({
      id: 17641,
      type: 'Executive Order 13662 Directive Determination -',
      value: 'Subject to Directive 4',
    });
  });

  it('reads the CAPTA List as the Part 561 list, and an FSE-IR individual of 2019', async () => {
    const entries = await realEntries();
    // The CAPTA List succeeded the Part 561 List in 2018; its entry is dated 2019-03-14, the date of that
    // listing (the bank was on the 561 list before: the 2018 cons_prim.csv has it as 561List).
    expect(entries.find((entry) => entry.entryNumber === 15268)).toMatchObject({
      name: 'BANK OF KUNLUN CO LTD',
      programs: ['561-Related'],
      list: { kind: 'consolidated', subList: 'part-561' },
      designationDate: '2019-03-14',
      legalBases: ['CISADA'],
      aliases: [
        { type: 'f.k.a.', name: 'KARAMAY URBAN CREDIT COOPERATIVES', strength: 'strong' },
        { type: 'f.k.a.', name: 'KARAMAY CITY COMMERCIAL BANK CO LTD.', strength: 'strong' },
      ],
    });
    expect(entries.find((entry) => entry.entryNumber === 26182)).toMatchObject({
      name: 'KAYAKIRAN, Evren',
      type: 'individual',
      programs: ['FSE-IR'],
      list: { kind: 'consolidated', subList: 'fse' },
      designationDate: '2019-02-07',
      addresses: [{ id: 39691, country: 'Turkey' }],
      identifiers: [{ id: 16873, type: 'Passport', value: 'U00242309', country: 'Turkey' }],
    });
  });
});
