import type { LinearModel } from './linear-model.ts';

/**
 * How a solve ended:
 * - `optimal`: proved optimal (within the solver's relative gap tolerance);
 * - `infeasible`: proved to have no solution;
 * - `time-limit`: stopped by the time limit, with or without a solution (`values` tells);
 * - `cancelled`: stopped by the caller;
 * - `error`: the solver failed (`message` says how).
 */
export type SolveStatus = 'optimal' | 'infeasible' | 'time-limit' | 'cancelled' | 'error';

/** What a solver returns for a linear model. */
export interface SolveResult {
  readonly status: SolveStatus;
  /** Objective value of the solution, when there is one. */
  readonly objectiveValue?: number;
  /** Value of every variable by name, when there is a solution. */
  readonly values?: Readonly<Record<string, number>>;
  /** Relative gap between the solution and the best bound; 0 when proved optimal, `null` when unknown. */
  readonly gap: number | null;
  /** Wall-clock seconds the solve took. */
  readonly seconds: number;
  /** The solver's own words, for `error` and unusual endings. */
  readonly message?: string;
}

/** Options of one solve. */
export interface SolveOptions {
  /** Stop after this many seconds and return the best solution found, if any. */
  readonly timeLimitSeconds: number;
  /** Aborting it stops the solve; the result is `cancelled`. */
  readonly signal?: AbortSignal;
  /** Stop once the plan is proved within this relative gap of the best bound (default: the solver's own). */
  readonly relativeGap?: number;
  /** A known solution to start from (values of some variables by name); the solver may reject it. */
  readonly start?: Readonly<Record<string, number>>;
  /**
   * Keep few cuts in the solver's pool (HiGHS: `mip_pool_soft_limit` 10 rather than 10,000). Measured on
   * jcpoa-2021's conflict account: its feasibility checks and least concessions take half the time, and its
   * plans with a fixed concession 10-40 % less; slower on the all-red-line least-concession solve and on
   * plan solves of 100 measures (bench/sequencing-account.ts), so only the account's small solves ask for it.
   */
  readonly smallCutPool?: boolean;
}

/** The port a MILP solver implements for the sequencing model (HiGHS in `@lockstep/solver`). */
export interface SequencingSolver {
  solve(model: LinearModel, options: SolveOptions): Promise<SolveResult>;
  /**
   * How many solves it runs at once (one per worker thread, say); 1 when not given. Phase deepening runs the
   * full phase count beside its steps when this is 2 or more.
   */
  readonly parallelism?: number;
}
