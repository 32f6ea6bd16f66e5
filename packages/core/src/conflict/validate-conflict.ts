import { count, listed, path, shown } from '../input-words.ts';
import { tooDeeplyNested } from '../sequencing/json-depth.ts';
import { ConflictInputError } from './conflict-input-error.ts';
import type {
  ConflictDecisionMaker,
  ConflictModel,
  ConflictOption,
  ConflictPreference,
  ConflictReference,
  ConflictSource,
  ConflictStatement,
  OptionReversibility,
} from './conflict-model.ts';

/**
 * The sizes a conflict file is held to. Analysis enumerates every combination of options, so the option count
 * bounds the work (20 options, 1,048,576 combinations); the rest keep a hostile file small and every error fast.
 */
export interface ConflictLimits {
  /** Decision makers: 8. */
  readonly decisionMakers: number;
  /** Options, all DMs together: 20. */
  readonly options: number;
  /** Infeasible conditions: 100. */
  readonly infeasible: number;
  /** Statements in one DM's option prioritisation: 50 (statement j of m weighs 2^(m-1-j), exact up to 2^52). */
  readonly statements: number;
  /** References of one option to the workbench's other areas: 20. */
  readonly references: number;
  /** Entries of `notAnalysed`: 50. */
  readonly notAnalysed: number;
  /** The largest state number a ranking, payoff or status quo may name: 2^20, the most states there can be. */
  readonly stateNumber: number;
  /** Characters in an id: 100. */
  readonly idLength: number;
  /** Characters in a title or name: 200. */
  readonly nameLength: number;
  /** Characters in a statement or condition: 1,000. */
  readonly statementLength: number;
  /** Characters in prose: a description, a quote, a report, a `notAnalysed` sentence: 4,000. */
  readonly textLength: number;
  /** How deeply the file's JSON may nest: 8 levels (a valid file needs 6). */
  readonly jsonDepth: number;
}

/** The limits `validateConflict` applies unless told otherwise. */
export const conflictLimits: ConflictLimits = {
  decisionMakers: 8,
  options: 20,
  infeasible: 100,
  statements: 50,
  references: 20,
  notAnalysed: 50,
  stateNumber: 2 ** 20,
  idLength: 100,
  nameLength: 200,
  statementLength: 1000,
  textLength: 4000,
  jsonDepth: 8,
};

/** The reversibilities an option may have, as GMCR+ names them. */
export const optionReversibilities = [
  'both',
  'fwd',
  'back',
] as const satisfies readonly OptionReversibility[];

/** The kinds of reference an option may make to the workbench's other areas. */
export const conflictReferenceKinds = [
  'red-line',
  'nuclear-step',
  'sanctions-step',
] as const satisfies readonly ConflictReference['kind'][];

/** The top-level fields of a conflict file. */
const rootFields = [
  '$schema',
  'id',
  'title',
  'description',
  'decisionMakers',
  'options',
  'infeasible',
  'preferences',
  'statusQuo',
  'notAnalysed',
] as const;

/** Words of the statement syntax, which an option id cannot be. */
const statementKeywords = new Set(['if', 'iff']);

type Json = Record<string, unknown>;

/**
 * Checks a parsed conflict file (any JSON value, our JSON format described by `conflict.schema.json` in
 * `@lockstep/formats`) and returns it as a `ConflictModel`. Structural checks only: fields and their types,
 * no field the format does not have, ids well formed and unique (DMs; options, which also may not be `IF` or
 * `IFF`), every option owned by a known DM and every DM owning at least one option, exactly one preference
 * (`statements`, `ranking` or `payoffs`) for every DM and none for an unknown one, state numbers (ranking
 * entries, payoff keys, `statusQuo`) whole numbers from 1, and everything within `limits`. Statements and
 * conditions are read as text; whether they parse, and whether a ranking covers the feasible states, is
 * checked by `compileConflict`, which needs the states. An option's `reversibility` defaults to `both`.
 * Throws a `ConflictInputError` naming the field (`options[2].dm`) and what is accepted.
 */
