import type { PlanSolveResult } from '@lockstep/contract';
import type { SequencingScenario } from '@lockstep/core';
import { startTypeScriptWorker } from '@lockstep/solver';
import type { PlanSolveProgress, ScenarioSolveOptions } from './plan-operations.ts';
import type { SolveWorkerRequest } from './solve-worker.ts';

type WorkerMessage =
  | 'ready'
  | { progress: PlanSolveProgress }
  | { result: PlanSolveResult }
  | { error: string };

/** Seconds a cancelled solve gets to stop by itself before its thread is terminated. */
const cancelGraceSeconds = 1;

/**
 * `solveScenario` in a worker thread of its own, so that none of the answer's work (model, greedy start, LP
 * text, solution, plan check, conflict diagnosis) runs on the caller's thread: a server stays responsive.
 * Aborting `signal` asks the worker to stop, and terminates it if it has not within a second.
 */
export function solveScenarioInWorker(
  scenario: SequencingScenario,
  options: ScenarioSolveOptions,
): Promise<PlanSolveResult> {
  const started = performance.now();
  const worker = startTypeScriptWorker(new URL('./solve-worker.ts', import.meta.url));
  worker.unref();
  const cancelled = (message: string): PlanSolveResult => ({
    status: 'cancelled',
    gap: null,
    solveSeconds: (performance.now() - started) / 1000,
    violations: [],
    message,
  });
  return new Promise<PlanSolveResult>((resolve, reject) => {
    let settled = false;
    let killer: NodeJS.Timeout | undefined;
    const settle = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(killer);
      options.signal?.removeEventListener('abort', onAbort);
      void worker.terminate();
      outcome();
    };
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
    worker.on('message', (message: WorkerMessage) => {
      if (message === 'ready') {
        const request: SolveWorkerRequest = { scenario, timeLimitSeconds: options.timeLimitSeconds };
        worker.postMessage(request);
      } else if ('progress' in message) options.onProgress?.(message.progress);
      else if ('result' in message) settle(() => resolve(message.result));
      else settle(() => reject(new Error(message.error)));
    });
    worker.on('error', (error) => settle(() => reject(error)));
    worker.on('exit', (code) =>
      settle(() => reject(new Error(`the solve thread exited (code ${code}) before answering`))),
    );
  });
}
