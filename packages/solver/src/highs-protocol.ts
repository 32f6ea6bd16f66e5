/** A request to the HiGHS worker: one LP-format model and HiGHS options. */
export interface HighsRequest {
  readonly id: number;
  readonly lpText: string;
  readonly options: Readonly<Record<string, number | boolean | string>>;
  /**
   * When the solve must be over, in epoch milliseconds: the worker sets HiGHS's time limit to what is left of
   * it once the model is read, so writing and reading the LP text count against the caller's time limit.
   */
  readonly deadline: number;
  /** A starting solution: values of some columns by name (HiGHS completes the rest, or rejects it). */
  readonly start?: Readonly<Record<string, number>>;
}

/** The worker's answer to one request. */
export type HighsResponse =
  | {
      readonly id: number;
      readonly ok: true;
      /** HiGHS's model status by its constant's name (`optimal`, `infeasible`, `timeLimit`...). */
      readonly status: string;
      /** Whether HiGHS holds a feasible solution (its primal solution status is "feasible"). */
      readonly feasible: boolean;
      readonly objectiveValue: number;
      /** HiGHS's relative MIP gap for the solution held; `null` when it reports none (infinite or negative). */
      readonly gap: number | null;
      /** Primal value of every column by name; empty when HiGHS has no feasible solution. */
      readonly primal: Readonly<Record<string, number>>;
    }
  | { readonly id: number; readonly ok: false; readonly message: string };
