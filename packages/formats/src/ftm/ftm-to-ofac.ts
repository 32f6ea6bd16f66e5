import {
  type FtmEntity,
  maxNameChars,
  type OfacAddress,
  type OfacAlias,
  type OfacEntry,
  type OfacIdentifier,
  type OfacList,
  ofacListFromName,
  partialDate,
  type SdnType,
  UnitError,
} from '@lockstep/core';
import { FormatError } from '../format-error.ts';
import { nameTooLong } from '../ofac/name-limit.ts';
import { printedOfacDate } from '../ofac/printed-date.ts';

/** The SDN type each FollowTheMoney party schema reads as. */
const sdnTypeOfSchema: Readonly<Record<string, SdnType>> = {
  Person: 'individual',
  Organization: 'entity',
  Company: 'entity',
  LegalEntity: 'entity',
  Vessel: 'vessel',
  Airplane: 'aircraft',
};

const addressId = /^ofac-addr-(\d+)$/;
const identificationId = /^ofac-id-(\d+)$/;

/**
 * Reads OFAC entries back from FollowTheMoney entities, one per `Sanction` in input order, the inverse of
 * `ftmEntitiesOfOfacEntry`: the party its `entity` names (`Person`, `Organization`, `Company`,
 * `LegalEntity`, `Vessel`, `Airplane`), its addresses, identifications and vessel owner. The entry number
 * is the Sanction's `authorityId`; the list is read from `provisions` (the SDN list when absent); the
 * designation date from `listingDate`, else `startDate`. Where a property holds several values and the
 * entry one, the first is taken. Entities may come in any order, so all are held until the end; errors
 * name the file, the entity and the property.
 */
export async function ofacEntriesFromFtm(
  entities: AsyncIterable<FtmEntity> | Iterable<FtmEntity>,
  file: string,
): Promise<OfacEntry[]> {
  const byId = new Map<string, FtmEntity>();
  const sanctions: FtmEntity[] = [];
  const identifications = new Map<string, FtmEntity[]>();
  const owners = new Map<string, string>();
  for await (const entity of entities) {
    const known = byId.get(entity.id);
    if (known && JSON.stringify(known) !== JSON.stringify(entity)) {
      throw new FormatError(
        file,
        `entity ${entity.id}`,
        'given twice with different properties; ids are unique',
      );
    }
    byId.set(entity.id, entity);
    if (entity.schema === 'Sanction') sanctions.push(entity);
    if (entity.schema === 'Identification') {
      for (const holder of entity.properties.holder ?? []) {
        const held = identifications.get(holder);
        if (held) held.push(entity);
        else identifications.set(holder, [entity]);
      }
    }
    if (entity.schema === 'Ownership') {
      const [asset] = entity.properties.asset ?? [];
      const [owner] = entity.properties.owner ?? [];
      if (asset !== undefined && owner !== undefined) owners.set(asset, owner);
    }
  }
  const reader: EntityReader = new EntityReader(file, byId);
  return sanctions.map((sanction) => {
    const partyId = reader.first(sanction, 'entity');
    const party = reader.entity(sanction, 'entity', partyId);
    const type = sdnTypeOfSchema[party.schema];
    if (type === undefined) {
      reader.fail(
        sanction,
        'entity',
        `${partyId} is a ${party.schema}; expected one of ${Object.keys(sdnTypeOfSchema).join(', ')}`,
      );
    }
    const number = reader.first(sanction, 'authorityId');
    if (!/^\d+$/.test(number))
      reader.fail(sanction, 'authorityId', `"${number}" is not an OFAC entry number`);
    const programs = sanction.properties.program ?? [];
    if (programs.length === 0)
      reader.fail(sanction, 'program', 'missing; every OFAC entry has one or more programs');
    const designated = reader.optional(sanction, 'listingDate') ?? reader.optional(sanction, 'startDate');
    const ownerId = owners.get(partyId);
    const vesselOwner =
      ownerId === undefined ? undefined : reader.first(reader.entity(party, 'owner', ownerId), 'name');
    const identifiers = (identifications.get(partyId) ?? []).map((identification) =>
      identifierOf(identification, reader),
    );
    const text = (property: string) => reader.optional(party, property);
    return withoutUndefined({
      entryNumber: Number(number),
      name: reader.name(party, reader.first(party, 'name'), 'name'),
      type,
      programs,
      list: listOf(sanction, reader),
      title: text('position'),
      callSign: text('callSign'),
      vesselType: text('type'),
      tonnage: text('tonnage'),
      grossRegisteredTonnage: text('grossRegisteredTonnage'),
      vesselFlag: text('flag'),
      vesselOwner,
      remarks: text('notes'),
      aliases: aliasesOf(party, reader),
      addresses: (party.properties.addressEntity ?? []).map((id) =>
        addressOf(reader.entity(party, 'addressEntity', id)),
      ),
      identifiers: identifiers.length > 0 ? identifiers : undefined,
      designationDate: designated === undefined ? undefined : reader.date(sanction, designated),
      legalBases: sanction.properties.reason?.length ? sanction.properties.reason : undefined,
    });
  });
}

