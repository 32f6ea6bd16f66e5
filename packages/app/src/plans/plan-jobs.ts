import { randomUUID } from 'node:crypto';
import {
  type PlanJob,
  type PlanJobResult,
  planJobDefaultTimeLimitSeconds,
  planJobMaxTimeLimitSeconds,
  planJobsPerAddress,
  planJobsPerOwner,
  scenarioLimits,
  type WhatIf,
  type WhatIfChange,
} from '@lockstep/contract';
import { SequencingInputError, type SequencingScenario, validateScenario } from '@lockstep/core';
import { type ActivePlanJob, type Database, type PlanJobRow, PlanJobsRepository } from '@lockstep/store';
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

/** Limits of a `PlanJobs` queue, and how this process takes part in solving. */
export interface PlanJobsOptions {
  /** Most jobs waiting to run (those a worker has taken not counted); default 8. */
  readonly queueLimit?: number;
  /** Finished jobs kept for `get` and `list`, newest kept; default 50. */
  readonly keepFinished?: number;
  /** Most jobs one owner may have waiting or running; default `planJobsPerOwner` (2). */
  readonly perOwnerLimit?: number;
  /** Most jobs one client address may have waiting or running; default `planJobsPerAddress` (4). */
  readonly perAddressLimit?: number;
  /** Solving loops in this process, each running one job at a time; default 1; 0 takes no job (API only). */
  readonly workers?: number;
  /**
   * Seconds a worker's claim on a job lasts unless renewed (it renews it every `heartbeatMs` while it
   * solves); a job whose lease ran out is taken over by another worker. Default 30.
   */
  readonly leaseSeconds?: number;
  /** How often a running job's progress is written, its lease renewed and its cancel looked for; default 500 ms. */
  readonly heartbeatMs?: number;
  /** How often an idle worker looks for a queued job and for leases that ran out; default 1,000 ms. */
  readonly pollMs?: number;
  /** This process's name on the jobs it submits and runs; default a random UUID. */
  readonly serverId?: string;
}

/** A job this process is running. */
interface RunningJob {
  readonly controller: AbortController;
  /** The owner asked for the cancel (not this process's shutdown). */
  cancelled: boolean;
  /** Settles when the job has finished running here. */
  done?: Promise<void>;
}

/** Times a job is started before a server dying under it makes it fail rather than run again. */
const maxAttempts = 2;

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

/** The `NOTIFY` channel on which a server says that a plan job is queued. */
export const planJobsChannel = 'lockstep_plan_jobs';

/**
 * Sequencing solves run in the background, as rows of the store (`plan_jobs`) that every server on the
 * database shares: `submit` checks the scenario at once and inserts it, queued; a worker (one of the
 * `workers` solving loops of this process, or of any other process on the database) claims the oldest
 * queued job (`FOR UPDATE SKIP LOCKED`) under a lease it renews while it solves, writes its progress back
 * every `heartbeatMs` and its answer at the end. The caller polls `get` (through any server) for progress
 * and the answer, and may `cancel`: a flag the server running the job reads as it renews the lease. A job
 * whose lease ran out (its server died) is queued again and run from the start, once; then it fails.
 *
 * Every job has a time limit (default 30 s, at most 300 s) covering the whole answer, conflict diagnosis
 * included, computed in a worker thread (`solveScenarioInWorker`), so the process stays responsive.
 * `close()` cancels the jobs this process runs and those submitted through it; `close({ release: true })`
 * (a worker-only process) hands its running jobs back to the queue instead.
 *
 * Jobs belong to their owner: `get`, `list` and `cancel` see only the owner's jobs, and another's job is
 * answered exactly as an unknown id. Ids are random UUIDs (122 random bits). An owner, and a client
 * address, may each have only a few jobs waiting or running.
 */
