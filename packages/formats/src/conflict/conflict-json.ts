import {
  ConflictInputError,
  type ConflictLimits,
  type ConflictModel,
  type ConflictPreference,
  type ConflictStatement,
  conflictLimits,
  validateConflict,
} from '@lockstep/core';
import { FormatError } from '../format-error.ts';
import { jsonSyntaxPlace, messageOf } from '../json/json-syntax-place.ts';
import { jsonValueLines, lineOfPath } from '../scenario/json-lines.ts';

/** The largest conflict file, in bytes (UTF-8): 1 MiB. A ranking of every state of 20 options fits. */
export const maxConflictFileBytes = 1024 * 1024;

/** Where the published JSON Schema (draft 2020-12) of our conflict format is: `conflict.schema.json` here. */
export const conflictSchemaUrl: URL = new URL('./conflict.schema.json', import.meta.url);

/**
 * Reads a conflict file in our JSON format (described by `conflict.schema.json`) into a core `ConflictModel`,
 * checked by `validateConflict` with `limits`. Every problem is a `FormatError` naming the file, the field path
 * and its line (`options[2].dm (line 31)`), or the line and column of a JSON syntax error; a file over
 * `maxConflictFileBytes` is refused before it is parsed.
 */
export function parseConflictJson(
  text: string,
  file: string,
  limits: ConflictLimits = conflictLimits,
): ConflictModel {
  const json = parseJsonText(text, file, 'a conflict file');
  try {
    return validateConflict(json, limits);
  } catch (error) {
    throw atLine(error, text, file);
  }
}

/**
 * Writes a model in our JSON format, two-space indented with a final newline: statements without a source as
 * plain strings, a ranking's single states as numbers and ties as lists. `parseConflictJson` reads it back to
 * the same model (an option's reversibility is always written).
 */
export function writeConflictJson(model: ConflictModel, schema?: string): string {
  return `${JSON.stringify(conflictJson(model, schema), null, 2)}\n`;
}

/** A model as a value of our JSON format; `schema`, when given, becomes its `$schema`. */
export function conflictJson(model: ConflictModel, schema?: string): Record<string, unknown> {
  return {
    ...(schema === undefined ? {} : { $schema: schema }),
    id: model.id,
    title: model.title,
    ...(model.description === undefined ? {} : { description: model.description }),
    decisionMakers: model.decisionMakers.map((dm) => ({
      id: dm.id,
      name: dm.name,
      ...(dm.source === undefined ? {} : { source: dm.source }),
    })),
    options: model.options.map((option) => ({
      id: option.id,
      name: option.name,
      dm: option.dm,
      reversibility: option.reversibility,
      ...(option.source === undefined ? {} : { source: option.source }),
      ...(option.refersTo === undefined ? {} : { refersTo: option.refersTo }),
    })),
    infeasible: model.infeasible.map(statementJson),
    preferences: Object.fromEntries(
      model.decisionMakers.map((dm) => [dm.id, preferenceJson(model.preferences[dm.id])]),
    ),
    ...(model.statusQuo === undefined ? {} : { statusQuo: model.statusQuo }),
    ...(model.notAnalysed === undefined ? {} : { notAnalysed: model.notAnalysed }),
  };
}

function statementJson(statement: ConflictStatement): unknown {
  return statement.source === undefined ? statement.text : { text: statement.text, source: statement.source };
}

function preferenceJson(preference: ConflictPreference | undefined): unknown {
  switch (preference?.kind) {
    case undefined:
      return undefined;
    case 'statements':
      return { statements: preference.statements.map(statementJson) };
    case 'ranking':
      return { ranking: preference.ranking.map((tie) => (tie.length === 1 ? tie[0] : tie)) };
    case 'payoffs':
      return { payoffs: preference.payoffs };
  }
}

/**
 * `text` parsed as JSON, after a size check: a `FormatError` for a file over `maxConflictFileBytes` (`kind`
 * says what file was expected) or for a syntax error, with its line and column.
 */
export function parseJsonText(text: string, file: string, kind: string): unknown {
  const bytes = Buffer.byteLength(text, 'utf8');
  if (bytes > maxConflictFileBytes) {
    throw new FormatError(
      file,
      '(file)',
      `${bytes.toLocaleString('en')} bytes is too large; ${kind} may have at most ${maxConflictFileBytes.toLocaleString('en')} bytes`,
    );
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new FormatError(file, jsonSyntaxPlace(text, error), `not valid JSON (${messageOf(error)})`);
  }
}

/** A `ConflictInputError` as a `FormatError` naming the file, the field and its line; other errors as they are. */
export function atLine(error: unknown, text: string, file: string): unknown {
  if (!(error instanceof ConflictInputError)) return error;
  const line = lineOfPath(jsonValueLines(text), error.path);
  return new FormatError(
    file,
    line === undefined ? error.path : `${error.path} (line ${line})`,
    error.problem,
  );
}
