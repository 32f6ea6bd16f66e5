import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyzeConflict } from './analyze-conflict.ts';
import { compileConflict } from './compile-conflict.ts';
import { ConflictInputError } from './conflict-input-error.ts';
import { explainState } from './explain-stability.ts';
import { generateConflict } from './testing/generated-conflict.ts';
import { cubanMissileCrisis, prisonersDilemma } from './testing/textbook-conflicts.ts';

describe('explainState', () => {
  it("explains why mutual cooperation holds in the prisoners' dilemma under GMR but not Nash", () => {
    const explanation = explainState(compileConflict(prisonersDilemma), 4, { dm: 'one' });
    expect(explanation.state).toEqual({ id: 4, yn: 'YY', decimal: 3 });
    const [one] = explanation.decisionMakers;
    expect(one!.stable).toEqual({ nash: false, gmr: true, smr: true, seq: true });
    expect(one!.improvements).toHaveLength(1);
    const improvement = one!.improvements[0]!;
    expect(improvement.move).toEqual({
      dm: 'one',
      dmName: 'Prisoner 1',
      from: 4,
      to: 3,
      changes: [{ option: 'cooperate-1', name: 'Prisoner 1 cooperates', from: 'Y', to: 'N' }],
    });
    expect(improvement.gmr.sanction).toEqual([
      {
        dm: 'two',
        dmName: 'Prisoner 2',
        from: 3,
        to: 1,
        changes: [{ option: 'cooperate-2', name: 'Prisoner 2 cooperates', from: 'Y', to: 'N' }],
      },
    ]);
    expect(improvement.seq.reason).toContain(
      'Prisoner 2 withdraws “Prisoner 2 cooperates” (state 3 → state 1)',
    );
    expect(improvement.smr.bestCounterMove).toBe(2);
    expect(one!.sentences[0]).toBe(
      'State 4 is not Nash stable for Prisoner 1: it gains by moving to state 3.',
    );
    expect(one!.sentences[1]).toContain('is GMR stable for Prisoner 1');
  });

  it('says why no sanction deters an improvement', () => {
    // Cuban missile crisis, state 1 (nothing done) is GMR but not SEQ stable: some improvement there has a
    // sanction, but none that its movers would carry out for their own gain.
    const explanation = explainState(compileConflict(cubanMissileCrisis), 1);
    expect(explanation.stable.gmr).toBe(true);
    expect(explanation.stable.seq).toBe(false);
    const open = explanation.decisionMakers.flatMap((dm) =>
      dm.improvements.filter((improvement) => !improvement.seq.deterred),
    );
    expect(open.length).toBeGreaterThan(0);
    expect(open[0]!.seq.reason).toMatch(
      /^Not deterred under SEQ: no sequence of moves by .* that each improve/,
    );
    expect(open[0]!.seq.sanction).toEqual([]);
  });

  it('agrees with analyzeConflict on every state of random conflicts', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 4 }),
        fc.integer({ min: 1, max: 2 ** 31 - 1 }),
        fc.constantFrom('standard', 'gmcr-plus' as const),
        (decisionMakers, seed, chain) => {
          const compiled = compileConflict(
            generateConflict({ decisionMakers, options: decisionMakers + 2, seed, infeasibleConditions: 1 }),
          );
          const analysis = analyzeConflict(compiled, { chain });
          for (const state of compiled.states) {
            const explanation = explainState(compiled, state.id, { chain });
            for (const dm of explanation.decisionMakers) {
              for (const definition of ['nash', 'gmr', 'smr', 'seq'] as const) {
                expect(dm.stable[definition]).toBe(analysis.stable[dm.dm]![definition].includes(state.id));
              }
            }
          }
        },
      ),
      { numRuns: 40 },
    );
  });

  it('rejects an unknown state or DM, naming the field', () => {
    const compiled = compileConflict(prisonersDilemma);
    expect(() => explainState(compiled, 5)).toThrow(ConflictInputError);
    expect(() => explainState(compiled, 5)).toThrow('state: state 5 does not exist; accepted are 1 to 4');
    expect(() => explainState(compiled, 1, { dm: 'three' })).toThrow("dm: unknown DM 'three'");
  });
});
