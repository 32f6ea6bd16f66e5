import { type OfacAlias, ofacAliasTypes } from './ofac-alias.ts';
import type { OfacIdentifier } from './ofac-identifier.ts';

/** What {@link parseOfacRemarks} reads from the remarks of a legacy OFAC record. */
export interface OfacRemarks {
  /** Weak aliases, printed as `a.k.a. 'X'` (also `f.k.a.`, `n.k.a.`), in order. */
  readonly aliases: readonly OfacAlias[];
  /** Identifiers whose OFAC label is known (see {@link ofacIdentifierLabels}), in order. */
  readonly identifiers: readonly OfacIdentifier[];
  /** Names after `Linked To:`, the parties OFAC links the entry to. */
  readonly linkedTo: readonly string[];
  /**
   * True when the remarks are exactly 1,000 characters, the legacy field's limit, so OFAC probably cut them
   * and the rest was in a comments file that is not at hand. The last item is then not read, since it may
   * be cut mid-word (`a.k.a. 'snowsjo` in the 2021-08-18 sdn.csv).
   */
  readonly cutShort: boolean;
}

/** The legacy files' remarks limit: longer remarks are cut there and continued in the comments file. */
const remarksLimit = 1000;

/**
 * Identifier labels that state a sanctions status or point to more information, not a trait of the party:
 * they are read as identifiers but never link two entries as the same party.
 */
export const ofacStatusLabels: readonly string[] = [
  'Additional Sanctions Information -',
  'Secondary sanctions risk:',
  'Transactions Prohibited For Persons Owned or Controlled By U.S. Financial Institutions:',
  'Executive Order 13662 Directive Determination -',
  'Executive Order 13846 information:',
  'Executive Order 14024 Directive Information -',
  'CAATSA Section 235 Information:',
  'For more information, please see:',
];

/**
 * Labels OFAC prints before an identifier in remarks, spelled as its XML `idType` spells them. A label is
 * recognised only at the start of an item, after an optional `alt. `, and followed by a space. `Telephone`
 * and `Fax` items are left out: the 2018 XML list does not count them as ids.
 */
export const ofacIdentifierLabels: readonly string[] = [
  ...ofacStatusLabels,
  'Passport',
  'Diplomatic Passport',
  'National ID No.',
  'National Foreign ID Number',
  'Tax ID No.',
  'SSN',
  'Cedula No.',
  'C.U.R.P.',
  'R.F.C.',
  'D.N.I.',
  'Personal ID Card',
  "Driver's License No.",
  'Birth Certificate Number',
  'Residency Number',
  'Identification Number',
  'Registration ID',
  'Registration Number',
  'Business Registration Number',
  'Business Registration Document #',
  'Business Number',
  'Commercial Registry Number',
  'Company Number',
  'UK Company Number',
  'Public Registration Number',
  'Government Gazette Number',
  'Legal Entity Number',
  'Unified Social Credit Code (USCC)',
  'Economic Register Number (CBLS)',
  'Certificate of Incorporation Number',
  'Trade License No.',
  'License',
  'Registered Charity No.',
  'V.A.T. Number',
  'SWIFT/BIC',
  'BIK (RU)',
  'Website',
  'Email Address',
  'Phone Number',
  'MMSI',
  'Vessel Registration Identification',
  'Former Vessel Flag',
  'Other Vessel Flag',
  'Other Vessel Type',
  'Other Vessel Call Sign',
  'Vessel Year of Build',
  'Nationality of Registration',
  "Aircraft Manufacturer's Serial Number (MSN)",
  'Aircraft Construction Number (also called L/N or S/N or F/N)',
  'Aircraft Model',
  'Aircraft Operator',
  'Aircraft Manufacture Date',
  'Aircraft Mode S Transponder Code',
  'Aircraft Tail Number',
  'Previous Aircraft Tail Number',
  'Organization Established Date',
  'Organization Type:',
  'Target Type',
];

// Longest first, so `Registration Number` is not read as `Registration` and `UK Company Number` wins over
// `Company Number`.
const labelsLongestFirst = [...ofacIdentifierLabels].sort((a, b) => b.length - a.length);
const digitalCurrencyLabel = /^Digital Currency Address - [A-Z0-9]+(?= )/;
const aliasItem = /^(a\.k\.a\.|f\.k\.a\.|n\.k\.a\.) '(.+)'$/s;
const printedDate = /^(?:(?:\d{1,2} )?[A-Z][a-z]{2} )?\d{4}$/;
const trailingCountry = /^(.+) \(([^()\d]+)\)$/s;
// A name ending in a one-letter abbreviation (`S.A. DE C.V.`) keeps its period at the end of the remarks:
// OFAC does not print a second one there.
const abbreviationEnd = /(?:^|[\s.])[A-Za-z]\.$/;

