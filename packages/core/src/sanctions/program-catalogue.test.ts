import { describe, expect, it } from 'vitest';
import { isIranRelated, programCatalogue, unknownProgramTags } from './program-catalogue.ts';
import { isLayered, programGrounds } from './program-grounds.ts';
import { testCatalogue } from './testing/sanctions-fixtures.ts';

describe('program catalogue', () => {
  it('reports tags it does not know, each once, and never drops them', () => {
    const catalogue = testCatalogue();
    expect(unknownProgramTags(catalogue, ['IRAN', 'NEW-TAG', 'SDGT', 'NEW-TAG', 'OTHER'])).toEqual([
      'NEW-TAG',
      'OTHER',
    ]);
  });

  it('calls an entry Iran-related through its Iran tags, not through global ones alone', () => {
    const catalogue = testCatalogue();
    expect(isIranRelated(catalogue, ['SDGT', 'IFSR'])).toBe(true);
    expect(isIranRelated(catalogue, ['SDGT'])).toBe(false);
    expect(isIranRelated(catalogue, ['UNKNOWN'])).toBe(false);
  });

  it('refuses a tag given twice and a fact citing a missing source, naming them', () => {
    const program = {
      tag: 'IRAN',
      name: 'Iran',
      iranRelated: true,
      authorities: [{ citation: 'E.O. 13599', source: 'eo13599' }],
      basis: 'sectoral-economic' as const,
      basisSource: 'eo13599',
      jcpoa: 'relieved-on-implementation-day' as const,
      jcpoaSource: 'nowhere',
    };
    expect(() => programCatalogue([{ id: 'eo13599', title: 'E.O. 13599' }], [program])).toThrow(
      'tag "IRAN" cites source "nowhere", which is not given',
    );
    const sourced = { ...program, jcpoaSource: 'eo13599' };
    expect(() => programCatalogue([{ id: 'eo13599', title: 'E.O. 13599' }], [sourced, sourced])).toThrow(
      'tag "IRAN" is given twice',
    );
  });

  it('tells nuclear grounds from other labels and markers, for layering', () => {
    const catalogue = testCatalogue();
    expect(programGrounds(catalogue, 'IRAN')).toBe('nuclear');
    expect(programGrounds(catalogue, 'NPWMD')).toBe('nuclear');
    expect(programGrounds(catalogue, 'SDGT')).toBe('other-label');
    expect(programGrounds(catalogue, 'IFSR')).toBe('marker');
    expect(programGrounds(catalogue, 'NOPE')).toBe('unknown');
    expect(isLayered(catalogue, ['IRAN', 'SDGT', 'IFSR'])).toBe(true);
    expect(isLayered(catalogue, ['SDGT', 'IFSR'])).toBe(false);
    expect(isLayered(catalogue, ['IRAN', 'IFSR'])).toBe(false);
  });
});
