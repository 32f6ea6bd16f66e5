import { deepeningSummary, type PlanSolveResult } from '@lockstep/contract';
import type { SequencingScenario } from '@lockstep/core';
import { compiledHighsModule, startTypeScriptWorker } from '@lockstep/solver';
import type {
  PlanSolveProgress,
  ScenarioSolveOptions,
  SolveWorkerMessage,
  SolveWorkerRequest,
} from './solve-options.ts';

/** Seconds a cancelled solve gets to stop by itself before its thread is terminated. */
const cancelGraceSeconds = 1;

/**
 * Seconds of a time limit kept back from the solver calls, for reading the solver's plan back and checking
 * it before the limit: a tenth of the limit, from a quarter of a second to one second (at the limits,
 * reading back and checking a plan takes about a tenth of a second).
 */
export function answerReserveSeconds(timeLimitSeconds: number): number {
  return Math.min(1, Math.max(0.25, timeLimitSeconds / 10));
}

/**
 * `solveScenario` in a worker thread of its own, so that none of the answer's work (model, greedy start, LP
 * text, solution, plan check, conflict diagnosis) runs on the caller's thread: a server stays responsive.
 *
 * `timeLimitSeconds` bounds the whole answer, wall clock, from this call: the solver calls are given the
 * limit less `answerReserveSeconds`, and when the limit is reached whatever the thread is doing (building
 * the model, writing or reading the LP text, checking a plan) the thread is terminated and the answer is
 * the best one so far, saying what was under way: the greedy baseline's checked plan, that no plan
 * satisfies every red line, or that no plan was found yet. Aborting `signal` asks the worker to stop, and
 * terminates it if it has not within a second.
 */
export function solveScenarioInWorker(
  scenario: SequencingScenario,
  options: Omit<ScenarioSolveOptions, 'deadline' | 'onPartial'>,
): Promise<PlanSolveResult> {
  const { timeLimitSeconds } = options;
  const started = performance.now();
  const deadline = Date.now() + (timeLimitSeconds - answerReserveSeconds(timeLimitSeconds)) * 1000;
  const seconds = () => (performance.now() - started) / 1000;
  // The process's compiled HiGHS, once there is one: the thread's solvers run the code already optimised.
  const worker = startTypeScriptWorker(new URL('./solve-worker.ts', import.meta.url), {
    highsModule: compiledHighsModule(),
  });
  worker.unref();
  let activity = 'starting the solve thread';
  let partial: PlanSolveResult | undefined;
  const cancelled = (message: string): PlanSolveResult => ({
    status: 'cancelled',
    gap: null,
    solveSeconds: seconds(),
    violations: [],
    message,
  });
  const timedOut = (): PlanSolveResult => {
    const reached = `the time limit of ${timeLimitSeconds} s was reached while ${activity}`;
    if (!partial) {
      return {
        status: 'error',
        gap: null,
        solveSeconds: seconds(),
        violations: [],
        message: `no plan found within the time limit of ${timeLimitSeconds} s: ${reached}, and the solve was stopped`,
      };
    }
    if (partial.status === 'infeasible') return { ...partial, solveSeconds: seconds() };
    if (partial.deepening) {
      return {
        ...partial,
        solveSeconds: seconds(),
        message: `${reached}: the plan shown is the best phase deepening found, checked: ${deepeningSummary(partial.deepening)}`,
      };
    }
    const within = `${Math.round((partial.gap ?? 1) * 1000) / 10} %`;
    return {
      ...partial,
      solveSeconds: seconds(),
      message: `${reached}: the plan shown is the greedy baseline's, checked; HiGHS found no better one in time. Its gap to the best possible plan is at most ${within} (a loose bound: no plan is shorter than the critical path)`,
    };
  };
  return new Promise<PlanSolveResult>((resolve, reject) => {
    let settled = false;
    let killer: NodeJS.Timeout | undefined;
    const settle = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(killer);
      clearTimeout(limit);
      options.signal?.removeEventListener('abort', onAbort);
      void worker.terminate();
      outcome();
    };
    const limit = setTimeout(() => settle(() => resolve(timedOut())), timeLimitSeconds * 1000);
    const onAbort = () => {
      worker.postMessage('cancel');
      killer = setTimeout(
        () => settle(() => resolve(cancelled('the solve was cancelled and its thread stopped'))),
        cancelGraceSeconds * 1000,
      );
    };
    if (options.signal?.aborted) {
      settle(() => resolve(cancelled('the solve was cancelled before it started')));
      return;
    }
    options.signal?.addEventListener('abort', onAbort, { once: true });
    worker.on('message', (message: SolveWorkerMessage) => {
      if (message === 'ready') {
        const request: SolveWorkerRequest = { scenario, timeLimitSeconds, deadline };
        worker.postMessage(request);
      } else if ('progress' in message) {
        activity = message.progress.activity;
        options.onProgress?.(message.progress satisfies PlanSolveProgress);
      } else if ('partial' in message) partial = message.partial;
      else if ('result' in message) settle(() => resolve(message.result));
      else settle(() => reject(new Error(message.error)));
    });
    worker.on('error', (error) => settle(() => reject(error)));
    worker.on('exit', (code) =>
      settle(() => reject(new Error(`the solve thread exited (code ${code}) before answering`))),
    );
  });
}
