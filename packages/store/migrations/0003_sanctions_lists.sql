-- OFAC list entries as each shipped or imported snapshot gives them, tied to the dataset version (and so to
-- its list date and file hashes). Aliases, addresses and structured identifiers keep their source order as
-- JSON arrays: they are read with their entry, never queried on their own.
CREATE TABLE sanctions_entries (
  dataset_id      integer NOT NULL REFERENCES datasets (id) ON DELETE CASCADE,
  entry_number    integer NOT NULL CHECK (entry_number > 0),
  list            text NOT NULL,
  name            text NOT NULL,
  sdn_type        text NOT NULL CHECK (sdn_type IN ('individual', 'entity', 'vessel', 'aircraft')),
  programs        text[] NOT NULL,
  details         jsonb NOT NULL,
  PRIMARY KEY (dataset_id, list, entry_number)
);

-- The daily change log: one row per ADD, DEL or PROG event, dated by the day it was first seen.
CREATE TABLE sanctions_changes (
  dataset_id         integer NOT NULL REFERENCES datasets (id) ON DELETE CASCADE,
  position           integer NOT NULL CHECK (position >= 0),
  date               text NOT NULL CHECK (date ~ '^\d{4}-\d{2}-\d{2}$'),
  kind               text NOT NULL CHECK (kind IN ('added', 'removed', 'programs-changed')),
  entry_number       integer NOT NULL CHECK (entry_number > 0),
  name               text NOT NULL,
  programs           text[] NOT NULL,
  previous_programs  text[],
  PRIMARY KEY (dataset_id, position)
);
