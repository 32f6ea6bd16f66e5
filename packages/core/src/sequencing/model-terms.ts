import type { LinearConstraint, LinearTerm } from './linear-model.ts';

/**
 * The sequencing MILP's variable names and row helper, in a file of their own so that the red line kinds
 * (which write their own rows) and the model builder (which dispatches to them) share them without importing
 * each other.
 */

/** Adds a row; terms with a zero coefficient are dropped. */
export type Add = (name: string, terms: LinearTerm[], sense: LinearConstraint['sense'], rhs: number) => void;

export const term = (variable: string, coefficient: number): LinearTerm => ({ variable, coefficient });
/** Binary: measure i is in phase p. */
export const x = (i: number, p: number) => `x_${i}_${p}`;
/** Binary of the step formulation: measure i is in phase p or an earlier one. */
export const y = (i: number, p: number) => `y_${i}_${p}`;
/** First day of phase p. */
export const t = (p: number) => `t_${p}`;
/** Start day of measure i. */
export const s = (i: number) => `s_${i}`;
/** Party j's peak exposure. */
export const peak = (j: number) => `peak_${j}`;
/** Party j's exposure after phase k. */
export const exposure = (j: number, k: number) => `e_${j}_${k}`;
/** The integers from `from` up to (not including) `to`. */
export const range = (from: number, to: number) =>
  Array.from({ length: Math.max(0, to - from) }, (_, k) => from + k);