export function validateConflict(json: unknown, limits: ConflictLimits = conflictLimits): ConflictModel {
  const root = object(json, '(root)');
  const deep = tooDeeplyNested(json, limits.jsonDepth);
  if (deep !== undefined) {
    throw new ConflictInputError(
      deep,
      `nested more than ${limits.jsonDepth} levels deep; a conflict file nests at most ${limits.jsonDepth} levels`,
    );
  }
  knownFields(root, '', rootFields, 'a conflict');
  const read = new Reader(limits);
  const decisionMakers = read
    .array(root, 'decisionMakers', '', limits.decisionMakers, 'decision makers')
    .map((item, i) => read.decisionMaker(item, `decisionMakers[${i}]`));
  if (decisionMakers.length < 2) {
    throw new ConflictInputError(
      'decisionMakers',
      `${decisionMakers.length} decision maker(s); a conflict needs at least 2`,
    );
  }
  const dmIds = unique(
    decisionMakers.map((dm) => dm.id),
    'decisionMakers',
  );
  const options = read
    .array(root, 'options', '', limits.options, 'options')
    .map((item, i) => read.option(item, `options[${i}]`, dmIds));
  unique(
    options.map((o) => o.id),
    'options',
  );
  decisionMakers.forEach((dm, i) => {
    if (!options.some((o) => o.dm === dm.id)) {
      throw new ConflictInputError(
        `decisionMakers[${i}]`,
        `"${dm.id}" owns no option; every decision maker needs at least one (an option's "dm" names its owner)`,
      );
    }
  });
  const infeasible =
    root.infeasible === undefined
      ? []
      : read
          .array(root, 'infeasible', '', limits.infeasible, 'infeasible conditions', 0)
          .map((item, i) => read.statement(item, `infeasible[${i}]`));
  const preferences = read.preferences(root, dmIds);
  return {
    id: read.id(root, 'id', ''),
    title: read.text(root, 'title', '', limits.nameLength),
    ...(root.description === undefined
      ? {}
      : { description: read.text(root, 'description', '', limits.textLength) }),
    decisionMakers,
    options,
    infeasible,
    preferences,
    ...(root.statusQuo === undefined ? {} : { statusQuo: read.stateNumber(root.statusQuo, 'statusQuo') }),
    ...(root.notAnalysed === undefined ? {} : { notAnalysed: read.notAnalysed(root) }),
  };
}

/** The field readers of one validation, each holding its field to `limits`. */
class Reader {
  constructor(private readonly limits: ConflictLimits) {}

  decisionMaker(value: unknown, at: string): ConflictDecisionMaker {
    const entry = object(value, at);
    knownFields(entry, at, ['id', 'name', 'source'], 'a decision maker');
    return {
      id: this.id(entry, 'id', at),
      name: this.text(entry, 'name', at, this.limits.nameLength),
      ...this.source(entry, at),
    };
  }

  option(value: unknown, at: string, dmIds: ReadonlySet<string>): ConflictOption {
    const entry = object(value, at);
    knownFields(entry, at, ['id', 'name', 'dm', 'reversibility', 'source', 'refersTo'], 'an option');
    const id = this.id(entry, 'id', at);
    if (statementKeywords.has(id.toLowerCase())) {
      throw new ConflictInputError(
        path(at, 'id'),
        `"${id}" is a word of the statement syntax (IF, IFF); choose another id`,
      );
    }
    if (!/^[A-Za-z]/.test(id)) {
      throw new ConflictInputError(
        path(at, 'id'),
        `"${id}" does not start with a letter; an option id is used in statements (where "-" means not), so it starts with a letter`,
      );
    }
    if (entry.dm === undefined) {
      throw new ConflictInputError(
        path(at, 'dm'),
        `missing: expected the id of its owner, one of ${listed(dmIds)}`,
      );
    }
    const dm = this.id(entry, 'dm', at);
    if (!dmIds.has(dm)) {
      throw new ConflictInputError(
        path(at, 'dm'),
        `unknown decision maker "${dm}"; expected one of ${listed(dmIds)}`,
      );
    }
    return {
      id,
      name: this.text(entry, 'name', at, this.limits.nameLength),
      dm,
      reversibility:
        entry.reversibility === undefined ? 'both' : oneOf(entry, 'reversibility', at, optionReversibilities),
      ...this.source(entry, at),
      ...(entry.refersTo === undefined ? {} : { refersTo: this.references(entry, at) }),
    };
  }

  references(entry: Json, at: string): ConflictReference[] {
    const where = path(at, 'refersTo');
    return this.array(entry, 'refersTo', at, this.limits.references, 'references', 0).map((value, i) => {
      const reference = object(value, `${where}[${i}]`);
      knownFields(reference, `${where}[${i}]`, ['kind', 'id'], 'a reference');
      return {
        kind: oneOf(reference, 'kind', `${where}[${i}]`, conflictReferenceKinds),
        id: this.id(reference, 'id', `${where}[${i}]`),
      };
    });
  }

