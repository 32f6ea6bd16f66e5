import type { PhaseDeepeningJson, PlanSolveResult } from '@lockstep/contract';
import type { SequencingScenario } from '@lockstep/core';

/*
 * The options and progress of a solve and the messages of its worker thread, apart from the solve itself:
 * plan-operations.ts imports the worker modules, so they must not import it for these types.
 */

/** Where a solve is: the main solve, or the conflict diagnosis with the solver calls made so far. */
export interface PlanSolveProgress {
  readonly stage: 'solving' | 'diagnosing';
  /** Solver calls finished in this stage. */
  readonly solves: number;
  /** What the solve is doing now, in words (`building the model`), for an answer stopped by the time limit. */
  readonly activity: string;
  /** Phase deepening so far: the steps finished (the main solve only). */
  readonly deepening?: PhaseDeepeningJson;
}

/** Options of `solveScenario`. */
export interface ScenarioSolveOptions {
  /** The whole answer's time limit, diagnosis included (seconds). */
  readonly timeLimitSeconds: number;
  /**
   * When the solver calls must be over, in epoch milliseconds (default: `timeLimitSeconds` from now); a
   * caller that enforces the limit itself sets it a little earlier, to leave time to check the plan.
   */
  readonly deadline?: number;
  /** Aborting stops the solve at once; the answer is then `cancelled`. */
  readonly signal?: AbortSignal;
  readonly onProgress?: (progress: PlanSolveProgress) => void;
  /**
   * Told of the best answer so far whenever there is a better one (the greedy baseline's plan; that no plan
   * satisfies every red line while the conflicts are diagnosed), for a caller that stops the solve at its
   * time limit to answer with.
   */
  readonly onPartial?: (partial: PlanSolveResult) => void;
}

/** What the caller's thread sends: one scenario to solve. */
export interface SolveWorkerRequest {
  readonly scenario: SequencingScenario;
  readonly timeLimitSeconds: number;
  /** When the solver calls must be over, in epoch milliseconds (see `ScenarioSolveOptions.deadline`). */
  readonly deadline: number;
}

/** What the worker sends back: ready, progress, the best answer so far, the answer, or what broke. */
export type SolveWorkerMessage =
  | 'ready'
  | { readonly progress: PlanSolveProgress }
  | { readonly partial: PlanSolveResult }
  | { readonly result: PlanSolveResult }
  | { readonly error: string };
