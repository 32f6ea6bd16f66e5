import {
  type ConsolidatedSubList,
  consolidatedSubLists,
  type IsoDate,
  isoDate,
  maxNameChars,
  type OfacAddress,
  type OfacAlias,
  type OfacEntry,
  type OfacIdentifier,
  type OfacList,
  type OfacListing,
  ofacAliasTypes,
  type PartialDate,
  partialDate,
  type SdnType,
  UnitError,
} from '@lockstep/core';
import { FormatError } from '../format-error.ts';
import { nameTooLong } from './name-limit.ts';
import { printedOfacDate } from './printed-date.ts';
import {
  childNamed,
  childrenNamed,
  childText,
  collectXmlElements,
  type XmlElement,
  xmlWhere,
} from './xml-elements.ts';
import { readXmlTokens, requireRoot } from './xml-tokens.ts';

/** What OFAC's advanced XML yields: first the date of issue, then one entry per sanctions entry. */
export type OfacAdvancedItem =
  | { readonly kind: 'publication'; readonly issueDate: IsoDate }
  | { readonly kind: 'entry'; readonly entry: OfacEntry };

const sections = new Set(['DateOfIssue', 'ReferenceValueSets']);
const records = new Set(['Location', 'IDRegDocument', 'DistinctParty', 'SanctionsEntry']);
/** The entry fields that profile features fill, by feature type (lower case). */
type FeatureField =
  | 'title'
  | 'callSign'
  | 'vesselType'
  | 'tonnage'
  | 'grossRegisteredTonnage'
  | 'vesselFlag'
  | 'vesselOwner';
const featureFields: Readonly<Record<string, FeatureField>> = {
  title: 'title',
  'vessel call sign': 'callSign',
  'vessel type': 'vesselType',
  'vessel tonnage': 'tonnage',
  'vessel gross registered tonnage': 'grossRegisteredTonnage',
  'vessel flag': 'vesselFlag',
  'vessel owner': 'vesselOwner',
};
/** Features the legacy lists keep outside their id list (dates, places, nationality) are not read. */
const unreadFeatures = new Set([
  'birthdate',
  'place of birth',
  'nationality country',
  'citizenship country',
  'gender',
]);

/** A party (DistinctParty) read ahead of its sanctions entries, which come later in the file. */
type Party = Omit<
  OfacEntry,
  'entryNumber' | 'programs' | 'list' | 'designationDate' | 'legalBases' | 'listings'
>;

/**
 * Reads OFAC's advanced XML list (sdn_advanced.xml, cons_advanced.xml; root `Sanctions`) as it streams,
 * yielding one entry per party with its `SanctionsEntry`s merged: a party of the consolidated file has one
 * entry on the umbrella `Consolidated List` and one on the list it is really on (SSI, NS-PLC, FSE, CAPTA...),
 * some a third on the SDN List. The entry's `list` is that own list (a non-SDN list first, then the SDN
 * List, the umbrella only when there is nothing else); its designation date is the earliest `EntryEvent` of
 * type `Created` of that listing (a partial date when OFAC gives only year and month); `listings` keeps every
 * list with its own date (the umbrella's is when the party joined the consolidated file: 2014-10-10 for the
 * parties listed on NS-PLC in 2006). Programs (`SanctionsMeasure` of type `Program`) and legal bases are
 * those of all its listings. Elements are read by local name, so the older namespace
 * (`http://www.un.org/sanctions/1.0`) and the newer one read alike. IDs are resolved through
 * `ReferenceValueSets`. A party's names come from its `DocumentedName`
 * parts (`LAST, First Middle` for people, as the legacy lists print them; the first DocumentedName of an
 * alias, not its other scripts); `LowQuality` aliases are weak; `Location` features become addresses;
 * `Title` and the vessel features fill the entry's fields; other text features (e.g. `Website`,
 * `Additional Sanctions Information -`) and `IDRegDocument`s become identifiers. The parties are held in
 * memory until the sanctions entries that follow them, and the sanctions entries until the file ends (a
 * party's may be apart); the document is never held whole.
 *
 * Tested on a small file written to the current schema (src/ofac/fixtures/sdn-advanced-sample.xml) and on
 * OFAC's real cons_advanced.xml of 2020-03-17 (data/sanctions/ofac/2020-03-17-consolidated-advanced/).
 */