  /** A statement or condition: its text alone, or `{text, source}`. */
  statement(value: unknown, at: string): ConflictStatement {
    if (typeof value === 'string') return { text: this.statementText(value, at) };
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      throw new ConflictInputError(at, 'expected a statement: its text, or an object {"text", "source"}');
    }
    // A non-null, non-array object: its fields are read one by one below.
    const entry = value as Json;
    knownFields(entry, at, ['text', 'source'], 'a statement');
    if (typeof entry.text !== 'string') {
      throw new ConflictInputError(path(at, 'text'), 'expected the statement as a non-empty string');
    }
    return { text: this.statementText(entry.text, path(at, 'text')), ...this.source(entry, at) };
  }

  statementText(value: string, at: string): string {
    if (value.trim() === '') throw new ConflictInputError(at, 'expected a non-empty statement');
    return this.length(value, at, this.limits.statementLength);
  }

  preferences(root: Json, dmIds: ReadonlySet<string>): Record<string, ConflictPreference> {
    const all = object(
      root.preferences,
      'preferences',
      'expected an object with one preference per decision maker id',
    );
    for (const key of Object.keys(all)) {
      if (!dmIds.has(key)) {
        throw new ConflictInputError(
          `preferences.${key}`,
          `unknown decision maker "${key}"; expected one of ${listed(dmIds)}`,
        );
      }
    }
    const preferences: Record<string, ConflictPreference> = {};
    for (const dm of dmIds) {
      const at = `preferences.${dm}`;
      if (all[dm] === undefined) {
        throw new ConflictInputError(
          at,
          `missing: every decision maker needs a preference ("statements", "ranking" or "payoffs")`,
        );
      }
      preferences[dm] = this.preference(all[dm], at);
    }
    return preferences;
  }

  preference(value: unknown, at: string): ConflictPreference {
    const entry = object(value, at, 'expected an object with one of "statements", "ranking", "payoffs"');
    knownFields(entry, at, ['statements', 'ranking', 'payoffs'], 'a preference');
    const forms = ['statements', 'ranking', 'payoffs'].filter((form) => entry[form] !== undefined);
    if (forms.length !== 1) {
      throw new ConflictInputError(
        at,
        forms.length === 0
          ? 'expected one of "statements", "ranking", "payoffs"'
          : `has ${forms.join(' and ')}; give exactly one of "statements", "ranking", "payoffs"`,
      );
    }
    if (entry.statements !== undefined) {
      const statements = this.array(entry, 'statements', at, this.limits.statements, 'statements', 0).map(
        (item, i) => this.statement(item, `${at}.statements[${i}]`),
      );
      return { kind: 'statements', statements };
    }
    if (entry.ranking !== undefined) {
      const ranking = this.array(entry, 'ranking', at, this.limits.stateNumber, 'ranking entries').map(
        (item, i): number[] => {
          const where = `${at}.ranking[${i}]`;
          if (!Array.isArray(item)) return [this.stateNumber(item, where)];
          if (item.length === 0) {
            throw new ConflictInputError(where, 'an empty list; a tie lists the states preferred equally');
          }
          return item.map((state, j) => this.stateNumber(state, `${where}[${j}]`));
        },
      );
      return { kind: 'ranking', ranking };
    }
    const where = `${at}.payoffs`;
    const payoffs: Record<string, number> = {};
    const entries = Object.entries(
      object(entry.payoffs, where, 'expected an object: a number per state number'),
    );
    if (entries.length > this.limits.stateNumber) {
      throw new ConflictInputError(
        where,
        `${count(entries.length)} payoffs is too many; there are at most ${count(this.limits.stateNumber)} states`,
      );
    }
    for (const [state, payoff] of entries) {
      if (!/^[1-9][0-9]*$/.test(state) || Number(state) > this.limits.stateNumber) {
        throw new ConflictInputError(
          `${where}.${state}`,
          `"${state}" is not a state number; expected keys 1 to ${count(this.limits.stateNumber)}`,
        );
      }
      if (typeof payoff !== 'number' || !Number.isFinite(payoff)) {
        throw new ConflictInputError(`${where}.${state}`, 'expected a number (higher is preferred)');
      }
      payoffs[state] = payoff;
    }
    return { kind: 'payoffs', payoffs };
  }

  stateNumber(value: unknown, at: string): number {
    if (
      typeof value !== 'number' ||
      !Number.isInteger(value) ||
      value < 1 ||
      value > this.limits.stateNumber
    ) {
      throw new ConflictInputError(
        at,
        `${shown(value)} is not a state number; expected a whole number from 1 to ${count(this.limits.stateNumber)}`,
      );
    }
    return value;
  }

  notAnalysed(root: Json): string[] {
    return this.array(root, 'notAnalysed', '', this.limits.notAnalysed, 'entries', 0).map((value, i) => {
      if (typeof value !== 'string' || value.trim() === '') {
        throw new ConflictInputError(`notAnalysed[${i}]`, 'expected a non-empty sentence');
      }
      return this.length(value, `notAnalysed[${i}]`, this.limits.textLength);
    });
  }

  /** `{source}` when the entry has one: `{quote, report}`, both non-empty. */
  source(entry: Json, at: string): { source?: ConflictSource } {
    if (entry.source === undefined) return {};
    const where = path(at, 'source');
    const source = object(entry.source, where, 'expected an object {"quote", "report"}');
    knownFields(source, where, ['quote', 'report'], 'a source');
    return {
      source: {
        quote: this.text(source, 'quote', where, this.limits.textLength),
        report: this.text(source, 'report', where, this.limits.textLength),
      },
    };
  }

  /** An array field, refused before any entry is read when it has more than `max` entries. */
  array(entry: Json, field: string, at: string, max: number, what: string, min = 1): unknown[] {
    const value = entry[field];
    if (!Array.isArray(value)) {
      throw new ConflictInputError(
        path(at, field),
        value === undefined ? `missing: expected an array of ${what}` : `expected an array of ${what}`,
      );
    }
    if (value.length > max) {
      throw new ConflictInputError(
        path(at, field),
        `${count(value.length)} ${what} is too many; expected at most ${count(max)}`,
      );
    }
    if (value.length < min)
      throw new ConflictInputError(path(at, field), `expected at least ${min} of ${what}`);
    return value;
  }

  text(entry: Json, field: string, at: string, max: number): string {
    const value = entry[field];
    if (typeof value !== 'string' || value.trim() === '') {
      throw new ConflictInputError(
        path(at, field),
        value === undefined
          ? 'missing: expected a non-empty string'
          : `${shown(value)}: expected a non-empty string`,
      );
    }
    return this.length(value, path(at, field), max);
  }

  id(entry: Json, field: string, at: string): string {
    const value = this.text(entry, field, at, this.limits.idLength);
    if (!/^[A-Za-z0-9][A-Za-z0-9_.-]*$/.test(value)) {
      throw new ConflictInputError(
        path(at, field),
        `"${value}" is not an id: letters, digits, "-", "_" and "." only, starting with a letter or digit`,
      );
    }
    return value;
  }

  length(value: string, where: string, max: number): string {
    if (value.length > max) {
      throw new ConflictInputError(
        where,
        `${count(value.length)} characters is too long; expected at most ${count(max)}`,
      );
    }
    return value;
  }
}

