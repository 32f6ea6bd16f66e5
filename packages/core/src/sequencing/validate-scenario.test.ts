import { describe, expect, it } from 'vitest';
import { SequencingInputError } from './sequencing-input-error.ts';
import { smallScenario } from './testing/small-scenario.ts';
import { defaultSequencingObjective, validateScenario } from './validate-scenario.ts';

/** The small scenario as a JSON value, so each test can break one field. */
function json(): Record<string, unknown> & {
  measures: Record<string, unknown>[];
  relations: Record<string, unknown>[];
  redLines: Record<string, unknown>[];
} {
  return JSON.parse(JSON.stringify(smallScenario));
}

function problem(value: unknown): SequencingInputError {
  try {
    validateScenario(value);
  } catch (error) {
    if (error instanceof SequencingInputError) return error;
    throw error;
  }
  throw new Error('expected a SequencingInputError');
}

describe('validateScenario', () => {
  it('accepts a valid scenario unchanged', () => {
    expect(validateScenario(json())).toEqual(smallScenario);
  });

  it('keeps provenance: sources, assumed fields, facts, notes and the stated text of red lines', () => {
    const value = json();
    value.assumptions = ['points are a proxy'];
    value.measures[0] = {
      ...value.measures[0],
      source: 'nuclear/stock.csv line 12',
      assumed: ['durationDays', 'verificationDays'],
      facts: { breakoutMonths: 1.2, restores: 'stockpile' },
      note: '60 days assumed',
    };
    value.redLines[0] = { ...value.redLines[0], text: 'not everything first', source: 'CNN, April 2021' };
    const scenario = validateScenario(value);
    expect(scenario.assumptions).toEqual(['points are a proxy']);
    expect(scenario.measures[0]).toMatchObject({
      assumed: ['durationDays', 'verificationDays'],
      facts: { breakoutMonths: 1.2 },
    });
    expect(scenario.redLines[0]).toMatchObject({ text: 'not everything first', source: 'CNN, April 2021' });
    value.measures[0]!.assumed = ['durationDays', 'price'];
    expect(problem(value).message).toBe(
      'measures[0].assumed[1]: "price" is not one of durationDays, value, reversalDays, verificationDays',
    );
    value.measures[0]!.assumed = [];
    value.measures[0]!.facts = { breakoutMonths: [1] };
    expect(problem(value).path).toBe('measures[0].facts.breakoutMonths');
  });

  it('fills in defaults for optional fields', () => {
    const input = json();
    delete input.objective;
    Reflect.deleteProperty(input, 'relations');
    input.measures = input.measures.map(({ reversalDays, verificationDays, ...rest }) => rest);
    const scenario = validateScenario(input);
    expect(scenario.objective).toEqual(defaultSequencingObjective);
    expect(scenario.relations).toEqual([]);
    expect(scenario.measures[0]).toMatchObject({ reversalDays: 0, verificationDays: 0 });
  });

  it('names the path of a negative duration or value', () => {
    const input = json();
    input.measures[3]!.durationDays = -5;
    expect(problem(input)).toMatchObject({ path: 'measures[3].durationDays' });
    const other = json();
    other.measures[1]!.value = -1;
    expect(problem(other).message).toBe('measures[1].value: -1 is negative; expected >= 0');
  });

  it('names unknown ids with what is accepted', () => {
    const input = json();
    input.relations[1]!.after = 'gas';
    expect(problem(input).message).toBe(
      'relations[1].after: unknown measure "gas"; expected one of ship-out, protocol, notify, oil',
    );
    const party = json();
    party.measures[0]!.party = 'eu';
    expect(problem(party).path).toBe('measures[0].party');
    const listed = json();
    listed.redLines.push({ id: 'sim', party: 'us', kind: 'same-phase', measures: ['oil', 'nope'] });
    expect(problem(listed).path).toBe('redLines[2].measures[1]');
  });

  it('names a cycle among the relations', () => {
    const input = json();
    input.relations.push({ before: 'oil', after: 'ship-out', anchor: 'start', lagDays: 0 });
    expect(problem(input).message).toMatch(/^relations: cycle ship-out -> oil -> ship-out:/);
  });

  it('refuses a red line that names no party', () => {
    const input = json();
    delete input.redLines[0]!.party;
    expect(problem(input).message).toBe('redLines[0].party: missing: expected the id of a party');
  });

  it('refuses a max-exposure red line with both or neither of limit and share', () => {
    const input = json();
    input.redLines[0]!.share = 0.5;
    expect(problem(input).path).toBe('redLines[0]');
    const share = json();
    share.redLines[1]!.share = 1.5;
    expect(problem(share).path).toBe('redLines[1].share');
  });

  it('refuses wrong types, unknown kinds and duplicate ids', () => {
    expect(problem([]).path).toBe('(root)');
    const kind = json();
    kind.measures[2]!.kind = 'promise';
    expect(problem(kind).message).toMatch(/^measures\[2\]\.kind: "promise" is not one of sanctions-relief,/);
    const duplicate = json();
    duplicate.measures[1]!.id = 'ship-out';
    expect(problem(duplicate).message).toBe('measures[1].id: "ship-out" is used twice');
    const phases = json();
    phases.phaseCount = 0;
    expect(problem(phases).path).toBe('phaseCount');
  });
});