export async function* readOfacAdvancedXml(
  chunks: AsyncIterable<Uint8Array>,
  file: string,
): AsyncGenerator<OfacAdvancedItem> {
  const elements = collectXmlElements(
    requireRoot(readXmlTokens(chunks, file), 'Sanctions', file),
    (names) =>
      (names.length === 2 && sections.has(names[1]!)) || (names.length === 3 && records.has(names[2]!)),
  );
  const references = new References(file);
  const locations = new Map<string, OfacAddress>();
  const documents = new Map<string, OfacIdentifier[]>();
  const parties = new Map<string, Party>();
  /** Each party's SanctionsEntry elements, in the order the parties' first entries come. */
  const sanctionsEntries = new Map<string, XmlElement[]>();
  for await (const element of elements) {
    switch (element.name) {
      case 'DateOfIssue': {
        const date = dateOf(element, file);
        if (date.length !== 10)
          throw new FormatError(file, xmlWhere(element), 'expected Year, Month and Day');
        yield { kind: 'publication', issueDate: isoDate(date) };
        break;
      }
      case 'ReferenceValueSets':
        references.read(element);
        break;
      case 'Location':
        locations.set(attribute(element, 'ID', file), locationOf(element, references));
        break;
      case 'IDRegDocument': {
        const identity = attribute(element, 'IdentityID', file);
        const list = documents.get(identity) ?? [];
        list.push(documentOf(element, references, file));
        documents.set(identity, list);
        break;
      }
      case 'DistinctParty': {
        const profile = childNamed(element, 'Profile');
        if (!profile)
          throw new FormatError(file, xmlWhere(element, 'Profile'), 'missing; every party has a profile');
        parties.set(
          attribute(profile, 'ID', file),
          partyOf(element, profile, { references, locations, documents, file }),
        );
        break;
      }
      case 'SanctionsEntry': {
        const profileId = attribute(element, 'ProfileID', file);
        if (!parties.has(profileId)) {
          throw new FormatError(
            file,
            xmlWhere(element, '@ProfileID'),
            `${profileId} is not the ID of a Profile in DistinctParties`,
          );
        }
        const list = sanctionsEntries.get(profileId) ?? [];
        list.push(element);
        sanctionsEntries.set(profileId, list);
        break;
      }
    }
  }
  for (const [profileId, elements] of sanctionsEntries) {
    yield { kind: 'entry', entry: entryOf(profileId, elements, parties.get(profileId)!, references, file) };
  }
}

interface Context {
  readonly references: References;
  readonly locations: ReadonlyMap<string, OfacAddress>;
  readonly documents: ReadonlyMap<string, readonly OfacIdentifier[]>;
  readonly file: string;
}

/** The reference value sets: each value by the name of its element (`AliasType`, `Country`...) and ID. */
class References {
  private readonly values = new Map<string, Map<string, XmlElement>>();

  constructor(private readonly file: string) {}

  read(sets: XmlElement): void {
    for (const set of sets.children) {
      for (const value of set.children) {
        const id = value.attributes.ID;
        if (id === undefined) continue;
        const byId = this.values.get(value.name) ?? new Map<string, XmlElement>();
        byId.set(id, value);
        this.values.set(value.name, byId);
      }
    }
  }

  /** The value of set `kind` that `element`'s attribute names; fails naming the attribute if unknown. */
  lookup(element: XmlElement, attributeName: string, kind: string): XmlElement {
    const id = attribute(element, attributeName, this.file);
    const value = this.values.get(kind)?.get(id);
    if (value === undefined) {
      throw new FormatError(
        this.file,
        xmlWhere(element, `@${attributeName}`),
        `${id} is not an ID in ReferenceValueSets/${kind}Values`,
      );
    }
    return value;
  }

  text(element: XmlElement, attributeName: string, kind: string): string {
    return this.lookup(element, attributeName, kind).text;
  }
}

function attribute(element: XmlElement, name: string, file: string): string {
  const value = element.attributes[name];
  if (value === undefined || value === '') {
    throw new FormatError(file, xmlWhere(element, `@${name}`), 'missing; the advanced schema requires it');
  }
  return value;
}

