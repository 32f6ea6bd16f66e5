import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { scenarioLimits } from '@lockstep/contract';
import { buildSequencingModel, greedyPlan, lpText, validateScenario } from '@lockstep/core';
import { scenarioAtLimits } from '@lockstep/core/testing';
import { scenarioSchemaUrl } from '@lockstep/formats';
import { afterAll, describe, expect, it } from 'vitest';
import { InputError } from '../input-error.ts';
import { readScenarioFile } from './plan-operations.ts';

const dir = mkdtempSync(join(tmpdir(), 'lockstep-limits-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const sample = JSON.parse(
  readFileSync(new URL('../../../../scenarios/sample-small.json', import.meta.url), 'utf8'),
) as Record<string, unknown>;

function readProblem(json: unknown, text = JSON.stringify(json)): InputError {
  const file = join(dir, 'scenario.json');
  writeFileSync(file, text);
  try {
    readScenarioFile(file);
  } catch (error) {
    if (error instanceof InputError) return error;
    throw error;
  }
  throw new Error('expected an InputError');
}

type Node = Record<string, unknown>;

describe('the scenario limits', () => {
  it('are stated by the scenario JSON Schema as declared in the contract', () => {
    const schema = JSON.parse(readFileSync(scenarioSchemaUrl, 'utf8')) as Node;
    const at = (...path: string[]) => path.reduce<Node>((node, key) => node[key] as Node, schema);
    const redLine = (field: string) =>
      (at('$defs', 'redLine').oneOf as Node[]).find((option) => field in (option.properties as Node))!
        .properties as Record<string, Node>;
    expect(at('properties', 'phaseCount').maximum).toBe(scenarioLimits.phaseCount);
    expect(at('properties', 'parties').maxItems).toBe(scenarioLimits.parties);
    expect(at('properties', 'measures').maxItems).toBe(scenarioLimits.measures);
    expect(at('properties', 'relations').maxItems).toBe(scenarioLimits.relations);
    expect(at('properties', 'redLines').maxItems).toBe(scenarioLimits.redLines);
    expect(at('properties', 'assumptions').maxItems).toBe(scenarioLimits.listEntries);
    expect(at('properties', 'title').maxLength).toBe(scenarioLimits.nameLength);
    expect(at('properties', 'description').maxLength).toBe(scenarioLimits.textLength);
    expect(at('$defs', 'id').maxLength).toBe(scenarioLimits.idLength);
    expect(at('$defs', 'measure', 'properties', 'text').maxLength).toBe(scenarioLimits.textLength);
    expect(at('$defs', 'measure', 'properties', 'durationDays').maximum).toBe(scenarioLimits.days);
    expect(at('$defs', 'measure', 'properties', 'value').maximum).toBe(scenarioLimits.value);
    expect(at('$defs', 'measure', 'properties', 'facts').maxProperties).toBe(scenarioLimits.facts);
    expect(at('$defs', 'relation', 'properties', 'lagDays').maximum).toBe(scenarioLimits.days);
    expect(redLine('byDay').byDay!.maximum).toBe(scenarioLimits.days);
    expect(redLine('allowance').allowance!.maximum).toBe(scenarioLimits.value);
    expect(at('$defs', 'objective', 'properties', 'durationWeight').maximum).toBe(scenarioLimits.weight);
    const description = String(schema.description);
    for (const figure of [
      `${scenarioLimits.jsonDepth} levels`,
      `${scenarioLimits.fileBytes.toLocaleString('en')} bytes`,
    ]) {
      expect(description).toContain(figure);
    }
  });

  it('keep a scenario at every limit quick to build: its model and LP text within seconds', () => {
    const scenario = validateScenario(
      JSON.parse(JSON.stringify(scenarioAtLimits(scenarioLimits))),
      scenarioLimits,
    );
    const started = performance.now();
    const { model } = buildSequencingModel(scenario);
    greedyPlan(scenario);
    const text = lpText(model);
    const seconds = (performance.now() - started) / 1000;
    const terms = model.constraints.reduce((sum, c) => sum + c.terms.length, 0);
    // Measured about 1 s (2-3 s on this shared 2-core machine under load); the bound leaves room for load.
    expect(seconds).toBeLessThan(15);
    expect(terms).toBeLessThan(1_200_000);
    expect(text.length).toBeLessThan(25_000_000);
  });

  it('are held by the scenario file reader: phaseCount, counts and size, one sentence naming the field', () => {
    expect(readProblem({ ...sample, phaseCount: 5000 }).message).toMatch(
      /scenario\.json, phaseCount \(line 1\): 5000 is more than 30; expected phases from 1 to 30$/,
    );
    const measures = Array.from({ length: 5000 }, (_, i) => ({
      id: `m${i}`,
      party: 'us',
      kind: 'legal-step',
      text: 'a step',
      durationDays: 1,
      value: 1,
    }));
    const relations = measures.slice(1).map((m, i) => ({ before: measures[i]!.id, after: m.id }));
    expect(readProblem({ ...sample, measures, relations }).message).toMatch(
      /scenario\.json, measures \(line 1\): 5,000 measures is too many; expected at most 200$/,
    );
    const huge = readProblem(undefined, `{"title": "${'x'.repeat(2 * scenarioLimits.fileBytes)}"}`);
    expect(huge.message).toMatch(/scenario\.json: the scenario file is larger than 1,048,576 bytes/);
  });

  it('never read a device or pipe whole', () => {
    expect(() => readScenarioFile('/dev/zero')).toThrow(
      '/dev/zero: not a scenario file (not a regular file)',
    );
  });
});
