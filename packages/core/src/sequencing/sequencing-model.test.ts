import { describe, expect, it } from 'vitest';
import type { RedLine } from './scenario.ts';
import { buildSequencingModel } from './sequencing-model.ts';
import { generateScenario } from './testing/generated-scenario.ts';

/** The number of terms over all rows of the model. */
function terms(redLines: readonly RedLine[]): number {
  const scenario = { ...generateScenario({ measures: 200, phases: 30 }), redLines };
  return buildSequencingModel(scenario).model.constraints.reduce((sum, c) => sum + c.terms.length, 0);
}

describe('buildSequencingModel', () => {
  it('adds at most about measures x phases terms per red line, never measures^2', () => {
    const base = terms([]);
    const measuresTimesPhases = 200 * 30;
    const kinds: RedLine[] = [
      { id: 'aat', party: 'iran', kind: 'all-after-theirs' },
      { id: 'osf', party: 'iran', kind: 'other-starts-first', allowance: 0 },
    ];
    for (const redLine of kinds) {
      // One row per pair of measures (100 x 100 pairs of 60 terms) was 600,000 terms for all-after-theirs;
      // the k + 1 phases of every measure in each phase's row, 90,000 for other-starts-first.
      expect(terms([redLine]) - base, redLine.kind).toBeLessThanOrEqual(2 * measuresTimesPhases + 200);
    }
  });
});
