/**
 * How the validators of user files (sequencing scenarios, conflict models) word what they found, so that
 * their errors read alike: field paths, values shown, ids listed, counts.
 */

/** A count as an error prints it: `1,204`. */
export const count = (n: number): string => n.toLocaleString('en');

/** The ids a reference may name, in an error: all of them when few, else the first ten and how many more. */
export function listed(known: ReadonlySet<string>): string {
  const ids = [...known];
  return ids.length <= 10
    ? ids.join(', ')
    : `${ids.slice(0, 10).join(', ')} (and ${count(ids.length - 10)} more)`;
}

/** A JSON value as an error shows it: short ones whole, long texts by their length. */
export function shown(value: unknown): string {
  if (typeof value === 'string' && value.length > 40) return `a text of ${count(value.length)} characters`;
  return JSON.stringify(value) ?? 'nothing';
}

/** The path of `field` inside the object at `at` (`options[2]` and `dm` give `options[2].dm`). */
export function path(at: string, field: string): string {
  return at === '' ? field : `${at}.${field}`;
}
