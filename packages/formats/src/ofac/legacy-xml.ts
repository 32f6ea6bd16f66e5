import {
  consolidatedSubListOf,
  type IsoDate,
  isoDate,
  maxNameChars,
  type OfacAddress,
  type OfacAlias,
  type OfacEntry,
  type OfacIdentifier,
  type OfacList,
  ofacAliasTypes,
  type SdnType,
  sdnTypes,
  UnitError,
} from '@lockstep/core';
import { FormatError } from '../format-error.ts';
import { nameTooLong } from './name-limit.ts';
import {
  childNamed,
  childText,
  collectXmlElements,
  listItems,
  requiredChildNumber,
  requiredChildText,
  type XmlElement,
  xmlWhere,
} from './xml-elements.ts';
import { readXmlTokens, requireRoot } from './xml-tokens.ts';

/** What OFAC's legacy XML list yields: first its publication details, then its entries in order. */
export type OfacXmlItem =
  | {
      readonly kind: 'publication';
      /** Publish_Date, converted from OFAC's MM/DD/YYYY. */
      readonly publishDate: IsoDate;
      /** Record_Count: how many entries the list says it holds (checked at the end). */
      readonly recordCount: number;
    }
  | { readonly kind: 'entry'; readonly entry: OfacEntry };

/** How to read a legacy XML list. */
export interface OfacXmlOptions {
  /** The file as the user named it; errors cite it. */
  readonly file: string;
  /** Which list: by default `consolidated` for a file whose name starts with `cons`, else `sdn`. */
  readonly list?: 'sdn' | 'consolidated';
}

const publishDatePattern = /^(\d{2})\/(\d{2})\/(\d{4})$/;
const vesselElements = [
  'callSign',
  'vesselType',
  'tonnage',
  'grossRegisteredTonnage',
  'vesselFlag',
  'vesselOwner',
] as const;

/**
 * Reads OFAC's legacy XML list (sdn.xml, consolidated.xml; root `sdnList` in the namespace
 * http://tempuri.org/sdnList.xsd) as it streams: one `sdnEntry` is held at a time. Each entry gets its
 * programs, aliases (with OFAC's strong or weak category), addresses (street from address1-3, locality
 * composed as the CSV prints it) and id list. Names are composed as the CSV prints them, `lastName,
 * firstName`. Dates and places of birth, nationalities and citizenships are not read. Errors name the XML
 * path and line, e.g. `sdnList/sdnEntry[12]/uid (line 345)`; a Record_Count that differs from the entries
 * read is an error.
 */
export async function* readOfacXml(
  chunks: AsyncIterable<Uint8Array>,
  options: OfacXmlOptions,
): AsyncGenerator<OfacXmlItem> {
  const { file } = options;
  const listKind = options.list ?? (/(?:^|[/\\])cons[^/\\]*$/i.test(file) ? 'consolidated' : 'sdn');
  const elements = collectXmlElements(
    requireRoot(readXmlTokens(chunks, file), 'sdnList', file),
    (names) => names.length === 2 && (names[1] === 'sdnEntry' || names[1] === 'publshInformation'),
  );
  let recordCount: { value: number; where: string } | undefined;
  let entries = 0;
  for await (const element of elements) {
    if (element.name === 'publshInformation') {
      const date = requiredChildText(element, 'Publish_Date', file);
      const match = publishDatePattern.exec(date);
      const publishDate = match && tryIsoDate(`${match[3]}-${match[1]}-${match[2]}`);
      if (!publishDate) {
        throw new FormatError(
          file,
          xmlWhere(element, 'Publish_Date'),
          `"${date}" is not a date as MM/DD/YYYY`,
        );
      }
      const value = requiredChildNumber(element, 'Record_Count', file);
      recordCount = { value, where: xmlWhere(element, 'Record_Count') };
      yield { kind: 'publication', publishDate, recordCount: value };
      continue;
    }
    entries += 1;
    yield { kind: 'entry', entry: entryOf(element, file, listKind) };
  }
  if (recordCount && recordCount.value !== entries) {
    throw new FormatError(
      file,
      recordCount.where,
      `says ${recordCount.value} entries but the file holds ${entries} sdnEntry elements`,
    );
  }
}

function tryIsoDate(value: string): IsoDate | undefined {
  try {
    return isoDate(value);
  } catch (error) {
    if (error instanceof UnitError) return undefined;
    throw error;
  }
}

