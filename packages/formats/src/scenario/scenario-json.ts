import { SequencingInputError, type SequencingScenario, validateScenario } from '@lockstep/core';
import { FormatError } from '../format-error.ts';
import { jsonValueLines, lineOfPath } from './json-lines.ts';

/**
 * Reads a sequencing scenario file (JSON, described by `scenario.schema.json`) into a core
 * `SequencingScenario`. Every problem is a `FormatError` naming the file, the field path and its line
 * (`measures[3].durationDays (line 41)`), or the line and column of a JSON syntax error.
 */
export function parseScenarioJson(text: string, file: string): SequencingScenario {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new FormatError(file, syntaxPlace(text, error), `not valid JSON (${messageOf(error)})`);
  }
  try {
    return validateScenario(json);
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
function syntaxPlace(text: string, error: unknown): string {
  const position = /at position (\d+)/.exec(messageOf(error))?.[1];
  if (position === undefined) return 'JSON';
  const before = text.slice(0, Number(position));
  const line = before.split('\n').length;
  return `line ${line}, column ${Number(position) - before.lastIndexOf('\n')}`;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
