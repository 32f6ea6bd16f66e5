import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyzeConflict } from './analyze-conflict.ts';
import { compileConflict } from './compile-conflict.ts';
import type { ConflictModel, StabilityDefinition } from './conflict-model.ts';
import { baselineStability } from './testing/baseline-stability.ts';
import { generateConflict } from './testing/generated-conflict.ts';

/** Small random conflicts: 2–4 DMs, up to 7 options, random infeasibles, one-way options and preferences. */
const smallConflict = fc
  .record({
    decisionMakers: fc.integer({ min: 2, max: 4 }),
    extraOptions: fc.integer({ min: 0, max: 4 }),
    infeasibleConditions: fc.integer({ min: 0, max: 3 }),
    statementsPerDm: fc.integer({ min: 1, max: 4 }),
    oneWayShare: fc.constantFrom(0, 0.3, 0.6),
    preferenceForm: fc.constantFrom('statements', 'payoffs', 'ranking', 'mixed' as const),
    seed: fc.integer({ min: 1, max: 2 ** 31 - 1 }),
  })
  .map(({ extraOptions, ...rest }) =>
    generateConflict({ ...rest, options: Math.min(7, rest.decisionMakers + extraOptions) }),
  );

const chains = ['standard', 'gmcr-plus'] as const;
const subset = (a: readonly number[], b: readonly number[]) => a.every((s) => b.includes(s));

describe('stability on random conflicts', () => {
  it('equals the direct transcription of the definitions, under both coalition rules', () => {
    fc.assert(
      fc.property(smallConflict, (model) => {
        const compiled = compileConflict(model);
        for (const chain of chains) {
          const analysis = analyzeConflict(compiled, { chain });
          const baseline = baselineStability(compiled, chain);
          expect(analysis.equilibria).toEqual(baseline.equilibria);
          expect(analysis.stable).toEqual(baseline.stable);
        }
      }),
      { numRuns: 150 },
    );
  });

  it('keeps Nash ⊆ SEQ ⊆ GMR and Nash ⊆ SMR ⊆ GMR, per DM and for the equilibria', () => {
    fc.assert(
      fc.property(smallConflict, (model) => {
        for (const chain of chains) {
          const analysis = analyzeConflict(compileConflict(model), { chain });
          for (const sets of [analysis.equilibria, ...Object.values(analysis.stable)]) {
            expect(subset(sets.nash, sets.seq)).toBe(true);
            expect(subset(sets.seq, sets.gmr)).toBe(true);
            expect(subset(sets.nash, sets.smr)).toBe(true);
            expect(subset(sets.smr, sets.gmr)).toBe(true);
          }
        }
      }),
      { numRuns: 150 },
    );
  });

  it('finds no more stable states under GMCR+’s rule (each opponent moves once) than under the standard rule', () => {
    fc.assert(
      fc.property(smallConflict, (model) => {
        const compiled = compileConflict(model);
        const standard = analyzeConflict(compiled, { chain: 'standard' });
        const once = analyzeConflict(compiled, { chain: 'gmcr-plus' });
        for (const definition of ['nash', 'gmr', 'smr', 'seq'] as const) {
          expect(subset(once.equilibria[definition], standard.equilibria[definition])).toBe(true);
        }
      }),
      { numRuns: 100 },
    );
  });

  it('does not depend on the DMs’ ids, names or the order of their options in the file', () => {
    fc.assert(
      fc.property(smallConflict, (model) => {
        const renamed = (id: string) => `party-${id}`;
        // The file lists the DMs' options in reverse DM order; each DM's own options keep their order, so the
        // numbering (by DM order, then file order within a DM) is the same.
        const reordered = [...model.decisionMakers]
          .reverse()
          .flatMap((dm) => model.options.filter((option) => option.dm === dm.id));
        const changed: ConflictModel = {
          ...model,
          decisionMakers: model.decisionMakers.map((dm) => ({
            ...dm,
            id: renamed(dm.id),
            name: `${dm.name}!`,
          })),
          options: reordered.map((option) => ({ ...option, dm: renamed(option.dm) })),
          preferences: Object.fromEntries(
            Object.entries(model.preferences).map(([dm, p]) => [renamed(dm), p]),
          ),
        };
        const before = analyzeConflict(compileConflict(model));
        const after = analyzeConflict(compileConflict(changed));
        expect(after.equilibria).toEqual(before.equilibria);
        expect(Object.values(after.stable)).toEqual(Object.values(before.stable));
      }),
      { numRuns: 100 },
    );
  });

  it('does not change when a DM’s statements of equal effect swap places', () => {
    fc.assert(
      fc.property(smallConflict, (model) => {
        // Appending a copy of the last statement at the end and swapping the two copies changes no ranking.
        const dm = model.decisionMakers[0]!.id;
        const preference = model.preferences[dm]!;
        if (preference.kind !== 'statements') return;
        const last = preference.statements[preference.statements.length - 1]!;
        const doubled = [...preference.statements, { text: `(${last.text})` }];
        const swapped = [...doubled];
        [swapped[doubled.length - 2], swapped[doubled.length - 1]] = [
          doubled[doubled.length - 1]!,
          doubled[doubled.length - 2]!,
        ];
        const withStatements = (statements: typeof doubled): ConflictModel => ({
          ...model,
          preferences: { ...model.preferences, [dm]: { kind: 'statements', statements } },
        });
        const definitions: StabilityDefinition[] = ['nash', 'gmr', 'smr', 'seq'];
        const a = analyzeConflict(compileConflict(withStatements(doubled)));
        const b = analyzeConflict(compileConflict(withStatements(swapped)));
        const c = analyzeConflict(compileConflict(model));
        for (const definition of definitions) {
          expect(b.equilibria[definition]).toEqual(a.equilibria[definition]);
          expect(c.equilibria[definition]).toEqual(a.equilibria[definition]);
        }
      }),
      { numRuns: 100 },
    );
  });
});
