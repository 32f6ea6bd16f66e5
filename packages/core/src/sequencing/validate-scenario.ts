import { relationCycle } from './relation-cycle.ts';
import {
  type AssumableField,
  assumableFields,
  type MeasureKind,
  measureKinds,
  type RedLine,
  type RelationAnchor,
  redLineKinds,
  relationAnchors,
  type SequencingMeasure,
  type SequencingObjective,
  type SequencingParty,
  type SequencingRelation,
  type SequencingScenario,
} from './scenario.ts';
import { SequencingInputError } from './sequencing-input-error.ts';

type Json = Record<string, unknown>;

/** The objective used when a scenario gives none: shortest plan, then least exposure. */
export const defaultSequencingObjective: SequencingObjective = {
  durationWeight: 1,
  exposureWeight: 1,
  imbalanceWeight: 0,
};

/**
 * Checks a parsed scenario file (any JSON value) and returns it as a `SequencingScenario` with defaults
 * filled in (`reversalDays` 0, `verificationDays` 0, relation `anchor` `complete` and `lagDays` 0, no
 * relations or red lines, `defaultSequencingObjective`). Throws a `SequencingInputError` naming the field
 * path (`measures[3].durationDays`) for a wrong type, a negative duration or value, an unknown or duplicate id,
 * a red line that names no party, or a cycle among the relations (`relations: cycle a -> b -> a`).
 */
export function validateScenario(value: unknown): SequencingScenario {
  const root = object(value, '(root)');
  const phaseCount = integer(root, 'phaseCount', '', 1);
  const parties = array(root, 'parties', '', true).map((item, i) => party(item, `parties[${i}]`));
  if (parties.length === 0) throw new SequencingInputError('parties', 'expected at least one party');
  const partyIds = unique(
    parties.map((p) => p.id),
    'parties',
  );
  const measures = array(root, 'measures', '', true).map((item, i) =>
    measure(item, `measures[${i}]`, partyIds),
  );
  const measureIds = unique(
    measures.map((m) => m.id),
    'measures',
  );
  const relations = array(root, 'relations', '', false).map((item, i) =>
    relation(item, `relations[${i}]`, measureIds),
  );
  const cycle = relationCycle([...measureIds], relations);
  if (cycle) {
    throw new SequencingInputError(
      'relations',
      `cycle ${cycle.join(' -> ')}: a measure cannot wait for itself; remove one of these relations`,
    );
  }
  const redLines = array(root, 'redLines', '', false).map((item, i) =>
    redLine(item, `redLines[${i}]`, partyIds, measureIds),
  );
  unique(
    redLines.map((r) => r.id),
    'redLines',
  );
  return {
    title: string(root, 'title', ''),
    ...optionalString(root, 'description', ''),
    ...optionalStrings(root, 'assumptions'),
    ...optionalStrings(root, 'sources'),
    valueUnit: string(root, 'valueUnit', ''),
    phaseCount,
    parties,
    measures,
    relations,
    redLines,
    objective: root.objective === undefined ? defaultSequencingObjective : objective(root.objective),
  };
}

function party(value: unknown, at: string): SequencingParty {
  const entry = object(value, at);
  return { id: id(entry, 'id', at), name: string(entry, 'name', at) };
}

function measure(value: unknown, at: string, partyIds: ReadonlySet<string>): SequencingMeasure {
  const entry = object(value, at);
  const verifiedBy = entry.verifiedBy === undefined ? undefined : string(entry, 'verifiedBy', at);
  return {
    id: id(entry, 'id', at),
    party: reference(entry, 'party', at, partyIds, 'party'),
    kind: oneOf(entry, 'kind', at, measureKinds) satisfies MeasureKind,
    text: string(entry, 'text', at),
    durationDays: number(entry, 'durationDays', at, 0),
    value: number(entry, 'value', at, 0),
    reversalDays: entry.reversalDays === undefined ? 0 : number(entry, 'reversalDays', at, 0),
    ...(verifiedBy === undefined ? {} : { verifiedBy }),
    verificationDays: entry.verificationDays === undefined ? 0 : number(entry, 'verificationDays', at, 0),
    ...optionalString(entry, 'source', at),
    ...(entry.assumed === undefined ? {} : { assumed: assumedFields(entry, at) }),
    ...(entry.facts === undefined ? {} : { facts: facts(entry, at) }),
    ...optionalString(entry, 'note', at),
  };
}

