import type { Database, SqlExecutor } from './database.ts';

/** A plan job's state, as stored (the contract's `PlanJobState`). */
export type PlanJobRowState = 'queued' | 'running' | 'done' | 'cancelled' | 'failed';

/** Where a job is, as stored (the contract's `PlanJob['stage']`). */
export type PlanJobRowStage = 'queued' | 'solving' | 'diagnosing' | 'finished';

/** A job as it is submitted. JSON fields are the app's values; the store keeps them as JSONB. */
export interface NewPlanJobRow {
  readonly id: string;
  /** The SHA-256 (hex) of the owner's secret. */
  readonly owner: string;
  readonly address: string;
  readonly title: string;
  readonly scenario: unknown;
  readonly whatIf: unknown;
  readonly timeLimitSeconds: number;
  readonly submittedAt: Date;
  /** The server the job was submitted through. */
  readonly submittedBy: string;
}

/** A job as stored. `scenario` and `result` are absent when a read left them out (a list). */
export interface PlanJobRow {
  readonly id: string;
  readonly owner: string;
  readonly address: string;
  readonly title: string;
  readonly scenario?: unknown;
  readonly whatIf: unknown;
  readonly timeLimitSeconds: number;
  readonly state: PlanJobRowState;
  readonly stage: PlanJobRowStage;
  readonly solves: number;
  readonly activity?: string;
  readonly deepening?: unknown;
  readonly result?: unknown;
  readonly error?: string;
  readonly submittedAt: Date;
  readonly startedAt?: Date;
  readonly finishedAt?: Date;
  readonly submittedBy: string;
  readonly serverId?: string;
  readonly leaseExpiresAt?: Date;
  readonly cancelRequested: boolean;
  readonly attempts: number;
  /** Queued jobs ahead of this one (queued jobs only). */
  readonly queuePosition?: number;
}

/** A queued or running job, as the submit limits count it. */
export interface ActivePlanJob {
  readonly id: string;
  readonly owner: string;
  readonly address: string;
  readonly state: 'queued' | 'running';
  readonly timeLimitSeconds: number;
  readonly startedAt?: Date;
}

/** Progress of a running job, written back by the server that runs it. */
export interface PlanJobProgressRow {
  readonly stage: 'solving' | 'diagnosing';
  readonly solves: number;
  readonly activity?: string | undefined;
  readonly deepening?: unknown;
}

/** What became of a job whose lease ran out. */
export interface ExpiredPlanJob {
  readonly id: string;
  /** `queued` to run again, `cancelled` (its cancel was asked for), or `failed` (run as often as it may). */
  readonly state: 'queued' | 'cancelled' | 'failed';
}

interface Row {
  id: string;
  owner: string;
  address: string;
  title: string;
  scenario?: unknown;
  what_if: unknown;
  time_limit_seconds: number;
  state: PlanJobRowState;
  stage: PlanJobRowStage;
  solves: number;
  activity: string | null;
  deepening: unknown;
  result?: unknown;
  error: string | null;
  submitted_at: Date | string;
  started_at: Date | string | null;
  finished_at: Date | string | null;
  submitted_by: string;
  server_id: string | null;
  lease_expires_at: Date | string | null;
  cancel_requested: boolean;
  attempts: number;
  queue_position?: number | string | null;
}

const date = (value: Date | string) => new Date(value);

function fromRow(row: Row): PlanJobRow {
  return {
    id: row.id,
    owner: row.owner,
    address: row.address,
    title: row.title,
    ...(row.scenario !== undefined && { scenario: row.scenario }),
    whatIf: row.what_if,
    timeLimitSeconds: Number(row.time_limit_seconds),
    state: row.state,
    stage: row.stage,
    solves: row.solves,
    ...(row.activity !== null && { activity: row.activity }),
    ...(row.deepening !== null && row.deepening !== undefined && { deepening: row.deepening }),
    ...(row.result !== null && row.result !== undefined && { result: row.result }),
    ...(row.error !== null && { error: row.error }),
    submittedAt: date(row.submitted_at),
    ...(row.started_at !== null && { startedAt: date(row.started_at) }),
    ...(row.finished_at !== null && { finishedAt: date(row.finished_at) }),
    submittedBy: row.submitted_by,
    ...(row.server_id !== null && { serverId: row.server_id }),
    ...(row.lease_expires_at !== null && { leaseExpiresAt: date(row.lease_expires_at) }),
    cancelRequested: row.cancel_requested,
    attempts: row.attempts,
    ...(row.queue_position !== null &&
      row.queue_position !== undefined && { queuePosition: Number(row.queue_position) }),
  };
}

