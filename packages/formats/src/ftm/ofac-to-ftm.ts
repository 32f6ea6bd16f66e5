import {
  type FtmEntity,
  type OfacEntry,
  type OfacIdentifier,
  ofacListName,
  type SdnType,
} from '@lockstep/core';
import { partialDateOfPrinted } from '../ofac/printed-date.ts';
import { ftmJsonLine } from './ftm-json-lines.ts';

/** The FollowTheMoney schema each kind of OFAC party is written as. */
export const ftmSchemaOfSdnType: Readonly<Record<SdnType, string>> = {
  individual: 'Person',
  entity: 'Organization',
  vessel: 'Vessel',
  aircraft: 'Airplane',
};

/** The authority every OFAC `Sanction` names. */
export const ofacAuthority = 'Office of Foreign Assets Control';

/** The FTM id of the party an OFAC entry names: `ofac-306`. */
export function ftmPartyId(entryNumber: number): string {
  return `ofac-${entryNumber}`;
}

/**
 * Writes an OFAC entry as FollowTheMoney entities: the party (`Person`, `Organization`, `Vessel` or
 * `Airplane`, by SDN type), a `Sanction` linked to it by `entity`, and its `Address`, `Identification` and,
 * for a vessel's owner, `LegalEntity` and `Ownership` entities.
 * - Party: `name`; strong a.k.a. and n.k.a. as `alias`, weak ones as `weakAlias`, f.k.a. as `previousName`;
 *   remarks as `notes`; a person's title as `position`; vessel details as `callSign`, `type`, `tonnage`,
 *   `grossRegisteredTonnage`, `flag`.
 * - Sanction: `authority` (OFAC), `authorityId` (the entry number), `country` `us`, `program` (the tags),
 *   `provisions` (OFAC's name for the list, e.g. `SDN List`), `listingDate` (the designation date, where
 *   known), `reason` (the legal bases).
 * - Address: `full`, `street`, `city` (OFAC's combined city, state and postal code), `country`, `remarks`.
 * Country-typed properties (`flag`, `country`) hold OFAC's country names (`Iran`, `Korea, North`) as OFAC
 * prints them, not ISO codes. FTM has no place for an alias's record number or remarks, nor for n.k.a.
 * apart from a.k.a.: those do not survive a round trip. OFAC gives titles only to people and vessel details
 * only to vessels; an entry that breaks this cannot be written and fails, naming the entry and the field.
 */
