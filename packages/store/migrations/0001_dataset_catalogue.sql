-- The catalogue of loaded datasets: every figure the product shows can cite one of these rows.
-- A dataset is identified by its name and content hash: a changed file loads as a new version, and the
-- old version stays on record for the figures that cited it.
CREATE TABLE datasets (
  id          integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  name        text NOT NULL CHECK (name ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
  title       text NOT NULL,
  domain      text NOT NULL CHECK (domain IN ('nuclear', 'sanctions')),
  source      text NOT NULL,
  list_date   text NOT NULL CHECK (list_date ~ '^\d{4}(-\d{2}(-\d{2})?)?$'),
  date_basis  text NOT NULL,
  provenance  text NOT NULL,
  sha256      text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  row_count   integer NOT NULL CHECK (row_count >= 0),
  loaded_at   timestamptz NOT NULL DEFAULT now(),
  UNIQUE (name, sha256)
);

CREATE TABLE dataset_files (
  dataset_id  integer NOT NULL REFERENCES datasets (id) ON DELETE CASCADE,
  position    integer NOT NULL CHECK (position >= 0),
  path        text NOT NULL,
  format      text NOT NULL,
  role        text NOT NULL,
  sha256      text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  bytes       bigint NOT NULL CHECK (bytes >= 0),
  row_count   integer NOT NULL CHECK (row_count >= 0),
  PRIMARY KEY (dataset_id, position)
);