/** Every column but the scenario and the result (what a list shows). */
const summaryColumns = `j.id, j.owner, j.address, j.title, j.what_if, j.time_limit_seconds, j.state, j.stage,
  j.solves, j.activity, j.deepening, j.error, j.submitted_at, j.started_at, j.finished_at, j.submitted_by,
  j.server_id, j.lease_expires_at, j.cancel_requested, j.attempts`;

/** Queued jobs ahead of `j`, for a queued one. */
const queuePosition = `CASE WHEN j.state = 'queued' THEN (SELECT count(*) FROM plan_jobs q
  WHERE q.state = 'queued' AND (q.submitted_at, q.id) < (j.submitted_at, j.id)) END AS queue_position`;

/**
 * The order of a list: running jobs as they started, the queue in order, then finished ones newest (last
 * submitted) first.
 */
const listOrder = `ORDER BY CASE j.state WHEN 'running' THEN 0 WHEN 'queued' THEN 1 ELSE 2 END,
  CASE j.state WHEN 'running' THEN j.started_at WHEN 'queued' THEN j.submitted_at END,
  CASE WHEN j.finished_at IS NOT NULL THEN j.submitted_at END DESC, j.id`;

/**
 * Plan jobs as rows, shared by every server on the database: submitted (within limits counted in the same
 * transaction), claimed by one worker at a time (`FOR UPDATE SKIP LOCKED`) under a lease it renews, their
 * progress and answer written back, a cancel asked for by a flag, and a job whose lease ran out queued again
 * or failed. Times of the lease are the database's clock, so servers' clocks need not agree.
 */
export class PlanJobsRepository {
  constructor(private readonly db: Database) {}

  /**
   * Inserts `job` in one transaction with the check of the limits: `check` is given every queued and running
   * job (all servers'), running first, then the queue in order, and throws to refuse. Submits are serialised
   * by a transaction-scoped advisory lock, so two servers cannot both take the last place.
   */
  async insertWithinLimits(
    job: NewPlanJobRow,
    check: (active: readonly ActivePlanJob[]) => void,
  ): Promise<void> {
    await this.db.transaction(async (tx) => {
      await tx.query(`SELECT pg_advisory_xact_lock(hashtext('lockstep_plan_jobs_submit'))`);
      check(await activeJobs(tx));
      await tx.query(
        `INSERT INTO plan_jobs (id, owner, address, title, scenario, what_if, time_limit_seconds, state, stage,
           submitted_at, submitted_by)
         VALUES ($1, $2, $3, $4, $5::jsonb, $6::jsonb, $7, 'queued', 'queued', $8, $9)`,
        [
          job.id,
          job.owner,
          job.address,
          job.title,
          JSON.stringify(job.scenario),
          JSON.stringify(job.whatIf),
          job.timeLimitSeconds,
          job.submittedAt,
          job.submittedBy,
        ],
      );
    });
  }

  /** Every queued and running job: running first (as they started), then the queue in order. */
  active(): Promise<ActivePlanJob[]> {
    return activeJobs(this.db);
  }

  /** The job with this id, with its scenario and result; `undefined` if there is none. */
  async get(id: string): Promise<PlanJobRow | undefined> {
    const [row] = await this.db.query<Row>(`SELECT j.*, ${queuePosition} FROM plan_jobs j WHERE j.id = $1`, [
      id,
    ]);
    return row && fromRow(row);
  }

  /** `owner`'s jobs without scenario and result: running, then queued in order, then finished newest first. */
  async listByOwner(owner: string): Promise<PlanJobRow[]> {
    const rows = await this.db.query<Row>(
      `SELECT ${summaryColumns}, ${queuePosition}
         FROM plan_jobs j WHERE j.owner = $1 ${listOrder}`,
      [owner],
    );
    return rows.map(fromRow);
  }

