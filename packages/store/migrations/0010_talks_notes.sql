-- Private notes: each desk's (a delegation's, or the coordinator's office's) notes on a paper, a relay or a
-- clause of a negotiating text, seen by that desk alone. A note is one row (its desk, its subject, its
-- optimistic version) and its versions are rows added beside it: an edit or a deletion adds a version and
-- none is rewritten, so the history stays. A note's text is kept here only: the audit log records that a note
-- was written, by whom and at which version, never what it says or what it is on.

CREATE TABLE talks_notes (
  id           text PRIMARY KEY,
  desk         text NOT NULL
               CHECK (desk IN ('coordinator', 'us', 'iran', 'china', 'france', 'germany', 'russia', 'uk', 'eu')),
  -- The subject as one string (`document:<id>`, `relay:<id>`, `clause:<group>/<clause id>`), what a list
  -- filters on, and as the core model's JSON.
  subject_key  text NOT NULL CHECK (subject_key ~ '^(document|relay|clause):'),
  subject      jsonb NOT NULL,
  created_at   timestamptz NOT NULL,
  version      integer NOT NULL CHECK (version >= 1),
  deleted      boolean NOT NULL
);
CREATE INDEX talks_notes_desk_subject ON talks_notes (desk, subject_key);

CREATE TABLE talks_note_versions (
  note_id  text NOT NULL REFERENCES talks_notes (id),
  number   integer NOT NULL CHECK (number >= 1),
  version  jsonb NOT NULL,
  PRIMARY KEY (note_id, number)
);
