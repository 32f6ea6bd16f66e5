/**
 * An address of an OFAC entry, in the shape of the legacy files. The XML lists split the locality into
 * city, state or province and postal code; readers compose it as OFAC's own CSV does
 * (`City, State Postal`, e.g. `Tehran 11365`), so every format gives the same address.
 */
export interface OfacAddress {
  /** OFAC's record number (Add_num, address uid). */
  readonly id?: number;
  /** Street address; the XML's address1 to address3 joined with `, `. */
  readonly street?: string;
  /** City, state or province and postal code, as OFAC's CSV prints them in one field. */
  readonly locality?: string;
  /** Country as OFAC names it (e.g. `Iran`, `Korea, North`), not an ISO code. */
  readonly country?: string;
  readonly remarks?: string;
}
