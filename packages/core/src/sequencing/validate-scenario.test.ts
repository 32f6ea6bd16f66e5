import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { greedyPlan } from './greedy-plan.ts';
import { lpText } from './lp-text.ts';
import type { ScenarioLimits } from './scenario-limits.ts';
import { SequencingInputError } from './sequencing-input-error.ts';
import { buildSequencingModel } from './sequencing-model.ts';
import { roomyScenarioLimits } from './testing/roomy-limits.ts';
import { scenarioAtLimits } from './testing/scenario-at-limits.ts';
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

function problem(value: unknown, limits: ScenarioLimits = roomyScenarioLimits): SequencingInputError {
  try {
    validateScenario(value, limits);
  } catch (error) {
    if (error instanceof SequencingInputError) return error;
    throw error;
  }
  throw new Error('expected a SequencingInputError');
}

describe('validateScenario', () => {
  it('accepts a valid scenario unchanged', () => {
    expect(validateScenario(json(), roomyScenarioLimits)).toEqual(smallScenario);
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
    const scenario = validateScenario(value, roomyScenarioLimits);
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

  it('keeps the value basis, and refuses one naming no party or with no label', () => {
    const value = json();
    const basis = {
      id: 'economics',
      party: 'us',
      label: 'US relief valued by sourced economics',
      source: 'x.json',
    };
    value.valueBasis = basis;
    expect(validateScenario(value, roomyScenarioLimits).valueBasis).toEqual(basis);
    value.valueBasis = { ...basis, party: 'eu' };
    expect(problem(value).path).toBe('valueBasis.party');
    value.valueBasis = { id: 'economics', party: 'us' };
    expect(problem(value).path).toBe('valueBasis.label');
  });

  it('fills in defaults for optional fields', () => {
    const input = json();
    delete input.objective;
    Reflect.deleteProperty(input, 'relations');
    input.measures = input.measures.map(({ reversalDays, verificationDays, ...rest }) => rest);
    const scenario = validateScenario(input, roomyScenarioLimits);
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

/** Limits small enough to test each one on the small scenario. */
const tight: ScenarioLimits = {
  phaseCount: 30,
  parties: 2,
  measures: 4,
  relations: 2,
  redLines: 2,
  idLength: 20,
  nameLength: 30,
  textLength: 40,
  listEntries: 1,
  facts: 2,
  days: 3650,
  value: 100,
  weight: 10,
  jsonDepth: 5,
};

describe('validateScenario under limits', () => {
  it('accepts the small scenario at its limits', () => {
    expect(validateScenario(json(), tight)).toEqual(smallScenario);
  });

  it('refuses a phaseCount over the limit, naming the value and what is accepted', () => {
    const input = json();
    input.phaseCount = 5000;
    expect(problem(input, tight).message).toBe(
      'phaseCount: 5000 is more than 30; expected phases from 1 to 30',
    );
    input.phaseCount = 2.5;
    expect(problem(input, tight).message).toBe(
      'phaseCount: 2.5 is not a whole number; expected a whole number of phases from 1 to 30',
    );
  });

  it('refuses too many entries before reading any of them', () => {
    const input = json();
    input.measures = Array.from({ length: 9500 }, () => ({ id: '' }));
    expect(problem(input, tight).message).toBe('measures: 9,500 measures is too many; expected at most 4');
    const relations = json();
    relations.relations.push({ before: 'ship-out', after: 'notify' });
    expect(problem(relations, tight).message).toBe('relations: 3 relations is too many; expected at most 2');
    const redLines = json();
    redLines.redLines.push({ id: 'x', party: 'us', kind: 'all-after-theirs' });
    expect(problem(redLines, tight).path).toBe('redLines');
    const parties = json();
    (parties.parties as unknown[]).push({ id: 'eu', name: 'EU' });
    expect(problem(parties, tight).message).toBe('parties: 3 parties is too many; expected at most 2');
  });

  it('holds texts, ids, facts and numbers to their limits, naming the field', () => {
    const cases: [(input: ReturnType<typeof json>) => void, string][] = [
      [
        (i) => {
          i.title = 'T'.repeat(31);
        },
        'title: 31 characters is too long; expected at most 30',
      ],
      [
        (i) => {
          i.measures[1]!.text = 'x'.repeat(41);
        },
        'measures[1].text: 41 characters is too long; expected at most 40',
      ],
      [
        (i) => {
          i.measures[2]!.id = 'm'.repeat(21);
        },
        'measures[2].id: 21 characters is too long; expected at most 20',
      ],
      [
        (i) => {
          i.redLines[0]!.text = 'x'.repeat(41);
        },
        'redLines[0].text: 41 characters is too long; expected at most 40',
      ],
      [
        (i) => {
          i.assumptions = ['a', 'b'];
        },
        'assumptions: 2 entries is too many; expected at most 1',
      ],
      [
        (i) => {
          i.measures[0]!.facts = { a: 1, b: 2, c: 3 };
        },
        'measures[0].facts: 3 facts is too many; expected at most 2',
      ],
      [
        (i) => {
          i.measures[0]!.facts = { a: 'x'.repeat(31) };
        },
        'measures[0].facts.a: 31 characters is too long; expected at most 30',
      ],
      [
        (i) => {
          i.measures[3]!.durationDays = 3651;
        },
        'measures[3].durationDays: 3651 is more than 3,650; expected days from 0 to 3,650',
      ],
      [
        (i) => {
          i.relations[0]!.lagDays = 1e9;
        },
        'relations[0].lagDays: 1000000000 is more than 3,650; expected days from 0 to 3,650',
      ],
      [
        (i) => {
          i.measures[1]!.value = 101;
        },
        'measures[1].value: 101 is more than 100; expected a value from 0 to 100',
      ],
      [
        (i) => {
          i.redLines[0]!.limit = 1e6;
        },
        'redLines[0].limit: 1000000 is more than 100; expected a value from 0 to 100',
      ],
      [
        (i) => {
          i.objective = { durationWeight: 11 };
        },
        'objective.durationWeight: 11 is more than 10; expected a weight from 0 to 10',
      ],
    ];
    for (const [breakIt, message] of cases) {
      const input = json();
      breakIt(input);
      expect(problem(input, tight).message).toBe(message);
    }
  });

  it('refuses JSON nested deeper than the limit, naming where, without recursion', () => {
    const input = json();
    input.measures[0]!.facts = { deep: [[[1]]] };
    expect(problem(input, tight).message).toBe(
      'measures[0].facts.deep[0]: nested more than 5 levels deep; a scenario may nest at most 5 levels (a valid one needs 4)',
    );
    let deep: unknown = 1;
    for (let level = 0; level < 100_000; level++) deep = [deep];
    expect(problem({ ...json(), extra: deep }, tight).path).toBe('extra[0][0][0][0]');
  });

  it('builds the model, the greedy start and the LP text of any scenario within the limits', () => {
    const small: ScenarioLimits = {
      ...tight,
      phaseCount: 6,
      parties: 3,
      measures: 12,
      relations: 16,
      redLines: 5,
    };
    fc.assert(
      fc.property(
        fc.record({
          phaseCount: fc.integer({ min: 1, max: small.phaseCount }),
          parties: fc.integer({ min: 1, max: small.parties }),
          measures: fc.integer({ min: 0, max: small.measures }),
          relations: fc.integer({ min: 0, max: small.relations }),
          redLines: fc.integer({ min: 0, max: small.redLines }),
          seed: fc.integer({ min: 1, max: 1_000_000 }),
        }),
        (counts) => {
          const limits = { ...small, ...counts, measures: Math.max(counts.measures, 2) };
          const { phaseCount: _, ...rest } = scenarioAtLimits(limits, counts.seed);
          const scenario = validateScenario(
            JSON.parse(JSON.stringify({ ...rest, phaseCount: counts.phaseCount })),
            small,
          );
          expect(lpText(buildSequencingModel(scenario).model)).toMatch(/^End$/m);
          greedyPlan(scenario);
        },
      ),
      { numRuns: 200 },
    );
  });
});
