import { describe, expect, it } from 'vitest';
import { FormatError } from '../format-error.ts';
import { parsePlanJson } from './plan-json.ts';

function problem(text: string): FormatError {
  try {
    parsePlanJson(text, 'plan.json');
  } catch (error) {
    if (error instanceof FormatError) return error;
    throw error;
  }
  throw new Error('expected a FormatError');
}

describe('parsePlanJson', () => {
  it('reads phases as lists of ids, phase 0 first', () => {
    expect(parsePlanJson('{"phases": [["a", "b"], ["c"]]}', 'plan.json')).toEqual([
      { measure: 'a', phase: 0 },
      { measure: 'b', phase: 0 },
      { measure: 'c', phase: 1 },
    ]);
  });

  it('reads the output of plan solve --json, days included', () => {
    const solved = {
      status: 'optimal',
      plan: {
        phases: [],
        measures: [{ measure: 'a', phase: 2, startDay: 30, completeDay: 60, verifiedDay: 60 }],
      },
    };
    expect(parsePlanJson(JSON.stringify(solved), 'plan.json')).toEqual([
      { measure: 'a', phase: 2, startDay: 30 },
    ]);
  });

  it('names the field and line of a bad entry, and what is accepted', () => {
    const error = problem(
      '{\n  "measures": [\n    {"measure": "a", "phase": 0},\n    {"measure": "b", "phase": -1}\n  ]\n}',
    );
    expect(error.message).toBe(
      'plan.json, measures[1].phase (line 4): expected a whole number >= 0 (phase 0 is the first)',
    );
    expect(problem('{"plan": 3}').message).toContain('no plan found: expected "measures"');
    expect(problem('[1,').message).toMatch(/^plan\.json, JSON: not valid JSON/);
  });
});
