import { describe, expect, it } from 'vitest';
import { redLineKinds } from '../scenario.ts';
import { type RedLineKind, redLineModules } from './index.ts';

/**
 * Every facet of a red line kind, and whether it is a function. Written as a record over the interface's
 * keys, so that a facet added to `RedLineKind` and not listed here does not compile.
 */
const facets: Record<keyof RedLineKind<'max-exposure'>, 'function' | 'string'> = {
  kind: 'string',
  validate: 'function',
  startDayMeasures: 'function',
  modelRows: 'function',
  check: 'function',
  holdsWhileFilling: 'function',
  exposureLimit: 'function',
  explain: 'function',
  concessionUnit: 'string',
  maxSlack: 'function',
};

describe('redLineModules', () => {
  it('has one module for every kind in redLineKinds, and none for another', () => {
    expect(Object.keys(redLineModules).sort()).toEqual([...redLineKinds].sort());
  });

  it.each([...redLineKinds])('gives %s a module of its own kind with every facet', (kind) => {
    const module: Record<string, unknown> = { ...redLineModules[kind] };
    expect(module.kind).toBe(kind);
    for (const [facet, type] of Object.entries(facets)) expect(typeof module[facet], facet).toBe(type);
    expect(Object.keys(module).sort()).toEqual(Object.keys(facets).sort());
  });
});
