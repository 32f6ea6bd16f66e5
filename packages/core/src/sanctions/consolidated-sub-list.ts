/**
 * The lists that make up OFAC's Consolidated (non-SDN) Sanctions List. Their members are not SDNs (unless
 * also listed on the SDN list); each list carries its own, narrower restrictions.
 */
export const consolidatedSubLists = [
  'ssi',
  'fse',
  'ns-plc',
  'part-561',
  'ns-isa',
  'eo13599',
  'ns-mbs',
  'ns-cmic',
] as const;

/** One of {@link consolidatedSubLists}. */
export type ConsolidatedSubList = (typeof consolidatedSubLists)[number];

/** OFAC's own name for each sub-list of the Consolidated List. */
export const consolidatedSubListNames: Readonly<Record<ConsolidatedSubList, string>> = {
  ssi: 'Sectoral Sanctions Identifications (SSI) List',
  fse: 'Foreign Sanctions Evaders (FSE) List',
  'ns-plc': 'Non-SDN Palestinian Legislative Council (NS-PLC) List',
  'part-561': 'Part 561 List',
  'ns-isa': 'Non-SDN Iran Sanctions Act (NS-ISA) List',
  eo13599: 'Executive Order 13599 List',
  'ns-mbs': 'Non-SDN Menu-Based Sanctions (NS-MBS) List',
  'ns-cmic': 'Non-SDN Chinese Military-Industrial Complex Companies (NS-CMIC) List',
};

/**
 * Program tags that place a Consolidated List entry on a sub-list, in the order they are tried. OFAC's data
 * specification (cons_dat_spec.txt) says program tags determine the list an entry is from; `IRAN` on the
 * Consolidated List marks the E.O. 13599 List (Government of Iran entities moved off the SDN list on JCPOA
 * Implementation Day, 16 Jan 2016). No program tag is known for the NS-MBS List.
 */
const subListTags: readonly (readonly [RegExp, ConsolidatedSubList])[] = [
  [/^NS-PLC$/, 'ns-plc'],
  [/^561List$/, 'part-561'],
  [/^FSE-/, 'fse'],
  [/^UKRAINE-EO13662$/, 'ssi'],
  [/^ISA$/, 'ns-isa'],
  [/^CMIC-EO13959$/, 'ns-cmic'],
  [/^IRAN$/, 'eo13599'],
];

/**
 * The sub-list of a Consolidated List entry, read from its program tags; `undefined` when no tag names one.
 * An entry with tags of two sub-lists (none in the 2018 list) gets the first in the order NS-PLC, Part 561,
 * FSE, SSI, NS-ISA, NS-CMIC, E.O. 13599: e.g. `['SYRIA', 'FSE-SY']` is on the FSE List and
 * `['SDGT', 'NS-PLC']` on the NS-PLC List.
 */
export function consolidatedSubListOf(programs: readonly string[]): ConsolidatedSubList | undefined {
  for (const [tag, subList] of subListTags) {
    if (programs.some((program) => tag.test(program))) return subList;
  }
  return undefined;
}
