import type { PlanJob, ScenarioJson } from '@lockstep/contract';
import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiCallError } from '../../api.ts';
import { decodeRunningJob, encodeRunningJob, type RunningJob, runningJobKey } from './running-job.ts';
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
  /** The job this browser left running for the scenario, found again on opening the page (until it ends). */
  readonly reattached: RunningJob | undefined;
  /** Set when the job left running could not be found again: it finished long ago or the server restarted. */
  readonly gone: RunningJob | undefined;
}

const pollMs = 400;

/**
 * Solves through the job API: submit answers at once with a job, which is polled until it finishes. A new
 * submission cancels the job in progress; leaving the page cancels it too. The jobs are this browser's (the
 * server sets an HttpOnly owner cookie on the first submit) and it may have only a few waiting or running:
 * when the server refuses a submission for that (429) while a cancelled job is still stopping, it is sent
 * again once that job has stopped. Any other refusal (a bad field, the server busy) is the error, with the
 * server's sentence saying when to try again. The job in progress is kept in `localStorage` by scenario, so
 * that a reloaded page (or another tab) follows it again instead of solving anew.
 */
export function usePlanJob(scenarioId: string): PlanJobState {
  const [current, setCurrent] = useState<TrackedJob | undefined>(undefined);
  const [answered, setAnswered] = useState<TrackedJob | undefined>(undefined);
  const [error, setError] = useState<ApiCallError | undefined>(undefined);
  const ticket = useRef(0);
  const running = useRef<string | undefined>(undefined);
  /** Settles once the job last cancelled has stopped. */
  const stopping = useRef<Promise<unknown>>(Promise.resolve());
  const key = runningJobKey(scenarioId);
  const [reattached] = useState(() => decodeRunningJob(localStorage.getItem(key)));
  const [gone, setGone] = useState<RunningJob | undefined>(undefined);
  const keep = useCallback(
    (job: RunningJob | undefined) => {
      if (job) localStorage.setItem(key, encodeRunningJob(job));
      else localStorage.removeItem(key);
    },
    [key],
  );

  /** Polls a job until it finishes or a newer ticket is drawn. */
  const follow = useCallback(
    async (mine: number, first: PlanJob, scenario: ScenarioJson, edits: readonly string[]) => {
      let job = first;
      running.current = job.id;
      for (;;) {
        const tracked = { job, scenario, edits };
        setCurrent(tracked);
        if (job.finishedAt !== undefined) {
          running.current = undefined;
          keep(undefined);
          if (job.result && job.result.status !== 'cancelled') setAnswered(tracked);
          return;
        }
        await new Promise((resolve) => setTimeout(resolve, pollMs));
        if (mine !== ticket.current) return;
        job = await fetchPlanJob(job.id);
        if (mine !== ticket.current) return;
      }
    },
    [keep],
  );

  const stopRunning = useCallback(() => {
    const id = running.current;
    running.current = undefined;
    if (id) stopping.current = cancelPlanJob(id).catch(() => undefined);
    localStorage.removeItem(key);
  }, [key]);

  const submit = useCallback(
    (scenario: ScenarioJson, timeLimitSeconds: number, edits: readonly string[]) => {
      const mine = ++ticket.current;
      stopRunning();
      keep(undefined);
      setError(undefined);
      setGone(undefined);
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
          if (mine !== ticket.current) {
            void cancelPlanJob(submitted.id).catch(() => undefined);
            return;
          }
          keep({ id: submitted.id, scenario, edits });
          await follow(mine, submitted, scenario, edits);
        } catch (failure) {
          if (mine !== ticket.current) return;
          running.current = undefined;
          keep(undefined);
          setError(failure instanceof ApiCallError ? failure : new ApiCallError((failure as Error).message));
        }
      })();
    },
    [stopRunning, keep, follow],
  );

  // A job left running by a page since reloaded: followed again, or reported gone.
  useEffect(() => {
    if (!reattached) return;
    const mine = ++ticket.current;
    void (async () => {
      try {
        const job = await fetchPlanJob(reattached.id);
        if (mine !== ticket.current) return;
        await follow(mine, job, reattached.scenario, reattached.edits);
      } catch (failure) {
        if (mine !== ticket.current) return;
        running.current = undefined;
        keep(undefined);
        if (failure instanceof ApiCallError && failure.status === 404) setGone(reattached);
        else
          setError(failure instanceof ApiCallError ? failure : new ApiCallError((failure as Error).message));
      }
    })();
  }, [reattached, follow, keep]);

  const cancel = useCallback(() => {
    const id = running.current;
    if (!id) return;
    const mine = ++ticket.current;
    running.current = undefined;
    keep(undefined);
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
  }, [keep]);

  useEffect(() => () => stopRunning(), [stopRunning]);

  return { current, answered, error, submit, cancel, reattached, gone };
}
