import { randomUUID } from 'node:crypto';
import {
  type PlanJob,
  type PlanJobResult,
  type PlanJobState,
  planJobDefaultTimeLimitSeconds,
  planJobMaxTimeLimitSeconds,
  planJobsPerAddress,
  planJobsPerOwner,
  scenarioLimits,
  type WhatIf,
  type WhatIfChange,
} from '@lockstep/contract';
import { SequencingInputError, type SequencingScenario, validateScenario } from '@lockstep/core';
import { InputError } from '../input-error.ts';
import type { PlanJobOwner, PlanJobRequester } from './plan-job-owner.ts';
import { scenarioUnderWhatIf, whatIfBodyFields, withWhatIfChanges } from './scenario-what-if.ts';
import { solveScenarioInWorker } from './solve-in-worker.ts';
import type { PlanSolveProgress } from './solve-options.ts';

/**
 * A solve refused because the queue is full (or the jobs are shutting down): the server is busy for
 * everyone; the caller should try again after `retryAfterSeconds`.
 */
export class PlanQueueFullError extends Error {
  override name = 'PlanQueueFullError';
  constructor(
    message: string,
    /** When a place may be free: when the running job's time limit ends, at the latest. */
    readonly retryAfterSeconds: number,
  ) {
    super(message);
  }
}

/**
 * A solve refused because its owner, or its client address, already has as many jobs waiting or running as
 * it may; the caller should try again after `retryAfterSeconds`, or cancel one.
 */
export class PlanJobLimitError extends Error {
  override name = 'PlanJobLimitError';
  constructor(
    message: string,
    /** When one of those jobs will have finished, at the latest. */
    readonly retryAfterSeconds: number,
  ) {
    super(message);
  }
}

/** Limits of a `PlanJobs` queue. */
export interface PlanJobsOptions {
  /** Most jobs waiting to run (the running one not counted); default 8. */
  readonly queueLimit?: number;
  /** Finished jobs kept for `get` and `list`, newest kept; default 50. */
  readonly keepFinished?: number;
  /** Most jobs one owner may have waiting or running; default `planJobsPerOwner` (2). */
  readonly perOwnerLimit?: number;
  /** Most jobs one client address may have waiting or running; default `planJobsPerAddress` (4). */
  readonly perAddressLimit?: number;
}

interface JobRecord {
  readonly id: string;
  readonly owner: PlanJobOwner;
  readonly address: string;
  readonly title: string;
  readonly scenario: SequencingScenario;
  /** What the submitted what-if changed, named in the result. */
  readonly whatIf: readonly WhatIfChange[];
  readonly timeLimitSeconds: number;
  readonly submittedAt: Date;
  readonly controller: AbortController;
  state: PlanJobState;
  stage: PlanJob['stage'];
  solves: number;
  activity?: string;
  deepening?: PlanJob['deepening'];
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
 *
 * Jobs belong to their owner: `get`, `list` and `cancel` see only the owner's jobs, and another's job is
 * answered exactly as an unknown id. Ids are random UUIDs (122 random bits). An owner, and a client
 * address, may each have only a few jobs waiting or running.
 */
export class PlanJobs {
  readonly queueLimit: number;
  readonly perOwnerLimit: number;
  readonly perAddressLimit: number;
  private readonly keepFinished: number;
  private readonly jobs = new Map<string, JobRecord>();
  private readonly queue: JobRecord[] = [];
  private running: JobRecord | undefined;
  private closed = false;

  constructor(options: PlanJobsOptions = {}) {
    this.queueLimit = options.queueLimit ?? 8;
    this.keepFinished = options.keepFinished ?? 50;
    this.perOwnerLimit = options.perOwnerLimit ?? planJobsPerOwner;
    this.perAddressLimit = options.perAddressLimit ?? planJobsPerAddress;
  }

