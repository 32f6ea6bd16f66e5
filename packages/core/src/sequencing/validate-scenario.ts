import { count, listed, path, shown } from '../input-words.ts';
import { tooDeeplyNested } from './json-depth.ts';
import { type RedLineFields, redLineModule } from './red-lines/index.ts';
import { relationCycle } from './relation-cycle.ts';
import {
  type AssumableField,
  assumableFields,
  type MeasureKind,
  measureKinds,
  phaseStarts,
  type RedLine,
  type RelationAnchor,
  redLineKinds,
  relationAnchors,
  type SequencingMeasure,
  type SequencingObjective,
  type SequencingParty,
  type SequencingRelation,
  type SequencingScenario,
  type ValueBasis,
} from './scenario.ts';
import type { ScenarioLimits } from './scenario-limits.ts';
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
 * a red line that names no party, a cycle among the relations (`relations: cycle a -> b -> a`), or anything
 * beyond `limits`: nesting, counts (checked before any entry is read), text lengths and number ranges, each
 * error naming the value and what is accepted.
 */
export function validateScenario(value: unknown, limits: ScenarioLimits): SequencingScenario {
  const root = object(value, '(root)');
  const deep = tooDeeplyNested(value, limits.jsonDepth);
  if (deep !== undefined) {
    throw new SequencingInputError(
      deep,
      `nested more than ${limits.jsonDepth} levels deep; a scenario may nest at most ${limits.jsonDepth} levels (a valid one needs 4)`,
    );
  }
  const read = new Reader(limits);
  const phaseCount = read.integer(root, 'phaseCount', '', 1, limits.phaseCount, 'phases');
  const parties = read
    .array(root, 'parties', '', true, limits.parties, 'parties')
    .map((item, i) => read.party(item, `parties[${i}]`));
  if (parties.length === 0) throw new SequencingInputError('parties', 'expected at least one party');
  const partyIds = unique(
    parties.map((p) => p.id),
    'parties',
  );
  const measures = read
    .array(root, 'measures', '', true, limits.measures, 'measures')
    .map((item, i) => read.measure(item, `measures[${i}]`, partyIds));
  const measureIds = unique(
    measures.map((m) => m.id),
    'measures',
  );
  const relations = read
    .array(root, 'relations', '', false, limits.relations, 'relations')
    .map((item, i) => read.relation(item, `relations[${i}]`, measureIds));
  const cycle = relationCycle([...measureIds], relations);
  if (cycle) {
    throw new SequencingInputError(
      'relations',
      `cycle ${cycle.join(' -> ')}: a measure cannot wait for itself; remove one of these relations`,
    );
  }
  const redLines = read
    .array(root, 'redLines', '', false, limits.redLines, 'red lines')
    .map((item, i) => read.redLine(item, `redLines[${i}]`, partyIds, measureIds));
  unique(
    redLines.map((r) => r.id),
    'redLines',
  );
  return {
    title: read.name(root, 'title', ''),
    ...read.optional(root, 'description', '', 'text'),
    ...read.optionalList(root, 'assumptions'),
    ...read.optionalList(root, 'sources'),
    valueUnit: read.name(root, 'valueUnit', ''),
    ...(root.valueBasis === undefined ? {} : { valueBasis: read.valueBasis(root.valueBasis, partyIds) }),
    phaseCount,
    ...(root.starts === undefined ? {} : { starts: oneOf(root, 'starts', '', phaseStarts) }),
    parties,
    measures,
    relations,
    redLines,
    objective: root.objective === undefined ? defaultSequencingObjective : read.objective(root.objective),
  };
}

/** The field readers of one validation, each holding its field to `limits`. */
class Reader {
  constructor(private readonly limits: ScenarioLimits) {}

  party(value: unknown, at: string): SequencingParty {
    const entry = object(value, at);
    return { id: this.id(entry, 'id', at), name: this.name(entry, 'name', at) };
  }

