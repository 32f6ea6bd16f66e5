import type { PlanJob, ScenarioJson } from '@lockstep/contract';
import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiCallError } from '../../api.ts';
import { cancelPlanJob, fetchPlanJob, submitPlanJob } from './sequencing-api.ts';

/** A job, with the scenario exactly as submitted (the plan's figures refer to it) and what was edited. */
export interface TrackedJob {
  readonly job: PlanJob;
  readonly scenario: ScenarioJson;
  readonly edits: readonly string[];
}

export interface PlanJobState {
  /** The latest job submitted: in progress, or finished. */
  readonly current: TrackedJob | undefined;
  /** The latest job that finished with an answer other than `cancelled` (what the charts show). */
  readonly answered: TrackedJob | undefined;
  /** Why the latest submission failed (a 400 names the field in `field`). */
  readonly error: ApiCallError | undefined;
  readonly submit: (scenario: ScenarioJson, timeLimitSeconds: number, edits: readonly string[]) => void;
  readonly cancel: () => void;
}

const pollMs = 400;

/**
 * Solves through the job API: submit answers at once with a job, which is polled until it finishes. A new
 * submission cancels the job in progress; leaving the page cancels it too. The jobs are this browser's (the
 * server sets an HttpOnly owner cookie on the first submit) and it may have only a few waiting or running:
 * when the server refuses a submission for that (429) while a cancelled job is still stopping, it is sent
 * again once that job has stopped. Any other refusal (a bad field, the server busy) is the error, with the
 * server's sentence saying when to try again.
 */
export function usePlanJob(): PlanJobState {
  const [current, setCurrent] = useState<TrackedJob | undefined>(undefined);
  const [answered, setAnswered] = useState<TrackedJob | undefined>(undefined);
  const [error, setError] = useState<ApiCallError | undefined>(undefined);
  const ticket = useRef(0);
  const running = useRef<string | undefined>(undefined);
  /** Settles once the job last cancelled has stopped. */
  const stopping = useRef<Promise<unknown>>(Promise.resolve());

  const stopRunning = useCallback(() => {
    const id = running.current;
    running.current = undefined;
    if (id) stopping.current = cancelPlanJob(id).catch(() => undefined);
  }, []);

  const submit = useCallback(
    (scenario: ScenarioJson, timeLimitSeconds: number, edits: readonly string[]) => {
      const mine = ++ticket.current;
      stopRunning();
      setError(undefined);
      void (async () => {
        try {
          const post = () => submitPlanJob({ scenario, timeLimitSeconds });
          // Refused for too many jobs while the one just cancelled is still stopping: again once it has.
          const submitted = await post().catch(async (failure: unknown) => {
            if (!(failure instanceof ApiCallError && failure.status === 429)) throw failure;
            await stopping.current;
            return mine === ticket.current ? post() : undefined;
          });
          if (!submitted) return;
          let job = submitted;
          if (mine !== ticket.current) {
            void cancelPlanJob(job.id).catch(() => undefined);
            return;
          }
          running.current = job.id;
          for (;;) {
            const tracked = { job, scenario, edits };
            setCurrent(tracked);
            if (job.finishedAt !== undefined) {
              running.current = undefined;
              if (job.result && job.result.status !== 'cancelled') setAnswered(tracked);
              return;
            }
            await new Promise((resolve) => setTimeout(resolve, pollMs));
            if (mine !== ticket.current) return;
            job = await fetchPlanJob(job.id);
            if (mine !== ticket.current) return;
          }
        } catch (failure) {
          if (mine !== ticket.current) return;
          running.current = undefined;
          setError(failure instanceof ApiCallError ? failure : new ApiCallError((failure as Error).message));
        }
      })();
    },
    [stopRunning],
  );

  const cancel = useCallback(() => {
    const id = running.current;
    if (!id) return;
    const mine = ++ticket.current;
    running.current = undefined;
    const cancelled = cancelPlanJob(id);
    stopping.current = cancelled.catch(() => undefined);
    void cancelled.then(
      (job) => {
        if (mine === ticket.current) setCurrent((previous) => previous && { ...previous, job });
      },
      (failure: Error) => {
        if (mine === ticket.current) setError(new ApiCallError(failure.message));
      },
    );
  }, []);

  useEffect(() => () => stopRunning(), [stopRunning]);

  return { current, answered, error, submit, cancel };
}
