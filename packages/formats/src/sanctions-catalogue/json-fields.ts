import { type IsoDate, isoDate, UnitError } from '@lockstep/core';
import { FormatError } from '../format-error.ts';

/** A JSON object as read, before its fields are checked. */
export type JsonObject = Readonly<Record<string, unknown>>;

/**
 * Reads the fields of a JSON data file, each check naming the file and the field path
 * (`programs[3].jcpoa`) and saying what is accepted.
 */
export class JsonFields {
  constructor(readonly file: string) {}

  /** Parses the text, failing with the file and the parser's message. */
  parse(text: string): unknown {
    try {
      return JSON.parse(text);
    } catch (error) {
      throw new FormatError(
        this.file,
        'JSON',
        `not valid JSON (${error instanceof Error ? error.message : String(error)})`,
      );
    }
  }

  fail(at: string, problem: string): never {
    throw new FormatError(this.file, at, problem);
  }

  object(value: unknown, at: string): JsonObject {
    if (typeof value !== 'object' || value === null || Array.isArray(value))
      this.fail(at, 'expected an object');
    return value as JsonObject; // a non-null, non-array object
  }

  array(value: unknown, at: string): readonly unknown[] {
    if (!Array.isArray(value)) this.fail(at, 'expected an array');
    return value;
  }

  string(entry: JsonObject, key: string, at: string): string {
    const value = entry[key];
    if (typeof value !== 'string' || value.trim() === '')
      this.fail(`${at}.${key}`, 'expected a non-empty string');
    return value;
  }

  optionalString(entry: JsonObject, key: string, at: string): string | undefined {
    return entry[key] === undefined ? undefined : this.string(entry, key, at);
  }

  boolean(entry: JsonObject, key: string, at: string): boolean {
    const value = entry[key];
    if (typeof value !== 'boolean') this.fail(`${at}.${key}`, 'expected true or false');
    return value;
  }

  optionalBoolean(entry: JsonObject, key: string, at: string): boolean | undefined {
    return entry[key] === undefined ? undefined : this.boolean(entry, key, at);
  }

  date(entry: JsonObject, key: string, at: string): IsoDate {
    const value = this.string(entry, key, at);
    try {
      return isoDate(value);
    } catch (error) {
      if (error instanceof UnitError) this.fail(`${at}.${key}`, error.message);
      throw error;
    }
  }

  optionalDate(entry: JsonObject, key: string, at: string): IsoDate | undefined {
    return entry[key] === undefined ? undefined : this.date(entry, key, at);
  }

  /** One of `allowed`, e.g. a basis or a JCPOA relation. */
  oneOf<T extends string>(entry: JsonObject, key: string, at: string, allowed: readonly T[]): T {
    const value = this.string(entry, key, at);
    const found = allowed.find((candidate) => candidate === value);
    if (found === undefined) this.fail(`${at}.${key}`, `"${value}" is not one of ${allowed.join(', ')}`);
    return found;
  }

  /** A non-empty array of strings, each one of `allowed` when given. */
  strings<T extends string>(entry: JsonObject, key: string, at: string, allowed?: readonly T[]): T[] {
    const list = this.array(entry[key], `${at}.${key}`);
    if (list.length === 0) this.fail(`${at}.${key}`, 'expected a non-empty array');
    return list.map((item, index) => {
      const where = `${at}.${key}[${index}]`;
      if (typeof item !== 'string' || item.trim() === '') this.fail(where, 'expected a non-empty string');
      if (allowed === undefined) return item as T; // any string is accepted when no list is given
      const found = allowed.find((candidate) => candidate === item);
      if (found === undefined) this.fail(where, `"${item}" is not one of ${allowed.join(', ')}`);
      return found;
    });
  }

  /** Fails on a key the format does not define, so a misspelt condition is not silently ignored. */
  onlyKeys(entry: JsonObject, at: string, keys: readonly string[]): void {
    const extra = Object.keys(entry).find((key) => !keys.includes(key));
    if (extra !== undefined)
      this.fail(`${at}.${extra}`, `unknown field; accepted fields are ${keys.join(', ')}`);
  }
}
