import { readFileSync } from 'node:fs';
import { analyzeConflict, compileConflict, optionReversibilities } from '@lockstep/core';
import { textbookConflicts } from '@lockstep/core/testing';
import { describe, expect, it } from 'vitest';
import { FormatError } from '../format-error.ts';
import { schemaErrors as checkSchema, type Schema } from '../json/json-schema-check.testing.ts';
import {
  conflictSchemaUrl,
  maxConflictFileBytes,
  parseConflictJson,
  writeConflictJson,
} from './conflict-json.ts';

const shippedPath = new URL('../../../../conflicts/jcpoa-2021.json', import.meta.url);
const shippedText = readFileSync(shippedPath, 'utf8');
const repoJson = (path: string) =>
  JSON.parse(readFileSync(new URL(`../../../../${path}`, import.meta.url), 'utf8'));

const schema: Schema = JSON.parse(readFileSync(conflictSchemaUrl, 'utf8'));
const schemaErrors = (value: unknown, node: Schema = schema) => checkSchema(schema, value, node);

function formatError(text: string): FormatError {
  try {
    parseConflictJson(text, 'conflict.json');
  } catch (error) {
    if (error instanceof FormatError) return error;
    throw error;
  }
  throw new Error('expected a FormatError');
}

describe('conflicts/jcpoa-2021.json', () => {
  const model = parseConflictJson(shippedText, 'conflicts/jcpoa-2021.json');

  it('parses, meets the schema it names, and compiles', () => {
    const json = JSON.parse(shippedText);
    expect(json.$schema).toBe('../packages/formats/src/conflict/conflict.schema.json');
    expect(new URL(json.$schema, shippedPath).href).toBe(conflictSchemaUrl.href);
    expect(schemaErrors(json, schema)).toEqual([]);
    expect(model.decisionMakers.map((dm) => dm.id)).toEqual(['us', 'iran', 'e3']);
    expect(compileConflict(model).states.length).toBeGreaterThan(1);
  });

  it('starts from the April 2021 status quo: Iran beyond the limits at 60%, US sanctions in place, no snapback', () => {
    const compiled = compileConflict(model);
    const statusQuo = compiled.states[model.statusQuo! - 1]!;
    const taken = compiled.options.filter((_, k) => statusQuo.yn[k] === 'Y').map((o) => o.id);
    expect(taken).toEqual(['iran-60', 'iran-restrict-monitoring']);
  });

  it('quotes a source, with its report, for every DM, option, statement and condition but the two definitional ones', () => {
    for (const dm of model.decisionMakers) expect(dm.source?.quote).toBeTruthy();
    for (const option of model.options) expect(option.source?.report).toBeTruthy();
    for (const preference of Object.values(model.preferences)) {
      expect(preference.kind).toBe('statements');
      if (preference.kind === 'statements')
        for (const s of preference.statements) expect(s.source?.report).toBeTruthy();
    }
    expect(model.infeasible.filter((c) => c.source === undefined).map((c) => c.text)).toEqual([
      'us-lift-all & -us-lift',
      'us-add & us-lift',
    ]);
  });

  it('refers only to red lines and steps that exist, and snapback is irreversible', () => {
    const redLines = new Set(
      repoJson('data/sequencing/stated-red-lines-2021.json').redLines.map((r: { id: string }) => r.id),
    );
    const steps = new Set(repoJson('scenarios/jcpoa-2021.json').measures.map((m: { id: string }) => m.id));
    const references = model.options.flatMap((o) => o.refersTo ?? []);
    expect(references.length).toBeGreaterThan(10);
    for (const reference of references) {
      expect(reference.kind === 'red-line' ? redLines.has(reference.id) : steps.has(reference.id)).toBe(true);
    }
    expect(model.options.find((o) => o.id === 'e3-snapback')?.reversibility).toBe('fwd');
  });

  it('has the equilibria conflicts/README.md explains', () => {
    const analysis = analyzeConflict(compileConflict(model));
    expect(analysis.equilibria.nash).toEqual([6, 17, 26, 37]);
    expect(analysis.equilibria.seq).toEqual([6, 17, 26, 37]);
    expect(
      readFileSync(new URL('../../../../conflicts/README.md', import.meta.url), 'utf8').replace(/\s+/g, ' '),
    ).toContain('states 6, 17, 26 and 37');
  });
});

describe('parseConflictJson and writeConflictJson', () => {
  it('write then read gives the same model', () => {
    const model = parseConflictJson(shippedText, 'jcpoa-2021.json');
    expect(parseConflictJson(writeConflictJson(model), 'written.json')).toEqual(model);
    for (const { model: textbook } of textbookConflicts) {
      expect(parseConflictJson(writeConflictJson(textbook), 'written.json')).toEqual(textbook);
    }
  });

  it('names the field path and its line', () => {
    const broken = shippedText.replace('"dm": "iran"', '"dm": "tehran"');
    const error = formatError(broken);
    expect(error.where).toMatch(/^options\[3\]\.dm \(line \d+\)$/);
    const line = Number(/line (\d+)/.exec(error.where)?.[1]);
    expect(broken.split('\n')[line - 1]).toContain('"dm": "tehran"');
    expect(error.problem).toContain('unknown decision maker "tehran"');
  });

  it('names the line and column of a JSON syntax error, and refuses a file over the size limit', () => {
    expect(formatError('{\n  "id": "x",\n  , "title": "t"\n}').where).toBe('line 3, column 3');
    expect(formatError(' '.repeat(maxConflictFileBytes + 1)).problem).toContain('too large');
  });

  it('lists the same reversibilities in the schema as the core', () => {
    const option = (schema.$defs as Record<string, { properties: Record<string, { enum: unknown[] }> }>)
      .option!;
    expect(option.properties.reversibility!.enum).toEqual([...optionReversibilities]);
  });
});
