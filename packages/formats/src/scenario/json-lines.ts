/**
 * The line (1-based) on which each value of a valid JSON text starts, by field path as the core validators
 * name it (`measures[3].durationDays`; the root is `(root)`). Assumes `JSON.parse` accepted the text.
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
        at++; // the colon
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
