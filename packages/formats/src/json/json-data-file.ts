import { isoDate, UnitError } from '@lockstep/core';
import { z } from 'zod';
import { FormatError } from '../format-error.ts';

/*
 * The data files Lockstep writes itself (the program catalogue, the positions) are described by zod
 * schemas: parsing with the schema is the validation, and the published JSON Schema beside each file is
 * generated from the same schema (scripts/generate-json-schemas.ts). The helpers here build those schemas
 * so that every refusal says what is accepted; `parseJsonDataFile` adds the file and the field path.
 */

/** A value as an error shows it: short values whole, long texts by their size. */
function shown(value: unknown): string {
  if (typeof value === 'string')
    return value.length > 60 ? `a text of ${value.length} characters` : JSON.stringify(value);
  if (Array.isArray(value)) return 'an array';
  if (value === null) return 'null';
  if (typeof value === 'object') return 'an object';
  return String(value);
}

/** The error option of a schema: `missing: expected X` or `VALUE is not accepted: expected X`. */
function expecting(accepted: string) {
  return {
    error: (issue: { readonly input?: unknown }) =>
      issue.input === undefined
        ? `missing: expected ${accepted}`
        : `${shown(issue.input)}: expected ${accepted}`,
  };
}

/** A string with something other than spaces in it. */
export function nonEmptyText() {
  return z.string(expecting('a non-empty string')).regex(/\S/, 'expected a non-empty string');
}

/** A kebab-case id such as `example`. */
export function kebabId(example: string) {
  return z.string(expecting(`a kebab-case id such as ${example}`)).regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, {
    error: (issue) => `${shown(issue.input)} is not a kebab-case id such as ${example}`,
  });
}

/** A calendar date as YYYY-MM-DD (an impossible day such as 2021-02-30 is refused). */
export function dateText() {
  return z
    .string(expecting('a date as YYYY-MM-DD'))
    .regex(/^\d{4}-\d{2}-\d{2}$/, {
      error: (issue) => `${shown(issue.input)}: expected a date as YYYY-MM-DD`,
    })
    .superRefine((value, context) => {
      try {
        isoDate(value);
      } catch (error) {
        if (!(error instanceof UnitError)) throw error;
        context.addIssue({ code: 'custom', message: error.message, input: value });
      }
    });
}

/** One of `values`, e.g. a basis or a JCPOA relation. */
export function oneOf<const T extends readonly [string, ...string[]]>(values: T) {
  return z.enum(values, {
    error: (issue) =>
      issue.input === undefined
        ? `missing: expected one of ${values.join(', ')}`
        : `${shown(issue.input)} is not one of ${values.join(', ')}`,
  });
}

/** True or false. */
export function yesOrNo() {
  return z.boolean(expecting('true or false'));
}

/** An array of at least one `item`; `what` names the entries in the refusal (`a rule`). */
export function nonEmptyList<T extends z.ZodType>(item: T, what: string) {
  return z.array(item, expecting(`an array of ${what}`)).min(1, `expected at least one ${what}`);
}

/** An array of `item`, possibly empty. */
export function list<T extends z.ZodType>(item: T, what: string) {
  return z.array(item, expecting(`an array of ${what}`));
}

/**
 * An object with only these fields, so that a misspelt one is refused rather than ignored: the refusal
 * names the field and lists the accepted ones.
 */
export function fields<S extends z.ZodRawShape>(shape: S) {
  const accepted = Object.keys(shape).join(', ');
  return z.strictObject(shape, {
    error: (issue) =>
      issue.code === 'unrecognized_keys'
        ? `unknown field; accepted fields are ${accepted}`
        : issue.input === undefined
          ? `missing: expected an object with ${accepted}`
          : `${shown(issue.input)}: expected an object with ${accepted}`,
  });
}

/** A zod issue's path as the errors write it: `positions[0].rules[3].when`, `(root)` for the whole file. */
export function fieldPath(path: readonly PropertyKey[]): string {
  let text = '';
  for (const key of path) {
    if (typeof key === 'number') text += `[${key}]`;
    else text += text === '' ? String(key) : `.${String(key)}`;
  }
  return text === '' ? '(root)' : text;
}

/**
 * Parses a JSON data file with its schema. Every problem is a `FormatError` naming the file, the field
 * path (`programs[3].jcpoa`; for a field the format does not define, that field) and what is accepted.
 */
export function parseJsonDataFile<S extends z.ZodType>(text: string, file: string, schema: S): z.output<S> {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new FormatError(
      file,
      'JSON',
      `not valid JSON (${error instanceof Error ? error.message : String(error)})`,
    );
  }
  const parsed = schema.safeParse(json);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  const path = issue.code === 'unrecognized_keys' ? [...issue.path, issue.keys[0]!] : issue.path;
  throw new FormatError(file, fieldPath(path), issue.message);
}