export class PlanJobs {
  readonly queueLimit: number;
  readonly perOwnerLimit: number;
  readonly perAddressLimit: number;
  readonly workers: number;
  readonly serverId: string;
  private readonly keepFinished: number;
  private readonly leaseSeconds: number;
  private readonly heartbeatMs: number;
  private readonly pollMs: number;
  private readonly rows: PlanJobsRepository;
  private readonly db: Database;
  /** On PostgreSQL, the listener that wakes an idle loop when another server queues a job (stopped by close). */
  private listening: Promise<(() => Promise<void>) | undefined> | undefined;
  private readonly running = new Map<string, RunningJob>();
  /**
   * Idle solving loops: waking one makes it look for a job at once, and call `claimed` once it has (whether
   * it found one or not). Waking a loop twice is harmless.
   */
  private readonly idle: ((claimed?: () => void) => void)[] = [];
  private readonly loops: Promise<void>[] = [];
  private closed = false;
  private releaseOnClose = false;
  /** Jobs this process put back in the queue as it closed. */
  private released = 0;

  constructor(db: Database, options: PlanJobsOptions = {}) {
    this.rows = new PlanJobsRepository(db);
    this.db = db;
    this.queueLimit = options.queueLimit ?? 8;
    this.keepFinished = options.keepFinished ?? 50;
    this.perOwnerLimit = options.perOwnerLimit ?? planJobsPerOwner;
    this.perAddressLimit = options.perAddressLimit ?? planJobsPerAddress;
    this.workers = options.workers ?? 1;
    this.leaseSeconds = options.leaseSeconds ?? 30;
    this.heartbeatMs = options.heartbeatMs ?? 500;
    this.pollMs = options.pollMs ?? 1000;
    this.serverId = options.serverId ?? randomUUID();
    for (let i = 0; i < this.workers; i++) this.loops.push(this.loop());
    // A job queued through another server (or put back by one stopping) wakes an idle loop here at once,
    // rather than at its next look. If the listening connection cannot be made, the loops still look every
    // `pollMs`.
    if (this.workers > 0 && db.listen) {
      this.listening = db.listen(planJobsChannel, () => this.idle[0]?.()).catch(() => undefined);
    }
  }

  /** Tells the loops of every server on the database that a job is queued (PostgreSQL only; best effort). */
  private async announce(): Promise<void> {
    if (this.db.kind !== 'postgres') return;
    try {
      await this.db.query('SELECT pg_notify($1, $2)', [planJobsChannel, '']);
    } catch {
      // The loops look every `pollMs` anyway.
    }
  }

  /**
   * Checks `scenarioJson`, applies `whatIf` and queues its solve for `requester`; returns the job (running
   * already when a worker of this process was idle). Rejects with an `InputError` naming the field for a bad
   * scenario, what-if or time limit, a `PlanQueueFullError` when the queue is full, and a
   * `PlanJobLimitError` when the requester's address or owner has as many jobs as it may.
   */
  async submit(
    scenarioJson: unknown,
    timeLimitSeconds: number | undefined,
    requester: PlanJobRequester,
    whatIf?: WhatIf,
  ): Promise<PlanJob> {
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
    const id = randomUUID();
    await this.rows.insertWithinLimits(
      {
        id,
        owner: requester.owner,
        address: requester.address,
        title: scenario.title,
        scenario,
        whatIf: changes,
        timeLimitSeconds: limit,
        submittedAt: new Date(),
        submittedBy: this.serverId,
      },
      (active) => this.checkLimits(active, requester),
    );
    // An idle worker of this process takes the oldest queued job now rather than at its next look.
    const worker = this.idle[0];
    if (worker) await new Promise<void>((claimed) => worker(claimed));
    const job = await this.rows.get(id);
    if (!job) throw new Error(`solve job ${id} vanished as it was submitted`);
    if (job.state === 'queued') await this.announce();
    return this.view(job);
  }

