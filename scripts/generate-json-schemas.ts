// `node --import tsx scripts/generate-json-schemas.ts`: writes the JSON Schema files of the data files
// Lockstep writes itself (positions, program catalogue, stated red lines) from their zod schemas. Run it
// after changing one of those schemas; scripts/json-schemas.test.ts fails until it has been run.
import { readFileSync, writeFileSync } from 'node:fs';
import { jsonSchemaFiles, jsonSchemaText } from './json-schemas.ts';

const root = new URL('../', import.meta.url);
for (const { path, schema } of jsonSchemaFiles) {
  const file = new URL(path, root);
  const text = jsonSchemaText(schema);
  let current: string | undefined;
  try {
    current = readFileSync(file, 'utf8');
  } catch {
    current = undefined;
  }
  if (current === text) {
    console.log(`${path}: unchanged`);
    continue;
  }
  writeFileSync(file, text);
  console.log(`${path}: written`);
}
