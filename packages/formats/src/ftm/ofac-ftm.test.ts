import { readFile } from 'node:fs/promises';
import type { FtmEntity, OfacAlias, OfacEntry, OfacIdentifier } from '@lockstep/core';
import { consolidatedSubLists, partialDate } from '@lockstep/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readOfacAdvancedXml } from '../ofac/advanced-xml.ts';
import { readLegacyOfacList } from '../ofac/legacy-list.ts';
import { readOfacXml } from '../ofac/legacy-xml.ts';
import { chunked, collect, sanctionsFile } from '../ofac/testing/sanctions-data.ts';
import { readFtmJsonLines } from './ftm-json-lines.ts';
import { ofacEntriesFromFtm } from './ftm-to-ofac.ts';
import { ftmEntitiesOfOfacEntry, writeOfacEntriesAsFtm } from './ofac-to-ftm.ts';

/** Writes entries as FTM JSON lines and reads them back. */
async function roundTrip(entries: readonly OfacEntry[]): Promise<OfacEntry[]> {
  const text = (await collect(writeOfacEntriesAsFtm(entries))).join('');
  return ofacEntriesFromFtm(readFtmJsonLines(chunked(text, 4096), 'entries.ftm.json'), 'entries.ftm.json');
}

/**
 * What FollowTheMoney keeps of an entry: aliases lose their record numbers and remarks, n.k.a. reads back
 * as a.k.a. and a weak f.k.a. as a strong one; aliases come back grouped by FTM property (alias, weakAlias,
 * previousName) without repeats; an empty identifier list reads back as none.
 */
function asFtmKeepsIt(entry: OfacEntry): OfacEntry {
  const property = (alias: OfacAlias) =>
    alias.type === 'f.k.a.' ? 'previousName' : alias.strength === 'weak' ? 'weakAlias' : 'alias';
  const aliases = (['alias', 'weakAlias', 'previousName'] as const).flatMap((name) =>
    [...new Set(entry.aliases.filter((alias) => property(alias) === name).map((alias) => alias.name))].map(
      (aliasName): OfacAlias => ({
        type: name === 'previousName' ? 'f.k.a.' : 'a.k.a.',
        name: aliasName,
        strength: name === 'weakAlias' ? 'weak' : 'strong',
      }),
    ),
  );
  const { identifiers, ...rest } = entry;
  return { ...rest, aliases, ...(identifiers?.length ? { identifiers } : {}) };
}

