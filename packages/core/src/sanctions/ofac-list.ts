import {
  type ConsolidatedSubList,
  consolidatedSubListNames,
  consolidatedSubLists,
} from './consolidated-sub-list.ts';

/**
 * Which OFAC list an entry came from: the SDN list (Specially Designated Nationals and Blocked Persons, whose
 * property is blocked) or the Consolidated (non-SDN) List, with its sub-list where the source gives one.
 */
export type OfacList =
  | { readonly kind: 'sdn' }
  | { readonly kind: 'consolidated'; readonly subList?: ConsolidatedSubList };

const sdnListName = 'SDN List';
const consolidatedListName = 'Consolidated (non-SDN) List';

/**
 * OFAC's name for a list: `SDN List`, `Consolidated (non-SDN) List`, or the sub-list's own name such as
 * `Sectoral Sanctions Identifications (SSI) List`. {@link ofacListFromName} reads it back.
 */
export function ofacListName(list: OfacList): string {
  if (list.kind === 'sdn') return sdnListName;
  return list.subList === undefined ? consolidatedListName : consolidatedSubListNames[list.subList];
}

/** The list {@link ofacListName} named, or `undefined` for a name it does not give. */
export function ofacListFromName(name: string): OfacList | undefined {
  if (name === sdnListName) return { kind: 'sdn' };
  if (name === consolidatedListName) return { kind: 'consolidated' };
  const subList = consolidatedSubLists.find((candidate) => consolidatedSubListNames[candidate] === name);
  return subList === undefined ? undefined : { kind: 'consolidated', subList };
}