  /** What a party's values rest on: its id (a basis name), the party it values, a label, the data file. */
  valueBasis(value: unknown, partyIds: ReadonlySet<string>): ValueBasis {
    const entry = object(value, 'valueBasis');
    return {
      id: this.id(entry, 'id', 'valueBasis'),
      party: this.reference(entry, 'party', 'valueBasis', partyIds, 'party'),
      label: this.text(entry, 'label', 'valueBasis'),
      ...this.optional(entry, 'source', 'valueBasis', 'text'),
    };
  }

  measure(value: unknown, at: string, partyIds: ReadonlySet<string>): SequencingMeasure {
    const entry = object(value, at);
    const verifiedBy = entry.verifiedBy === undefined ? undefined : this.name(entry, 'verifiedBy', at);
    return {
      id: this.id(entry, 'id', at),
      party: this.reference(entry, 'party', at, partyIds, 'party'),
      kind: oneOf(entry, 'kind', at, measureKinds) satisfies MeasureKind,
      text: this.text(entry, 'text', at),
      durationDays: this.days(entry, 'durationDays', at),
      value: this.value(entry, 'value', at),
      reversalDays: entry.reversalDays === undefined ? 0 : this.days(entry, 'reversalDays', at),
      ...(verifiedBy === undefined ? {} : { verifiedBy }),
      verificationDays: entry.verificationDays === undefined ? 0 : this.days(entry, 'verificationDays', at),
      ...this.optional(entry, 'source', at, 'text'),
      ...(entry.assumed === undefined ? {} : { assumed: this.assumedFields(entry, at) }),
      ...(entry.facts === undefined ? {} : { facts: this.facts(entry, at) }),
      ...this.optional(entry, 'note', at, 'text'),
    };
  }

  relation(value: unknown, at: string, measureIds: ReadonlySet<string>): SequencingRelation {
    const entry = object(value, at);
    return {
      before: this.reference(entry, 'before', at, measureIds, 'measure'),
      after: this.reference(entry, 'after', at, measureIds, 'measure'),
      anchor:
        entry.anchor === undefined
          ? 'complete'
          : (oneOf(entry, 'anchor', at, relationAnchors) satisfies RelationAnchor),
      lagDays: entry.lagDays === undefined ? 0 : this.days(entry, 'lagDays', at),
    };
  }

  redLine(
    value: unknown,
    at: string,
    partyIds: ReadonlySet<string>,
    measureIds: ReadonlySet<string>,
  ): RedLine {
    const entry = object(value, at);
    const base = {
      id: this.id(entry, 'id', at),
      party: this.reference(entry, 'party', at, partyIds, 'party'),
      ...this.optional(entry, 'text', at, 'text'),
      ...this.optional(entry, 'source', at, 'text'),
    };
    const kind = oneOf(entry, 'kind', at, redLineKinds);
    return redLineModule(kind).validate(this.fields(entry, at, measureIds), base);
  }

  /** A red line entry's fields, read for its kind's module with these limits. */
  fields(entry: Json, at: string, measureIds: ReadonlySet<string>): RedLineFields {
    return {
      at,
      has: (field) => entry[field] !== undefined,
      value: (field) => this.value(entry, field, at),
      days: (field) => this.days(entry, field, at),
      number: (field, min, max, unit) => number(entry, field, at, min, max, unit),
      oneOf: (field, accepted) => oneOf(entry, field, at, accepted),
      measures: (min) => this.measureList(entry, at, measureIds, min),
    };
  }

  objective(value: unknown): SequencingObjective {
    const entry = object(value, 'objective');
    const weight = (field: keyof SequencingObjective) =>
      entry[field] === undefined
        ? defaultSequencingObjective[field]
        : number(entry, field, 'objective', 0, this.limits.weight, 'a weight');
    return {
      durationWeight: weight('durationWeight'),
      exposureWeight: weight('exposureWeight'),
      imbalanceWeight: weight('imbalanceWeight'),
    };
  }

