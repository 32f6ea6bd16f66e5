/**
 * Fixtures for tests and benchmarks in other packages (`@lockstep/core/testing`): never imported by
 * product code.
 */

export * from './conflict/testing/index.ts';
export * from './nuclear/testing/shipped-nuclear-rows.ts';
export * from './sequencing/testing/generated-scenario.ts';
export * from './sequencing/testing/roomy-limits.ts';
export * from './sequencing/testing/scenario-at-limits.ts';
export * from './sequencing/testing/small-scenario.ts';
