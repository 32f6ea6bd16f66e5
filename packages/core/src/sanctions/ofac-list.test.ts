import { describe, expect, it } from 'vitest';
import { consolidatedSubListOf, consolidatedSubLists } from './consolidated-sub-list.ts';
import { type OfacList, ofacListFromName, ofacListName } from './ofac-list.ts';

describe('consolidatedSubListOf', () => {
  it('places entries by their program tags, as cons_prim.csv prints them', () => {
    expect(consolidatedSubListOf(['IRAN'])).toBe('eo13599');
    expect(consolidatedSubListOf(['SYRIA', 'FSE-SY'])).toBe('fse');
    expect(consolidatedSubListOf(['SYRIA', 'UKRAINE-EO13662'])).toBe('ssi');
    expect(consolidatedSubListOf(['SDGT', 'NS-PLC'])).toBe('ns-plc');
    expect(consolidatedSubListOf(['561List'])).toBe('part-561');
    expect(consolidatedSubListOf(['SDGT'])).toBeUndefined();
  });
});

describe('ofacListName and ofacListFromName', () => {
  it('name each list as OFAC does and read the name back', () => {
    const lists: OfacList[] = [
      { kind: 'sdn' },
      { kind: 'consolidated' },
      ...consolidatedSubLists.map((subList) => ({ kind: 'consolidated' as const, subList })),
    ];
    for (const list of lists) expect(ofacListFromName(ofacListName(list))).toEqual(list);
    expect(ofacListName({ kind: 'consolidated', subList: 'ssi' })).toBe(
      'Sectoral Sanctions Identifications (SSI) List',
    );
    expect(ofacListFromName('Some Other List')).toBeUndefined();
  });
});
