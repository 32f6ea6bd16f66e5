-- The IAEA's machine counts per report, site and type (iaea-centrifuges.csv), row for row as shipped, each
-- row tied to its dataset version and line. Empty cells are NULL (unknown), never 0.
CREATE TABLE centrifuge_census (
  dataset_id    integer NOT NULL REFERENCES datasets (id) ON DELETE CASCADE,
  line          integer NOT NULL CHECK (line > 1),
  as_of         text NOT NULL CHECK (as_of ~ '^\d{4}-\d{2}-\d{2}$'),
  report        text NOT NULL,
  site          text NOT NULL,
  machine_type  text NOT NULL,
  installed     integer CHECK (installed >= 0),
  enriching     integer CHECK (enriching >= 0 AND (installed IS NULL OR enriching <= installed)),
  cascades      integer CHECK (cascades >= 0),
  status        text NOT NULL CHECK (status IN ('reported', 'within-jcpoa-caps', 'idle', 'not-reported')),
  source        text NOT NULL,
  note          text,
  PRIMARY KEY (dataset_id, line)
);
