import { describe, expect, it } from 'vitest';
import { lpText } from './lp-text.ts';

describe('lpText', () => {
  it('writes objective, constraints, bounds and binaries in CPLEX LP format', () => {
    const text = lpText({
      variables: [
        { name: 'x', lower: 0, upper: 1, type: 'binary' },
        { name: 'y', lower: 0, upper: Number.POSITIVE_INFINITY, type: 'continuous' },
      ],
      constraints: [
        {
          name: 'c1',
          terms: [
            { variable: 'x', coefficient: 2 },
            { variable: 'y', coefficient: -1.5 },
          ],
          sense: '>=',
          rhs: -3,
        },
      ],
      objective: [{ variable: 'y', coefficient: 1 }],
    });
    expect(text).toBe(
      [
        '\\ Lockstep sequencing model',
        'Minimize',
        ' obj: 1 y',
        'Subject To',
        ' c1: 2 x - 1.5 y >= -3',
        'Bounds',
        ' 0 <= x <= 1',
        ' 0 <= y <= +inf',
        'Binary',
        ' x',
        'End',
        '',
      ].join('\n'),
    );
  });

  it('wraps long expressions over several lines', () => {
    const variables = Array.from({ length: 20 }, (_, i) => ({
      name: `v${i}`,
      lower: 0,
      upper: 1,
      type: 'continuous' as const, // a literal of the union, not a cast of a value
    }));
    const text = lpText({
      variables,
      constraints: [
        {
          name: 'sum',
          terms: variables.map((v) => ({ variable: v.name, coefficient: 1 })),
          sense: '=',
          rhs: 1,
        },
      ],
      objective: [],
    });
    expect(text.split('\n').filter((line) => line.includes('v1')).length).toBeGreaterThan(1);
    expect(text).toContain(' obj: 0 v0');
  });
});