  /**
   * Checks `scenarioJson`, applies `whatIf` and queues its solve for `requester`; returns the job at once.
   * Throws an `InputError` naming the field for a bad scenario, what-if or time limit, a
   * `PlanQueueFullError` when the queue is full, and a `PlanJobLimitError` when the requester's address or
   * owner has as many jobs as it may.
   */
  submit(
    scenarioJson: unknown,
    timeLimitSeconds: number | undefined,
    requester: PlanJobRequester,
    whatIf?: WhatIf,
  ): PlanJob {
    if (this.closed)
      throw new PlanQueueFullError('the workbench is shutting down; no new solves are accepted', 60);
    const limit = timeLimitSeconds ?? planJobDefaultTimeLimitSeconds;
    if (!Number.isFinite(limit) || limit <= 0 || limit > planJobMaxTimeLimitSeconds) {
      throw new InputError(
        `timeLimitSeconds: expected a number of seconds above 0 and at most ${planJobMaxTimeLimitSeconds}, got ${timeLimitSeconds}`,
        'timeLimitSeconds',
      );
    }
    const { scenario, changes } = scenarioUnderWhatIf(
      checkSubmittedScenario(scenarioJson),
      whatIf,
      whatIfBodyFields,
    );
    if (this.running !== undefined && this.queue.length >= this.queueLimit) {
      const retry = this.retryAfter([this.running]);
      throw new PlanQueueFullError(
        `the server is busy: ${this.queue.length} solves are already waiting (the most the queue holds is ${this.queueLimit}); try again in about ${retry} s`,
        retry,
      );
    }
    const active = [...(this.running ? [this.running] : []), ...this.queue];
    for (const [mine, limit, whose] of [
      [active.filter((j) => j.address === requester.address), this.perAddressLimit, 'your address has'],
      [active.filter((j) => j.owner === requester.owner), this.perOwnerLimit, 'you have'],
    ] as const) {
      if (mine.length < limit) continue;
      const retry = this.retryAfter(mine);
      throw new PlanJobLimitError(
        `${whose} ${mine.length} solves waiting or running, the most allowed (${limit}); cancel one, or try again in about ${retry} s when one has finished`,
        retry,
      );
    }
    const job: JobRecord = {
      id: randomUUID(),
      owner: requester.owner,
      address: requester.address,
      title: scenario.title,
      scenario,
      whatIf: changes,
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

  /**
   * `owner`'s job with this id, or `undefined` if there is none (never was, finished long ago, or is
   * another's: the answer is the same, so an id cannot be probed).
   */
  get(id: string, owner: PlanJobOwner | undefined): PlanJob | undefined {
    const job = this.owned(id, owner);
    return job && this.view(job);
  }

  /**
   * `owner`'s jobs: the running one, the queued ones in order, then the finished ones newest first; results
   * left out. No owner, no jobs.
   */
  list(owner: PlanJobOwner | undefined): PlanJob[] {
    const finished = [...this.jobs.values()].filter((j) => j.finishedAt !== undefined).reverse();
    return [...(this.running ? [this.running] : []), ...this.queue, ...finished]
      .filter((job) => owner !== undefined && job.owner === owner)
      .map((job) => {
        const { result: _result, ...rest } = this.view(job);
        return rest;
      });
  }

  /**
   * Cancels `owner`'s job: a queued one leaves the queue, a running one is stopped (its solver worker
   * terminated) and this resolves once it has. A finished job is returned as it is. `undefined` for an id
   * that is not the owner's job, exactly as for an unknown one.
   */
  async cancel(id: string, owner: PlanJobOwner | undefined): Promise<PlanJob | undefined> {
    const job = this.owned(id, owner);
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

  private owned(id: string, owner: PlanJobOwner | undefined): JobRecord | undefined {
    const job = this.jobs.get(id);
    return job && owner !== undefined && job.owner === owner ? job : undefined;
  }

  /**
   * Whole seconds until the first of `jobs` (running or queued) will have finished at the latest, each
   * running to its time limit after those ahead of it: when a place frees up, at worst.
   */
  private retryAfter(jobs: readonly JobRecord[]): number {
    const now = Date.now();
    let ahead = this.running
      ? Math.max(0, this.running.startedAt!.getTime() + this.running.timeLimitSeconds * 1000 - now)
      : 0;
    const finishes = new Map<JobRecord, number>(this.running ? [[this.running, ahead]] : []);
    for (const queued of this.queue) {
      ahead += queued.timeLimitSeconds * 1000;
      finishes.set(queued, ahead);
    }
    const soonest = Math.min(...jobs.map((job) => finishes.get(job) ?? 0));
    return Math.max(1, Math.ceil(soonest / 1000));
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
          job.activity = progress.activity;
          if (progress.deepening) job.deepening = progress.deepening;
        },
      });
      job.result = withWhatIfChanges(result, job.whatIf);
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
      ...(job.activity !== undefined && !finished && { activity: job.activity }),
      ...(job.deepening && { deepening: job.deepening }),
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
