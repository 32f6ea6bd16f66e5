/**
 * The limits `validateScenario` holds a scenario to: counts, lengths, ranges and JSON nesting. The core
 * declares only their shape; the values are the product's (`scenarioLimits` in `@lockstep/contract`), given
 * by whoever validates, so that the core stays free of policy and tests can pass small ones.
 */
export interface ScenarioLimits {
  /** The most phases (`phaseCount`). */
  readonly phaseCount: number;
  readonly parties: number;
  readonly measures: number;
  readonly relations: number;
  readonly redLines: number;
  /** The longest id, in characters. */
  readonly idLength: number;
  /** The longest short text (title, party name, value unit, verifier, a fact's text), in characters. */
  readonly nameLength: number;
  /** The longest prose (description, assumptions, sources, measure text, notes, red-line text), in characters. */
  readonly textLength: number;
  /** The most entries in `assumptions` and in `sources`. */
  readonly listEntries: number;
  /** The most facts per measure. */
  readonly facts: number;
  /** The most days of any day figure (durations, lags, deadlines). */
  readonly days: number;
  /** The largest value, exposure limit or allowance. */
  readonly value: number;
  /** The largest objective weight. */
  readonly weight: number;
  /** The deepest the JSON value may nest (the root object is level 1). */
  readonly jsonDepth: number;
}