function assumedFields(entry: Json, at: string): AssumableField[] {
  const fields: AssumableField[] = [];
  array(entry, 'assumed', at, true).forEach((value, i) => {
    const where = `${path(at, 'assumed')}[${i}]`;
    const field = assumableFields.find((f) => f === value);
    if (field === undefined) {
      throw new SequencingInputError(
        where,
        `${JSON.stringify(value)} is not one of ${assumableFields.join(', ')}`,
      );
    }
    if (fields.includes(field)) throw new SequencingInputError(where, `"${field}" is listed twice`);
    fields.push(field);
  });
  return fields;
}

function facts(entry: Json, at: string): Record<string, number | string> {
  const value = object(entry.facts, path(at, 'facts'));
  for (const [key, fact] of Object.entries(value)) {
    if (typeof fact !== 'string' && !(typeof fact === 'number' && Number.isFinite(fact))) {
      throw new SequencingInputError(`${path(at, 'facts')}.${key}`, 'expected a number or a string');
    }
  }
  // Every value was checked to be a string or a finite number just above.
  return { ...(value as Record<string, number | string>) };
}

function optionalString<F extends string>(entry: Json, field: F, at: string): { [K in F]?: string } {
  // An object with the one field, or none: the key type is the literal field name.
  return (entry[field] === undefined ? {} : { [field]: string(entry, field, at) }) as { [K in F]?: string };
}

function optionalStrings<F extends string>(entry: Json, field: F): { [K in F]?: string[] } {
  if (entry[field] === undefined) return {};
  const list = array(entry, field, '', true).map((value, i) => {
    if (typeof value !== 'string' || value.trim() === '') {
      throw new SequencingInputError(`${field}[${i}]`, 'expected a non-empty string');
    }
    return value;
  });
  // An object with the one field: the key type is the literal field name.
  return { [field]: list } as { [K in F]?: string[] };
}

function relation(value: unknown, at: string, measureIds: ReadonlySet<string>): SequencingRelation {
  const entry = object(value, at);
  return {
    before: reference(entry, 'before', at, measureIds, 'measure'),
    after: reference(entry, 'after', at, measureIds, 'measure'),
    anchor:
      entry.anchor === undefined
        ? 'complete'
        : (oneOf(entry, 'anchor', at, relationAnchors) satisfies RelationAnchor),
    lagDays: entry.lagDays === undefined ? 0 : number(entry, 'lagDays', at, 0),
  };
}

function redLine(
  value: unknown,
  at: string,
  partyIds: ReadonlySet<string>,
  measureIds: ReadonlySet<string>,
): RedLine {
  const entry = object(value, at);
  const base = {
    id: id(entry, 'id', at),
    party: reference(entry, 'party', at, partyIds, 'party'),
    ...optionalString(entry, 'text', at),
    ...optionalString(entry, 'source', at),
  };
  const kind = oneOf(entry, 'kind', at, redLineKinds);
  switch (kind) {
    case 'max-exposure': {
      const hasLimit = entry.limit !== undefined;
      const hasShare = entry.share !== undefined;
      if (hasLimit === hasShare) {
        throw new SequencingInputError(
          at,
          'a max-exposure red line needs exactly one of limit (a value) or share (0-1)',
        );
      }
      if (hasLimit) return { ...base, kind, limit: number(entry, 'limit', at, 0) };
      const share = number(entry, 'share', at, 0);
      if (share > 1) throw new SequencingInputError(`${at}.share`, `${share} is not a share between 0 and 1`);
      return { ...base, kind, share };
    }
    case 'other-starts-first':
      return { ...base, kind, allowance: number(entry, 'allowance', at, 0) };
    case 'all-after-theirs':
      return { ...base, kind };
    case 'deadline':
      return {
        ...base,
        kind,
        measures: measureList(entry, at, measureIds, 1),
        byDay: number(entry, 'byDay', at, 0),
        anchor:
          entry.anchor === undefined
            ? 'complete'
            : oneOf(entry, 'anchor', at, ['complete', 'verified'] as const),
      };
    case 'same-phase':
      return { ...base, kind, measures: measureList(entry, at, measureIds, 2) };
  }
}

