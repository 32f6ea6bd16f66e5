import { describe, expect, it } from 'vitest';
import { ConflictInputError } from './conflict-input-error.ts';
import { conflictLimits, validateConflict } from './validate-conflict.ts';

/** The prisoners' dilemma in our format, with a source on a DM, an option and a statement. */
function prisoners(): Record<string, unknown> {
  return {
    $schema: './conflict.schema.json',
    id: 'prisoners-dilemma',
    title: "Prisoners' dilemma",
    decisionMakers: [
      { id: 'one', name: 'Prisoner one', source: { quote: 'the first suspect', report: 'textbook' } },
      { id: 'two', name: 'Prisoner two' },
    ],
    options: [
      { id: 'confess-one', name: 'One confesses', dm: 'one' },
      { id: 'confess-two', name: 'Two confesses', dm: 'two', reversibility: 'fwd' },
    ],
    infeasible: [],
    preferences: {
      one: {
        statements: [
          { text: '-confess-two', source: { quote: 'the other stays silent', report: 'textbook' } },
          'confess-one',
        ],
      },
      two: { ranking: [3, [1, 4], 2] },
    },
    statusQuo: 1,
  };
}

/** `json` with the value at `field` (`options[1].dm`) replaced, or removed when `value` is undefined. */
function edited(json: Record<string, unknown>, field: string, value: unknown): Record<string, unknown> {
  const keys = field.split(/[.[\]]+/).filter((key) => key !== '');
  let node: Record<string, unknown> = json;
  // The fixture's containers along a test's path are objects and arrays, indexed alike here.
  for (const key of keys.slice(0, -1)) node = node[key] as Record<string, unknown>;
  const last = keys.at(-1)!;
  if (value === undefined) delete node[last];
  else node[last] = value;
  return json;
}

function problem(json: unknown): ConflictInputError {
  try {
    validateConflict(json);
  } catch (error) {
    if (error instanceof ConflictInputError) return error;
    throw error;
  }
  throw new Error('expected a ConflictInputError');
}

describe('validateConflict', () => {
  it('reads the model with its defaults, sources and the three preference forms', () => {
    const model = validateConflict(prisoners());
    expect(model.options.map((o) => [o.id, o.dm, o.reversibility])).toEqual([
      ['confess-one', 'one', 'both'],
      ['confess-two', 'two', 'fwd'],
    ]);
    expect(model.decisionMakers[0]!.source).toEqual({ quote: 'the first suspect', report: 'textbook' });
    expect(model.preferences.one).toEqual({
      kind: 'statements',
      statements: [
        { text: '-confess-two', source: { quote: 'the other stays silent', report: 'textbook' } },
        { text: 'confess-one' },
      ],
    });
    expect(model.preferences.two).toEqual({ kind: 'ranking', ranking: [[3], [1, 4], [2]] });
    expect(model.statusQuo).toBe(1);
    const payoffs = edited(prisoners(), 'preferences.two', { payoffs: { '1': 2, '2': 0, '3': 3, '4': 1 } });
    expect(validateConflict(payoffs).preferences.two).toEqual({
      kind: 'payoffs',
      payoffs: { '1': 2, '2': 0, '3': 3, '4': 1 },
    });
  });

  it.each([
    ['an unknown owner', 'options[1].dm', 'three', 'options[1].dm', 'unknown decision maker "three"'],
    ['an option without owner', 'options[0].dm', undefined, 'options[0].dm', 'missing'],
    ['a duplicate option id', 'options[1].id', 'confess-one', 'options[1].id', 'already the id'],
    ['a duplicate DM id', 'decisionMakers[1].id', 'one', 'decisionMakers[1].id', 'unique'],
    ['a DM without preference', 'preferences.two', undefined, 'preferences.two', 'missing'],
    ['a preference for no DM', 'preferences.three', { statements: [] }, 'preferences.three', 'unknown'],
    ['two preference forms', 'preferences.two.statements', [], 'preferences.two', 'exactly one'],
    ['a statusQuo that is not whole', 'statusQuo', 1.5, 'statusQuo', 'whole number'],
    [
      'a ranking entry of 0',
      'preferences.two.ranking[1]',
      [1, 0],
      'preferences.two.ranking[1][1]',
      'state number',
    ],
    [
      'a payoff key that is no state',
      'preferences.two',
      { payoffs: { x: 1 } },
      'preferences.two.payoffs.x',
      'state number',
    ],
    [
      'a wrong reversibility',
      'options[0].reversibility',
      'forward',
      'options[0].reversibility',
      'both, fwd, back',
    ],
    ['a misspelt field', 'options[0].revesibility', 'both', 'options[0].revesibility', 'not a field'],
    [
      'a source without report',
      'decisionMakers[0].source.report',
      undefined,
      'decisionMakers[0].source.report',
      'missing',
    ],
    [
      'an empty statement',
      'preferences.one.statements[1]',
      ' ',
      'preferences.one.statements[1]',
      'non-empty',
    ],
    ['a keyword as option id', 'options[0].id', 'IFF', 'options[0].id', 'statement syntax'],
    ['a DM owning nothing', 'options[1].dm', 'one', 'decisionMakers[1]', 'owns no option'],
    ['one DM', 'decisionMakers', [{ id: 'one', name: 'One' }], 'decisionMakers', 'at least 2'],
    [
      'an unknown reference kind',
      'options[0].refersTo',
      [{ kind: 'step', id: 'x' }],
      'options[0].refersTo[0].kind',
      'red-line',
    ],
  ])('refuses %s, naming the field', (_, field, value, path, says) => {
    const error = problem(edited(prisoners(), field, value));
    expect(error.path).toBe(path);
    expect(error.problem).toContain(says);
  });

  it('refuses more options or DMs than the limits, before reading them', () => {
    const json = prisoners();
    json.options = Array.from({ length: conflictLimits.options + 1 }, () => 'not even an option');
    expect(problem(json).problem).toBe('21 options is too many; expected at most 20');
    const dms = prisoners();
    dms.decisionMakers = Array.from({ length: 9 }, (_, i) => ({ id: `dm${i}`, name: `DM ${i}` }));
    expect(problem(dms).path).toBe('decisionMakers');
  });

  it('refuses a long name and deep nesting', () => {
    const long = prisoners();
    (long.decisionMakers as { name: string }[])[1]!.name = 'x'.repeat(201);
    expect(problem(long).path).toBe('decisionMakers[1].name');
    const deep = prisoners();
    deep.notAnalysed = [[[[[[[['too deep']]]]]]]];
    expect(problem(deep).problem).toContain('nested more than 8 levels');
  });
});
