/**
 * What a measure is:
 * - `sanctions-relief`: lifting, waiving or suspending sanctions;
 * - `nuclear-step`: a step back to a JCPOA limit (shipping out stock, removing machines...);
 * - `verification`: an IAEA verification or monitoring activity;
 * - `legal-step`: a legal act with its own lead time (a waiver, a notification to Congress, a decree).
 */
export type MeasureKind = 'sanctions-relief' | 'nuclear-step' | 'verification' | 'legal-step';

/** Every measure kind, in the order the schema lists them. */
export const measureKinds: readonly MeasureKind[] = [
  'sanctions-relief',
  'nuclear-step',
  'verification',
  'legal-step',
];

/** A side of the sequence (`us`, `iran`, or another participant). */
export interface SequencingParty {
  /** Stable id, referred to by measures and red lines. */
  readonly id: string;
  /** Name shown to users. */
  readonly name: string;
}

/** One thing a party does in the return to compliance. */
export interface SequencingMeasure {
  /** Stable id, unique in the scenario. */
  readonly id: string;
  /** The party that delivers the measure. */
  readonly party: string;
  readonly kind: MeasureKind;
  /** What the measure is, as the negotiators would write it. */
  readonly text: string;
  /** Days from its start until it is complete (>= 0). */
  readonly durationDays: number;
  /** The benefit it gives the other side, in the scenario's `valueUnit` (>= 0). */
  readonly value: number;
  /** Days it would take the delivering party to reverse it (>= 0); reported, not optimised. */
  readonly reversalDays: number;
  /** Who verifies it (`iaea`), if anyone. */
  readonly verifiedBy?: string;
  /** Days from completion until it is verified (>= 0; 0 when nobody verifies it). */
  readonly verificationDays: number;
  /** Where the measure and its figures come from (a dataset row, a report). */
  readonly source?: string;
  /** The fields whose figures are assumptions rather than derived from data. */
  readonly assumed?: readonly AssumableField[];
  /** Figures derived from stored data, shown with the measure; the model does not use them. */
  readonly facts?: Readonly<Record<string, number | string>>;
  /** How the figures were chosen. */
  readonly note?: string;
}

/** The measure fields whose figures a scenario may mark as assumptions. */
export type AssumableField = 'durationDays' | 'value' | 'reversalDays' | 'verificationDays';

/** Every assumable field. */
export const assumableFields: readonly AssumableField[] = [
  'durationDays',
  'value',
  'reversalDays',
  'verificationDays',
];

/** The moment of a measure a relation counts from. */
export type RelationAnchor = 'start' | 'complete' | 'verified';

/** Every relation anchor. */
export const relationAnchors: readonly RelationAnchor[] = ['start', 'complete', 'verified'];

/**
 * "`after` starts at least `lagDays` days after `before` has started / is complete / is verified".
 * Verification lags use `anchor: 'verified'`; legal lead times use a lag.
 */
export interface SequencingRelation {
  /** The measure counted from. */
  readonly before: string;
  /** The measure that waits. */
  readonly after: string;
  readonly anchor: RelationAnchor;
  /** Days of lag (>= 0). */
  readonly lagDays: number;
}

/** The fields every red line has. */
interface RedLineBase {
  /** Stable id, unique among the red lines; conflict reports name it. */
  readonly id: string;
  /** The party that holds the red line. */
  readonly party: string;
  /** The red line as the party stated it. */
  readonly text?: string;
  /** Where the party stated it (report, date). */
  readonly source?: string;
}

/**
 * The most the party will have delivered beyond what it has received, after any phase: an absolute
 * `limit` in the scenario's value unit, or a `share` (0-1) of everything the party delivers.
 */
export interface MaxExposureRedLine extends RedLineBase {
  readonly kind: 'max-exposure';
  readonly limit?: number;
  readonly share?: number;
}

/**
 * "The other side must have started before we complete more than `allowance`": once the party's delivered
 * value exceeds `allowance`, some measure of another party must be in the same or an earlier phase.
 */