/** The set of `ids`, or an error naming the second entry of a repeated one (`options[4].id`). */
function unique(ids: readonly string[], field: string): Set<string> {
  const seen = new Set<string>();
  ids.forEach((id, i) => {
    if (seen.has(id)) {
      throw new ConflictInputError(
        `${field}[${i}].id`,
        `"${id}" is already the id of ${field}[${ids.indexOf(id)}]; ids must be unique`,
      );
    }
    seen.add(id);
  });
  return seen;
}

/** Refuses a field the format does not have, so a misspelt one is not silently ignored. */
function knownFields(entry: Json, at: string, fields: readonly string[], what: string): void {
  for (const field of Object.keys(entry)) {
    if (!fields.includes(field)) {
      throw new ConflictInputError(path(at, field), `not a field of ${what}; expected ${fields.join(', ')}`);
    }
  }
}

function oneOf<const T extends readonly string[]>(
  entry: Json,
  field: string,
  at: string,
  accepted: T,
): T[number] {
  const value = entry[field];
  const found = accepted.find((a) => a === value);
  if (found === undefined) {
    throw new ConflictInputError(path(at, field), `${shown(value)} is not one of ${accepted.join(', ')}`);
  }
  return found;
}

function object(value: unknown, at: string, expected = 'expected an object'): Json {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new ConflictInputError(at, value === undefined ? `missing: ${expected}` : expected);
  }
  // A non-null, non-array object: its fields are read one by one by the callers.
  return value as Json;
}
