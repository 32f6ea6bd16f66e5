/*
 * Every default a caller may leave out, declared once. The API schemas' descriptions and `.default()`s,
 * the operations that apply them, the CLI's option help and the web's forms all take them from here.
 * Where the domain model applies a default itself (core imports nothing of ours), app's defaults.test.ts
 * holds core's value equal to the one here.
 */

/** Monte Carlo of every result that samples: a fixed seed, so the same question gives the same answer. */
export const monteCarloDefaults = {
  seed: 2021,
  samples: 10_000,
} as const;

/** The breakout model's assumptions when the caller states none. */
export const breakoutDefaults = {
  /** Fixed tails assay, % U-235: the convention of the standard worked examples. */
  tailsPercent: 0.3,
  /** Significant quantity convention: the IAEA's (25 kg U-235). */
  sq: 'u235',
  /** Cascade set-up time before production, months. */
  setUpMonths: 0,
  /** Assay of stock no reported band holds, %. */
  unspecifiedAssayPercent: 5,
  /** Point of each capacity range for single-number results. */
  capacityPoint: 'central',
} as const;

/** The projection's assumptions (and the steps' goal) when the caller states none. */
export const projectionDefaults = {
  /** Reports each trend is fitted on (k). */
  trendReports: 3,
  /** Months to re-install stored advanced machines after a full return. */
  reinstallationMonths: 6,
  /** Breakout goal, months, when the data's `breakout-goal` limit gives none. */
  goalMonths: 12,
  /** How far the Nuclear overview projects when no end date is given, months after the start. */
  horizonMonths: 24,
} as const;

/** Sizes of the sanctions answers when the caller gives none. */
export const sanctionsDefaults = {
  /** Most matches of a name search. */
  searchLimit: 20,
  /** The floor of a name search, 0 to 1: every candidate at or above it is ranked and shown. */
  searchMinScore: 0.6,
  /** Most parties a classification lists (its totals count all). */
  classifyLimit: 200,
  /** Most designations a gap lists. */
  gapLimit: 200,
} as const;

/**
 * The positions (ids in data/sanctions/positions.json) each comparison starts from. `GET
 * /api/sanctions/positions` serves them with the positions, so that the web chooses from the data.
 */
export const defaultPositions = {
  /** The register's position, and the one whose categories colour an entity's timeline. */
  register: 'us-2021',
  /** The gap's first position. */
  gapFirst: 'us-2021',
  /** The gap's second position. */
  gapSecond: 'iran-2021',
  /** The position whose `lift` designations are the US relief of `plan init`. */
  planRelief: 'us-2021',
} as const;

/** A comparison that starts from a default position: a key of {@link defaultPositions}. */
export type PositionComparison = keyof typeof defaultPositions;

/** Sequencing plans, when the caller gives none. */
export const planDefaults = {
  /** Most phases a plan built by `plan init` may use. */
  phaseCount: 6,
  /**
   * The OFAC list `plan init` classifies the US relief on: the SDN list of the Vienna talks (April 2021, with
   * its aliases and addresses), the list the us-2021 position spoke about. A later list would count
   * designations made after the talks as relief on the table.
   */
  reliefSnapshot: 'ofac-sdn-2021-04-25',
  /** Time limit of `plan solve`, seconds (a plan job's is `planJobDefaultTimeLimitSeconds`). */
  solveTimeLimitSeconds: 60,
} as const;

/** A number as the help and descriptions write it: `10,000`, `2021`, `0.75` (thousands grouped from 10,000). */
export function shownDefault(value: number): string {
  return Math.abs(value) >= 10_000
    ? value.toLocaleString('en', { maximumFractionDigits: 10 })
    : String(value);
}