/** A `Year`/`Month`/`Day` date as `YYYY`, `YYYY-MM` or `YYYY-MM-DD`. */
function dateOf(element: XmlElement, file: string): PartialDate {
  const [year, month, day] = ['Year', 'Month', 'Day'].map((name) => childText(element, name));
  const text = [year, month?.padStart(2, '0'), month === undefined ? undefined : day?.padStart(2, '0')]
    .filter((part) => part !== undefined)
    .join('-');
  try {
    return partialDate(text);
  } catch (error) {
    if (!(error instanceof UnitError)) throw error;
    throw new FormatError(
      file,
      xmlWhere(element),
      `"${text}" is not a date (expected Year, then Month and Day)`,
    );
  }
}

function locationOf(location: XmlElement, references: References): OfacAddress {
  const parts = new Map<string, string>();
  for (const part of childrenNamed(location, 'LocationPart')) {
    const value = childrenNamed(part, 'LocationPartValue').find(
      (candidate) => candidate.attributes.Primary !== 'false',
    );
    const text = value && childText(value, 'Value');
    if (text !== undefined)
      parts.set(references.text(part, 'LocPartTypeID', 'LocPartType').toUpperCase(), text);
  }
  const country = childNamed(location, 'LocationCountry');
  // Without a country, OFAC gives only an area code, e.g. `undetermined` (the legacy files' country).
  const areaCodeRef = country ? undefined : childNamed(location, 'LocationAreaCode');
  const areaCode = areaCodeRef && references.lookup(areaCodeRef, 'AreaCodeID', 'AreaCode');
  const street = ['ADDRESS1', 'ADDRESS2', 'ADDRESS3'].flatMap((name) => parts.get(name) ?? []).join(', ');
  const cityAndState = ['CITY', 'STATE/PROVINCE'].flatMap((name) => parts.get(name) ?? []).join(', ');
  const locality = [cityAndState, parts.get('POSTAL CODE') ?? ''].filter((part) => part !== '').join(' ');
  return {
    id: Number(location.attributes.ID),
    ...(street !== '' && { street }),
    ...(locality !== '' && { locality }),
    ...(country
      ? { country: references.text(country, 'CountryID', 'Country') }
      : areaCode?.attributes.Description && { country: areaCode.attributes.Description }),
  };
}

function documentOf(document: XmlElement, references: References, file: string): OfacIdentifier {
  const country =
    document.attributes['IssuedBy-CountryID'] && references.text(document, 'IssuedBy-CountryID', 'Country');
  const dates: Record<string, string> = {};
  for (const documentDate of childrenNamed(document, 'DocumentDate')) {
    const from = childNamed(
      childNamed(childNamed(documentDate, 'DatePeriod') ?? documentDate, 'Start') ?? documentDate,
      'From',
    );
    if (!from) continue;
    const type = references.text(documentDate, 'IDRegDocDateTypeID', 'IDRegDocDateType').toLowerCase();
    const key = type.startsWith('issue')
      ? 'issueDate'
      : type.startsWith('expiration')
        ? 'expirationDate'
        : undefined;
    if (key) dates[key] = printedOfacDate(dateOf(from, file));
  }
  return {
    id: Number(attribute(document, 'ID', file)),
    type: references.text(document, 'IDRegDocTypeID', 'IDRegDocType'),
    value: childText(document, 'IDRegistrationNo') ?? '',
    ...(country && { country }),
    ...dates,
  };
}