export interface OtherStartsFirstRedLine extends RedLineBase {
  readonly kind: 'other-starts-first';
  readonly allowance: number;
}

/** "All of ours after all of theirs": every measure of the party in a later phase than every other measure. */
export interface AllAfterTheirsRedLine extends RedLineBase {
  readonly kind: 'all-after-theirs';
}

/** The listed measures must be complete (or verified) by day `byDay`. */
export interface DeadlineRedLine extends RedLineBase {
  readonly kind: 'deadline';
  readonly measures: readonly string[];
  readonly byDay: number;
  readonly anchor: 'complete' | 'verified';
}

/** The listed measures must fall in the same phase ("simultaneously", as on Implementation Day). */
export interface SamePhaseRedLine extends RedLineBase {
  readonly kind: 'same-phase';
  readonly measures: readonly string[];
}

/** A limit a party will not cross, whatever the plan. */
export type RedLine =
  | MaxExposureRedLine
  | OtherStartsFirstRedLine
  | AllAfterTheirsRedLine
  | DeadlineRedLine
  | SamePhaseRedLine;

/** Every red line kind. */
export const redLineKinds: readonly RedLine['kind'][] = [
  'max-exposure',
  'other-starts-first',
  'all-after-theirs',
  'deadline',
  'same-phase',
];

/**
 * What a good plan is: minimise `durationWeight` x total days + `exposureWeight` x the sum of every party's
 * peak exposure + `imbalanceWeight` x the largest difference between two parties' peak exposures.
 */
export interface SequencingObjective {
  readonly durationWeight: number;
  readonly exposureWeight: number;
  readonly imbalanceWeight: number;
}

/** When the measures of a phase start (see `SequencingScenario.starts`). */
export type PhaseStarts = 'phase' | 'staggered';
export const phaseStarts: readonly PhaseStarts[] = ['phase', 'staggered'];

/**
 * What one party's measure values rest on (`plan init --relief-basis`): `designations` (each measure's share of
 * the party's points follows the designations it lifts, a proxy) or `economics` (sourced figures: oil exports
 * restored, assets released; measures without a figure get a stated assumption). Each measure's `facts`,
 * `source`, `note` and `assumed` say what its own value rests on.
 */
export interface ValueBasis {
  /** `designations` or `economics`. */
  readonly id: string;
  /** The party whose measures are valued on this basis (`us`). */
  readonly party: string;
  /** The basis in words, shown with the scenario ("US relief valued by sourced economics: ..."). */
  readonly label: string;
  /** The data file the figures come from, when any. */
  readonly source?: string;
}

/** The value bases `plan init --relief-basis` accepts. */
export const reliefBases = ['designations', 'economics'] as const;
export type ReliefBasis = (typeof reliefBases)[number];

/** A sequencing question: who does what, in which order, within whose red lines. */
export interface SequencingScenario {
  readonly title: string;
  /** What the scenario is for and how it was built. */
  readonly description?: string;
  /** Assumptions the whole scenario rests on, stated for reviewers. */
  readonly assumptions?: readonly string[];
  /** Where its measures and figures come from (datasets with their versions, reports). */
  readonly sources?: readonly string[];
  /** The unit measure values are in (`points`, `USD bn`); exposure is reported in it. */
  readonly valueUnit: string;
  /** What a party's measure values rest on, when the scenario says (scenarios built by `plan init --relief-basis economics`). */
  readonly valueBasis?: ValueBasis;
  /** The most phases a plan may use (>= 1). */
  readonly phaseCount: number;
  /**
   * When the measures of a phase start: all on the phase's first day (`phase`, the default), or each on a day
   * the plan chooses within its phase (`staggered`: no earlier than the phase's first day, complete before
   * the next phase starts), so a relation's wait delays only the measure that waits (still in a later phase)
   * instead of its whole phase.
   */
  readonly starts?: PhaseStarts;
  readonly parties: readonly SequencingParty[];
  readonly measures: readonly SequencingMeasure[];
  readonly relations: readonly SequencingRelation[];
  readonly redLines: readonly RedLine[];
  readonly objective: SequencingObjective;
}
