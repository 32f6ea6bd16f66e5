import { describe, expect, it } from 'vitest';
import { addedMeasureProblems, type MeasureForm, measureFromForm, relationProblem } from './added-measure.ts';
import type { ScenarioView } from './scenario-view.ts';

const scenario = {
  title: 't',
  valueUnit: 'points',
  phaseCount: 3,
  parties: [{ id: 'us', name: 'US' }],
  measures: [{ id: 'a', party: 'us', kind: 'legal-step', text: 'A', durationDays: 1, value: 1 }],
  relations: [],
  redLines: [],
} satisfies ScenarioView;

const form: MeasureForm = {
  id: 'b',
  party: 'us',
  kind: 'sanctions-relief',
  text: 'B',
  durationDays: '30',
  value: '5',
  reversalDays: '',
};

describe('a measure added on the page', () => {
  it('is accepted when every field is as the scenario format wants, reversal optional', () => {
    expect(addedMeasureProblems(form, scenario, [])).toEqual({});
    expect(measureFromForm(form)).toEqual({
      id: 'b',
      party: 'us',
      kind: 'sanctions-relief',
      text: 'B',
      durationDays: 30,
      value: 5,
    });
  });

  it('names each wrong field: a taken id, an unknown party, negative days, a missing value', () => {
    const problems = addedMeasureProblems(
      { ...form, id: 'a', party: 'eu', durationDays: '-1', value: '' },
      scenario,
      [],
    );
    expect(problems.id).toContain('a is already a measure');
    expect(problems.party).toContain('expected one of us');
    expect(problems.durationDays).toContain('from 0 to 3650');
    expect(problems.value).toContain('points');
  });

  it('takes relations only between two different known measures', () => {
    expect(relationProblem({ before: 'a', after: 'b' }, ['a', 'b'])).toBeUndefined();
    expect(relationProblem({ before: 'a', after: 'a' }, ['a'])).toContain('itself');
    expect(relationProblem({ before: 'a', after: 'c' }, ['a'])).toContain('no measure c');
    expect(relationProblem({ before: 'a', after: 'b', lagDays: -2 }, ['a', 'b'])).toContain('lagDays');
  });
});
