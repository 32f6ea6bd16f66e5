/**
 * One constraint a plan breaks:
 * - `assignment`: a measure missing, repeated, unknown or outside the phases;
 * - `days`: a measure's complete or verified day does not follow from its start, duration and verification;
 * - `phase-order`: measures of one phase not starting together, or a phase starting before an earlier phase's
 *   measures are complete;
 * - `relation`: a relation's lag not respected;
 * - `red-line`: a red line crossed (`redLine` names it).
 */
export interface PlanViolation {
  readonly constraint: 'assignment' | 'days' | 'phase-order' | 'relation' | 'red-line';
  /** The red line crossed, for `red-line` violations. */
  readonly redLine?: string;
  /** The measures involved. */
  readonly measures: readonly string[];
  /** What is wrong, in one sentence with the numbers. */
  readonly message: string;
}
