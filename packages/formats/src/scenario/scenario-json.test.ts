import { readFileSync } from 'node:fs';
import { measureKinds, redLineKinds, relationAnchors } from '@lockstep/core';
import { roomyScenarioLimits } from '@lockstep/core/testing';
import { describe, expect, it } from 'vitest';
import { FormatError } from '../format-error.ts';
import { schemaErrors as checkSchema, type Schema } from '../json/json-schema-check.testing.ts';
import { parseScenarioJson, type ScenarioFileLimits } from './scenario-json.ts';
import { scenarioSchemaUrl } from './scenario-schema.ts';

const samplePath = new URL('../../../../scenarios/sample-small.json', import.meta.url);
const sampleText = readFileSync(samplePath, 'utf8');
/** Limits that no scenario here comes near, for the tests that are not about limits. */
const limits: ScenarioFileLimits = { ...roomyScenarioLimits, fileBytes: 10_000_000 };
const schema: Schema = JSON.parse(readFileSync(scenarioSchemaUrl, 'utf8'));
const schemaErrors = (value: unknown, node: Schema = schema) => checkSchema(schema, value, node);

function formatError(text: string, within: ScenarioFileLimits = limits): FormatError {
  try {
    parseScenarioJson(text, 'scenario.json', within);
  } catch (error) {
    if (error instanceof FormatError) return error;
    throw error;
  }
  throw new Error('expected a FormatError');
}

describe('scenario.schema.json', () => {
  it('accepts scenarios/sample-small.json', () => {
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(schemaErrors(JSON.parse(sampleText), schema)).toEqual([]);
  });

  it('accepts scenarios/jcpoa-2021-economics.json, its value basis, and refuses a basis without a label', () => {
    const text = readFileSync(
      new URL('../../../../scenarios/jcpoa-2021-economics.json', import.meta.url),
      'utf8',
    );
    const economics = JSON.parse(text);
    expect(schemaErrors(economics, schema)).toEqual([]);
    expect(parseScenarioJson(text, 'jcpoa-2021-economics.json', limits).valueBasis).toEqual(
      economics.valueBasis,
    );
    delete economics.valueBasis.label;
    expect(schemaErrors(economics, schema)).toContain('(root).valueBasis.label: required');
  });

  it('requires the fields the reader requires', () => {
    const sample = JSON.parse(sampleText);
    for (const field of schema.required as string[]) {
      const { [field]: _, ...rest } = sample;
      expect(schemaErrors(rest, schema)).toContain(`(root).${field}: required`);
      expect(() => parseScenarioJson(JSON.stringify(rest), 'scenario.json', limits)).toThrow(field);
    }
    const measure = (schema.$defs as Record<string, Schema>).measure!;
    for (const field of measure.required as string[]) {
      const broken = structuredClone(sample);
      delete broken.measures[2][field];
      expect(schemaErrors(broken, schema)).toContain(`(root).measures[2].${field}: required`);
      expect(formatError(JSON.stringify(broken)).where).toMatch(new RegExp(`^measures\\[2\\]\\.${field}`));
    }
  });

  it('lists the same kinds and anchors as the core model', () => {
    const defs = schema.$defs as Record<string, { properties: Record<string, { enum: unknown[] }> }>;
    expect(defs.measure!.properties.kind!.enum).toEqual([...measureKinds]);
    expect(defs.redLine!.properties.kind!.enum).toEqual([...redLineKinds]);
    expect(defs.relation!.properties.anchor!.enum).toEqual([...relationAnchors]);
  });

  it('rejects what the reader rejects: a negative duration, a red line without a party', () => {
    const sample = JSON.parse(sampleText);
    sample.measures[3].durationDays = -1;
    delete sample.redLines[0].party;
    expect(schemaErrors(sample, schema)).toEqual(
      expect.arrayContaining([
        '(root).measures[3].durationDays: below minimum',
        '(root).redLines[0].party: required',
      ]),
    );
  });
});

