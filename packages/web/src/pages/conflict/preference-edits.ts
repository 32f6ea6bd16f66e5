import type { ConflictFileJson, ConflictPreferenceJson } from '@lockstep/contract';

/** A copy of `file` with DM `dm`'s preference replaced. */
function withPreference(
  file: ConflictFileJson,
  dm: string,
  preference: ConflictPreferenceJson,
): ConflictFileJson {
  return { ...file, preferences: { ...file.preferences, [dm]: preference } };
}

/**
 * Moves DM `dm`'s statement `index` one place up (`-1`, more important) or down (`+1`): the two neighbours swap.
 * Unchanged when it would leave the list.
 */
export function moveStatement(
  file: ConflictFileJson,
  dm: string,
  index: number,
  by: -1 | 1,
): ConflictFileJson {
  const preference = file.preferences[dm];
  const statements = preference?.statements;
  const other = index + by;
  if (!preference || !statements || other < 0 || other >= statements.length) return file;
  const moved = [...statements];
  [moved[index], moved[other]] = [moved[other]!, moved[index]!];
  return withPreference(file, dm, { ...preference, statements: moved });
}

/** A ranking entry as a list of the states it holds. */
const members = (entry: number | readonly number[]): number[] =>
  typeof entry === 'number' ? [entry] : [...entry];

/**
 * Moves `state` one place up (`-1`, preferred more) or down (`+1`) in DM `dm`'s ranking: a state tied with others
 * leaves its tie for a place of its own just before or after it; a state alone swaps with its neighbour.
 * `ranking` is the DM's ranking as the analysis gave it (most preferred first, ties together), used when the
 * file gives the preference in another form, which the edit replaces with that ranking.
 */
export function moveState(
  file: ConflictFileJson,
  dm: string,
  state: number,
  by: -1 | 1,
  ranking: readonly (readonly number[])[],
): ConflictFileJson {
  const groups = (file.preferences[dm]?.ranking ?? ranking).map(members);
  const at = groups.findIndex((group) => group.includes(state));
  if (at < 0) return file;
  const group = groups[at]!;
  if (group.length > 1) {
    groups[at] = group.filter((s) => s !== state);
    groups.splice(by < 0 ? at : at + 1, 0, [state]);
  } else {
    const other = at + by;
    if (other < 0 || other >= groups.length) return file;
    [groups[at], groups[other]] = [groups[other]!, groups[at]!];
  }
  return withPreference(file, dm, {
    ranking: groups.map((g) => (g.length === 1 ? g[0]! : g)),
  });
}

/** The text of a statement as a file writes it. */
export function statementText(statement: string | { text: string }): string {
  return typeof statement === 'string' ? statement : statement.text;
}
