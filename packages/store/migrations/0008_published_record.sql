-- The published record beside the IAEA figures: dated breakout estimates as their authors stated them
-- (published-breakout-estimates.csv) and the dated events that explain the curves (events.csv), row for row,
-- each tied to its dataset version and line. An estimate without a figure keeps its words (quote).
CREATE TABLE published_estimates (
  dataset_id      integer NOT NULL REFERENCES datasets (id) ON DELETE CASCADE,
  line            integer NOT NULL CHECK (line > 1),
  date            text NOT NULL CHECK (date ~ '^\d{4}-\d{2}-\d{2}$'),
  author          text NOT NULL,
  low             double precision CHECK (low >= 0),
  high            double precision CHECK (high >= 0 AND (low IS NULL OR high >= low)),
  unit            text NOT NULL CHECK (unit IN ('days', 'weeks', 'months')),
  material        text NOT NULL,
  sq_convention   text NOT NULL,
  stock_counted   text NOT NULL,
  quote           text NOT NULL,
  source          text NOT NULL,
  PRIMARY KEY (dataset_id, line)
);

CREATE TABLE programme_events (
  dataset_id  integer NOT NULL REFERENCES datasets (id) ON DELETE CASCADE,
  line        integer NOT NULL CHECK (line > 1),
  date        text NOT NULL CHECK (date ~ '^\d{4}-\d{2}-\d{2}$'),
  event       text NOT NULL,
  kind        text NOT NULL CHECK (kind IN ('agreement', 'iran-step', 'us-step', 'iaea', 'incident')),
  source      text NOT NULL,
  PRIMARY KEY (dataset_id, line)
);
