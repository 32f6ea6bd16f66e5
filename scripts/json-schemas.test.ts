import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { jsonSchemaFiles, jsonSchemaText } from './json-schemas.ts';

const root = new URL('../', import.meta.url);

describe('the JSON Schema files of the data files', () => {
  it.each(jsonSchemaFiles.map((f) => [f.path, f] as const))(
    '%s is what scripts/generate-json-schemas.ts generates (run it after changing the zod schema)',
    (path, { schema }) => {
      expect(readFileSync(new URL(path, root), 'utf8')).toBe(jsonSchemaText(schema));
    },
  );

  it.each([
    ['data/sanctions/positions.json', './positions.schema.json'],
    ['data/sanctions/programs.json', './programs.schema.json'],
    ['data/sequencing/stated-red-lines-2021.json', './stated-red-lines-2021.schema.json'],
  ])('%s names its schema for editors', (path, schema) => {
    expect(JSON.parse(readFileSync(new URL(path, root), 'utf8')).$schema).toBe(schema);
  });
});