  /**
   * Claims the oldest queued job for `serverId` with a lease of `leaseSeconds` (of the database's clock):
   * `running`, stage `solving`, started at `startedAt`. Another worker's claim skips the row this one has
   * locked, so no two workers take the same job. `undefined` when nothing is queued.
   */
  async claim(serverId: string, leaseSeconds: number, startedAt: Date): Promise<PlanJobRow | undefined> {
    const [row] = await this.db.query<Row>(
      `UPDATE plan_jobs SET state = 'running', stage = 'solving', server_id = $1,
         lease_expires_at = now() + make_interval(secs => $2), started_at = $3, attempts = attempts + 1,
         solves = 0, activity = NULL, deepening = NULL
       WHERE id = (SELECT id FROM plan_jobs WHERE state = 'queued' ORDER BY submitted_at, id
                   LIMIT 1 FOR UPDATE SKIP LOCKED)
       RETURNING *`,
      [serverId, leaseSeconds, startedAt],
    );
    return row && fromRow(row);
  }

  /**
   * Renews `serverId`'s lease on a running job and writes its progress (when given); answers whether its
   * cancel was asked for, or `undefined` when the job is no longer this server's (its lease ran out and it
   * was taken over or ended): the server must then stop solving it and write nothing more.
   */
  async renew(
    id: string,
    serverId: string,
    leaseSeconds: number,
    progress?: PlanJobProgressRow,
  ): Promise<{ cancelRequested: boolean } | undefined> {
    const [row] = await this.db.query<{ cancel_requested: boolean }>(
      progress
        ? `UPDATE plan_jobs SET lease_expires_at = now() + make_interval(secs => $3), stage = $4, solves = $5,
             activity = $6, deepening = COALESCE($7::jsonb, deepening)
           WHERE id = $1 AND server_id = $2 AND state = 'running' RETURNING cancel_requested`
        : `UPDATE plan_jobs SET lease_expires_at = now() + make_interval(secs => $3)
           WHERE id = $1 AND server_id = $2 AND state = 'running' RETURNING cancel_requested`,
      progress
        ? [
            id,
            serverId,
            leaseSeconds,
            progress.stage,
            progress.solves,
            progress.activity ?? null,
            progress.deepening === undefined ? null : JSON.stringify(progress.deepening),
          ]
        : [id, serverId, leaseSeconds],
    );
    return row && { cancelRequested: row.cancel_requested };
  }

  /**
   * Ends `serverId`'s running job as `state` with its result or error; `false` (nothing written) when the
   * job is no longer this server's.
   */
  async finish(
    id: string,
    serverId: string,
    outcome: {
      readonly state: 'done' | 'cancelled' | 'failed';
      readonly finishedAt: Date;
      readonly result?: unknown;
      readonly error?: string;
    },
  ): Promise<boolean> {
    const rows = await this.db.query(
      `UPDATE plan_jobs SET state = $3, stage = 'finished', finished_at = $4, result = $5::jsonb, error = $6,
         activity = NULL, server_id = NULL, lease_expires_at = NULL
       WHERE id = $1 AND server_id = $2 AND state = 'running' RETURNING id`,
      [
        id,
        serverId,
        outcome.state,
        outcome.finishedAt,
        outcome.result === undefined ? null : JSON.stringify(outcome.result),
        outcome.error ?? null,
      ],
    );
    return rows.length > 0;
  }

  /**
   * Puts `serverId`'s running job back in the queue, where it keeps its place (a worker that stops on
   * purpose hands its job on; the attempt is not counted). `false` when it was not this server's.
   */
  async release(id: string, serverId: string): Promise<boolean> {
    const rows = await this.db.query(
      `UPDATE plan_jobs SET state = 'queued', stage = 'queued', server_id = NULL, lease_expires_at = NULL,
         started_at = NULL, solves = 0, activity = NULL, deepening = NULL, attempts = attempts - 1
       WHERE id = $1 AND server_id = $2 AND state = 'running' RETURNING id`,
      [id, serverId],
    );
    return rows.length > 0;
  }

