import {
  breakoutDefaults,
  monteCarloDefaults,
  projectionDefaults,
  sanctionsDefaults,
  shownDefault,
} from '@lockstep/contract';
import {
  assayToPercent,
  defaultBreakoutGoalMonths,
  defaultBreakoutTailsAssay,
  defaultCapacityPoint,
  defaultMonteCarloSamples,
  defaultSearchLimit,
  defaultSearchMinScore,
  defaultSetUpMonths,
  defaultSignificantQuantity,
  defaultTrendReports,
  defaultUnspecifiedAssay,
} from '@lockstep/core';
import { describe, expect, it } from 'vitest';

/*
 * The contract declares every default once (defaults.ts); core, which imports nothing of ours, applies some
 * of them itself. These hold the two equal, so the API, the CLI's help and the web never state a default
 * the model does not use.
 */
describe("the contract's defaults", () => {
  it('are the ones the breakout model applies', () => {
    expect(assayToPercent(defaultBreakoutTailsAssay)).toBeCloseTo(breakoutDefaults.tailsPercent, 12);
    expect(defaultSignificantQuantity).toBe(breakoutDefaults.sq);
    expect(defaultSetUpMonths).toBe(breakoutDefaults.setUpMonths);
    expect(assayToPercent(defaultUnspecifiedAssay)).toBeCloseTo(breakoutDefaults.unspecifiedAssayPercent, 12);
    expect(defaultCapacityPoint).toBe(breakoutDefaults.capacityPoint);
    expect(defaultMonteCarloSamples).toBe(monteCarloDefaults.samples);
  });

  it('are the ones the projection and the steps back apply', () => {
    expect(defaultTrendReports).toBe(projectionDefaults.trendReports);
    expect(defaultBreakoutGoalMonths).toBe(projectionDefaults.goalMonths);
  });

  it('are the ones the name search applies', () => {
    expect(defaultSearchLimit).toBe(sanctionsDefaults.searchLimit);
    expect(defaultSearchMinScore).toBe(sanctionsDefaults.searchMinScore);
  });

  it('are written as the help writes them', () => {
    expect(shownDefault(monteCarloDefaults.samples)).toBe('10,000');
    expect(shownDefault(monteCarloDefaults.seed)).toBe('2021');
    expect(shownDefault(sanctionsDefaults.searchMinScore)).toBe('0.6');
  });
});
