import { describe, expect, it } from 'vitest';
import { analyzeConflict } from './analyze-conflict.ts';
import { compileConflict } from './compile-conflict.ts';
import { changesThatStabilise, moveInRanking, preferenceChangeEffect } from './sensitivity.ts';
import { cubanMissileCrisis, prisonersDilemma, syriaIraq } from './testing/textbook-conflicts.ts';

describe('moveInRanking', () => {
  const ranking = [[3], [1, 4], [2]];
  it('moves a state by half-steps: first a tie, then past the group', () => {
    expect(moveInRanking(ranking, 2, 1)).toEqual([[3], [1, 2, 4]]);
    expect(moveInRanking(ranking, 2, 2)).toEqual([[3], [2], [1, 4]]);
    expect(moveInRanking(ranking, 4, 1)).toEqual([[3], [4], [1], [2]]);
    expect(moveInRanking(ranking, 4, -1)).toEqual([[3], [1], [4], [2]]);
    expect(moveInRanking(ranking, 3, -1)).toEqual([[1, 3, 4], [2]]);
  });
  it('stops at either end', () => {
    expect(moveInRanking(ranking, 2, 99)).toEqual([[2], [3], [1, 4]]);
    expect(moveInRanking(ranking, 3, -99)).toEqual([[1, 4], [2], [3]]);
  });
});

describe('preferenceChangeEffect', () => {
  it("reports mutual cooperation vanishing when prisoner 1 puts not cooperating above the other's cooperation", () => {
    const effect = preferenceChangeEffect(prisonersDilemma, {
      kind: 'swap-statements',
      dm: 'one',
      first: 0,
      second: 1,
    });
    expect(effect.before.gmr).toEqual([1, 4]);
    expect(effect.vanish).toEqual({ nash: [], gmr: [4], smr: [4], seq: [4] });
    expect(effect.appear).toEqual({ nash: [], gmr: [], smr: [], seq: [] });
    expect(effect.rankingAfter).toEqual([[3], [1], [4], [2]]);
    expect(effect.description).toBe(
      'Prisoner 1 swaps the priority of "cooperate-2" (now 2.) and "-cooperate-1" (now 1.)',
    );
  });

  it('moves a state in a ranking, on a compiled conflict too', () => {
    const compiled = compileConflict(syriaIraq);
    const effect = preferenceChangeEffect(compiled, { kind: 'move-state', dm: 'syria', state: 6, by: -6 });
    expect(effect.rankingAfter[effect.rankingAfter.length - 1]).toEqual([6]);
    expect(effect.after).toEqual(analyzeConflict(compileConflict(effect.model)).equilibria);
  });

  it('rejects a swap in a preference that has no statements, and statement numbers out of range', () => {
    const ranked = preferenceChangeEffect(syriaIraq, {
      kind: 'move-state',
      dm: 'iraq',
      state: 1,
      by: 1,
    }).model;
    expect(() =>
      preferenceChangeEffect(ranked, { kind: 'swap-statements', dm: 'iraq', first: 0, second: 1 }),
    ).toThrow("preferences.iraq: Iraq's preference is a ranking, not statements");
    expect(() =>
      preferenceChangeEffect(syriaIraq, { kind: 'swap-statements', dm: 'iraq', first: 0, second: 9 }),
    ).toThrow('change.second: statement 9 does not exist; accepted are 0 to 4');
  });
});

describe('changesThatStabilise', () => {
  it('lists, for whom and how, the changes that make the Cuban status quo a SEQ equilibrium', () => {
    const result = changesThatStabilise(cubanMissileCrisis, 1);
    expect(result.alreadyEquilibrium).toBe(false);
    expect(result.unstableFor).toEqual(['us']);
    expect(result.changes.length).toBeGreaterThan(0);
    expect(result.changes.every((change) => change.dm === 'us')).toBe(true);
    for (const change of result.changes) {
      const effect = preferenceChangeEffect(cubanMissileCrisis, change.change);
      expect(effect.after.seq).toContain(1);
      expect(effect.after.seq).toEqual(change.equilibriaAfter);
    }
    expect(result.sentences[0]).toMatch(/^If US swaps the priority of .*, state 1 becomes a SEQ equilibrium/);
  });

  it('lists only the least rise of the target in one ranking', () => {
    const result = changesThatStabilise(cubanMissileCrisis, 2, 'nash');
    const rises = result.changes.filter(
      (change) => change.change.kind === 'move-state' && change.change.state === 2,
    );
    expect(rises).toHaveLength(1);
    expect(rises[0]!.change).toEqual({ kind: 'move-state', dm: 'ussr', state: 2, by: 1 });
  });

  it('says when the target is an equilibrium already', () => {
    const result = changesThatStabilise(prisonersDilemma, 4);
    expect(result).toMatchObject({ alreadyEquilibrium: true, changes: [], tried: 0 });
  });
});
