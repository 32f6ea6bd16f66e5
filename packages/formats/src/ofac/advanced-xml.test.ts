import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { type OfacAdvancedItem, readOfacAdvancedXml } from './advanced-xml.ts';
import { chunked, collect } from './testing/sanctions-data.ts';

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
