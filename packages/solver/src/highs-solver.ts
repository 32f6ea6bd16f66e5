import type { Worker } from 'node:worker_threads';
import {
  type LinearModel,
  lpText,
  type SequencingSolver,
  type SolveOptions,
  type SolveResult,
  type SolveStatus,
} from '@lockstep/core';
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
}

interface Pending {
  readonly resolve: (result: SolveResult) => void;
  readonly started: number;
}

/**
 * The sequencing solver port on HiGHS (WASM) in a worker thread, so the caller's thread never blocks. One
 * worker is started on first use and reused; solves queue on it one at a time. A solve past its time limit
 * returns the best plan HiGHS found (`time-limit`); `cancel()` or an aborted signal terminates the worker
 * (a new one starts for the next solve). Call `close()` when done.
 */
export class HighsSolver implements SequencingSolver {
  private worker: Worker | undefined;
  private ready: Promise<Worker> | undefined;
  private readonly pending = new Map<number, Pending>();
  private queue: Promise<unknown> = Promise.resolve();
  private nextId = 1;
  /** Solves are numbered as they are asked for; those numbered below `cancelledBelow` were cancelled. */
  private nextTicket = 0;
  private cancelledBelow = 0;
  private readonly mipRelativeGap: number;
  private readonly graceSeconds: number;

  constructor(options: HighsSolverOptions = {}) {
    this.mipRelativeGap = options.mipRelativeGap ?? 1e-6;
    this.graceSeconds = options.graceSeconds ?? 5;
  }

  /**
   * Solves `model` (minimise) within `options.timeLimitSeconds`, counted from when the worker is ready (writing
   * and reading the LP text included); never rejects, errors are a status.
   */
  solve(model: LinearModel, options: HighsSolveOptions): Promise<SolveResult> {
    const ticket = this.nextTicket++;
    const run = this.queue.then(() =>
      ticket < this.cancelledBelow
        ? ended('cancelled', performance.now(), 'cancelled before it started')
        : this.run(model, options),
    );
    this.queue = run;
    return run;
  }

  /** Cancels every solve under way or queued: they resolve as `cancelled`. */
  cancel(): void {
    this.cancelledBelow = this.nextTicket;
    this.stop('cancelled', 'cancelled by the caller');
  }

  /** Terminates the worker; solves under way resolve as `cancelled`. */
  async close(): Promise<void> {
    this.cancel();
  }

  private async run(model: LinearModel, options: HighsSolveOptions): Promise<SolveResult> {
    const started = performance.now();
    if (options.signal?.aborted) return ended('cancelled', started, 'cancelled before it started');
    let worker: Worker;
    try {
      worker = await this.start();
    } catch (error) {
      return ended('error', started, `the HiGHS worker did not start: ${messageOf(error)}`);
    }
    // Aborted while the worker was starting: no listener was there to hear it.
    if (options.signal?.aborted) return ended('cancelled', started, 'cancelled before it started');
    // The limit counts from here: writing the LP text and HiGHS reading it are inside it, the worker's
    // one-time start (loading HiGHS) is not.
    const deadline = Date.now() + options.timeLimitSeconds * 1000;
    const id = this.nextId++;
    let text: string;
    try {
      text = lpText(model);
    } catch (error) {
      return ended('error', started, messageOf(error));
    }
    const request: HighsRequest = {
      id,
      lpText: text,
      deadline,
      options: {
        time_limit: options.timeLimitSeconds,
        mip_rel_gap: options.relativeGap ?? this.mipRelativeGap,
        output_flag: false,
      },
      ...(options.start && { start: options.start }),
    };
    return new Promise<SolveResult>((resolve) => {
      const onAbort = () => this.stop('cancelled', 'cancelled by the caller');
      const watchdog = setTimeout(
        () => this.stop('time-limit', 'HiGHS did not stop at the time limit; the worker was terminated'),
        (options.timeLimitSeconds + this.graceSeconds) * 1000,
      );
      options.signal?.addEventListener('abort', onAbort, { once: true });
      this.pending.set(id, {
        started,
        resolve: (result) => {
          clearTimeout(watchdog);
          options.signal?.removeEventListener('abort', onAbort);
          resolve(result);
        },
      });
      worker.postMessage(request);
    });
  }

  private start(): Promise<Worker> {
    if (this.ready) return this.ready;
    this.ready = new Promise<Worker>((resolve, reject) => {
      const worker = startTypeScriptWorker(new URL('./highs-worker.ts', import.meta.url));
      this.worker = worker;
      worker.unref();
      worker.on('message', (message: HighsResponse | 'ready') => {
        if (message === 'ready') resolve(worker);
        else this.answer(message);
      });
      worker.on('error', (error) => {
        reject(error);
        this.stop('error', `the HiGHS worker failed: ${messageOf(error)}`);
      });
      worker.on('exit', () => {
        if (this.worker === worker) {
          reject(new Error('the HiGHS worker exited'));
          this.stop('error', 'the HiGHS worker exited');
        }
      });
    });
    return this.ready;
  }

  private answer(response: HighsResponse): void {
    const pending = this.pending.get(response.id);
    if (!pending) return;
    this.pending.delete(response.id);
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

  /** Terminates the worker and resolves every pending solve with `status`. */
  private stop(status: SolveStatus, message: string): void {
    const worker = this.worker;
    this.worker = undefined;
    this.ready = undefined;
    if (worker) void worker.terminate();
    const pending = [...this.pending.values()];
    this.pending.clear();
    for (const entry of pending) entry.resolve(ended(status, entry.started, message));
  }
}

/**
 * Starts highs-worker.ts in a worker thread. There is no build step, so the worker must load TypeScript:
 * Node 20 does not apply `--import tsx` from a Worker's `execArgv` to the worker's entry module, so a small
 * bootstrap imports tsx's loader inside the worker first and then imports the worker's source.
 */
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