  assumedFields(entry: Json, at: string): AssumableField[] {
    const fields: AssumableField[] = [];
    this.array(entry, 'assumed', at, true, assumableFields.length, 'fields').forEach((value, i) => {
      const where = `${path(at, 'assumed')}[${i}]`;
      const field = assumableFields.find((f) => f === value);
      if (field === undefined) {
        throw new SequencingInputError(where, `${shown(value)} is not one of ${assumableFields.join(', ')}`);
      }
      if (fields.includes(field)) throw new SequencingInputError(where, `"${field}" is listed twice`);
      fields.push(field);
    });
    return fields;
  }

  facts(entry: Json, at: string): Record<string, number | string> {
    const where = path(at, 'facts');
    const value = object(entry.facts, where);
    const facts = Object.entries(value);
    if (facts.length > this.limits.facts) {
      throw new SequencingInputError(
        where,
        `${count(facts.length)} facts is too many; expected at most ${this.limits.facts}`,
      );
    }
    for (const [key, fact] of facts) {
      if (key.length > this.limits.idLength) {
        throw new SequencingInputError(
          where,
          `a fact's name of ${count(key.length)} characters is too long; expected at most ${this.limits.idLength}`,
        );
      }
      if (typeof fact !== 'string' && !(typeof fact === 'number' && Number.isFinite(fact))) {
        throw new SequencingInputError(`${where}.${key}`, 'expected a number or a string');
      }
      if (typeof fact === 'string') this.length(fact, `${where}.${key}`, this.limits.nameLength);
    }
    // Every value was checked to be a string or a finite number just above.
    return { ...(value as Record<string, number | string>) };
  }

  optional<F extends string>(
    entry: Json,
    field: F,
    at: string,
    size: 'name' | 'text',
  ): { [K in F]?: string } {
    if (entry[field] === undefined) return {};
    const value = size === 'name' ? this.name(entry, field, at) : this.text(entry, field, at);
    // An object with the one field: the key type is the literal field name.
    return { [field]: value } as { [K in F]?: string };
  }

  optionalList<F extends string>(entry: Json, field: F): { [K in F]?: string[] } {
    if (entry[field] === undefined) return {};
    const list = this.array(entry, field, '', true, this.limits.listEntries, 'entries').map((value, i) => {
      if (typeof value !== 'string' || value.trim() === '') {
        throw new SequencingInputError(`${field}[${i}]`, 'expected a non-empty string');
      }
      return this.length(value, `${field}[${i}]`, this.limits.textLength);
    });
    // An object with the one field: the key type is the literal field name.
    return { [field]: list } as { [K in F]?: string[] };
  }

  /** An array field, refused before any entry is read when it has more than `max` entries. */
  array(entry: Json, field: string, at: string, required: boolean, max: number, what: string): unknown[] {
    const value = entry[field];
    if (value === undefined && !required) return [];
    if (!Array.isArray(value)) throw new SequencingInputError(path(at, field), 'expected an array');
    if (value.length > max) {
      throw new SequencingInputError(
        path(at, field),
        `${count(value.length)} ${what} is too many; expected at most ${count(max)}`,
      );
    }
    return value;
  }

  /** A short text: a title, a name, a unit. */
  name(entry: Json, field: string, at: string): string {
    return this.length(string(entry, field, at), path(at, field), this.limits.nameLength);
  }

  /** Prose: a description, a measure's text, a note, a source. */
  text(entry: Json, field: string, at: string): string {
    return this.length(string(entry, field, at), path(at, field), this.limits.textLength);
  }

  length(value: string, where: string, max: number): string {
    if (value.length > max) {
      throw new SequencingInputError(
        where,
        `${count(value.length)} characters is too long; expected at most ${count(max)}`,
      );
    }
    return value;
  }

  id(entry: Json, field: string, at: string): string {
    const value = this.length(string(entry, field, at), path(at, field), this.limits.idLength);
    if (!/^[A-Za-z0-9][A-Za-z0-9_.-]*$/.test(value)) {
      throw new SequencingInputError(
        path(at, field),
        `"${value}" is not an id: letters, digits, "-", "_" and "." only, starting with a letter or digit`,
      );
    }
    return value;
  }

