/**
 * Where the published JSON Schema (draft 2020-12) of sequencing scenario files is: `scenario.schema.json`
 * beside this module. Editors validate a scenario that names it in `$schema`; `parseScenarioJson` applies
 * the same rules and more (ids resolve, relations are acyclic).
 */
export const scenarioSchemaUrl: URL = new URL('./scenario.schema.json', import.meta.url);
