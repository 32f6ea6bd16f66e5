import { ScenarioJson, scenarioRedLineKinds } from '@lockstep/contract';
import { redLineKinds } from '@lockstep/core';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';

// Here rather than beside the core's red line modules: the core may not import the contract, and app imports both.
describe('the red line kinds', () => {
  it('are the same in the contract as in the core', () => {
    expect([...scenarioRedLineKinds]).toEqual([...redLineKinds]);
  });

  it('are named by the scenario JSON Schema the API publishes', () => {
    type Node = Record<string, unknown>;
    const schema = z.toJSONSchema(ScenarioJson, { io: 'input' }) as Node;
    const path = ['$defs', 'ScenarioJson', 'properties', 'redLines', 'items', 'properties', 'kind'];
    const kind = path.reduce<Node>((node, key) => node[key] as Node, schema);
    const named = String(kind.description).split(/, | or /);
    expect(named).toEqual([...redLineKinds]);
  });
});
