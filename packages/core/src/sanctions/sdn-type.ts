/**
 * What kind of party an OFAC entry names. OFAC's legacy files print `individual`, `vessel` and `aircraft`
 * and leave the type empty (`-0-`) for entities; the XML lists print `Individual`, `Entity`, `Vessel`,
 * `Aircraft`.
 */
export const sdnTypes = ['individual', 'entity', 'vessel', 'aircraft'] as const;

/** One of {@link sdnTypes}. */
export type SdnType = (typeof sdnTypes)[number];