function entryOf(element: XmlElement, file: string, listKind: 'sdn' | 'consolidated'): OfacEntry {
  const programs = listItems(element, 'programList', 'program').map((program) => program.text);
  if (programs.length === 0 || programs.includes('')) {
    throw new FormatError(
      file,
      xmlWhere(element, 'programList'),
      'expected one or more non-empty program elements',
    );
  }
  const vessel = childNamed(element, 'vesselInfo');
  const list: OfacList = listKind === 'sdn' ? { kind: 'sdn' } : withSubList(consolidatedSubListOf(programs));
  const title = childText(element, 'title');
  const remarks = childText(element, 'remarks');
  const identifiers = listItems(element, 'idList', 'id').map((id) => identifierOf(id, file));
  return {
    entryNumber: requiredChildNumber(element, 'uid', file),
    name: personName(element, file),
    type: sdnTypeOf(element, file),
    programs,
    list,
    ...(title !== undefined && { title }),
    ...(vessel && vesselFields(vessel)),
    ...(remarks !== undefined && { remarks }),
    aliases: listItems(element, 'akaList', 'aka').map((aka) => aliasOf(aka, file)),
    addresses: listItems(element, 'addressList', 'address').map((address) => addressOf(address, file)),
    identifiers,
  };
}

function withSubList(subList: ReturnType<typeof consolidatedSubListOf>): OfacList {
  return subList === undefined ? { kind: 'consolidated' } : { kind: 'consolidated', subList };
}

function personName(element: XmlElement, file: string): string {
  const lastName = requiredChildText(element, 'lastName', file);
  const firstName = childText(element, 'firstName');
  const name = firstName === undefined ? lastName : `${lastName}, ${firstName}`;
  if (name.length > maxNameChars)
    throw new FormatError(file, xmlWhere(element, 'lastName'), nameTooLong(name));
  return name;
}

function sdnTypeOf(element: XmlElement, file: string): SdnType {
  const text = requiredChildText(element, 'sdnType', file);
  const type = sdnTypes.find((candidate) => candidate === text.toLowerCase());
  if (type === undefined) {
    throw new FormatError(
      file,
      xmlWhere(element, 'sdnType'),
      `"${text}" is not one of Individual, Entity, Vessel, Aircraft`,
    );
  }
  return type;
}

/** The vessel details of `vesselInfo`, named as OfacEntry names them (the same as the XML). */
function vesselFields(vessel: XmlElement): Partial<Record<(typeof vesselElements)[number], string>> {
  const fields: Partial<Record<(typeof vesselElements)[number], string>> = {};
  for (const name of vesselElements) {
    const text = childText(vessel, name);
    if (text !== undefined) fields[name] = text;
  }
  return fields;
}

function aliasOf(aka: XmlElement, file: string): OfacAlias {
  const typeText = requiredChildText(aka, 'type', file);
  const type = ofacAliasTypes.find((candidate) => candidate === typeText);
  if (type === undefined) {
    throw new FormatError(file, xmlWhere(aka, 'type'), `"${typeText}" is not one of a.k.a., f.k.a., n.k.a.`);
  }
  const category = childText(aka, 'category') ?? 'strong';
  if (category !== 'strong' && category !== 'weak') {
    throw new FormatError(file, xmlWhere(aka, 'category'), `"${category}" is not strong or weak`);
  }
  return { id: requiredChildNumber(aka, 'uid', file), type, name: personName(aka, file), strength: category };
}

function addressOf(address: XmlElement, file: string): OfacAddress {
  const street = ['address1', 'address2', 'address3']
    .map((name) => childText(address, name))
    .filter((part) => part !== undefined)
    .join(', ');
  const cityAndState = [childText(address, 'city'), childText(address, 'stateOrProvince')]
    .filter((part) => part !== undefined)
    .join(', ');
  const locality = [cityAndState, childText(address, 'postalCode') ?? '']
    .filter((part) => part !== '')
    .join(' ');
  const country = childText(address, 'country');
  return {
    id: requiredChildNumber(address, 'uid', file),
    ...(street !== '' && { street }),
    ...(locality !== '' && { locality }),
    ...(country !== undefined && { country }),
  };
}

function identifierOf(id: XmlElement, file: string): OfacIdentifier {
  const country = childText(id, 'idCountry');
  const issueDate = childText(id, 'issueDate');
  const expirationDate = childText(id, 'expirationDate');
  return {
    id: requiredChildNumber(id, 'uid', file),
    type: requiredChildText(id, 'idType', file),
    value: childText(id, 'idNumber') ?? '',
    ...(country !== undefined && { country }),
    ...(issueDate !== undefined && { issueDate }),
    ...(expirationDate !== undefined && { expirationDate }),
  };
}