function objective(value: unknown): SequencingObjective {
  const entry = object(value, 'objective');
  const weight = (field: keyof SequencingObjective) =>
    entry[field] === undefined ? defaultSequencingObjective[field] : number(entry, field, 'objective', 0);
  return {
    durationWeight: weight('durationWeight'),
    exposureWeight: weight('exposureWeight'),
    imbalanceWeight: weight('imbalanceWeight'),
  };
}

function path(at: string, field: string): string {
  return at === '' ? field : `${at}.${field}`;
}

function object(value: unknown, at: string): Json {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new SequencingInputError(at, 'expected an object');
  }
  // A non-null, non-array object: its fields are read one by one and checked below.
  return value as Json;
}

function array(entry: Json, field: string, at: string, required: boolean): unknown[] {
  const value = entry[field];
  if (value === undefined && !required) return [];
  if (!Array.isArray(value)) throw new SequencingInputError(path(at, field), 'expected an array');
  return value;
}

function string(entry: Json, field: string, at: string): string {
  const value = entry[field];
  if (typeof value !== 'string' || value.trim() === '') {
    throw new SequencingInputError(path(at, field), 'expected a non-empty string');
  }
  return value;
}

function id(entry: Json, field: string, at: string): string {
  const value = string(entry, field, at);
  if (!/^[A-Za-z0-9][A-Za-z0-9_.-]*$/.test(value)) {
    throw new SequencingInputError(
      path(at, field),
      `"${value}" is not an id: letters, digits, "-", "_" and "." only, starting with a letter or digit`,
    );
  }
  return value;
}

function number(entry: Json, field: string, at: string, min: number): number {
  const value = entry[field];
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new SequencingInputError(path(at, field), `expected a number >= ${min}`);
  }
  if (value < min)
    throw new SequencingInputError(path(at, field), `${value} is negative; expected >= ${min}`);
  return value;
}

function integer(entry: Json, field: string, at: string, min: number): number {
  const value = number(entry, field, at, min);
  if (!Number.isInteger(value)) {
    throw new SequencingInputError(path(at, field), `${value} is not a whole number >= ${min}`);
  }
  return value;
}

function oneOf<T extends string>(entry: Json, field: string, at: string, accepted: readonly T[]): T {
  const value = entry[field];
  const found = accepted.find((a) => a === value);
  if (found === undefined) {
    throw new SequencingInputError(
      path(at, field),
      `${JSON.stringify(value) ?? 'nothing'} is not one of ${accepted.join(', ')}`,
    );
  }
  return found;
}

function reference(
  entry: Json,
  field: string,
  at: string,
  known: ReadonlySet<string>,
  what: 'party' | 'measure',
): string {
  if (entry[field] === undefined) {
    throw new SequencingInputError(path(at, field), `missing: expected the id of a ${what}`);
  }
  const value = string(entry, field, at);
  if (!known.has(value)) {
    throw new SequencingInputError(
      path(at, field),
      `unknown ${what} "${value}"; expected one of ${[...known].join(', ')}`,
    );
  }
  return value;
}

function measureList(entry: Json, at: string, known: ReadonlySet<string>, min: number): string[] {
  const list = array(entry, 'measures', at, true);
  if (list.length < min) {
    throw new SequencingInputError(path(at, 'measures'), `expected at least ${min} measure id(s)`);
  }
  const ids: string[] = [];
  list.forEach((value, i) => {
    const where = `${path(at, 'measures')}[${i}]`;
    if (typeof value !== 'string' || !known.has(value)) {
      throw new SequencingInputError(
        where,
        `unknown measure ${JSON.stringify(value)}; expected one of ${[...known].join(', ')}`,
      );
    }
    if (ids.includes(value)) throw new SequencingInputError(where, `"${value}" is listed twice`);
    ids.push(value);
  });
  return ids;
}

function unique(ids: string[], at: string): ReadonlySet<string> {
  const seen = new Set<string>();
  ids.forEach((value, i) => {
    if (seen.has(value)) throw new SequencingInputError(`${at}[${i}].id`, `"${value}" is used twice`);
    seen.add(value);
  });
  return seen;
}
