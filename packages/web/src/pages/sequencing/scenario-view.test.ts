import type { ScenarioJson } from '@lockstep/contract';
import { describe, expect, it } from 'vitest';
import { applyEdits, describeEdits, noEdits, scenarioView } from './scenario-view.ts';

const json = {
  title: 't',
  valueUnit: 'points',
  phaseCount: 3,
  parties: [{ id: 'us', name: 'US' }],
  measures: [{ id: 'a', party: 'us', kind: 'legal-step', text: 'A', durationDays: 1, value: 1 }],
  relations: [],
  redLines: [],
} as unknown as ScenarioJson;

describe('when a phase’s measures start, as a what-if on the page', () => {
  it('submits staggered starts and says so only when it differs from the scenario', () => {
    const staggered = { ...noEdits, starts: 'staggered' as const };
    expect(applyEdits(json, staggered)).toMatchObject({ starts: 'staggered' });
    expect(describeEdits(scenarioView(json), staggered)).toEqual(['staggered starts within phases']);
    expect(applyEdits(json, noEdits)).not.toHaveProperty('starts');
    const already = { ...json, starts: 'staggered' } as ScenarioJson;
    expect(describeEdits(scenarioView(already), staggered)).toEqual([]);
    expect(describeEdits(scenarioView(already), { ...noEdits, starts: 'phase' })).toEqual([
      'every measure on its phase’s first day',
    ]);
  });
});
