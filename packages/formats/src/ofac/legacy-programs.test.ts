import { describe, expect, it } from 'vitest';
import { splitOfacPrograms } from './legacy-programs.ts';

describe('splitOfacPrograms', () => {
  it('splits the tags OFAC prints in one field as "] [", keeping spaces inside a tag', () => {
    expect(splitOfacPrograms('SDGT] [IRGC] [IFSR')).toEqual(['SDGT', 'IRGC', 'IFSR']);
    expect(splitOfacPrograms('CAATSA - RUSSIA] [UKRAINE-EO13661')).toEqual([
      'CAATSA - RUSSIA',
      'UKRAINE-EO13661',
    ]);
    expect(splitOfacPrograms('561List')).toEqual(['561List']);
  });

  it('reports an empty tag', () => {
    expect(splitOfacPrograms('SDGT] [')).toBeUndefined();
    expect(splitOfacPrograms(' ')).toBeUndefined();
  });
});