  /**
   * `owner`'s job with this id, or `undefined` if there is none (never was, finished long ago, or is
   * another's: the answer is the same, so an id cannot be probed).
   */
  async get(id: string, owner: PlanJobOwner | undefined): Promise<PlanJob | undefined> {
    const job = await this.owned(id, owner);
    return job && this.view(job);
  }

  /**
   * `owner`'s jobs: the running ones, the queued ones in order, then the finished ones newest first; results
   * left out. No owner, no jobs.
   */
  async list(owner: PlanJobOwner | undefined): Promise<PlanJob[]> {
    if (owner === undefined) return [];
    return (await this.rows.listByOwner(owner)).map((job) => this.view(job));
  }

  /**
   * Cancels `owner`'s job: a queued one leaves the queue, a running one is stopped (its solver worker
   * terminated, by whichever server runs it) and this resolves once it has. A finished job is returned as it
   * is. `undefined` for an id that is not the owner's job, exactly as for an unknown one.
   */
  async cancel(id: string, owner: PlanJobOwner | undefined): Promise<PlanJob | undefined> {
    let job = await this.owned(id, owner);
    if (!job || owner === undefined) return undefined;
    if (job.state === 'queued' && (await this.rows.cancelQueued(id, owner, new Date()))) {
      await this.rows.prune(this.keepFinished);
    } else if (await this.rows.requestCancel(id, owner)) {
      const here = this.running.get(id);
      if (here) {
        here.cancelled = true;
        here.controller.abort();
        await here.done;
      } else {
        await this.untilFinished(id);
      }
    }
    job = await this.rows.get(id);
    return job && this.view(job);
  }

  /**
   * Stops this process's part: refuses new jobs, stops its solving loops and resolves once its running
   * jobs have stopped. By default the jobs it runs and the unfinished jobs submitted through it are
   * cancelled (a server stopped on purpose takes its solves with it); with `release`, the jobs it runs go
   * back to the queue, keeping their place, for another worker to run from the start (a release does not
   * count as one of the job's attempts). Resolves with the number of jobs so put back.
   */
  async close(options: { readonly release?: boolean } = {}): Promise<{ readonly released: number }> {
    if (this.closed) {
      await Promise.all(this.loops);
      return { released: this.released };
    }
    this.closed = true;
    this.releaseOnClose = options.release === true;
    for (const worker of [...this.idle]) worker();
    for (const job of this.running.values()) job.controller.abort();
    const elsewhere = this.releaseOnClose ? [] : await this.rows.cancelSubmittedBy(this.serverId, new Date());
    await Promise.all(this.loops);
    await Promise.all(elsewhere.map((id) => this.untilFinished(id)));
    await this.rows.prune(this.keepFinished);
    const stopListening = await this.listening;
    await stopListening?.();
    return { released: this.released };
  }

  private async owned(id: string, owner: PlanJobOwner | undefined): Promise<PlanJobRow | undefined> {
    if (owner === undefined) return undefined;
    const job = await this.rows.get(id);
    return job && job.owner === owner ? job : undefined;
  }

  /**
   * Waits until another server has ended a job whose cancel was asked for; if that server died, the job is
   * ended when its lease runs out. Gives up (the job still running) after the lease and a few seconds more.
   */
  private async untilFinished(id: string): Promise<void> {
    const giveUp = Date.now() + (this.leaseSeconds + 5) * 1000;
    while (Date.now() < giveUp) {
      await this.rows.takeOverExpired(maxAttempts, new Date(), serverDied);
      const job = await this.rows.get(id);
      if (!job || job.finishedAt !== undefined) return;
      await sleep(Math.min(100, this.heartbeatMs));
    }
  }

