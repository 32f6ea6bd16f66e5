import { extname } from 'node:path';
import type { ConflictFileFormat, ConflictModelInput } from '@lockstep/contract';
import {
  type CompiledConflict,
  ConflictInputError,
  type ConflictModel,
  compileConflict,
  validateConflict,
} from '@lockstep/core';
import { FormatError, maxConflictFileBytes, parseConflictJson, parseGmcrFile } from '@lockstep/formats';
import { InputError } from '../input-error.ts';
import { readBoundedText } from '../plans/read-bounded-text.ts';

/** A conflict as read, with where it came from: the field or file its errors name. */
export interface ConflictRead {
  readonly model: ConflictModel;
  /** How errors in the model are named: `model.options[2].dm` (a request) or `game.gmcr: options[2].dm` (a file). */
  readonly at: (path: string) => { message: (problem: string) => string; field: string };
}

/** The format of a conflict file, by its extension: `.gmcr` is GMCR+'s, anything else Lockstep's JSON. */
export function conflictFormatOf(path: string): ConflictFileFormat {
  return extname(path).toLowerCase() === '.gmcr' ? 'gmcr' : 'json';
}

/**
 * A conflict from a request's `model` (Lockstep's format, checked by `validateConflict`) or `gmcr` (a GMCR+
 * save file, as text or JSON); exactly one. A problem is an `InputError` naming the field (`model.options[2].dm`,
 * or `gmcr` with the place in the file).
 */
export function conflictFromRequest(input: ConflictModelInput): ConflictRead {
  if ((input.model === undefined) === (input.gmcr === undefined)) {
    throw new InputError(
      'give the conflict as `model` (Lockstep’s format) or as `gmcr` (a GMCR+ save file), exactly one',
      'model',
    );
  }
  if (input.model !== undefined) {
    try {
      return { model: validateConflict(input.model), at: requestField('model') };
    } catch (error) {
      if (error instanceof ConflictInputError) {
        throw new InputError(`model.${error.message}`, `model.${error.path}`);
      }
      throw error;
    }
  }
  const text = typeof input.gmcr === 'string' ? input.gmcr : JSON.stringify(input.gmcr);
  try {
    return { model: parseGmcrFile(text, 'gmcr'), at: requestField('gmcr') };
  } catch (error) {
    if (error instanceof FormatError) throw new InputError(error.message, 'gmcr');
    throw error;
  }
}

function requestField(root: 'model' | 'gmcr'): ConflictRead['at'] {
  return (path) =>
    root === 'model'
      ? { field: `model.${path}`, message: (problem) => `model.${path}: ${problem}` }
      : { field: 'gmcr', message: (problem) => `gmcr: ${path}: ${problem}` };
}

/**
 * A conflict file: `.gmcr` read as a GMCR+ save file, anything else as Lockstep's JSON format; at most
 * `maxConflictFileBytes`. A problem is an `InputError` on `path` whose message names the file and the field.
 */
export function conflictFromFile(path: string): ConflictRead {
  const format = conflictFormatOf(path);
  const text = readBoundedText(path, maxConflictFileBytes, 'path', 'conflict');
  try {
    const model = format === 'gmcr' ? parseGmcrFile(text, path) : parseConflictJson(text, path);
    return {
      model,
      at: (field) => ({ field: 'path', message: (problem) => `${path}: ${field}: ${problem}` }),
    };
  } catch (error) {
    if (error instanceof FormatError) throw new InputError(error.message, 'path');
    throw error;
  }
}

/**
 * Numbers the states and ranks them (`compileConflict`); a model the analysis refuses (an unparsable statement, a
 * ranking that misses a state, no feasible state) is an `InputError` named as the conflict was read.
 */
export function compileRead(read: ConflictRead): CompiledConflict {
  try {
    return compileConflict(read.model);
  } catch (error) {
    if (error instanceof ConflictInputError) {
      const { field, message } = read.at(error.path);
      throw new InputError(message(error.problem), field);
    }
    throw error;
  }
}

/**
 * Runs `work`, turning a `ConflictInputError` about a request's own field (`state`, `dm`, `from`, `target`) into
 * an `InputError` on that field.
 */
export function withInputErrors<T>(work: () => T): T {
  try {
    return work();
  } catch (error) {
    if (error instanceof ConflictInputError) throw new InputError(error.message, error.path);
    throw error;
  }
}
