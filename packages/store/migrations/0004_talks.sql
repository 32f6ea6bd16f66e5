-- The talks: accounts and their credentials, the delegations' papers and the coordinator's relays, the
-- negotiating texts, the rounds, and the hash-chained audit log. The talks' objects are stored as the core
-- model's JSON (one row per aggregate, with its optimistic version beside it), since they are always read and
-- written whole through the model's rules; the columns beside the JSON are what queries filter on.

CREATE TABLE talks_users (
  id             text PRIMARY KEY,
  username       text NOT NULL UNIQUE CHECK (username ~ '^[a-z0-9][a-z0-9._-]{1,39}$'),
  display_name   text NOT NULL,
  role           text NOT NULL CHECK (role IN ('coordinator', 'head', 'member', 'observer', 'admin')),
  delegation     text CHECK (delegation IN ('us', 'iran', 'china', 'france', 'germany', 'russia', 'uk', 'eu')),
  password_hash  text NOT NULL,
  created_at     timestamptz NOT NULL,
  CHECK ((role IN ('head', 'member')) = (delegation IS NOT NULL))
);

-- Sessions (web) and API tokens (CLI): only a SHA-256 of the secret is kept, so the table gives no way in.
CREATE TABLE talks_credentials (
  id           text PRIMARY KEY,
  kind         text NOT NULL CHECK (kind IN ('session', 'token')),
  secret_hash  text NOT NULL UNIQUE CHECK (secret_hash ~ '^[0-9a-f]{64}$'),
  user_id      text NOT NULL REFERENCES talks_users (id),
  label        text NOT NULL,
  created_at   timestamptz NOT NULL,
  expires_at   timestamptz NOT NULL,
  revoked_at   timestamptz
);
CREATE INDEX talks_credentials_user ON talks_credentials (user_id, kind);

CREATE TABLE talks_documents (
  id          text PRIMARY KEY,
  author      text NOT NULL,
  created_at  timestamptz NOT NULL,
  version     integer NOT NULL CHECK (version >= 1),
  document    jsonb NOT NULL
);
CREATE INDEX talks_documents_author ON talks_documents (author);

CREATE TABLE talks_relays (
  id           text PRIMARY KEY,
  document_id  text NOT NULL REFERENCES talks_documents (id),
  position     bigserial NOT NULL UNIQUE,
  relay        jsonb NOT NULL
);
CREATE INDEX talks_relays_document ON talks_relays (document_id);

-- One negotiating text per expert group.
CREATE TABLE talks_texts (
  expert_group  text PRIMARY KEY CHECK (expert_group IN ('sanctions-lifting', 'nuclear-implementation', 'sequencing')),
  version       integer NOT NULL CHECK (version >= 1),
  text          jsonb NOT NULL
);

-- The rounds, as one state (one row).
CREATE TABLE talks_rounds (
  id      integer PRIMARY KEY CHECK (id = 1),
  version integer NOT NULL CHECK (version >= 1),
  rounds  jsonb NOT NULL
);

-- The append-only audit log: each entry as hashed (canonical fields), with its seq and hash beside it.
CREATE TABLE talks_audit (
  seq    bigint PRIMARY KEY CHECK (seq >= 1),
  hash   text NOT NULL CHECK (hash ~ '^[0-9a-f]{64}$'),
  entry  jsonb NOT NULL
);

-- The last entry, kept apart from the log so that a truncated tail is detected. Every talks write locks this
-- row first, which orders the writes and their entries.
CREATE TABLE talks_audit_head (
  id    integer PRIMARY KEY CHECK (id = 1),
  seq   bigint NOT NULL CHECK (seq >= 0),
  hash  text NOT NULL
);
INSERT INTO talks_audit_head (id, seq, hash) VALUES (1, 0, repeat('0', 64));