  days(entry: Json, field: string, at: string): number {
    return number(entry, field, at, 0, this.limits.days, 'days');
  }

  value(entry: Json, field: string, at: string): number {
    return number(entry, field, at, 0, this.limits.value, 'a value');
  }

  integer(entry: Json, field: string, at: string, min: number, max: number, unit: string): number {
    const value = number(entry, field, at, min, max, unit);
    if (!Number.isInteger(value)) {
      throw new SequencingInputError(
        path(at, field),
        `${value} is not a whole number; expected a whole number of ${unit} from ${min} to ${count(max)}`,
      );
    }
    return value;
  }

  reference(
    entry: Json,
    field: string,
    at: string,
    known: ReadonlySet<string>,
    what: 'party' | 'measure',
  ): string {
    if (entry[field] === undefined) {
      throw new SequencingInputError(path(at, field), `missing: expected the id of a ${what}`);
    }
    const value = this.length(string(entry, field, at), path(at, field), this.limits.idLength);
    if (!known.has(value)) {
      throw new SequencingInputError(
        path(at, field),
        `unknown ${what} "${value}"; expected one of ${listed(known)}`,
      );
    }
    return value;
  }

  measureList(entry: Json, at: string, known: ReadonlySet<string>, min: number): string[] {
    const list = this.array(entry, 'measures', at, true, this.limits.measures, 'measure ids');
    if (list.length < min) {
      throw new SequencingInputError(path(at, 'measures'), `expected at least ${min} measure id(s)`);
    }
    const ids = new Set<string>();
    list.forEach((value, i) => {
      const where = `${path(at, 'measures')}[${i}]`;
      if (typeof value !== 'string' || !known.has(value)) {
        throw new SequencingInputError(
          where,
          `unknown measure ${shown(value)}; expected one of ${listed(known)}`,
        );
      }
      if (ids.has(value)) throw new SequencingInputError(where, `"${value}" is listed twice`);
      ids.add(value);
    });
    return [...ids];
  }
}

function object(value: unknown, at: string): Json {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new SequencingInputError(at, 'expected an object');
  }
  // A non-null, non-array object: its fields are read one by one and checked below.
  return value as Json;
}

function string(entry: Json, field: string, at: string): string {
  const value = entry[field];
  if (typeof value !== 'string' || value.trim() === '') {
    throw new SequencingInputError(path(at, field), 'expected a non-empty string');
  }
  return value;
}

/** A finite number from `min` to `max` (`unit` says what it counts, for the error). */
function number(entry: Json, field: string, at: string, min: number, max: number, unit: string): number {
  const value = entry[field];
  const range = max === Number.POSITIVE_INFINITY ? `>= ${min}` : `from ${min} to ${count(max)}`;
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new SequencingInputError(path(at, field), `expected ${unit}: a number ${range}`);
  }
  if (value < min)
    throw new SequencingInputError(path(at, field), `${value} is negative; expected >= ${min}`);
  if (value > max) {
    throw new SequencingInputError(
      path(at, field),
      `${value} is more than ${count(max)}; expected ${unit} ${range}`,
    );
  }
  return value;
}

function oneOf<T extends string>(entry: Json, field: string, at: string, accepted: readonly T[]): T {
  const value = entry[field];
  const found = accepted.find((a) => a === value);
  if (found === undefined) {
    throw new SequencingInputError(path(at, field), `${shown(value)} is not one of ${accepted.join(', ')}`);
  }
  return found;
}

function unique(ids: string[], at: string): ReadonlySet<string> {
  const seen = new Set<string>();
  ids.forEach((value, i) => {
    if (seen.has(value)) throw new SequencingInputError(`${at}[${i}].id`, `"${value}" is used twice`);
    seen.add(value);
  });
  return seen;
}
