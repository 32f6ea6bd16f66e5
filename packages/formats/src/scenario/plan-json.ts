import type { MeasurePlacement } from '@lockstep/core';
import { FormatError } from '../format-error.ts';
import { jsonValueLines, lineOfPath } from './json-lines.ts';

/**
 * Reads a plan file: where each measure goes. Three shapes are accepted:
 * - the output of `lockstep plan solve --json` (its `plan.measures`, days included);
 * - `{"measures": [{"measure": "id", "phase": 0, "startDay": 0}, ...]}` (`startDay` optional: without it the
 *   earliest days the phases allow are used);
 * - `{"phases": [["id", "id"], ["id"]]}`: the measures of each phase, in order (phase 0 first).
 * Every problem is a `FormatError` naming the file, the field path and its line.
 */
export function parsePlanJson(text: string, file: string): MeasurePlacement[] {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new FormatError(file, 'JSON', `not valid JSON (${error instanceof Error ? error.message : error})`);
  }
  const fail = (path: string, problem: string): never => {
    const line = lineOfPath(jsonValueLines(text), path);
    throw new FormatError(file, line === undefined ? path : `${path} (line ${line})`, problem);
  };
  if (!isObject(json)) return fail('(root)', 'expected an object with "measures", "phases" or "plan"');
  if (isObject(json.plan)) return placements(json.plan.measures, 'plan.measures', fail);
  if (json.measures !== undefined) return placements(json.measures, 'measures', fail);
  if (json.phases !== undefined) {
    if (!Array.isArray(json.phases)) return fail('phases', 'expected an array of arrays of measure ids');
    return json.phases.flatMap((ids: unknown, phase) => {
      if (!Array.isArray(ids)) return fail(`phases[${phase}]`, 'expected an array of measure ids');
      return ids.map((id: unknown, i) =>
        typeof id === 'string' && id !== ''
          ? { measure: id, phase }
          : fail(`phases[${phase}][${i}]`, 'expected a measure id'),
      );
    });
  }
  return fail(
    '(root)',
    'no plan found: expected "measures" (a list of {measure, phase, startDay?}), "phases" (lists of ids) or the output of plan solve --json',
  );
}

type Fail = (path: string, problem: string) => never;

function placements(value: unknown, at: string, fail: Fail): MeasurePlacement[] {
  if (!Array.isArray(value)) return fail(at, 'expected an array of {measure, phase, startDay?}');
  return value.map((entry: unknown, i) => {
    const where = `${at}[${i}]`;
    if (!isObject(entry)) return fail(where, 'expected an object {measure, phase, startDay?}');
    if (typeof entry.measure !== 'string' || entry.measure === '')
      return fail(`${where}.measure`, 'expected a measure id');
    if (typeof entry.phase !== 'number' || !Number.isInteger(entry.phase) || entry.phase < 0)
      return fail(`${where}.phase`, 'expected a whole number >= 0 (phase 0 is the first)');
    if (entry.startDay === undefined) return { measure: entry.measure, phase: entry.phase };
    if (typeof entry.startDay !== 'number' || !Number.isFinite(entry.startDay) || entry.startDay < 0)
      return fail(`${where}.startDay`, 'expected a day >= 0');
    return { measure: entry.measure, phase: entry.phase, startDay: entry.startDay };
  });
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