  /** The refusals of a submit, given every queued and running job; throws the first that applies. */
  private checkLimits(active: readonly ActivePlanJob[], requester: PlanJobRequester): void {
    const running = active.filter((j) => j.state === 'running');
    const waiting = active.length - running.length;
    // A worker of this process idle takes the job at once: it would not wait.
    if (waiting + 1 > this.queueLimit + (waiting === 0 ? this.idle.length : 0)) {
      const retry = retryAfter(active, running);
      throw new PlanQueueFullError(
        `the server is busy: ${waiting} solves are already waiting (the most the queue holds is ${this.queueLimit}); try again in about ${retry} s`,
        retry,
      );
    }
    for (const [mine, limit, whose] of [
      [active.filter((j) => j.address === requester.address), this.perAddressLimit, 'your address has'],
      [active.filter((j) => j.owner === requester.owner), this.perOwnerLimit, 'you have'],
    ] as const) {
      if (mine.length < limit) continue;
      const retry = retryAfter(active, mine);
      throw new PlanJobLimitError(
        `${whose} ${mine.length} solves waiting or running, the most allowed (${limit}); cancel one, or try again in about ${retry} s when one has finished`,
        retry,
      );
    }
  }

  /** Ends jobs whose lease ran out, then claims the oldest queued job for this process. */
  private async claim(): Promise<PlanJobRow | undefined> {
    await this.rows.takeOverExpired(maxAttempts, new Date(), serverDied);
    return this.rows.claim(this.serverId, this.leaseSeconds, new Date());
  }

  /** One solving loop: claims a job, runs it, and looks again; idle, it looks every `pollMs` or when woken. */
  private async loop(): Promise<void> {
    let claimed: (() => void) | undefined;
    while (!this.closed) {
      let job: PlanJobRow | undefined;
      try {
        job = await this.claim();
      } catch {
        // The store is unreachable for the moment: look again later.
      }
      claimed?.();
      claimed = undefined;
      if (job) {
        await this.runHere(job);
        continue;
      }
      if (this.closed) break;
      claimed = await new Promise<(() => void) | undefined>((resolve) => {
        let woken = false;
        const worker = (onClaimed?: () => void) => {
          if (woken) {
            onClaimed?.(); // it has looked already, or is looking: nothing to wait for
            return;
          }
          woken = true;
          clearTimeout(timer);
          const at = this.idle.indexOf(worker);
          if (at >= 0) this.idle.splice(at, 1);
          resolve(onClaimed);
        };
        const timer = setTimeout(() => worker(), this.pollMs);
        this.idle.push(worker);
      });
    }
    claimed?.();
  }

  /** Runs a claimed job here; it stays in `running` until its end is written. */
  private async runHere(job: PlanJobRow): Promise<void> {
    const here: RunningJob = { controller: new AbortController(), cancelled: job.cancelRequested };
    here.done = this.run(job, here).finally(() => this.running.delete(job.id));
    this.running.set(job.id, here);
    await here.done;
  }

  /**
   * Runs a job; its time limit bounds the whole answer, wall clock (`solveScenarioInWorker`). Every
   * `heartbeatMs` the progress since the last write is written and the lease renewed; a cancel asked for
   * (through any server) aborts the solve, and a lost lease (the job taken over) stops it without a word.
   */
  private async run(job: PlanJobRow, here: RunningJob): Promise<void> {
    if (this.closed || here.cancelled) here.controller.abort();
    let lost = false;
    let progress: PlanSolveProgress | undefined;
    let beating: Promise<void> = Promise.resolve();
    const beat = async () => {
      const written = progress;
      progress = undefined;
      try {
        const answer = await this.rows.renew(job.id, this.serverId, this.leaseSeconds, written);
        if (!answer) {
          lost = true;
          here.controller.abort();
        } else if (answer.cancelRequested) {
          here.cancelled = true;
          here.controller.abort();
        }
      } catch {
        progress ??= written; // the store is unreachable for the moment: written at the next beat
      }
    };
    const timer = setInterval(() => {
      beating = beating.then(beat);
    }, this.heartbeatMs);
    let outcome: { state: 'done' | 'cancelled' | 'failed'; result?: PlanJobResult; error?: string };
    try {
      const result = await solveScenarioInWorker(job.scenario as SequencingScenario, {
        timeLimitSeconds: job.timeLimitSeconds,
        signal: here.controller.signal,
        onProgress: (latest: PlanSolveProgress) => {
          progress =
            latest.deepening || !progress?.deepening ? latest : { ...latest, deepening: progress.deepening };
        },
      });
      outcome = {
        state: result.status === 'cancelled' ? 'cancelled' : 'done',
        result: withWhatIfChanges(result, job.whatIf as readonly WhatIfChange[]),
      };
    } catch (error) {
      outcome = { state: 'failed', error: error instanceof Error ? error.message : String(error) };
    }
    clearInterval(timer);
    await beating;
    if (lost) return; // another worker runs it again, or it was ended: nothing of this run is kept
    try {
      if (this.releaseOnClose && outcome.state === 'cancelled' && !here.cancelled) {
        if (await this.rows.release(job.id, this.serverId)) {
          this.released++;
          await this.announce();
        }
      } else {
        await this.rows.finish(job.id, this.serverId, { ...outcome, finishedAt: new Date() });
        await this.rows.prune(this.keepFinished);
      }
    } catch {
      // The store is unreachable: the lease runs out and another worker runs the job again.
    }
  }

