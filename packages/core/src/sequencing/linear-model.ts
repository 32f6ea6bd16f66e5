/** A variable of a mixed-integer linear programme. */
export interface LinearVariable {
  /** Name as written to LP text: letters, digits and `_` only. */
  readonly name: string;
  readonly lower: number;
  /** Upper bound; `Infinity` for none. */
  readonly upper: number;
  /** `binary` is integer in [0, 1]. */
  readonly type: 'continuous' | 'binary';
}

/** One term of a linear expression: `coefficient` x `variable`. */
export interface LinearTerm {
  readonly variable: string;
  readonly coefficient: number;
}

/** `Σ terms (sense) rhs`. */
export interface LinearConstraint {
  /** Name as written to LP text: letters, digits and `_` only. */
  readonly name: string;
  readonly terms: readonly LinearTerm[];
  readonly sense: '<=' | '>=' | '=';
  readonly rhs: number;
}

/**
 * A mixed-integer linear programme as plain data, independent of any solver: minimise `objective` subject to
 * `constraints` and the variables' bounds and types.
 */
export interface LinearModel {
  readonly variables: readonly LinearVariable[];
  readonly constraints: readonly LinearConstraint[];
  /** Terms of the objective, minimised. */
  readonly objective: readonly LinearTerm[];
}
