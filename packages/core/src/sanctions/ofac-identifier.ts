/**
 * An identifying detail of an OFAC entry: a document number, registration, web site, vessel IMO number, or
 * a sanctions note such as `Additional Sanctions Information - Subject to Secondary Sanctions`. The type is
 * OFAC's label as its XML `idType` prints it (`Passport`, `Vessel Registration Identification`,
 * `Additional Sanctions Information -`); the legacy CSV prints the same item in the remarks as
 * `{type} {value} ({country})`.
 */
export interface OfacIdentifier {
  /** OFAC's record number (the XML id uid); absent for identifiers read from remarks. */
  readonly id?: number;
  readonly type: string;
  /** The number or text, e.g. `X0906223` for a passport or `IMO 9286140` for a vessel. */
  readonly value: string;
  /** Issuing country as OFAC names it. */
  readonly country?: string;
  /** As OFAC prints it, e.g. `20 Feb 2004`. */
  readonly issueDate?: string;
  /** As OFAC prints it, e.g. `17 Jul 2011`. */
  readonly expirationDate?: string;
}

const imoPattern = /^IMO (\d{7})$/;

/**
 * The vessel IMO numbers among an entry's identifiers (seven digits, e.g. `9286140`), taken from OFAC's
 * `Vessel Registration Identification IMO 9286140`. Company IMO numbers (`Company Number IMO ...`) are not
 * vessel numbers and are left out.
 */
export function vesselImoNumbers(identifiers: readonly OfacIdentifier[]): string[] {
  return identifiers.flatMap((identifier) => {
    const match =
      identifier.type === 'Vessel Registration Identification' && imoPattern.exec(identifier.value);
    return match ? [match[1]!] : [];
  });
}

/**
 * Whether OFAC marks the entry `Additional Sanctions Information - Subject to Secondary Sanctions` (also
 * `... Pursuant to the Hizballah Financial Sanctions Regulations`): non-US persons dealing with it risk US
 * sanctions themselves. `Not on the SDN List and Not Subject to Secondary Sanctions` (the E.O. 13599 List)
 * does not count.
 */
export function isSubjectToSecondarySanctions(identifiers: readonly OfacIdentifier[]): boolean {
  return identifiers.some(
    (identifier) =>
      identifier.type === 'Additional Sanctions Information -' &&
      identifier.value.startsWith('Subject to Secondary Sanctions'),
  );
}
