import { describe, expect, it } from 'vitest';
import { ConflictInputError } from './conflict-input-error.ts';
import { conditionTest, parseCondition } from './parse-condition.ts';

const bits = new Map([
  ['a', 0],
  ['b', 1],
  ['lift-sanctions', 2],
]);
const truth = (text: string) => {
  const test = conditionTest(parseCondition(text, 'x'), bits, 'x', text);
  return Array.from({ length: 8 }, (_, mask) => (test(mask) ? 1 : 0)).join('');
};

describe('parseCondition', () => {
  it('reads options, negation, &, |, IF (right implies left) and IFF with the documented precedence', () => {
    expect(truth('a')).toBe('01010101');
    expect(truth('-a')).toBe('10101010');
    expect(truth('a & b')).toBe('00010001');
    expect(truth('a | b')).toBe('01110111');
    expect(truth('a IF b')).toBe('11011101');
    expect(truth('a IFF b')).toBe('10011001');
    expect(truth('a | b & -a')).toBe(truth('a | (b & -a)'));
    expect(truth('a IF b | lift-sanctions')).toBe(truth('a IF (b | lift-sanctions)'));
    expect(truth('a IFF b IF lift-sanctions')).toBe(truth('a IFF (b IF lift-sanctions)'));
    expect(truth('-(a & b)')).toBe('11101110');
  });

  it('reports where the text fails and what was expected', () => {
    expect(() => parseCondition('a & ', 'preferences.iran.statements[1]')).toThrow(
      new ConflictInputError(
        'preferences.iran.statements[1]',
        `expected an option id, '-' or '(' at position 4 of "a & ", found the end of the text`,
      ),
    );
    expect(() => parseCondition('(a | b', 'infeasible[0]')).toThrow(
      `infeasible[0]: expected ')' to close the '(' at position 0 at position 6 of "(a | b", found the end of the text`,
    );
    expect(() => parseCondition('a b', 'x')).toThrow(
      `x: expected '&', '|', 'IF', 'IFF' or the end of the text at position 2 of "a b", found 'b'`,
    );
    expect(() => parseCondition('a $ b', 'x')).toThrow("x: unexpected character '$' at position 2");
  });

  it('names an unknown option and its position', () => {
    expect(() => conditionTest(parseCondition('a & snapback', 'x'), bits, 'x', 'a & snapback')).toThrow(
      'x: unknown option \'snapback\' at position 4 of "a & snapback"; known options: a, b, lift-sanctions',
    );
  });
});
