import { availableParallelism } from 'node:os';
import type { Worker } from 'node:worker_threads';
import {
  type LinearModel,
  lpText,
  type SequencingSolver,
  type SolveOptions,
  type SolveResult,
  type SolveStatus,
} from '@lockstep/core';
import { highsModule } from './highs-module.ts';
import type { HighsRequest, HighsResponse } from './highs-protocol.ts';
import { startTypeScriptWorker } from './typescript-worker.ts';

/**
 * Options of one HiGHS solve: the time limit, and a signal to cancel it (aborting terminates the worker and
 * the result is `cancelled`).
 */
export type HighsSolveOptions = SolveOptions;

/** Settings of a `HighsSolver`. */
export interface HighsSolverOptions {
  /** HiGHS's relative MIP gap tolerance (default 1e-6): an `optimal` plan is within it of the best bound. */
  readonly mipRelativeGap?: number;
  /**
   * Seconds past the time limit after which the worker is terminated if HiGHS has not returned (default 5):
   * HiGHS checks its time limit between steps, and a long step must not hold the caller.
   */
  readonly graceSeconds?: number;
  /** Most worker threads, each solving one model at a time (default `os.availableParallelism()`). */
  readonly workers?: number;
  /**
   * Start every worker at the first solve (default true), so that solves asked for at once later (a conflict
   * diagnosis) find them loaded; `false` starts one only when a solve finds every started worker busy.
   */
  readonly prestart?: boolean;
}

/** A solve asked for and not yet answered. */
interface Job {
  readonly ticket: number;
  readonly model: LinearModel;
  readonly options: HighsSolveOptions;
  /** `performance.now()` when it was asked for (a result's `seconds` count from here). */
  readonly asked: number;
  readonly resolve: (result: SolveResult) => void;
}

/** One HiGHS worker thread and the solve it is running, if any. */
interface Slot {
  worker: Worker | undefined;
  ready: Promise<Worker> | undefined;
  busy: boolean;
  /** The solve under way: its message id and how to answer it. */
  pending:
    | { readonly id: number; readonly started: number; readonly resolve: (result: SolveResult) => void }
    | undefined;
}

/**
 * The sequencing solver port on HiGHS (WASM) in worker threads, so the caller's thread never blocks. Up to
 * `workers` threads (default one per core) are started as solves are asked for at once, and reused; each
 * runs one solve at a time and further solves wait, first asked first served. Every caller gets the answer
 * to its own model, whichever worker ran it and whenever it finished. A solve past its time limit returns
 * the best plan HiGHS found (`time-limit`); `cancel()` terminates every worker, an aborted signal the one
 * running that solve (a new one starts for the next solve). Call `close()` when done.
 */
export class HighsSolver implements SequencingSolver {
  private readonly slots: Slot[] = [];
  private readonly waiting: Job[] = [];
  private nextId = 1;
  /** Solves are numbered as they are asked for; those numbered below `cancelledBelow` were cancelled. */
  private nextTicket = 0;
  private cancelledBelow = 0;
  private readonly mipRelativeGap: number;
  private readonly graceSeconds: number;
  private readonly workers: number;
  private prestart: boolean;

  /** How many solves run at once: one per worker. */
  get parallelism(): number {
    return this.workers;
  }

  constructor(options: HighsSolverOptions = {}) {
    this.mipRelativeGap = options.mipRelativeGap ?? 1e-6;
    this.graceSeconds = options.graceSeconds ?? 5;
    this.workers = Math.max(1, Math.floor(options.workers ?? availableParallelism()));
    this.prestart = options.prestart ?? true;
  }

  /**
   * Solves `model` (minimise) within `options.timeLimitSeconds`, counted from when a worker takes it (writing
   * and reading the LP text included; waiting for a free worker and a worker's one-time start excluded, so a
   * solve asked for beside others has the same time as one asked for alone); never rejects, errors are a
   * status.
   */
  solve(model: LinearModel, options: HighsSolveOptions): Promise<SolveResult> {
    return new Promise<SolveResult>((resolve) => {
      this.waiting.push({ ticket: this.nextTicket++, model, options, asked: performance.now(), resolve });
      this.dispatch();
      if (this.prestart) this.startAll();
    });
  }

  /**
   * Once, at the first solve: starts the workers that solve did not take, while it runs. A worker that fails
   * to start here is started again by the solve that needs it.
   */
  private startAll(): void {
    this.prestart = false;
    while (this.slots.length < this.workers) {
      const slot: Slot = { worker: undefined, ready: undefined, busy: false, pending: undefined };
      this.slots.push(slot);
      this.start(slot).catch(() => undefined);
    }
  }

  /** Cancels every solve under way or queued: they resolve as `cancelled`. */
  cancel(): void {
    this.cancelledBelow = this.nextTicket;
    for (const slot of this.slots) this.stop(slot, 'cancelled', 'cancelled by the caller');
    this.dispatch();
  }

  /** Terminates the workers; solves under way resolve as `cancelled`. */
  async close(): Promise<void> {
    this.cancel();
  }

  /** Hands waiting solves to free workers: an idle started one first, else a new one while under `workers`. */
  private dispatch(): void {
    while (this.waiting.length > 0) {
      const job = this.waiting[0]!;
      if (job.ticket < this.cancelledBelow) {
        this.waiting.shift();
        job.resolve(ended('cancelled', job.asked, 'cancelled before it started'));
        continue;
      }
      const slot = this.freeSlot();
      if (!slot) return;
      this.waiting.shift();
      slot.busy = true;
      void this.run(slot, job).then((result) => {
        slot.busy = false;
        job.resolve(result);
        this.dispatch();
      });
    }
  }

