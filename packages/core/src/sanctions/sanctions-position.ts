import type { IsoDate } from '../units.ts';
import type { JcpoaRelation } from './jcpoa-relation.ts';
import type { SanctionsBasis } from './sanctions-basis.ts';

/**
 * The three categories the US side sorts designations into (DOMAIN.md): lift (nuclear-related,
 * inconsistent with the JCPOA), keep (legitimately imposed for non-nuclear reasons), difficult (non-nuclear
 * labels placed after the 2018 withdrawal on parties already sanctioned on nuclear grounds).
 */
export const sanctionsCategories = ['lift', 'keep', 'difficult'] as const;

/** One of {@link sanctionsCategories}. */
export type SanctionsCategory = (typeof sanctionsCategories)[number];

/** What a category means, in words, as the positions file labels it: `lift`, "lifted under this position". */
export interface SanctionsCategoryLabel {
  readonly id: SanctionsCategory;
  readonly label: string;
}

/**
 * Picks designations by their program: every field given must hold (tag among `programs`, basis among
 * `bases`, JCPOA relation among `jcpoa`).
 */
export interface DesignationSelector {
  readonly programs?: readonly string[];
  readonly bases?: readonly SanctionsBasis[];
  readonly jcpoa?: readonly JcpoaRelation[];
}

/**
 * What a rule looks at. Every condition given must hold. Date conditions are read on the interval that
 * dates the designation; when it straddles the date the condition is undetermined (see
 * {@link PositionRule.whenUndetermined}).
 */
export interface RuleConditions {
  /** The designation's tag is one of these. */
  readonly programs?: readonly string[];
  /** The basis of the designation's program is one of these. */
  readonly bases?: readonly SanctionsBasis[];
  /** The JCPOA relation of the designation's program is one of these. */
  readonly jcpoa?: readonly JcpoaRelation[];
  /** The designation was imposed on or after this day. */
  readonly imposedOnOrAfter?: IsoDate;
  /** The designation was imposed before this day. */
  readonly imposedBefore?: IsoDate;
  /**
   * The party held, before this designation was imposed, a designation matching any of these selectors
   * (now or earlier, under any of its entry numbers): "already sanctioned on nuclear grounds".
   */
  readonly priorDesignation?: readonly DesignationSelector[];
  /** The party holds another designation, now, matching any of these selectors. */
  readonly coDesignation?: readonly DesignationSelector[];
  /**
   * Whether the party left the SDN list across Implementation Day (delisted, or moved to the E.O. 13599
   * List) and is on it again.
   */
  readonly returnedAfterImplementationDay?: boolean;
}

/**
 * One rule of a position: when its conditions hold, it decides the category, or (`follow`) takes the
 * category of the party's other designations matching the selectors, the strictest of them (keep, then
 * difficult, then lift). A follow rule with nothing to follow does not match.
 */
export interface PositionRule {
  /** A kebab-case id, cited by every classification it decides: `layered-after-withdrawal`. */
  readonly id: string;
  /** The reason in words, as an analyst would state it. */
  readonly reason: string;
  readonly when: RuleConditions;
  readonly category?: SanctionsCategory;
  readonly follow?: readonly DesignationSelector[];
  /**
   * What to do when a date condition is undetermined: `match` takes the rule (the classification is
   * marked uncertain), `skip` (the default) goes on to the next rule and records why.
   */
  readonly whenUndetermined?: 'match' | 'skip';
}

/**
 * A named position on which designations go: rules in order, the first that matches decides. The last
 * rule has no conditions, so every designation is decided.
 */
export interface SanctionsPosition {
  /** e.g. `us-2021`. */
  readonly id: string;
  /** A short name for tables and charts, e.g. `United States 2021`. */
  readonly label: string;
  readonly name: string;
  /** Whose position it is, e.g. `United States`. */
  readonly holder: string;
  /** When it was stated. */
  readonly date: IsoDate;
  readonly description: string;
  /** Where it is stated. */
  readonly sources: readonly string[];
  /**
   * Which parties it speaks about: `iran-related` (at least one Iran tag in the catalogue) or `all`.
   */
  readonly scope: 'iran-related' | 'all';
  readonly rules: readonly PositionRule[];
}
