import { describe, expect, it } from 'vitest';
import { compileConflict } from './compile-conflict.ts';
import type { ConflictModel } from './conflict-model.ts';
import { cubanMissileCrisis, prisonersDilemma } from './testing/textbook-conflicts.ts';

const withChange = (change: Partial<ConflictModel>): ConflictModel => ({ ...prisonersDilemma, ...change });

describe('compileConflict', () => {
  it('numbers options by DM order, then file order, whatever the file order across DMs', () => {
    const compiled = compileConflict({
      ...cubanMissileCrisis,
      options: [...cubanMissileCrisis.options].reverse(),
    });
    expect(compiled.options.map((option) => option.id)).toEqual([
      'blockade',
      'air-strike',
      'escalate',
      'withdraw',
    ]);
  });

  it('builds multi-option moves in permitted directions only', () => {
    const compiled = compileConflict(cubanMissileCrisis);
    // US from state 1 (nothing): air strike, blockade, or both at once.
    const us = compiled.moves[0]!;
    expect(Array.from(us.targets.subarray(us.offsets[0]!, us.offsets[1]!), (s) => s + 1)).toEqual([2, 3, 4]);
    // From state 2 (air strike only) the strike cannot be undone: only the blockade can be added.
    expect(Array.from(us.targets.subarray(us.offsets[1]!, us.offsets[2]!), (s) => s + 1)).toEqual([4]);
  });

  it('reads the three preference forms to the same ranks', () => {
    const ranking = compileConflict(
      withChange({
        preferences: {
          one: { kind: 'ranking', ranking: [[3], [4], [1], [2]] },
          two: { kind: 'payoffs', payoffs: { 1: 2, 2: 4, 3: 1, 4: 3 } },
        },
      }),
    );
    const statements = compileConflict(prisonersDilemma);
    expect(ranking.ranks).toEqual(statements.ranks);
  });

  it.each([
    [
      'an unknown owner',
      withChange({ options: [{ id: 'x', name: 'X', dm: 'three', reversibility: 'both' }] }),
      "options[0].dm: unknown DM 'three'; known DMs: one, two",
    ],
    [
      'a duplicate option id',
      withChange({ options: [prisonersDilemma.options[0]!, prisonersDilemma.options[0]!] }),
      "options[1].id: duplicate option id 'cooperate-1' (also options[0])",
    ],
    [
      'a duplicate DM id',
      withChange({
        decisionMakers: [prisonersDilemma.decisionMakers[0]!, prisonersDilemma.decisionMakers[0]!],
      }),
      "decisionMakers[1].id: duplicate DM id 'one'",
    ],
    [
      'a DM without preference',
      withChange({ preferences: { one: prisonersDilemma.preferences.one! } }),
      "preferences.two: DM 'two' has no preference",
    ],
    [
      'a statement that does not parse',
      withChange({
        preferences: {
          ...prisonersDilemma.preferences,
          two: { kind: 'statements', statements: [{ text: 'a &' }] },
        },
      }),
      'preferences.two.statements[0]: expected an option id',
    ],
    [
      'a ranking that misses a state',
      withChange({
        preferences: { ...prisonersDilemma.preferences, one: { kind: 'ranking', ranking: [[3], [4, 1]] } },
      }),
      'preferences.one.ranking: the ranking misses state 2 (YN)',
    ],
    [
      'a ranking that repeats a state',
      withChange({
        preferences: {
          ...prisonersDilemma.preferences,
          one: { kind: 'ranking', ranking: [[3], [4, 1], [2, 3]] },
        },
      }),
      'preferences.one.ranking[2]: state 3 (NY) is ranked twice (also in group 0)',
    ],
    [
      'payoffs that miss a state',
      withChange({
        preferences: { ...prisonersDilemma.preferences, one: { kind: 'payoffs', payoffs: { 1: 1 } } },
      }),
      'preferences.one.payoffs: no payoff for state 2 (YN), state 3 (NY), state 4 (YY)',
    ],
    [
      'every state infeasible',
      withChange({ infeasible: [{ text: 'cooperate-1 | -cooperate-1' }] }),
      'infeasible: every state is infeasible',
    ],
  ])('rejects %s, naming the field', (_, model, message) => {
    expect(() => compileConflict(model)).toThrow(message);
  });
});