function partyOf(party: XmlElement, profile: XmlElement, context: Context): Party {
  const { references, file } = context;
  const subType = references.lookup(profile, 'PartySubTypeID', 'PartySubType');
  const partyType = references.text(subType, 'PartyTypeID', 'PartyType');
  const type: SdnType =
    subType.text === 'Vessel'
      ? 'vessel'
      : subType.text === 'Aircraft'
        ? 'aircraft'
        : partyType === 'Individual'
          ? 'individual'
          : 'entity';
  let name: string | undefined;
  const aliases: OfacAlias[] = [];
  const identifiers: OfacIdentifier[] = [];
  for (const identity of childrenNamed(profile, 'Identity')) {
    const groups = new Map<string, string>();
    for (const group of childrenNamed(
      childNamed(identity, 'NamePartGroups') ?? identity,
      'MasterNamePartGroup',
    )) {
      for (const part of childrenNamed(group, 'NamePartGroup')) {
        groups.set(attribute(part, 'ID', file), references.text(part, 'NamePartTypeID', 'NamePartType'));
      }
    }
    for (const alias of childrenNamed(identity, 'Alias')) {
      const documented = childNamed(alias, 'DocumentedName');
      if (!documented)
        throw new FormatError(file, xmlWhere(alias, 'DocumentedName'), 'missing; every alias has a name');
      const aliasName = composeName(documented, groups, file);
      const aliasType = references.text(alias, 'AliasTypeID', 'AliasType').toLowerCase();
      if (
        alias.attributes.Primary === 'true' &&
        identity.attributes.Primary !== 'false' &&
        name === undefined
      ) {
        name = aliasName;
        continue;
      }
      const ofacType = ofacAliasTypes.find((candidate) => candidate === aliasType);
      if (ofacType === undefined) {
        throw new FormatError(
          file,
          xmlWhere(alias, '@AliasTypeID'),
          `alias type "${aliasType}" is not A.K.A., F.K.A. or N.K.A.`,
        );
      }
      aliases.push({
        type: ofacType,
        name: aliasName,
        strength: alias.attributes.LowQuality === 'true' ? 'weak' : 'strong',
      });
    }
    identifiers.push(...(context.documents.get(attribute(identity, 'ID', file)) ?? []));
  }
  if (name === undefined)
    throw new FormatError(file, xmlWhere(profile, 'Identity'), 'no primary alias gives the party a name');
  const fields: Partial<Record<FeatureField, string>> = {};
  const addresses: OfacAddress[] = [];
  for (const feature of childrenNamed(profile, 'Feature')) {
    const featureType = references.text(feature, 'FeatureTypeID', 'FeatureType');
    const version = childNamed(feature, 'FeatureVersion');
    if (!version || unreadFeatures.has(featureType.toLowerCase())) continue;
    const location = childNamed(version, 'VersionLocation');
    if (featureType.toLowerCase() === 'location' && location) {
      const id = attribute(location, 'LocationID', file);
      const address = context.locations.get(id);
      if (!address)
        throw new FormatError(
          file,
          xmlWhere(location, '@LocationID'),
          `${id} is not the ID of a Location in Locations`,
        );
      addresses.push(address);
      continue;
    }
    const detail = childNamed(version, 'VersionDetail');
    if (!detail) continue;
    const value = detail.attributes.DetailReferenceID
      ? references.text(detail, 'DetailReferenceID', 'DetailReference')
      : detail.text;
    const field = featureFields[featureType.toLowerCase()];
    if (field) fields[field] = value;
    else identifiers.push({ id: Number(attribute(feature, 'ID', file)), type: featureType, value });
  }
  const remarks = childText(party, 'Comment');
  return {
    name,
    type,
    ...fields,
    ...(remarks !== undefined && { remarks }),
    aliases,
    addresses,
    identifiers,
  };
}

/** `LAST, First Middle` when the name has a last-name part (as the legacy lists print people), else the parts joined. */
function composeName(documented: XmlElement, groups: ReadonlyMap<string, string>, file: string): string {
  const last: string[] = [];
  const rest: string[] = [];
  for (const part of childrenNamed(documented, 'DocumentedNamePart')) {
    const value = childNamed(part, 'NamePartValue');
    if (!value || value.text === '') continue;
    const group = attribute(value, 'NamePartGroupID', file);
    const partType = groups.get(group);
    if (partType === undefined) {
      throw new FormatError(
        file,
        xmlWhere(value, '@NamePartGroupID'),
        `${group} is not a NamePartGroup of this identity`,
      );
    }
    (partType === 'Last Name' ? last : rest).push(value.text);
  }
  const name =
    last.length === 0
      ? rest.join(' ')
      : rest.length === 0
        ? last.join(' ')
        : `${last.join(' ')}, ${rest.join(' ')}`;
  if (name.length > maxNameChars) throw new FormatError(file, xmlWhere(documented), nameTooLong(name));
  return name;
}