  private view(job: PlanJobRow): PlanJob {
    const end = job.finishedAt ?? new Date();
    const elapsedSeconds = job.startedAt ? Math.max(0, (end.getTime() - job.startedAt.getTime()) / 1000) : 0;
    const finished = job.finishedAt !== undefined;
    return {
      id: job.id,
      title: job.title,
      state: job.state,
      stage: job.stage,
      solves: job.solves,
      ...(job.activity !== undefined && !finished && { activity: job.activity }),
      ...(job.deepening !== undefined && { deepening: job.deepening as PlanJob['deepening'] }),
      ...(job.queuePosition !== undefined && { queuePosition: job.queuePosition }),
      elapsedSeconds,
      timeLimitSeconds: job.timeLimitSeconds,
      progress: finished ? 1 : Math.min(0.99, elapsedSeconds / job.timeLimitSeconds),
      submittedAt: job.submittedAt.toISOString(),
      ...(job.startedAt && { startedAt: job.startedAt.toISOString() }),
      ...(job.finishedAt && { finishedAt: job.finishedAt.toISOString() }),
      ...(job.result !== undefined && { result: job.result as PlanJobResult }),
      ...(job.error !== undefined && { error: job.error }),
    };
  }
}

/** Why a job fails when the servers running it stopped renewing its lease every time. */
const serverDied = `the servers solving it stopped answering (their lease on it ran out) ${maxAttempts} times; it is not run again: submit it again, perhaps with a shorter time limit`;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Whole seconds until the first of `jobs` (running or queued) will have finished at the latest: each running
 * job runs to its time limit, and each queued one, in order, takes the first worker that frees up after it
 * (as many workers as jobs are running, at least one): when a place frees up, at worst.
 */
function retryAfter(active: readonly ActivePlanJob[], jobs: readonly ActivePlanJob[]): number {
  const now = Date.now();
  const finishes = new Map<string, number>();
  const lanes: number[] = [];
  for (const job of active) {
    if (job.state !== 'running') continue;
    const end = Math.max(0, (job.startedAt?.getTime() ?? now) + job.timeLimitSeconds * 1000 - now);
    lanes.push(end);
    finishes.set(job.id, end);
  }
  if (lanes.length === 0) lanes.push(0);
  for (const job of active) {
    if (job.state !== 'queued') continue;
    const lane = lanes.indexOf(Math.min(...lanes));
    lanes[lane]! += job.timeLimitSeconds * 1000;
    finishes.set(job.id, lanes[lane]!);
  }
  const considered = jobs.length > 0 ? jobs : active;
  if (considered.length === 0) return 1;
  const soonest = Math.min(...considered.map((job) => finishes.get(job.id) ?? 0));
  return Math.max(1, Math.ceil(soonest / 1000));
}
