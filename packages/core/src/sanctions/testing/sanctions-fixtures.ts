import { isoDate } from '../../units.ts';
import type { OfacEntry } from '../ofac-entry.ts';
import type { OfacList } from '../ofac-list.ts';
import type { OfacSnapshot } from '../ofac-snapshot.ts';
import { type ProgramCatalogue, type ProgramDefinition, programCatalogue } from '../program-catalogue.ts';

/** A hand-made entry: an entity on the SDN list unless told otherwise. */
export function entry(
  entryNumber: number,
  name: string,
  programs: string[],
  extra: Partial<OfacEntry> = {},
): OfacEntry {
  return {
    entryNumber,
    name,
    type: 'entity',
    programs,
    list: { kind: 'sdn' },
    aliases: [],
    addresses: [],
    ...extra,
  };
}

/** A hand-made snapshot of the SDN list (or the lists given). */
export function snapshot(
  label: string,
  date: string,
  entries: OfacEntry[],
  lists: OfacSnapshot['lists'] = ['sdn'],
): OfacSnapshot {
  return { label, date: isoDate(date), lists, entries };
}

/** The E.O. 13599 List, as the 2018 Consolidated List places its entries. */
export const eo13599List: OfacList = { kind: 'consolidated', subList: 'eo13599' };

type Program = Pick<ProgramDefinition, 'tag' | 'basis' | 'jcpoa' | 'iranRelated'>;

/** A small catalogue of the Iran tags the tests use, as the shipped catalogue describes them. */
export const testPrograms: readonly Program[] = [
  { tag: 'IRAN', basis: 'sectoral-economic', jcpoa: 'relieved-on-implementation-day', iranRelated: true },
  { tag: 'IFSR', basis: 'other', jcpoa: 'mixed', iranRelated: true },
  { tag: 'IRGC', basis: 'terrorism', jcpoa: 'non-nuclear', iranRelated: true },
  { tag: 'IRAN-HR', basis: 'human-rights', jcpoa: 'non-nuclear', iranRelated: true },
  { tag: 'IRAN-EO13846', basis: 'nuclear', jcpoa: 'reimposes-relief', iranRelated: true },
  { tag: 'EO13622', basis: 'nuclear', jcpoa: 'revoked-on-implementation-day', iranRelated: true },
  { tag: 'NPWMD', basis: 'proliferation', jcpoa: 'mixed', iranRelated: false },
  { tag: 'SDGT', basis: 'terrorism', jcpoa: 'non-nuclear', iranRelated: false },
  { tag: 'SDNTK', basis: 'other', jcpoa: 'not-iran', iranRelated: false },
];

/** {@link testPrograms} as a catalogue, every fact citing one test source. */
export function testCatalogue(programs: readonly Program[] = testPrograms): ProgramCatalogue {
  return programCatalogue(
    [{ id: 'test', title: 'test source' }],
    programs.map((program) => ({
      ...program,
      name: program.tag,
      authorities: [{ citation: `authority of ${program.tag}`, source: 'test' }],
      basisSource: 'test',
      jcpoaSource: 'test',
    })),
  );
}
