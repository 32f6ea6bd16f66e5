import { randomUUID } from 'node:crypto';
import {
  type PlanJob,
  type PlanJobResult,
  type PlanJobState,
  planJobDefaultTimeLimitSeconds,
  planJobMaxTimeLimitSeconds,
  scenarioLimits,
} from '@lockstep/contract';
import { SequencingInputError, type SequencingScenario, validateScenario } from '@lockstep/core';
import { InputError } from '../input-error.ts';
import type { PlanSolveProgress } from './plan-operations.ts';
import { solveScenarioInWorker } from './solve-in-worker.ts';

/** A solve refused because the queue is full: the caller should try again once jobs have finished. */
export class PlanQueueFullError extends Error {
  override name = 'PlanQueueFullError';
}

/** Limits of a `PlanJobs` queue. */
export interface PlanJobsOptions {
  /** Most jobs waiting to run (the running one not counted); default 8. */
  readonly queueLimit?: number;
  /** Finished jobs kept for `get` and `list`, newest kept; default 50. */
  readonly keepFinished?: number;
}

interface JobRecord {
  readonly id: string;
  readonly title: string;
  readonly scenario: SequencingScenario;
  readonly timeLimitSeconds: number;
  readonly submittedAt: Date;
  readonly controller: AbortController;
  state: PlanJobState;
  stage: PlanJob['stage'];
  solves: number;
  startedAt?: Date;
  finishedAt?: Date;
  result?: PlanJobResult;
  error?: string;
  /** Settles when the job has finished running (running jobs only). */
  done?: Promise<void>;
}

/** The field path in a job request of a scenario problem (`scenario.measures[3].durationDays`). */
function scenarioField(path: string): string {
  return path === '(root)' || path === '' ? 'scenario' : `scenario.${path}`;
}

/**
 * Checks a scenario as submitted, held to `scenarioLimits`; every problem is an `InputError` naming
 * `scenario.<path>`.
 */
export function checkSubmittedScenario(value: unknown): SequencingScenario {
  try {
    return validateScenario(value, scenarioLimits);
  } catch (error) {
    if (error instanceof SequencingInputError) {
      const field = scenarioField(error.path);
      throw new InputError(`${field}: ${error.problem}`, field);
    }
    throw error;
  }
}

/**
 * Sequencing solves run in the background, one at a time: `submit` checks the scenario at once and queues
 * it; the caller polls `get` for progress and the answer, and may `cancel`. Every job has a time limit
 * (default 30 s, at most 300 s) covering the whole answer, conflict diagnosis included. The whole answer is
 * computed in a worker thread (`solveScenarioInWorker`), so the process stays responsive while a job solves.
 * `close()` cancels everything.
 */
export class PlanJobs {
  readonly queueLimit: number;
  private readonly keepFinished: number;
  private readonly jobs = new Map<string, JobRecord>();
  private readonly queue: JobRecord[] = [];
  private running: JobRecord | undefined;
  private closed = false;

  constructor(options: PlanJobsOptions = {}) {
    this.queueLimit = options.queueLimit ?? 8;
    this.keepFinished = options.keepFinished ?? 50;
  }

  /**
   * Checks `scenarioJson` and queues its solve; returns the job at once. Throws an `InputError` naming the
   * field for a bad scenario or time limit, and a `PlanQueueFullError` when the queue is full.
   */
  submit(scenarioJson: unknown, timeLimitSeconds?: number): PlanJob {
    if (this.closed)
      throw new PlanQueueFullError('the workbench is shutting down; no new solves are accepted');
    const limit = timeLimitSeconds ?? planJobDefaultTimeLimitSeconds;
    if (!Number.isFinite(limit) || limit <= 0 || limit > planJobMaxTimeLimitSeconds) {
      throw new InputError(
        `timeLimitSeconds: expected a number of seconds above 0 and at most ${planJobMaxTimeLimitSeconds}, got ${timeLimitSeconds}`,
        'timeLimitSeconds',
      );
    }
    const scenario = checkSubmittedScenario(scenarioJson);
    if (this.running !== undefined && this.queue.length >= this.queueLimit) {
      throw new PlanQueueFullError(
        `${this.queue.length} solves are already waiting (the most the queue holds is ${this.queueLimit}); try again when one has finished, or cancel one`,
      );
    }
    const job: JobRecord = {
      id: randomUUID(),
      title: scenario.title,
      scenario,
      timeLimitSeconds: limit,
      submittedAt: new Date(),
      controller: new AbortController(),
      state: 'queued',
      stage: 'queued',
      solves: 0,
    };
    this.jobs.set(job.id, job);
    this.queue.push(job);
    this.pump();
    return this.view(job);
  }