const word = fc.stringMatching(/^[A-Z][A-Za-z0-9 ,.'&()/-]{0,18}[A-Za-z0-9.)]$/);
const printedDate = fc
  .date({ min: new Date('1950-01-01'), max: new Date('2030-12-31'), noInvalidDate: true })
  .map((date) => date.toUTCString().slice(5, 16));
const isoDay = fc
  .date({ min: new Date('1950-01-01'), max: new Date('2030-12-31'), noInvalidDate: true })
  .map((date) => date.toISOString().slice(0, 10));
const optional = <T>(arbitrary: fc.Arbitrary<T>) => fc.option(arbitrary, { nil: undefined });

/** OFAC entries as the lists have them: titles only for individuals, vessel details only for vessels. */
const entryArbitrary = fc
  .record({
    type: fc.constantFrom('individual', 'entity', 'vessel', 'aircraft' as const),
    name: word,
    programs: fc.uniqueArray(fc.constantFrom('SDGT', 'IRGC', 'IFSR', 'NPWMD', 'IRAN', 'CAATSA - RUSSIA'), {
      minLength: 1,
      maxLength: 4,
    }),
    list: fc.oneof(
      fc.constant({ kind: 'sdn' as const }),
      fc.constant({ kind: 'consolidated' as const }),
      fc.constantFrom(...consolidatedSubLists).map((subList) => ({ kind: 'consolidated' as const, subList })),
    ),
    title: optional(word),
    vessel: fc.record({
      callSign: optional(word),
      vesselType: optional(word),
      tonnage: optional(fc.constantFrom('34,900', '1200')),
      grossRegisteredTonnage: optional(fc.constantFrom('26,561', '800')),
      vesselFlag: optional(fc.constantFrom('Iran', 'Korea, North', 'None Identified')),
      vesselOwner: optional(word),
    }),
    remarks: optional(word),
    aliases: fc.array(
      fc.record({
        id: optional(fc.nat()),
        type: fc.constantFrom('a.k.a.', 'f.k.a.', 'n.k.a.' as const),
        name: word,
        strength: fc.constantFrom('strong', 'weak' as const),
        remarks: optional(word),
      }),
      { maxLength: 4 },
    ),
    addresses: fc.array(
      fc.record({
        street: optional(word),
        locality: optional(word),
        country: optional(word),
        remarks: optional(word),
      }),
      { maxLength: 3 },
    ),
    identifiers: optional(
      fc.array(
        fc.record({
          type: fc.constantFrom('Passport', 'Tax ID No.', 'Vessel Registration Identification'),
          value: word,
          country: optional(word),
          issueDate: optional(printedDate),
          expirationDate: optional(fc.oneof(printedDate, fc.constant('circa 1990'))),
        }),
        { maxLength: 3 },
      ),
    ),
    designationDate: optional(
      fc
        .oneof(
          isoDay,
          isoDay.map((day) => day.slice(0, 7)),
        )
        .map(partialDate),
    ),
    legalBases: optional(
      fc.uniqueArray(fc.constantFrom('Executive Order 13224', 'Executive Order 13382'), { minLength: 1 }),
    ),
  })
  .map(({ vessel, title, ...fields }) => ({
    ...fields,
    ...(fields.type === 'individual' ? { title } : {}),
    ...(fields.type === 'vessel' ? vessel : {}),
  }));

/** Entries with unique numbers, and unique ids for the addresses and identifiers that have one. */
const entriesArbitrary = fc
  .uniqueArray(fc.tuple(fc.integer({ min: 1, max: 60_000 }), entryArbitrary), {
    selector: ([number]) => number,
    maxLength: 6,
  })
  .map((pairs) => {
    let next = 1;
    return pairs.map(([entryNumber, fields]) => {
      const entry = {
        entryNumber,
        ...fields,
        addresses: fields.addresses.map((address, index) => ({
          ...(index % 2 === 0 && { id: next++ }),
          ...address,
        })),
        ...(fields.identifiers && {
          identifiers: fields.identifiers.map(
            (identifier, index): OfacIdentifier => ({
              ...(index % 2 === 1 && { id: next++ }),
              ...identifier,
            }),
          ),
        }),
      };
      return JSON.parse(JSON.stringify(entry)) as OfacEntry; // drops the undefined optional fields
    });
  });

describe('OFAC entries as FollowTheMoney entities', () => {
  it('writes a Sanction linked to the party, with its addresses', () => {
    const entry: OfacEntry = {
      entryNumber: 306,
      name: 'BANCO NACIONAL DE CUBA',
      type: 'entity',
      programs: ['CUBA'],
      list: { kind: 'sdn' },
      remarks: "a.k.a. 'BNC'.",
      aliases: [
        { id: 220, type: 'a.k.a.', name: 'NATIONAL BANK OF CUBA', strength: 'strong' },
        { type: 'a.k.a.', name: 'BNC', strength: 'weak' },
      ],
      addresses: [
        { id: 199, street: 'Zweierstrasse 35', locality: 'Zurich CH-8022', country: 'Switzerland' },
      ],
    };
    expect(ftmEntitiesOfOfacEntry(entry)).toEqual<FtmEntity[]>([
      {
        id: 'ofac-306',
        schema: 'Organization',
        properties: {
          name: ['BANCO NACIONAL DE CUBA'],
          alias: ['NATIONAL BANK OF CUBA'],
          weakAlias: ['BNC'],
          notes: ["a.k.a. 'BNC'."],
          topics: ['sanction'],
          addressEntity: ['ofac-addr-199'],
        },
      },
      {
        id: 'ofac-306-sanction',
        schema: 'Sanction',
        properties: {
          entity: ['ofac-306'],
          authority: ['Office of Foreign Assets Control'],
          authorityId: ['306'],
          country: ['us'],
          program: ['CUBA'],
          provisions: ['SDN List'],
        },
      },
      {
        id: 'ofac-addr-199',
        schema: 'Address',
        properties: {
          full: ['Zweierstrasse 35, Zurich CH-8022, Switzerland'],
          street: ['Zweierstrasse 35'],
          city: ['Zurich CH-8022'],
          country: ['Switzerland'],
        },
      },
    ]);
  });

  it('reads back what it writes, for any entry that keeps to OFAC field rules', async () => {
    await fc.assert(
      fc.asyncProperty(entriesArbitrary, async (entries) => {
        expect(await roundTrip(entries)).toEqual(entries.map(asFtmKeepsIt));
      }),
      { numRuns: 150 },
    );
  });

  it('round-trips the whole 2019-01 SDN list', async () => {
    const entries = await collect(
      readLegacyOfacList({
        primary: sanctionsFile('ofac/2019-01/sdn.csv'),
        aliases: sanctionsFile('ofac/2019-01/alt.csv'),
        addresses: sanctionsFile('ofac/2019-01/add.csv'),
        comments: sanctionsFile('ofac/2019-01/sdn_comments.csv'),
      }),
    );
    expect(await roundTrip(entries)).toEqual(entries.map(asFtmKeepsIt));
  });

  it('round-trips the 2018 Consolidated List from its XML, with ids and sub-lists', async () => {
    const { file, chunks } = sanctionsFile('ofac/2018-04-consolidated/consolidated.xml');
    const items = await collect(readOfacXml(chunks, { file }));
    const entries = items.flatMap((item) => (item.kind === 'entry' ? [item.entry] : []));
    expect(await roundTrip(entries)).toEqual(entries.map(asFtmKeepsIt));
  });

  it('carries designation dates and legal bases from sdn_advanced.xml to listingDate and reason', async () => {
    const text = await readFile(new URL('../ofac/fixtures/sdn-advanced-sample.xml', import.meta.url));
    const items = await collect(readOfacAdvancedXml(chunked(text, 4096), 'sdn_advanced.xml'));
    const entries = items.flatMap((item) => (item.kind === 'entry' ? [item.entry] : []));
    const sanction = ftmEntitiesOfOfacEntry(entries[1]!).find((entity) => entity.schema === 'Sanction')!;
    expect(sanction.properties.listingDate).toEqual(['2018-11-05']);
    expect(sanction.properties.reason).toEqual([
      'Executive Order 13382 (WMD)',
      '31 CFR 561 (Iranian Financial Sanctions Regulations)',
    ]);
    expect(await roundTrip(entries)).toEqual(entries.map(asFtmKeepsIt));
  });

  it('refuses a title on a non-individual, naming the entry', () => {
    const entry: OfacEntry = {
      entryNumber: 1,
      name: 'X',
      type: 'entity',
      programs: ['SDGT'],
      list: { kind: 'sdn' },
      title: 'Director',
      aliases: [],
      addresses: [],
    };
    expect(() => ftmEntitiesOfOfacEntry(entry)).toThrow(
      "OFAC entry 1 (entity) has a title: FollowTheMoney's Organization has no place for it",
    );
  });
});

describe('ofacEntriesFromFtm errors', () => {
  const party: FtmEntity = { id: 'ofac-1', schema: 'Person', properties: { name: ['X'] } };
  const sanction = (properties: Record<string, string[]>): FtmEntity => ({
    id: 'ofac-1-sanction',
    schema: 'Sanction',
    properties: { entity: ['ofac-1'], authorityId: ['1'], program: ['SDGT'], ...properties },
  });

  it('names the entity and property of a dangling reference, a bad entry number and an unknown list', async () => {
    await expect(ofacEntriesFromFtm([sanction({})], 'x.json')).rejects.toThrow(
      'x.json, entity ofac-1-sanction, properties.entity: refers to ofac-1, which is not in the file',
    );
    await expect(ofacEntriesFromFtm([party, sanction({ authorityId: ['SDN-1'] })], 'x.json')).rejects.toThrow(
      'x.json, entity ofac-1-sanction, properties.authorityId: "SDN-1" is not an OFAC entry number',
    );
    await expect(
      ofacEntriesFromFtm([party, sanction({ provisions: ['EU list'] })], 'x.json'),
    ).rejects.toThrow(
      'x.json, entity ofac-1-sanction, properties.provisions: "EU list" is not an OFAC list name',
    );
    await expect(
      ofacEntriesFromFtm([party, sanction({ listingDate: ['2019-02-30'] })], 'x.json'),
    ).rejects.toThrow('x.json, entity ofac-1-sanction, properties.listingDate: invalid date "2019-02-30"');
  });

  it('names the party and property of a name or alias over the name limit', async () => {
    const long = 'A'.repeat(1001);
    const named = (properties: Record<string, string[]>): FtmEntity => ({ ...party, properties });
    await expect(ofacEntriesFromFtm([named({ name: [long] }), sanction({})], 'x.json')).rejects.toThrow(
      'x.json, entity ofac-1, properties.name: a name of 1,001 characters; names of at most 1,000 are accepted',
    );
    await expect(
      ofacEntriesFromFtm([named({ name: ['X'], weakAlias: ['Y', long] }), sanction({})], 'x.json'),
    ).rejects.toThrow('x.json, entity ofac-1, properties.weakAlias: a name of 1,001 characters');
  });
});
