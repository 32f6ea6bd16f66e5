import { ConflictInputError } from './conflict-input-error.ts';

/**
 * A parsed condition or preference statement over options. `at` is the 0-based character position in the text
 * where the node starts (for an option, where its id starts), so later checks (an unknown option id) can say
 * where in the string the fault is.
 */
export type Condition =
  | { readonly kind: 'option'; readonly id: string; readonly at: number }
  | { readonly kind: 'not'; readonly operand: Condition; readonly at: number }
  | { readonly kind: 'and' | 'or'; readonly left: Condition; readonly right: Condition; readonly at: number }
  /** `left IF right`: right implies left. */
  | { readonly kind: 'if'; readonly left: Condition; readonly right: Condition; readonly at: number }
  | { readonly kind: 'iff'; readonly left: Condition; readonly right: Condition; readonly at: number };

interface Token {
  readonly kind: 'id' | 'not' | 'and' | 'or' | 'if' | 'iff' | 'open' | 'close' | 'end';
  readonly text: string;
  readonly at: number;
}

/** An option id: a letter, digit or `_` first; then also `-`, `.` and `:` (so kebab-case ids read as one id). */
const idStart = /[A-Za-z0-9_]/;
const idPart = /[A-Za-z0-9_.:-]/;

function tokenize(text: string, path: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') {
      i++;
      continue;
    }
    const single =
      c === '-'
        ? 'not'
        : c === '&'
          ? 'and'
          : c === '|'
            ? 'or'
            : c === '('
              ? 'open'
              : c === ')'
                ? 'close'
                : null;
    if (single !== null) {
      tokens.push({ kind: single, text: c, at: i });
      i++;
      continue;
    }
    if (idStart.test(c)) {
      const start = i;
      while (i < text.length && idPart.test(text[i]!)) i++;
      const word = text.slice(start, i);
      const kind = word === 'IF' ? 'if' : word === 'IFF' ? 'iff' : 'id';
      tokens.push({ kind, text: word, at: start });
      continue;
    }
    throw new ConflictInputError(
      path,
      `unexpected character '${c}' at position ${i} of "${text}"; expected an option id, '-', '&', '|', 'IF', 'IFF' or a parenthesis`,
    );
  }
  tokens.push({ kind: 'end', text: '', at: text.length });
  return tokens;
}

const describe = (token: Token) => (token.kind === 'end' ? 'the end of the text' : `'${token.text}'`);

/**
 * Parses a condition or preference statement in the option-prioritisation syntax: an option id (taken), `-id`
 * (not taken), `A & B`, `A | B`, `A IF B` (B implies A), `A IFF B`, parentheses. Precedence, loosest first:
 * `IFF`, `IF`, `|`, `&`, `-`; the binary operators group to the left (`a IF b IF c` is `(a IF b) IF c`). `IF`
 * and `IFF` are keywords in capitals; option ids start with a letter, digit or `_` and may hold `-`, `.`, `:`.
 * Throws a ConflictInputError naming `path`, the character position (0-based) and what was expected.
 */
export function parseCondition(text: string, path: string): Condition {
  const tokens = tokenize(text, path);
  let position = 0;
  const peek = () => tokens[position]!;
  const fail = (expected: string): never => {
    const token = peek();
    throw new ConflictInputError(
      path,
      `expected ${expected} at position ${token.at} of "${text}", found ${describe(token)}`,
    );
  };

  const binary = (kind: 'iff' | 'if' | 'or' | 'and', next: () => Condition): (() => Condition) => {
    return () => {
      let left = next();
      while (peek().kind === kind) {
        position++;
        const right = next();
        left = { kind, left, right, at: left.at };
      }
      return left;
    };
  };

  const unary = (): Condition => {
    const token = peek();
    if (token.kind === 'not') {
      position++;
      return { kind: 'not', operand: unary(), at: token.at };
    }
    if (token.kind === 'id') {
      position++;
      return { kind: 'option', id: token.text, at: token.at };
    }
    if (token.kind === 'open') {
      position++;
      const inner = iff();
      if (peek().kind !== 'close') fail(`')' to close the '(' at position ${token.at}`);
      position++;
      return inner;
    }
    return fail("an option id, '-' or '('");
  };
  const and = binary('and', unary);
  const or = binary('or', and);
  const implied = binary('if', or);
  const iff = binary('iff', implied);

  const condition = iff();
  if (peek().kind !== 'end') fail("'&', '|', 'IF', 'IFF' or the end of the text");
  return condition;
}

/** The option ids a condition mentions, each with the position of its first mention. */
export function conditionOptions(condition: Condition): { id: string; at: number }[] {
  const found: { id: string; at: number }[] = [];
  const seen = new Set<string>();
  const walk = (node: Condition): void => {
    switch (node.kind) {
      case 'option':
        if (!seen.has(node.id)) {
          seen.add(node.id);
          found.push({ id: node.id, at: node.at });
        }
        return;
      case 'not':
        walk(node.operand);
        return;
      default:
        walk(node.left);
        walk(node.right);
    }
  };
  walk(condition);
  return found;
}

/**
 * Turns a condition into a test on a state's option bits (bit k set when option k is taken). `bitOf` gives each
 * option id's bit; an id it does not know throws a ConflictInputError naming `path`, the position and the ids
 * accepted.
 */
export function conditionTest(
  condition: Condition,
  bitOf: ReadonlyMap<string, number>,
  path: string,
  text: string,
): (mask: number) => boolean {
  const build = (node: Condition): ((mask: number) => boolean) => {
    switch (node.kind) {
      case 'option': {
        const bit = bitOf.get(node.id);
        if (bit === undefined) {
          throw new ConflictInputError(
            path,
            `unknown option '${node.id}' at position ${node.at} of "${text}"; known options: ${[...bitOf.keys()].join(', ')}`,
          );
        }
        const flag = 2 ** bit;
        return (mask) => (mask & flag) !== 0;
      }
      case 'not': {
        const operand = build(node.operand);
        return (mask) => !operand(mask);
      }
      case 'and': {
        const [a, b] = [build(node.left), build(node.right)];
        return (mask) => a(mask) && b(mask);
      }
      case 'or': {
        const [a, b] = [build(node.left), build(node.right)];
        return (mask) => a(mask) || b(mask);
      }
      case 'if': {
        const [a, b] = [build(node.left), build(node.right)];
        return (mask) => a(mask) || !b(mask);
      }
      case 'iff': {
        const [a, b] = [build(node.left), build(node.right)];
        return (mask) => a(mask) === b(mask);
      }
    }
  };
  return build(condition);
}
