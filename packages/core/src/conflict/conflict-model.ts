/**
 * A conflict in the Graph Model for Conflict Resolution (GMCR; Kilgour, Hipel and Fang, 1993): decision makers
 * (DMs), each owning binary options; the states are the feasible combinations of options; each DM ranks the
 * states. This file holds the model as a user writes it (our JSON format and GMCR+'s `.gmcr` files both read into
 * it); `compile-conflict.ts` turns it into numbered states and rankings.
 */

/** Where a DM, option or preference statement comes from: the public words it rests on, and the report. */
export interface ConflictSource {
  /** The words, quoted. */
  readonly quote: string;
  /** The report that carries them: outlet, date, and the seed or document it is in. */
  readonly report: string;
}

/**
 * Which ways an option may be changed by its owner: `both`; `fwd`, only taken (N→Y, e.g. triggering UN snapback,
 * which cannot be undone); `back`, only withdrawn (Y→N). The names are GMCR+'s `permittedDirection` values.
 */
export type OptionReversibility = 'both' | 'fwd' | 'back';

/** A decision maker: a party whose choices and preferences the model holds. */
export interface ConflictDecisionMaker {
  /** Unique among the DMs; referred to by options and preferences. */
  readonly id: string;
  readonly name: string;
  readonly source?: ConflictSource | undefined;
}

/** A binary option (taken, Y; or not, N), owned by one DM. */
export interface ConflictOption {
  /** Unique among the options; used in preference statements and conditions. */
  readonly id: string;
  readonly name: string;
  /** The owner's DM id. */
  readonly dm: string;
  readonly reversibility: OptionReversibility;
  readonly source?: ConflictSource | undefined;
  /**
   * What in the rest of the workbench the option stands for: sequencing red lines (`data/sequencing/`) and
   * nuclear or sanctions steps, by their ids. Read and shown, never analysed.
   */
  readonly refersTo?: readonly ConflictReference[] | undefined;
}

/** A pointer from an option to the workbench's other areas. */
export interface ConflictReference {
  readonly kind: 'red-line' | 'nuclear-step' | 'sanctions-step';
  readonly id: string;
}

/**
 * A preference statement or condition in the option-prioritisation syntax: an option id (taken), `-id` (not
 * taken), `&`, `|`, `A IF B` (B implies A), `A IFF B`, parentheses. Precedence, loosest first: IFF, IF, `|`, `&`,
 * `-`. Parsed by `parse-condition.ts`.
 */
export interface ConflictStatement {
  readonly text: string;
  readonly source?: ConflictSource | undefined;
}

/**
 * How a DM ranks the states, in one of three forms:
 * - `ranking`: state numbers (GMCR+ numbering of the feasible states), most preferred first; an inner list
 *   holds states preferred equally. It must hold every feasible state exactly once.
 * - `statements`: option prioritisation, most important first, read lexicographically: statement j of m is worth
 *   2^(m-1-j) in a state where it holds; a state's score is the sum, higher preferred, equal scores tie.
 * - `payoffs`: a number per state number, higher preferred; every feasible state needs one.
 */
export type ConflictPreference =
  | { readonly kind: 'ranking'; readonly ranking: readonly (readonly number[])[] }
  | { readonly kind: 'statements'; readonly statements: readonly ConflictStatement[] }
  | { readonly kind: 'payoffs'; readonly payoffs: Readonly<Record<string, number>> };

/** A conflict as written: read from our JSON format or from a GMCR+ `.gmcr` file. */
export interface ConflictModel {
  readonly id: string;
  readonly title: string;
  readonly description?: string | undefined;
  /** In order: the DM order sets the state numbering. */
  readonly decisionMakers: readonly ConflictDecisionMaker[];
  /** In file order; grouped by DM (in DM order) when states are numbered. */
  readonly options: readonly ConflictOption[];
  /** Conditions (in the statement syntax) that make a state infeasible when they hold. */
  readonly infeasible: readonly ConflictStatement[];
  /** One per DM, by DM id. */
  readonly preferences: Readonly<Record<string, ConflictPreference>>;
  /** The state the analysis starts from (status quo), as a state number; optional. */
  readonly statusQuo?: number | undefined;
  /**
   * What the source file held that this analysis does not use (GMCR+ misperceptions, declared coalitions), said
   * so a user sees it was read and not silently dropped.
   */
  readonly notAnalysed?: readonly string[] | undefined;
}

/** The four stability definitions this engine computes. */
export type StabilityDefinition = 'nash' | 'gmr' | 'smr' | 'seq';

/**
 * How opponents' coalition sanctions are built when there are more than two DMs. `standard`: the published
 * definition, legal sequences of unilateral moves in which no DM moves twice in a row. `gmcr-plus`: GMCR+'s rule,
 * each opponent moves at most once.
 */
export type CoalitionChainRule = 'standard' | 'gmcr-plus';