/** One SanctionsEntry: the list it puts the party on, its programs, Created date and legal bases. */
interface Listing {
  readonly listName: string;
  readonly list: OfacList;
  readonly programs: readonly string[];
  readonly created?: PartialDate;
  readonly legalBases: readonly string[];
}

function listingOf(sanctionsEntry: XmlElement, references: References, file: string): Listing {
  const listName = references.text(sanctionsEntry, 'ListID', 'List');
  const programs = childrenNamed(sanctionsEntry, 'SanctionsMeasure')
    .filter((measure) => references.text(measure, 'SanctionsTypeID', 'SanctionsType') === 'Program')
    .map((measure) => childText(measure, 'Comment') ?? '');
  if (programs.length === 0 || programs.includes('')) {
    throw new FormatError(
      file,
      xmlWhere(sanctionsEntry, 'SanctionsMeasure'),
      'expected one or more Program measures, each naming its program in Comment',
    );
  }
  const created: PartialDate[] = [];
  const legalBases: string[] = [];
  for (const event of childrenNamed(sanctionsEntry, 'EntryEvent')) {
    const date = childNamed(event, 'Date');
    if (date && references.text(event, 'EntryEventTypeID', 'EntryEventType') === 'Created')
      created.push(dateOf(date, file));
    const basis = event.attributes.LegalBasisID && references.text(event, 'LegalBasisID', 'LegalBasis');
    if (basis && !legalBases.includes(basis)) legalBases.push(basis);
  }
  const date = created.sort()[0];
  return { listName, list: listOf(listName), programs, ...(date && { created: date }), legalBases };
}

/** The listing an entry stands for: a non-SDN list, else the SDN List, else the umbrella Consolidated List. */
function ownListing(listings: readonly Listing[]): Listing {
  const rank = ({ list }: Listing) =>
    list.kind === 'consolidated' && list.subList !== undefined ? 0 : list.kind === 'sdn' ? 1 : 2;
  return listings.reduce((best, listing) => (rank(listing) < rank(best) ? listing : best));
}

function entryOf(
  profileId: string,
  sanctionsEntries: readonly XmlElement[],
  party: Party,
  references: References,
  file: string,
): OfacEntry {
  const listings = sanctionsEntries.map((element) => listingOf(element, references, file));
  const own = ownListing(listings);
  const programs = [...new Set(listings.flatMap((listing) => listing.programs))];
  const legalBases = [...new Set(listings.flatMap((listing) => listing.legalBases))];
  const dated: OfacListing[] = listings.map((listing) => ({
    list: listing.listName,
    ...(listing.created && { date: listing.created }),
  }));
  return {
    entryNumber: Number(profileId),
    ...party,
    programs: [...own.programs, ...programs.filter((program) => !own.programs.includes(program))],
    list: own.list,
    ...(own.created !== undefined && { designationDate: own.created }),
    ...(legalBases.length > 0 && { legalBases }),
    ...(listings.length > 1 && { listings: dated }),
  };
}

/** How a ListValues name shows each Consolidated sub-list: its abbreviation or a word of its full name. */
const subListNames: Readonly<Record<ConsolidatedSubList, RegExp>> = {
  ssi: /\bSSI\b|Sectoral/i,
  fse: /\bFSE\b|Evaders/i,
  'ns-plc': /\bPLC\b|Palestinian/i,
  'part-561': /\b561\b|\bCAPTA\b/,
  'ns-isa': /\bISA\b|Iran Sanctions Act/i,
  eo13599: /13599/,
  'ns-mbs': /\bMBS\b|Menu-Based/i,
  'ns-cmic': /\bCMIC\b|Military-Industrial/i,
};

/** The list a ListValues name means: `SDN List`, or a Consolidated sub-list named by its abbreviation. */
function listOf(name: string): OfacList {
  if (/\bSDN List\b/i.test(name) && !/non-sdn/i.test(name)) return { kind: 'sdn' };
  const subList = consolidatedSubLists.find((candidate) => subListNames[candidate].test(name));
  return subList === undefined ? { kind: 'consolidated' } : { kind: 'consolidated', subList };
}