export function ftmEntitiesOfOfacEntry(entry: OfacEntry): FtmEntity[] {
  const partyId = ftmPartyId(entry.entryNumber);
  const schema = ftmSchemaOfSdnType[entry.type];
  const party = new Properties();
  party.add('name', entry.name);
  for (const alias of entry.aliases) {
    const property =
      alias.type === 'f.k.a.' ? 'previousName' : alias.strength === 'weak' ? 'weakAlias' : 'alias';
    party.add(property, alias.name);
  }
  party.add('notes', entry.remarks);
  if (entry.title !== undefined) {
    requireSchema(entry, 'title', schema === 'Person');
    party.add('position', entry.title);
  }
  const vesselDetails = [
    ['callSign', entry.callSign],
    ['type', entry.vesselType],
    ['tonnage', entry.tonnage],
    ['grossRegisteredTonnage', entry.grossRegisteredTonnage],
    ['flag', entry.vesselFlag],
    ['owner', entry.vesselOwner],
  ] as const;
  for (const [property, value] of vesselDetails) {
    if (value === undefined) continue;
    requireSchema(entry, property === 'owner' ? 'vesselOwner' : property, schema === 'Vessel');
    if (property !== 'owner') party.add(property, value);
  }
  party.add('topics', 'sanction');
  const addresses = entry.addresses.map((address, index): FtmEntity => {
    const properties = new Properties();
    const full = [address.street, address.locality, address.country].filter((part) => part !== undefined);
    properties.add('full', full.join(', '));
    properties.add('street', address.street);
    properties.add('city', address.locality);
    properties.add('country', address.country);
    properties.add('remarks', address.remarks);
    const id = address.id === undefined ? `${partyId}-addr-${index + 1}` : `ofac-addr-${address.id}`;
    party.add('addressEntity', id);
    return { id, schema: 'Address', properties: properties.values };
  });
  const identifications = (entry.identifiers ?? []).map(
    (identifier, index): FtmEntity => ({
      id: identifier.id === undefined ? `${partyId}-id-${index + 1}` : `ofac-id-${identifier.id}`,
      schema: 'Identification',
      properties: identificationProperties(partyId, identifier),
    }),
  );
  const owner: FtmEntity[] =
    entry.vesselOwner === undefined
      ? []
      : [
          { id: `${partyId}-owner`, schema: 'LegalEntity', properties: { name: [entry.vesselOwner] } },
          {
            id: `${partyId}-ownership`,
            schema: 'Ownership',
            properties: { owner: [`${partyId}-owner`], asset: [partyId] },
          },
        ];
  const sanction = new Properties();
  sanction.add('entity', partyId);
  sanction.add('authority', ofacAuthority);
  sanction.add('authorityId', String(entry.entryNumber));
  sanction.add('country', 'us');
  for (const program of entry.programs) sanction.add('program', program);
  sanction.add('provisions', ofacListName(entry.list));
  sanction.add('listingDate', entry.designationDate);
  for (const basis of entry.legalBases ?? []) sanction.add('reason', basis);
  const listSuffix = entry.list.kind === 'sdn' ? '' : `-${entry.list.subList ?? 'consolidated'}`;
  return [
    { id: partyId, schema, properties: party.values },
    { id: `${partyId}-sanction${listSuffix}`, schema: 'Sanction', properties: sanction.values },
    ...addresses,
    ...identifications,
    ...owner,
  ];
}

/**
 * Writes OFAC entries as FollowTheMoney JSON lines, one line per entity, as they come: see
 * {@link ftmEntitiesOfOfacEntry} for the entities each entry gives.
 */
export async function* writeOfacEntriesAsFtm(
  entries: AsyncIterable<OfacEntry> | Iterable<OfacEntry>,
): AsyncGenerator<string> {
  for await (const entry of entries) {
    for (const entity of ftmEntitiesOfOfacEntry(entry)) yield ftmJsonLine(entity);
  }
}

function identificationProperties(holder: string, identifier: OfacIdentifier): Record<string, string[]> {
  const properties = new Properties();
  properties.add('holder', holder);
  properties.add('type', identifier.type);
  properties.add('number', identifier.value);
  properties.add('country', identifier.country);
  for (const [property, printed, label] of [
    ['startDate', identifier.issueDate, 'issued'],
    ['endDate', identifier.expirationDate, 'expires'],
  ] as const) {
    if (printed === undefined) continue;
    const date = partialDateOfPrinted(printed);
    // A date FTM cannot hold as a date is kept as text, e.g. "issued circa 1990".
    properties.add(date === undefined ? 'summary' : property, date ?? `${label} ${printed}`);
  }
  return properties.values;
}

function requireSchema(entry: OfacEntry, field: string, allowed: boolean): void {
  if (!allowed) {
    throw new RangeError(
      `OFAC entry ${entry.entryNumber} (${entry.type}) has a ${field}: FollowTheMoney's ${ftmSchemaOfSdnType[entry.type]} has no place for it (OFAC gives titles only to individuals and vessel details only to vessels)`,
    );
  }
}

/** Property lists in the order first given, without empty or repeated values (FTM values are sets). */
class Properties {
  readonly values: Record<string, string[]> = {};

  add(property: string, value: string | undefined): void {
    if (value === undefined || value === '') return;
    const list = this.values[property] ?? [];
    if (!list.includes(value)) list.push(value);
    this.values[property] = list;
  }
}