/** Typed access to entity properties, with errors naming the file, the entity and the property. */
class EntityReader {
  constructor(
    private readonly file: string,
    private readonly byId: ReadonlyMap<string, FtmEntity>,
  ) {}

  optional(entity: FtmEntity, property: string): string | undefined {
    return entity.properties[property]?.[0];
  }

  first(entity: FtmEntity, property: string): string {
    const value = this.optional(entity, property);
    if (value === undefined || value === '') this.fail(entity, property, 'missing; it is required here');
    return value;
  }

  /** `name`, a value of `property`, checked against the name limit. */
  name(entity: FtmEntity, name: string, property: string): string {
    if (name.length > maxNameChars) this.fail(entity, property, nameTooLong(name));
    return name;
  }

  entity(from: FtmEntity, property: string, id: string): FtmEntity {
    const entity = this.byId.get(id);
    if (!entity) this.fail(from, property, `refers to ${id}, which is not in the file`);
    return entity;
  }

  date(entity: FtmEntity, value: string) {
    try {
      return partialDate(value);
    } catch (error) {
      if (error instanceof UnitError) return this.fail(entity, 'listingDate', error.message);
      throw error;
    }
  }

  fail(entity: FtmEntity, property: string, problem: string): never {
    throw new FormatError(this.file, `entity ${entity.id}, properties.${property}`, problem);
  }
}

function listOf(sanction: FtmEntity, reader: EntityReader): OfacList {
  const name = reader.optional(sanction, 'provisions');
  if (name === undefined) return { kind: 'sdn' };
  const list = ofacListFromName(name);
  if (!list) reader.fail(sanction, 'provisions', `"${name}" is not an OFAC list name such as SDN List`);
  return list;
}

function aliasesOf(party: FtmEntity, reader: EntityReader): OfacAlias[] {
  const { alias = [], weakAlias = [], previousName = [] } = party.properties;
  for (const [property, names] of Object.entries({ alias, weakAlias, previousName })) {
    for (const name of names) reader.name(party, name, property);
  }
  return [
    ...alias.map((name): OfacAlias => ({ type: 'a.k.a.', name, strength: 'strong' })),
    ...weakAlias.map((name): OfacAlias => ({ type: 'a.k.a.', name, strength: 'weak' })),
    ...previousName.map((name): OfacAlias => ({ type: 'f.k.a.', name, strength: 'strong' })),
  ];
}

function addressOf(address: FtmEntity): OfacAddress {
  const id = addressId.exec(address.id)?.[1];
  const [street] = address.properties.street ?? [];
  const [locality] = address.properties.city ?? [];
  const [country] = address.properties.country ?? [];
  const [remarks] = address.properties.remarks ?? [];
  return withoutUndefined({
    id: id === undefined ? undefined : Number(id),
    street,
    locality,
    country,
    remarks,
  });
}

function identifierOf(identification: FtmEntity, reader: EntityReader): OfacIdentifier {
  const id = identificationId.exec(identification.id)?.[1];
  const summaries = identification.properties.summary ?? [];
  const printed = (property: string, label: string) => {
    const date = reader.optional(identification, property);
    if (date !== undefined) return printedOfacDate(reader.date(identification, date));
    return summaries.find((summary) => summary.startsWith(`${label} `))?.slice(label.length + 1);
  };
  return withoutUndefined({
    id: id === undefined ? undefined : Number(id),
    type: reader.first(identification, 'type'),
    value: reader.optional(identification, 'number') ?? '',
    country: reader.optional(identification, 'country'),
    issueDate: printed('startDate', 'issued'),
    expirationDate: printed('endDate', 'expires'),
  });
}

/** The object without its `undefined` properties, so absent fields stay absent. */
function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, field]) => field !== undefined)) as T; // only undefined fields removed
}