  /**
   * Ends the jobs whose lease ran out (their server died, or stopped renewing): one whose cancel was asked
   * for is `cancelled`; one started `maxAttempts` times is `failed` with `failedMessage`; the others are
   * queued again, in their place, to be run from the start. Rows another worker has locked are left to it.
   */
  async takeOverExpired(
    maxAttempts: number,
    finishedAt: Date,
    failedMessage: string,
  ): Promise<ExpiredPlanJob[]> {
    const rows = await this.db.query<{ id: string; state: ExpiredPlanJob['state'] }>(
      `UPDATE plan_jobs SET
         state = CASE WHEN cancel_requested THEN 'cancelled' WHEN attempts >= $1 THEN 'failed' ELSE 'queued' END,
         stage = CASE WHEN cancel_requested OR attempts >= $1 THEN 'finished' ELSE 'queued' END,
         finished_at = CASE WHEN cancel_requested OR attempts >= $1 THEN $2::timestamptz END,
         error = CASE WHEN NOT cancel_requested AND attempts >= $1 THEN $3::text END,
         started_at = CASE WHEN cancel_requested OR attempts >= $1 THEN started_at END,
         solves = CASE WHEN cancel_requested OR attempts >= $1 THEN solves ELSE 0 END,
         deepening = CASE WHEN cancel_requested OR attempts >= $1 THEN deepening END,
         activity = NULL, server_id = NULL, lease_expires_at = NULL
       WHERE id IN (SELECT id FROM plan_jobs WHERE state = 'running' AND lease_expires_at < now()
                    FOR UPDATE SKIP LOCKED)
       RETURNING id, state`,
      [maxAttempts, finishedAt, failedMessage],
    );
    return rows;
  }

  /** Cancels `owner`'s queued job at once; `false` when it is not a queued job of `owner`. */
  async cancelQueued(id: string, owner: string, finishedAt: Date): Promise<boolean> {
    const rows = await this.db.query(
      `UPDATE plan_jobs SET state = 'cancelled', stage = 'finished', finished_at = $3
       WHERE id = $1 AND owner = $2 AND state = 'queued' RETURNING id`,
      [id, owner, finishedAt],
    );
    return rows.length > 0;
  }

  /**
   * Asks the server running `owner`'s job to cancel it (it reads the flag as it renews its lease); `false` when it is not a running job of `owner`.
   */
  async requestCancel(id: string, owner: string): Promise<boolean> {
    const rows = await this.db.query(
      `UPDATE plan_jobs SET cancel_requested = true WHERE id = $1 AND owner = $2 AND state = 'running'
       RETURNING id`,
      [id, owner],
    );
    return rows.length > 0;
  }

  /**
   * Cancels the jobs submitted through `serverId` that have not finished: the queued ones at once, the
   * running ones by their flag. Returns the ids of the running ones.
   */
  async cancelSubmittedBy(serverId: string, finishedAt: Date): Promise<string[]> {
    await this.db.query(
      `UPDATE plan_jobs SET state = 'cancelled', stage = 'finished', finished_at = $2
       WHERE submitted_by = $1 AND state = 'queued'`,
      [serverId, finishedAt],
    );
    const running = await this.db.query<{ id: string }>(
      `UPDATE plan_jobs SET cancel_requested = true WHERE submitted_by = $1 AND state = 'running' RETURNING id`,
      [serverId],
    );
    return running.map((row) => row.id);
  }

  /** Deletes the finished jobs but the newest (last submitted) `keep`. */
  async prune(keep: number): Promise<void> {
    await this.db.query(
      `DELETE FROM plan_jobs WHERE finished_at IS NOT NULL AND id NOT IN
         (SELECT id FROM plan_jobs WHERE finished_at IS NOT NULL ORDER BY submitted_at DESC, id DESC LIMIT $1)`,
      [keep],
    );
  }
}

async function activeJobs(sql: SqlExecutor): Promise<ActivePlanJob[]> {
  const rows = await sql.query<{
    id: string;
    owner: string;
    address: string;
    state: 'queued' | 'running';
    time_limit_seconds: number;
    started_at: Date | string | null;
  }>(
    `SELECT id, owner, address, state, time_limit_seconds, started_at FROM plan_jobs
     WHERE state IN ('queued', 'running')
     ORDER BY state = 'running' DESC, started_at, submitted_at, id`,
  );
  return rows.map((row) => ({
    id: row.id,
    owner: row.owner,
    address: row.address,
    state: row.state,
    timeLimitSeconds: Number(row.time_limit_seconds),
    ...(row.started_at !== null && { startedAt: date(row.started_at) }),
  }));
}
