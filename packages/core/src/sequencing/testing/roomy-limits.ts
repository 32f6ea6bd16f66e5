import type { ScenarioLimits } from '../scenario-limits.ts';

/**
 * Scenario limits far above anything a test builds, for tests that are not about limits. The product's
 * limits are `scenarioLimits` in `@lockstep/contract`; tests of a limit pass their own.
 */
export const roomyScenarioLimits: ScenarioLimits = {
  phaseCount: 1000,
  parties: 1000,
  measures: 100_000,
  relations: 100_000,
  redLines: 1000,
  idLength: 1000,
  nameLength: 10_000,
  textLength: 100_000,
  listEntries: 1000,
  facts: 1000,
  days: 1_000_000,
  value: 1e12,
  weight: 1e6,
  jsonDepth: 100,
};
