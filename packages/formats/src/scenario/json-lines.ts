/**
 * The line (1-based) on which each value of a valid JSON text starts, by field path as the core validators
 * name it (`measures[3].durationDays`; the root is `(root)`). Assumes `JSON.parse` accepted the text. The
 * open objects and arrays are kept on a stack of their own, so any nesting depth is walked without recursion.
 */
export function jsonValueLines(text: string): Map<string, number> {
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
    while (at < text.length && text[at] !== '"') at += text[at] === '\\' ? 2 : 1;
    at++;
    return JSON.parse(text.slice(start, at));
  };
  /** The objects and arrays the walk is inside, innermost last, with the index of an array's next item. */
  const open: { readonly path: string; readonly array: boolean; index: number }[] = [];
  let next: string | undefined = '(root)';
  for (;;) {
    if (next !== undefined) {
      skipSpace();
      lines.set(next, line);
      const first = text[at];
      if (first === '{' || first === '[') {
        at++;
        open.push({ path: next, array: first === '[', index: 0 });
      } else if (first === '"') {
        readString();
      } else {
        while (at < text.length && /[^\s,\]}]/.test(text[at]!)) at++;
      }
      next = undefined;
    }
    const inside = open.at(-1);
    skipSpace();
    if (!inside || at >= text.length) break;
    if (text[at] === ',') {
      at++;
      skipSpace();
    }
    if (text[at] === (inside.array ? ']' : '}')) {
      at++;
      open.pop();
    } else if (inside.array) {
      next = `${inside.path === '(root)' ? '' : inside.path}[${inside.index++}]`;
    } else {
      const key = readString();
      skipSpace();
      at++; // the colon
      next = inside.path === '(root)' ? key : `${inside.path}.${key}`;
    }
  }
  return lines;
}

/** The line of `path`, or of its nearest enclosing value that exists (a missing field is on its object's line). */
export function lineOfPath(lines: ReadonlyMap<string, number>, path: string): number | undefined {
  for (let current = path; ; ) {
    const line = lines.get(current);
    if (line !== undefined) return line;
    const cut = Math.max(current.lastIndexOf('.'), current.lastIndexOf('['));
    if (cut <= 0) return lines.get('(root)');
    current = current.slice(0, cut);
  }
}
