-- Plan jobs: the background sequencing solves behind /api/plans/jobs, one row each, so that every server on
-- one database sees every job. A job is submitted `queued`; a worker (a solving loop of `lockstep serve` or
-- `lockstep worker`) claims the oldest with FOR UPDATE SKIP LOCKED, names itself in `server_id` and holds a
-- lease it renews while it solves; progress is written back for any server's GET; a cancel sets
-- `cancel_requested`, which the server running the job reads. A job whose lease ran out (its server died) is
-- queued again once (`attempts`) or failed. The owner is the SHA-256 of the owner secret, never the secret.

CREATE TABLE plan_jobs (
  id                text PRIMARY KEY,
  owner             text NOT NULL CHECK (owner ~ '^[0-9a-f]{64}$'),
  address           text NOT NULL,
  title             text NOT NULL,
  scenario          jsonb NOT NULL,
  -- The what-if's changes as applied (named in the result), a JSON array.
  what_if           jsonb NOT NULL,
  time_limit_seconds double precision NOT NULL CHECK (time_limit_seconds > 0),
  state             text NOT NULL CHECK (state IN ('queued', 'running', 'done', 'cancelled', 'failed')),
  stage             text NOT NULL CHECK (stage IN ('queued', 'solving', 'diagnosing', 'finished')),
  solves            integer NOT NULL DEFAULT 0,
  activity          text,
  deepening         jsonb,
  result            jsonb,
  error             text,
  submitted_at      timestamptz NOT NULL,
  started_at        timestamptz,
  finished_at       timestamptz,
  -- The server (process) a job was submitted through, and the one solving it with its lease.
  submitted_by      text NOT NULL,
  server_id         text,
  lease_expires_at  timestamptz,
  cancel_requested  boolean NOT NULL DEFAULT false,
  -- Times the job was started: a job whose server died is run again once, then failed.
  attempts          integer NOT NULL DEFAULT 0,
  CHECK ((state = 'running') = (server_id IS NOT NULL AND lease_expires_at IS NOT NULL)),
  CHECK ((state IN ('done', 'cancelled', 'failed')) = (finished_at IS NOT NULL))
);
-- The queue in order, an owner's jobs, and the active jobs counted per address.
CREATE INDEX plan_jobs_queue ON plan_jobs (submitted_at, id) WHERE state = 'queued';
CREATE INDEX plan_jobs_owner ON plan_jobs (owner);
CREATE INDEX plan_jobs_active_address ON plan_jobs (address) WHERE state IN ('queued', 'running');
CREATE INDEX plan_jobs_finished ON plan_jobs (finished_at) WHERE finished_at IS NOT NULL;
