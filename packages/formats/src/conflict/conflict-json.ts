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
    throw new FormatError(file, syntaxPlace(text, error), `not valid JSON (${messageOf(error)})`);
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

/** `line L, column C` of a JSON.parse error, or `JSON` when the place cannot be found. */
function syntaxPlace(text: string, error: unknown): string {
  const position = syntaxPosition(text, messageOf(error));
  if (position === undefined) return 'JSON';
  const before = text.slice(0, position);
  const line = before.split('\n').length;
  return `line ${line}, column ${position - before.lastIndexOf('\n')}`;
}

/**
 * Where a JSON text goes wrong: the position V8 reports, the end for an unexpected end, else (Node 20 names an
 * unexpected token without its place) the shortest prefix that fails for a reason other than ending early.
 */
function syntaxPosition(text: string, message: string): number | undefined {
  const reported = /at position (\d+)/.exec(message)?.[1];
  if (reported !== undefined) return Number(reported);
  if (/Unexpected end/.test(message)) return text.length;
  const failsInside = (length: number): boolean => {
    try {
      JSON.parse(text.slice(0, length));
      return false;
    } catch (error) {
      const at = /at position (\d+)/.exec(messageOf(error))?.[1];
      return !/Unexpected end/.test(messageOf(error)) && (at === undefined || Number(at) < length);
    }
  };
  let [low, high] = [0, text.length];
  if (!failsInside(high)) return undefined;
  while (low < high) {
    const middle = Math.floor((low + high) / 2);
    if (failsInside(middle)) high = middle;
    else low = middle + 1;
  }
  return low - 1;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
