import type { FtmEntity } from '@lockstep/core';
import { limitFileSize } from '../file-size-limit.ts';
import { FormatError } from '../format-error.ts';
import { maxFtmFileBytes, maxFtmLineChars, maxValueChars } from '../input-limits.ts';

/**
 * One FollowTheMoney entity as a line of JSON: `{"id":...,"schema":...,"properties":{...}}` and a line
 * feed, the form FTM tools read and write (`ftm` JSON lines). Properties are written in the entity's order.
 */
export function ftmJsonLine(entity: FtmEntity): string {
  return `${JSON.stringify({ id: entity.id, schema: entity.schema, properties: entity.properties })}\n`;
}

/**
 * Reads FollowTheMoney JSON lines fed in chunks of UTF-8 bytes, yielding each entity as its line completes,
 * in time linear in the file (each chunk is searched for line ends once). Blank lines are skipped; keys other
 * than `id`, `schema` and `properties` (such as `caption` or `datasets`) are ignored. Limits: a line
 * `maxFtmLineChars` characters, a property value `maxValueChars`, the file `maxFtmFileBytes`. Errors name
 * the file, the line and the field, e.g. `line 12, properties.entity[0]`.
 */
export async function* readFtmJsonLines(
  chunks: AsyncIterable<Uint8Array>,
  file: string,
): AsyncGenerator<FtmEntity> {
  const decoder = new TextDecoder('utf-8');
  // The line cut by the end of the last chunk, in parts joined once when it ends.
  let parts: string[] = [];
  let partsLength = 0;
  let line = 0;
  for await (const chunk of limitFileSize(
    chunks,
    file,
    maxFtmFileBytes,
    'a FollowTheMoney JSON lines file',
  )) {
    const text = decoder.decode(chunk, { stream: true });
    let start = 0;
    for (let newline = text.indexOf('\n'); newline !== -1; newline = text.indexOf('\n', start)) {
      line += 1;
      checkLineLength(partsLength + newline - start, line, file);
      const lineText =
        parts.length === 0 ? text.slice(start, newline) : parts.join('') + text.slice(start, newline);
      parts = [];
      partsLength = 0;
      const entity = parseLine(lineText, line, file);
      if (entity) yield entity;
      start = newline + 1;
    }
    if (start < text.length) {
      parts.push(text.slice(start));
      partsLength += text.length - start;
      checkLineLength(partsLength, line + 1, file);
    }
  }
  const rest = parts.join('') + decoder.decode();
  checkLineLength(rest.length, line + 1, file);
  const last = parseLine(rest, line + 1, file);
  if (last) yield last;
}

function checkLineLength(length: number, line: number, file: string): void {
  if (length <= maxFtmLineChars) return;
  throw new FormatError(
    file,
    `line ${line}`,
    `the line is longer than ${maxFtmLineChars.toLocaleString('en')} characters, the most accepted for one entity: is the file JSON lines, one entity a line?`,
  );
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
      const where = `line ${line}, properties.${name}[${index}]`;
      if (typeof value !== 'string') throw new FormatError(file, where, 'expected a string');
      if (value.length > maxValueChars) {
        throw new FormatError(
          file,
          where,
          `a value of ${value.length.toLocaleString('en')} characters; at most ${maxValueChars.toLocaleString('en')} are accepted`,
        );
      }
      if (value.includes('\0')) throw new FormatError(file, where, 'a NUL character (\\u0000) is not text');
    });
    checked[name] = values as string[]; // every element checked to be a string above
  }
  return { id, schema, properties: checked };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
