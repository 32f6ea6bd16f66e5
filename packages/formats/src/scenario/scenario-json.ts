import {
  type ScenarioLimits,
  SequencingInputError,
  type SequencingScenario,
  validateScenario,
} from '@lockstep/core';
import { FormatError } from '../format-error.ts';
import { jsonSyntaxPlace, messageOf } from '../json/json-syntax-place.ts';
import { jsonValueLines, lineOfPath } from './json-lines.ts';

/** The limits a scenario file is held to: the scenario's own, and the size of the file. */
export interface ScenarioFileLimits extends ScenarioLimits {
  /** The largest file, in bytes (UTF-8). */
  readonly fileBytes: number;
}

/**
 * Reads a sequencing scenario file (JSON, described by `scenario.schema.json`) into a core
 * `SequencingScenario`, held to `limits`. Every problem is a `FormatError` naming the file, the field path
 * and its line (`measures[3].durationDays (line 41)`), or the line and column of a JSON syntax error; a
 * file over the size limit is refused before it is parsed.
 */
export function parseScenarioJson(
  text: string,
  file: string,
  limits: ScenarioFileLimits,
): SequencingScenario {
  const bytes = Buffer.byteLength(text, 'utf8');
  if (bytes > limits.fileBytes) {
    throw new FormatError(
      file,
      '(file)',
      `${bytes.toLocaleString('en')} bytes is too large; a scenario file may have at most ${limits.fileBytes.toLocaleString('en')} bytes`,
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new FormatError(file, jsonSyntaxPlace(text, error), `not valid JSON (${messageOf(error)})`);
  }
  try {
    return validateScenario(json, limits);
  } catch (error) {
    if (!(error instanceof SequencingInputError)) throw error;
    const line = lineOfPath(jsonValueLines(text), error.path);
    throw new FormatError(
      file,
      line === undefined ? error.path : `${error.path} (line ${line})`,
      error.problem,
    );
  }
}

/** `line L, column C` of a JSON.parse error, from the position V8 reports, or `JSON` when it gives none. */
