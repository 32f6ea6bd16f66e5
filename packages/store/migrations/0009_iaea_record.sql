-- The rest of the IAEA record per report: the reports themselves (iaea-reports.csv), the capped stocks the
-- reports give a figure for (heavy water in tonnes, uranium metal in kg U; `series` says which) and the
-- dated periods of the Additional Protocol's application. Row for row, each tied to its dataset version and
-- line. An empty figure is unknown, never zero; `status` says why it is empty.
CREATE TABLE iaea_reports (
  dataset_id  integer NOT NULL REFERENCES datasets (id) ON DELETE CASCADE,
  line        integer NOT NULL CHECK (line > 1),
  report      text NOT NULL,
  date        text NOT NULL CHECK (date ~ '^\d{4}-\d{2}-\d{2}$'),
  kind        text NOT NULL CHECK (kind IN ('quarterly', 'interim', 'ad-hoc')),
  source      text NOT NULL,
  note        text,
  PRIMARY KEY (dataset_id, line),
  UNIQUE (dataset_id, report)
);

CREATE TABLE iaea_stock_readings (
  dataset_id  integer NOT NULL REFERENCES datasets (id) ON DELETE CASCADE,
  line        integer NOT NULL CHECK (line > 1),
  series      text NOT NULL CHECK (series IN ('heavy-water', 'uranium-metal')),
  as_of       text NOT NULL CHECK (as_of ~ '^\d{4}-\d{2}-\d{2}$'),
  report      text NOT NULL,
  amount      double precision CHECK (amount >= 0),
  status      text NOT NULL CHECK (status IN ('reported', 'none-produced', 'not-reported', 'not-verified')),
  source      text NOT NULL,
  note        text,
  PRIMARY KEY (dataset_id, line)
);

CREATE TABLE protocol_periods (
  dataset_id  integer NOT NULL REFERENCES datasets (id) ON DELETE CASCADE,
  line        integer NOT NULL CHECK (line > 1),
  date_from   text NOT NULL CHECK (date_from ~ '^\d{4}-\d{2}-\d{2}$'),
  date_to     text CHECK (date_to ~ '^\d{4}-\d{2}-\d{2}$' AND date_to >= date_from),
  applied     boolean NOT NULL,
  status      text NOT NULL,
  source      text NOT NULL,
  note        text,
  PRIMARY KEY (dataset_id, line)
);
