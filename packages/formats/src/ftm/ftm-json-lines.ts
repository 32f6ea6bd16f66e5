import type { FtmEntity } from '@lockstep/core';
import { FormatError } from '../format-error.ts';

/**
 * One FollowTheMoney entity as a line of JSON: `{"id":...,"schema":...,"properties":{...}}` and a line
 * feed, the form FTM tools read and write (`ftm` JSON lines). Properties are written in the entity's order.
 */
export function ftmJsonLine(entity: FtmEntity): string {
  return `${JSON.stringify({ id: entity.id, schema: entity.schema, properties: entity.properties })}\n`;
}

/**
 * Reads FollowTheMoney JSON lines fed in chunks of UTF-8 bytes, yielding each entity as its line completes.
 * Blank lines are skipped; keys other than `id`, `schema` and `properties` (such as `caption` or `datasets`)
 * are ignored. Errors name the file, the line and the field, e.g. `line 12, properties.entity[0]`.
 */
export async function* readFtmJsonLines(
  chunks: AsyncIterable<Uint8Array>,
  file: string,
): AsyncGenerator<FtmEntity> {
  const decoder = new TextDecoder('utf-8');
  let pending = '';
  let line = 0;
  for await (const chunk of chunks) {
    pending += decoder.decode(chunk, { stream: true });
    let newline = pending.indexOf('\n');
    while (newline !== -1) {
      line += 1;
      const entity = parseLine(pending.slice(0, newline), line, file);
      if (entity) yield entity;
      pending = pending.slice(newline + 1);
      newline = pending.indexOf('\n');
    }
  }
  pending += decoder.decode();
  const last = parseLine(pending, line + 1, file);
  if (last) yield last;
}

function parseLine(text: string, line: number, file: string): FtmEntity | undefined {
  if (text.trim() === '') return undefined;
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new FormatError(
      file,
      `line ${line}`,
      `not valid JSON (${error instanceof Error ? error.message : String(error)}); each line must be one entity`,
    );
  }
  if (!isObject(json))
    throw new FormatError(file, `line ${line}`, 'expected an entity object {"id", "schema", "properties"}');
  const { id, schema, properties } = json;
  if (typeof id !== 'string' || id === '')
    throw new FormatError(file, `line ${line}, id`, 'expected a non-empty string');
  if (typeof schema !== 'string' || !/^[A-Z][A-Za-z]*$/.test(schema)) {
    throw new FormatError(file, `line ${line}, schema`, 'expected a schema name such as Sanction or Person');
  }
  if (!isObject(properties))
    throw new FormatError(file, `line ${line}, properties`, 'expected an object of property lists');
  const checked: Record<string, readonly string[]> = {};
  for (const [name, values] of Object.entries(properties)) {
    if (!Array.isArray(values)) {
      throw new FormatError(file, `line ${line}, properties.${name}`, 'expected an array of strings');
    }
    values.forEach((value: unknown, index) => {
      if (typeof value !== 'string') {
        throw new FormatError(file, `line ${line}, properties.${name}[${index}]`, 'expected a string');
      }
    });
    checked[name] = values as string[]; // every element checked to be a string above
  }
  return { id, schema, properties: checked };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