  private freeSlot(): Slot | undefined {
    const idle =
      this.slots.find((slot) => !slot.busy && slot.worker) ?? this.slots.find((slot) => !slot.busy);
    if (idle) return idle;
    if (this.slots.length >= this.workers) return undefined;
    const slot: Slot = { worker: undefined, ready: undefined, busy: false, pending: undefined };
    this.slots.push(slot);
    return slot;
  }

  private async run(slot: Slot, job: Job): Promise<SolveResult> {
    const { model, options, asked } = job;
    if (options.signal?.aborted) return ended('cancelled', asked, 'cancelled before it started');
    let worker: Worker;
    try {
      worker = await this.start(slot);
    } catch (error) {
      if (job.ticket < this.cancelledBelow) return ended('cancelled', asked, 'cancelled by the caller');
      return ended('error', asked, `the HiGHS worker did not start: ${messageOf(error)}`);
    }
    if (job.ticket < this.cancelledBelow) return ended('cancelled', asked, 'cancelled by the caller');
    // Aborted while the worker was starting: no listener was there to hear it.
    if (options.signal?.aborted) return ended('cancelled', asked, 'cancelled before it started');
    // The limit counts from here: writing the LP text and HiGHS reading it are inside it, the worker's
    // one-time start (loading HiGHS) and the wait for a free worker are not.
    const limitMs = options.timeLimitSeconds * 1000;
    const deadline = Date.now() + limitMs;
    const id = this.nextId++;
    let text: string;
    try {
      text = lpText(model);
    } catch (error) {
      return ended('error', asked, messageOf(error));
    }
    const request: HighsRequest = {
      id,
      lpText: text,
      deadline,
      options: {
        time_limit: options.timeLimitSeconds,
        mip_rel_gap: options.relativeGap ?? this.mipRelativeGap,
        output_flag: false,
        ...(options.smallCutPool && { mip_pool_soft_limit: smallCutPool }),
      },
      ...(options.start && { start: options.start }),
    };
    return new Promise<SolveResult>((resolve) => {
      const onAbort = () => this.stop(slot, 'cancelled', 'cancelled by the caller');
      const watchdog = setTimeout(
        () =>
          this.stop(slot, 'time-limit', 'HiGHS did not stop at the time limit; the worker was terminated'),
        limitMs + this.graceSeconds * 1000,
      );
      options.signal?.addEventListener('abort', onAbort, { once: true });
      slot.pending = {
        id,
        started: asked,
        resolve: (result) => {
          clearTimeout(watchdog);
          options.signal?.removeEventListener('abort', onAbort);
          resolve(result);
        },
      };
      worker.postMessage(request);
    });
  }

  private start(slot: Slot): Promise<Worker> {
    if (slot.ready) return slot.ready;
    const ready: Promise<Worker> = highsModule().then(
      (module) =>
        new Promise<Worker>((resolve, reject) => {
          // Stopped (cancelled, closed) while HiGHS was being compiled: no worker is wanted any more.
          if (slot.ready !== ready) {
            reject(new Error('the HiGHS worker was stopped before it started'));
            return;
          }
          const worker = startTypeScriptWorker(new URL('./highs-worker.ts', import.meta.url), {
            highsModule: module,
          });
          slot.worker = worker;
          worker.unref();
          worker.on('message', (message: HighsResponse | 'ready') => {
            if (message === 'ready') resolve(worker);
            else this.answer(slot, message);
          });
          worker.on('error', (error) => {
            reject(error);
            if (slot.worker === worker)
              this.stop(slot, 'error', `the HiGHS worker failed: ${messageOf(error)}`);
          });
          worker.on('exit', () => {
            // Terminated while starting (a cancel), a solve waiting for it must not wait forever.
            reject(new Error('the HiGHS worker exited'));
            if (slot.worker === worker) this.stop(slot, 'error', 'the HiGHS worker exited');
          });
        }),
    );
    slot.ready = ready;
    return ready;
  }

  private answer(slot: Slot, response: HighsResponse): void {
    const pending = slot.pending;
    if (!pending || pending.id !== response.id) return;
    slot.pending = undefined;
    if (!response.ok) {
      pending.resolve(ended('error', pending.started, response.message));
      return;
    }
    const status = statusOf(response.status);
    const hasSolution = (status === 'optimal' || status === 'time-limit') && response.feasible;
    pending.resolve({
      status,
      gap: status === 'optimal' ? 0 : hasSolution ? response.gap : null,
      seconds: (performance.now() - pending.started) / 1000,
      ...(hasSolution ? { values: response.primal, objectiveValue: response.objectiveValue } : {}),
      ...(status === 'error' ? { message: `HiGHS ended with model status "${response.status}"` } : {}),
    });
  }

  /** Terminates the slot's worker and resolves its solve under way with `status`. */
  private stop(slot: Slot, status: SolveStatus, message: string): void {
    const worker = slot.worker;
    slot.worker = undefined;
    slot.ready = undefined;
    if (worker) void worker.terminate();
    const pending = slot.pending;
    slot.pending = undefined;
    pending?.resolve(ended(status, pending.started, message));
  }
}

/** HiGHS's soft limit on its cut pool when a solve asks for a small one (`SolveOptions.smallCutPool`). */
const smallCutPool = 10;

/** Our status for HiGHS's model status (the names of `highs.constants.modelStatus`). */
function statusOf(highsStatus: string): SolveStatus {
  switch (highsStatus) {
    case 'optimal':
      return 'optimal';
    case 'infeasible':
    case 'unboundedOrInfeasible':
      return 'infeasible';
    case 'timeLimit':
      return 'time-limit';
    case 'interrupted':
      return 'cancelled';
    default:
      return 'error';
  }
}

function ended(status: SolveStatus, started: number, message: string): SolveResult {
  return { status, gap: null, seconds: (performance.now() - started) / 1000, message };
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