  /** The job with this id, or `undefined` if there is none (never was, or finished long ago). */
  get(id: string): PlanJob | undefined {
    const job = this.jobs.get(id);
    return job && this.view(job);
  }

  /** The running job, the queued ones in order, then the finished ones newest first; results left out. */
  list(): PlanJob[] {
    const finished = [...this.jobs.values()].filter((j) => j.finishedAt !== undefined).reverse();
    return [...(this.running ? [this.running] : []), ...this.queue, ...finished].map((job) => {
      const { result: _result, ...rest } = this.view(job);
      return rest;
    });
  }

  /**
   * Cancels a job: a queued one leaves the queue, a running one is stopped (its solver worker terminated) and
   * this resolves once it has. A finished job is returned as it is. `undefined` for an unknown id.
   */
  async cancel(id: string): Promise<PlanJob | undefined> {
    const job = this.jobs.get(id);
    if (!job) return undefined;
    if (job.state === 'queued') {
      this.queue.splice(this.queue.indexOf(job), 1);
      this.finish(job, 'cancelled');
    } else if (job.state === 'running') {
      job.controller.abort();
      await job.done;
    }
    return this.view(job);
  }

  /** Cancels every queued and running job and refuses new ones; resolves once the running job has stopped. */
  async close(): Promise<void> {
    this.closed = true;
    for (const job of this.queue.splice(0)) this.finish(job, 'cancelled');
    const running = this.running;
    if (running) {
      running.controller.abort();
      await running.done;
    }
  }

  private finish(job: JobRecord, state: PlanJobState): void {
    job.state = state;
    job.stage = 'finished';
    job.finishedAt = new Date();
    const finished = [...this.jobs.values()].filter((j) => j.finishedAt !== undefined);
    for (const old of finished.slice(0, Math.max(0, finished.length - this.keepFinished))) {
      this.jobs.delete(old.id);
    }
  }

  private pump(): void {
    if (this.running || this.closed) return;
    const job = this.queue.shift();
    if (!job) return;
    this.running = job;
    job.state = 'running';
    job.stage = 'solving';
    job.startedAt = new Date();
    job.done = this.run(job).finally(() => {
      this.running = undefined;
      this.pump();
    });
  }

  /** Runs a job; its time limit bounds the whole answer, wall clock (`solveScenarioInWorker`). */
  private async run(job: JobRecord): Promise<void> {
    try {
      const result = await solveScenarioInWorker(job.scenario, {
        timeLimitSeconds: job.timeLimitSeconds,
        signal: job.controller.signal,
        onProgress: (progress: PlanSolveProgress) => {
          job.stage = progress.stage;
          job.solves = progress.solves;
        },
      });
      job.result = result;
      this.finish(job, result.status === 'cancelled' ? 'cancelled' : 'done');
    } catch (error) {
      job.error = error instanceof Error ? error.message : String(error);
      this.finish(job, 'failed');
    }
  }

  private view(job: JobRecord): PlanJob {
    const end = job.finishedAt ?? new Date();
    const elapsedSeconds = job.startedAt ? Math.max(0, (end.getTime() - job.startedAt.getTime()) / 1000) : 0;
    const finished = job.finishedAt !== undefined;
    const queuePosition = job.state === 'queued' ? this.queue.indexOf(job) : -1;
    return {
      id: job.id,
      title: job.title,
      state: job.state,
      stage: job.stage,
      solves: job.solves,
      ...(queuePosition >= 0 && { queuePosition }),
      elapsedSeconds,
      timeLimitSeconds: job.timeLimitSeconds,
      progress: finished ? 1 : Math.min(0.99, elapsedSeconds / job.timeLimitSeconds),
      submittedAt: job.submittedAt.toISOString(),
      ...(job.startedAt && { startedAt: job.startedAt.toISOString() }),
      ...(job.finishedAt && { finishedAt: job.finishedAt.toISOString() }),
      ...(job.result && { result: job.result }),
      ...(job.error !== undefined && { error: job.error }),
    };
  }
}
