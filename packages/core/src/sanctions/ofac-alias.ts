/** OFAC's alias types as it prints them: also known as, formerly known as, now known as. */
export const ofacAliasTypes = ['a.k.a.', 'f.k.a.', 'n.k.a.'] as const;

/** One of {@link ofacAliasTypes}. */
export type OfacAliasType = (typeof ofacAliasTypes)[number];

/**
 * Another name of an OFAC entry. OFAC grades aliases: a `weak` alias (a nickname, nom de guerre or common
 * acronym) is printed inside the remarks of the legacy files (`a.k.a. 'X'`) and is not meant for screening on
 * its own; a `strong` alias has its own record (alt.csv, the XML `aka` with category `strong`). OFAC calls
 * this grading the alias's category.
 */
export interface OfacAlias {
  /** OFAC's record number (alt_num, aka uid); absent for aliases read from remarks. */
  readonly id?: number;
  readonly type: OfacAliasType;
  /** As printed: `LAST, First` for people, the full name otherwise. */
  readonly name: string;
  readonly strength: 'strong' | 'weak';
  /** alt_remarks, when given. */
  readonly remarks?: string;
}
