-- The talks' sign-in and refusal limits, kept in the database so that every Lockstep server on it counts the
-- same attempts and a restart forgets none (issue 18). One row per counted attempt: a failed sign-in (or one
-- under way) against an account name and against an address, a refused request against a user. The key is
-- the SHA-256 of what is counted (`account:<name>`, `address:<ip>`, `refusal:<user id>`): a name someone
-- typed is not kept in clear. A row counts until `expires_ms` (its time plus the window it counts in); rows
-- past it are deleted as keys are counted again, and now and then all at once.

CREATE TABLE talks_limit_attempts (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  key_hash    text NOT NULL CHECK (key_hash ~ '^[0-9a-f]{64}$'),
  at_ms       bigint NOT NULL,
  expires_ms  bigint NOT NULL
);
CREATE INDEX talks_limit_attempts_key ON talks_limit_attempts (key_hash, at_ms);
CREATE INDEX talks_limit_attempts_expiry ON talks_limit_attempts (expires_ms);