describe('parseScenarioJson', () => {
  it('reads the sample scenario', () => {
    const scenario = parseScenarioJson(sampleText, 'sample-small.json', limits);
    expect(scenario.measures).toHaveLength(6);
    expect(scenario.parties.map((p) => p.id)).toEqual(['us', 'iran']);
    expect(scenario.redLines.map((r) => r.kind)).toEqual([
      'max-exposure',
      'max-exposure',
      'other-starts-first',
      'deadline',
      'same-phase',
    ]);
  });

  it('names the field path and its line', () => {
    const text = sampleText.replace(
      '"durationDays": 30,\n      "value": 5,',
      '"durationDays": -30,\n      "value": 5,',
    );
    const error = formatError(text);
    const line = text.split('\n').findIndex((l) => l.includes('-30')) + 1;
    expect(error.message).toBe(
      `scenario.json, measures[3].durationDays (line ${line}): -30 is negative; expected >= 0`,
    );
  });

  it('names a missing field by the line of its object', () => {
    const sample = JSON.parse(sampleText);
    delete sample.redLines[1].party;
    const text = JSON.stringify(sample, null, 2);
    const line = text.split('\n').findIndex((l) => l.includes('"iran-exposure-40"'));
    expect(formatError(text).where).toBe(`redLines[1].party (line ${line})`);
  });

  it('names a cycle among the relations', () => {
    const sample = JSON.parse(sampleText);
    sample.relations.push({ before: 'us-oil-waivers', after: 'iran-ship-out-60pct', anchor: 'start' });
    expect(formatError(JSON.stringify(sample)).problem).toMatch(
      /^cycle iran-ship-out-60pct -> us-oil-waivers -> iran-ship-out-60pct/,
    );
  });

  it('gives line and column of a JSON syntax error', () => {
    expect(formatError('{\n  "title": "x",\n}').where).toBe('line 3, column 1');
  });
});

/** `m0 -> m1 -> ... -> m(n-1)`: n measures in one chain of relations, as a scenario file. */
function chainScenario(n: number): string {
  const sample = JSON.parse(sampleText);
  const measures = Array.from({ length: n }, (_, i) => ({
    id: `m${i}`,
    party: 'us',
    kind: 'legal-step',
    text: 'a step',
    durationDays: 1,
    value: 1,
  }));
  const relations = measures.slice(1).map((m, i) => ({ before: measures[i]!.id, after: m.id }));
  return JSON.stringify({ ...sample, measures, relations, redLines: [] }).replace(
    '"measures"',
    '\n"measures"',
  );
}

describe('parseScenarioJson under limits', () => {
  const product: ScenarioFileLimits = {
    ...roomyScenarioLimits,
    phaseCount: 30,
    measures: 200,
    relations: 400,
    fileBytes: 1_048_576,
  };

  it('refuses a phaseCount over the limit with its line, the value and what is accepted', () => {
    const text = sampleText.replace('"phaseCount": 4', '"phaseCount": 5000');
    expect(formatError(text, product).message).toBe(
      'scenario.json, phaseCount (line 5): 5000 is more than 30; expected phases from 1 to 30',
    );
  });

  it('refuses a file over the size limit before parsing it', () => {
    const text = `${sampleText.slice(0, -2)}, "padding": "${'x'.repeat(2_000_000)}"}`;
    const started = performance.now();
    expect(formatError(text, product).message).toBe(
      `scenario.json, (file): ${Buffer.byteLength(text).toLocaleString('en')} bytes is too large; a scenario file may have at most 1,048,576 bytes`,
    );
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it('answers a 5,000-long relation chain with the measure limit, and reads a 50,000-long one without it', () => {
    expect(formatError(chainScenario(5000), product).message).toMatch(
      /^scenario\.json, measures \(line 2\): 5,000 measures is too many; expected at most 200$/,
    );
    const chain = parseScenarioJson(chainScenario(50_000), 'chain.json', limits);
    expect(chain.relations).toHaveLength(49_999);
    const cycle = chainScenario(50_000).replace(
      '"relations":[',
      '"relations":[{"before":"m49999","after":"m0"},',
    );
    expect(formatError(cycle).problem).toMatch(
      /^cycle m0 -> m1 -> m2 -> .* -> m49999 -> m0: a measure cannot wait/,
    );
  });
});