/**
 * Reads the weak aliases, identifiers and links from the remarks of a legacy OFAC record, e.g.
 * `DOB 13 Feb 1966; Passport X0906223 (Switzerland); a.k.a. 'ABU AL-FOUTOUH'.` Items are separated by `; `
 * and the remarks end with a period. Identifiers are read where OFAC's label is known; `alt. ` before an
 * item (a second value of the same kind) is dropped. Items that are neither (dates and places of birth,
 * nationality, gender, free text) are skipped. An item beginning `U.S. Persons` continues the
 * `Additional Sanctions Information -` before it, whose text itself holds `; ` in the E.O. 13599 entries.
 */
export function parseOfacRemarks(remarks: string | undefined): OfacRemarks {
  const aliases: OfacAlias[] = [];
  const identifiers: OfacIdentifier[] = [];
  const linkedTo: string[] = [];
  if (remarks === undefined || remarks.trim() === '') {
    return { aliases, identifiers, linkedTo, cutShort: false };
  }
  const cutShort = remarks.length === remarksLimit;
  const items = remarks.split('; ');
  if (cutShort) {
    items.pop();
  } else {
    items[items.length - 1] = withoutFinalPeriod(items.at(-1)!);
  }
  // Whether the item before was an `Additional Sanctions Information -` identifier that may continue.
  let mayContinue = false;
  for (const rawItem of items) {
    const item = rawItem.trim();
    const previous = identifiers.at(-1);
    if (mayContinue && previous && item.startsWith('U.S. Persons')) {
      identifiers[identifiers.length - 1] = { ...previous, value: `${previous.value}; ${item}` };
      continue;
    }
    mayContinue = false;
    const alias = aliasItem.exec(item);
    const aliasType = ofacAliasTypes.find((type) => type === alias?.[1]);
    if (alias && aliasType) {
      aliases.push({ type: aliasType, name: alias[2]!, strength: 'weak' });
      continue;
    }
    if (item.startsWith('Linked To: ')) {
      linkedTo.push(item.slice('Linked To: '.length));
      continue;
    }
    const identifier = identifierOf(item.startsWith('alt. ') ? item.slice('alt. '.length) : item);
    if (identifier) {
      identifiers.push(identifier);
      mayContinue = identifier.type === 'Additional Sanctions Information -';
    }
  }
  return { aliases, identifiers, linkedTo, cutShort };
}

/**
 * The last item without the period that ends the remarks. Only a `Linked To:` name can end in a period of
 * its own, so only there is a final one-letter abbreviation (`C.V.`) left whole.
 */
function withoutFinalPeriod(item: string): string {
  if (!item.endsWith('.')) return item;
  return item.startsWith('Linked To: ') && abbreviationEnd.test(item) ? item : item.slice(0, -1);
}

function identifierOf(item: string): OfacIdentifier | undefined {
  const type =
    digitalCurrencyLabel.exec(item)?.[0] ?? labelsLongestFirst.find((label) => item.startsWith(`${label} `));
  if (type === undefined) return undefined;
  let value = item.slice(type.length + 1).trim();
  if (value === '') return undefined;
  let expirationDate: string | undefined;
  let issueDate: string | undefined;
  const expires = value.lastIndexOf(' expires ');
  if (expires > 0 && printedDate.test(value.slice(expires + ' expires '.length))) {
    expirationDate = value.slice(expires + ' expires '.length);
    value = value.slice(0, expires);
  }
  const issued = value.lastIndexOf(' issued ');
  if (issued > 0 && printedDate.test(value.slice(issued + ' issued '.length))) {
    issueDate = value.slice(issued + ' issued '.length);
    value = value.slice(0, issued);
  }
  const country = trailingCountry.exec(value);
  return {
    type,
    value: country ? country[1]! : value,
    ...(country && { country: country[2]! }),
    ...(issueDate !== undefined && { issueDate }),
    ...(expirationDate !== undefined && { expirationDate }),
  };
}
