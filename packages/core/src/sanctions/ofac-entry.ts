import type { PartialDate } from '../units.ts';
import type { OfacAddress } from './ofac-address.ts';
import type { OfacAlias } from './ofac-alias.ts';
import type { OfacIdentifier } from './ofac-identifier.ts';
import type { OfacList } from './ofac-list.ts';
import type { SdnType } from './sdn-type.ts';

/**
 * One entry of an OFAC list, the same whichever format it was read from (legacy CSV or pipe files, legacy
 * XML, sdn_advanced.xml, FollowTheMoney). Optional text fields are absent where OFAC prints its empty marker
 * `-0-`; OFAC gives titles only to individuals and vessel details only to vessels.
 */
export interface OfacEntry {
  /** OFAC's unique entry number (ent_num, uid), e.g. 306. Re-listed parties may get a new number. */
  readonly entryNumber: number;
  /** As printed: `LAST, First` for people, e.g. `ABDELNUR, Nury de Jesus`. */
  readonly name: string;
  readonly type: SdnType;
  /** Program tags in the order OFAC lists them, e.g. `['SDGT', 'IRGC', 'IFSR']`. */
  readonly programs: readonly string[];
  readonly list: OfacList;
  /** An individual's title or position, e.g. `Director, Banco Nacional de Cuba`. */
  readonly title?: string;
  readonly callSign?: string;
  readonly vesselType?: string;
  /** As printed, e.g. `34,900`. */
  readonly tonnage?: string;
  /** Gross registered tonnage as printed, e.g. `26,561`. */
  readonly grossRegisteredTonnage?: string;
  /** Flag state as OFAC names it, e.g. `Iran` or `None Identified`. */
  readonly vesselFlag?: string;
  readonly vesselOwner?: string;
  /**
   * The remarks in full: in the legacy files, remarks cut at 1,000 characters are joined with their
   * continuation from the comments file. They hold dates and places of birth, weak aliases, identifiers and
   * links (`Linked To: ...`); `parseOfacRemarks` reads the aliases and identifiers.
   */
  readonly remarks?: string;
  /** Strong aliases from their own records, then weak aliases from the remarks or the XML. */
  readonly aliases: readonly OfacAlias[];
  readonly addresses: readonly OfacAddress[];
  /**
   * Identifiers as a structured list, where the source has one (the XML id list, sdn_advanced.xml). The
   * legacy CSV and pipe files print them only inside the remarks: use `parseOfacRemarks` there.
   */
  readonly identifiers?: readonly OfacIdentifier[];
  /** When OFAC designated the entry; only sdn_advanced.xml carries it (EntryEvent/Date). */
  readonly designationDate?: PartialDate;
  /** The legal authorities of the designation (sdn_advanced.xml only), e.g. `Executive Order 13224`. */
  readonly legalBases?: readonly string[];
  /**
   * Where the advanced XML puts the party on more than one list (cons_advanced.xml: the umbrella
   * `Consolidated List` and its own list), every list with that listing's date (its `Created` EntryEvent),
   * as OFAC names the list, e.g. `{ list: 'Consolidated List', date: '2014-10-10' }`. `designationDate` is
   * the date of the listing `list` stands for.
   */
  readonly listings?: readonly OfacListing[];
}

/** One list an entry is on in OFAC's advanced XML, and since when (see `OfacEntry.listings`). */
export interface OfacListing {
  /** The list as the file's ListValues name it, e.g. `Sectoral Sanctions Identifications List`. */
  readonly list: string;
  readonly date?: PartialDate;
}
