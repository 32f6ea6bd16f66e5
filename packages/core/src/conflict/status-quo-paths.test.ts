import { describe, expect, it } from 'vitest';
import { compileConflict } from './compile-conflict.ts';
import { statusQuoPaths } from './status-quo-paths.ts';
import { cubanMissileCrisis, prisonersDilemma } from './testing/textbook-conflicts.ts';

describe('statusQuoPaths', () => {
  it("leads the prisoners' dilemma from mutual cooperation to mutual defection in two unilateral steps", () => {
    const result = statusQuoPaths(compileConflict(prisonersDilemma), 4, { definition: 'nash' });
    expect(result.equilibria).toEqual([1]);
    const [toOne] = result.toEquilibria;
    expect(toOne).toMatchObject({ equilibrium: 1, reachable: true, shortest: 2 });
    expect(toOne!.paths).toHaveLength(2);
    expect(toOne!.paths[0]!.steps.map((step) => [step.dm, step.from, step.to, step.kind])).toEqual([
      ['one', 4, 3, 'unilateral'],
      ['two', 3, 1, 'unilateral'],
    ]);
    expect(toOne!.paths[0]!.sentence).toBe(
      'From state 4 to equilibrium 1 in 2 steps: Prisoner 1 withdraws “Prisoner 1 cooperates” (state 4 → state 3); then Prisoner 2 withdraws “Prisoner 2 cooperates” (state 3 → state 1).',
    );
  });

  it('counts joint improvements: both prisoners cooperating at once from mutual defection', () => {
    const result = statusQuoPaths(compileConflict(prisonersDilemma), 1, { definition: 'gmr' });
    // State 1 is itself a GMR equilibrium; state 4 is reached only by the joint move.
    expect(result.toEquilibria[0]).toMatchObject({ equilibrium: 1, shortest: 0 });
    expect(result.toEquilibria[1]).toMatchObject({ equilibrium: 4, reachable: true, shortest: 1 });
    expect(result.toEquilibria[1]!.paths[0]!.steps[0]).toMatchObject({ dm: 'one + two', kind: 'coalition' });
    const unilateralOnly = statusQuoPaths(compileConflict(prisonersDilemma), 1, {
      definition: 'gmr',
      coalitions: false,
    });
    expect(unilateralOnly.toEquilibria[1]).toMatchObject({ equilibrium: 4, reachable: false, paths: [] });
  });

  it('traces the Cuban missile crisis from the status quo to its SEQ equilibria, shortest first', () => {
    const result = statusQuoPaths(compileConflict(cubanMissileCrisis), 1);
    expect(result.equilibria).toEqual([5, 6, 7]);
    for (const target of result.toEquilibria.filter((entry) => entry.reachable)) {
      const lengths = target.paths.map((path) => path.length);
      expect(lengths).toEqual([...lengths].sort((a, b) => a - b));
      expect(lengths[0]).toBe(target.shortest);
      for (const path of target.paths) {
        expect(path.steps[0]!.from).toBe(1);
        expect(path.steps[path.steps.length - 1]!.to).toBe(target.equilibrium);
      }
    }
    expect(result.toEquilibria.some((entry) => entry.reachable)).toBe(true);
  });

  it('rejects an unknown status quo', () => {
    expect(() => statusQuoPaths(compileConflict(prisonersDilemma), 0)).toThrow(
      'from: state 0 does not exist',
    );
  });
});
