-- The nuclear series, row for row as shipped, each row tied to the dataset version it came from and its line
-- in that file, so every figure derived from it can cite "file, line". Empty cells are NULL (unknown), never 0.
-- Dates are ISO text: a calendar date has no time zone to get wrong.
CREATE TABLE jcpoa_limits (
  dataset_id      integer NOT NULL REFERENCES datasets (id) ON DELETE CASCADE,
  line            integer NOT NULL CHECK (line > 1),
  id              text NOT NULL,
  description     text NOT NULL,
  value           double precision NOT NULL,
  unit            text NOT NULL,
  years           integer CHECK (years > 0),
  counted_from    text NOT NULL,
  where_in_jcpoa  text NOT NULL,
  source          text NOT NULL,
  PRIMARY KEY (dataset_id, id)
);

CREATE TABLE stockpile_reports (
  dataset_id        integer NOT NULL REFERENCES datasets (id) ON DELETE CASCADE,
  line              integer NOT NULL CHECK (line > 1),
  as_of             text NOT NULL CHECK (as_of ~ '^\d{4}-\d{2}-\d{2}$'),
  total_kg_u        double precision CHECK (total_kg_u >= 0),
  up_to_2pct_kg_u   double precision CHECK (up_to_2pct_kg_u >= 0),
  up_to_5pct_kg_u   double precision CHECK (up_to_5pct_kg_u >= 0),
  up_to_20pct_kg_u  double precision CHECK (up_to_20pct_kg_u >= 0),
  up_to_60pct_kg_u  double precision CHECK (up_to_60pct_kg_u >= 0),
  source            text NOT NULL,
  note              text,
  PRIMARY KEY (dataset_id, line)
);

CREATE TABLE centrifuge_events (
  dataset_id    integer NOT NULL REFERENCES datasets (id) ON DELETE CASCADE,
  line          integer NOT NULL CHECK (line > 1),
  date          text NOT NULL CHECK (date ~ '^\d{4}-\d{2}-\d{2}$'),
  site          text NOT NULL,
  event         text NOT NULL,
  machines      integer CHECK (machines >= 0),
  machine_type  text NOT NULL,
  source        text NOT NULL,
  PRIMARY KEY (dataset_id, line)
);
