import { describe, expect, it } from 'vitest';
import { analyzeConflict } from './analyze-conflict.ts';
import { compileConflict } from './compile-conflict.ts';
import { cubanMissileCrisis, prisonersDilemma, textbookConflicts } from './testing/textbook-conflicts.ts';

describe('analyzeConflict', () => {
  for (const { model, equilibria } of textbookConflicts) {
    it(`finds the published equilibria of ${model.title}`, () => {
      for (const chain of ['standard', 'gmcr-plus'] as const) {
        expect(analyzeConflict(compileConflict(model), { chain }).equilibria).toEqual(equilibria);
      }
    });
  }

  it('lists states, per-DM stability and rankings with ties as inner lists', () => {
    const analysis = analyzeConflict(compileConflict(prisonersDilemma));
    expect(analysis.chain).toBe('standard');
    expect(analysis.states).toEqual([
      { id: 1, yn: 'NN', decimal: 0 },
      { id: 2, yn: 'YN', decimal: 1 },
      { id: 3, yn: 'NY', decimal: 2 },
      { id: 4, yn: 'YY', decimal: 3 },
    ]);
    expect(analysis.stable.one?.nash).toEqual([1, 3]);
    expect(analysis.rankings.one).toEqual([[3], [4], [1], [2]]);
  });

  it('numbers the Cuban missile crisis states as GMCR+ does (12 feasible of 16)', () => {
    const analysis = analyzeConflict(compileConflict(cubanMissileCrisis));
    expect(analysis.states).toHaveLength(12);
    expect(analysis.states[5]).toEqual({ id: 6, yn: 'YNYN', decimal: 5 });
    expect(analysis.states[8]).toEqual({ id: 9, yn: 'NNNY', decimal: 8 });
  });
});
