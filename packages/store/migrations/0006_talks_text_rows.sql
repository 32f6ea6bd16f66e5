-- The negotiating texts as rows: one per clause (its fields but its alternatives, with its version beside
-- them) and one per alternative, so that a proposal writes the clause it changes and the alternative it adds,
-- not the whole text. `talks_texts` keeps one row per expert group with the version of its clause list: the
-- row a write locks. Existing texts are moved from their JSON into the rows, in order.

CREATE TABLE talks_text_clauses (
  expert_group  text NOT NULL REFERENCES talks_texts (expert_group),
  id            text NOT NULL,
  position      integer NOT NULL CHECK (position >= 0),
  version       integer NOT NULL CHECK (version >= 1),
  clause        jsonb NOT NULL CHECK (NOT clause ? 'alternatives'),
  PRIMARY KEY (expert_group, id)
);

CREATE TABLE talks_text_alternatives (
  expert_group  text NOT NULL,
  clause_id     text NOT NULL,
  id            text NOT NULL,
  position      integer NOT NULL CHECK (position >= 0),
  alternative   jsonb NOT NULL,
  PRIMARY KEY (expert_group, clause_id, id),
  FOREIGN KEY (expert_group, clause_id) REFERENCES talks_text_clauses (expert_group, id)
);

INSERT INTO talks_text_clauses (expert_group, id, position, version, clause)
SELECT t.expert_group, c.value ->> 'id', (c.ordinality - 1)::integer, (c.value ->> 'version')::integer,
       c.value - 'alternatives'
  FROM talks_texts t
 CROSS JOIN LATERAL jsonb_array_elements(t.text -> 'clauses') WITH ORDINALITY AS c (value, ordinality);

INSERT INTO talks_text_alternatives (expert_group, clause_id, id, position, alternative)
SELECT t.expert_group, c.value ->> 'id', a.value ->> 'id', (a.ordinality - 1)::integer, a.value
  FROM talks_texts t
 CROSS JOIN LATERAL jsonb_array_elements(t.text -> 'clauses') AS c (value)
 CROSS JOIN LATERAL jsonb_array_elements(COALESCE(c.value -> 'alternatives', '[]'::jsonb))
       WITH ORDINALITY AS a (value, ordinality);

ALTER TABLE talks_texts DROP COLUMN text;
