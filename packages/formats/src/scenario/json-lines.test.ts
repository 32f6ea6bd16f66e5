import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { jsonValueLines, lineOfPath } from './json-lines.ts';

/** The walk as it was written before, recursively: the reference the iterative one must equal. */
function recursiveLines(text: string): Map<string, number> {
  const lines = new Map<string, number>();
  let at = 0;
  let line = 1;
  const skipSpace = () => {
    while (at < text.length && /\s/.test(text[at]!)) {
      if (text[at] === '\n') line++;
      at++;
    }
  };
  const readString = (): string => {
    const start = at;
    at++;
    while (text[at] !== '"') at += text[at] === '\\' ? 2 : 1;
    at++;
    return JSON.parse(text.slice(start, at));
  };
  const value = (path: string): void => {
    skipSpace();
    lines.set(path, line);
    const first = text[at];
    if (first === '{') {
      at++;
      skipSpace();
      while (text[at] !== '}') {
        const key = readString();
        skipSpace();
        at++;
        value(path === '(root)' ? key : `${path}.${key}`);
        skipSpace();
        if (text[at] === ',') at++;
        skipSpace();
      }
      at++;
    } else if (first === '[') {
      at++;
      skipSpace();
      for (let index = 0; text[at] !== ']'; index++) {
        value(`${path === '(root)' ? '' : path}[${index}]`);
        skipSpace();
        if (text[at] === ',') at++;
        skipSpace();
      }
      at++;
    } else if (first === '"') {
      readString();
    } else {
      while (at < text.length && /[^\s,\]}]/.test(text[at]!)) at++;
    }
  };
  value('(root)');
  return lines;
}

describe('jsonValueLines', () => {
  it('finds the same lines as the recursive walk, on random JSON written in any layout', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 6 }), fc.constantFrom(0, 1, 2, '\t'), (value, indent) => {
        const text = JSON.stringify(value, null, indent);
        expect([...jsonValueLines(text)]).toEqual([...recursiveLines(text)]);
      }),
      { numRuns: 500 },
    );
  });

  it('walks 200,000 nested arrays without overflowing the stack', () => {
    const depth = 200_000;
    const text = `${'[\n'.repeat(depth)}1${']'.repeat(depth)}`;
    const lines = jsonValueLines(text);
    expect(lines.size).toBe(depth + 1);
    expect(lineOfPath(lines, `${'[0]'.repeat(depth)}`)).toBe(depth + 1);
  });
});
