/**
 * The limits every sequencing scenario is held to, wherever it comes from (a file given to `lockstep plan`,
 * a solve job posted to the API, `plan init`, the shipped scenarios). Each is declared here once: the API's
 * schemas (and so /api/openapi.json), the scenario reader, the core's validation and the scenario JSON
 * Schema (checked against these by a test) all take them from here.
 *
 * Chosen by measurement (issue 11): a scenario at every limit at once, its red lines of the costliest kinds,
 * is a model of about 1 million terms that is built and handed to HiGHS in about 3 s on an idle 2-core
 * machine (6-8 s with two other test suites running on it). The model grows as measures x phases^2, so the
 * phase and measure limits are the ones that bound it; the others keep requests and files small.
 */

/** The most phases a plan may use (`phaseCount`; also `plan init --phases`). */
export const scenarioMaxPhaseCount = 30;
/** The most parties a scenario may have. */
export const scenarioMaxParties = 10;
/** The most measures a scenario may have. */
export const scenarioMaxMeasures = 200;
/** The most relations between measures a scenario may have. */
export const scenarioMaxRelations = 400;
/** The most red lines a scenario may have. */
export const scenarioMaxRedLines = 20;
/** The longest id (of a party, measure or red line), in characters. */
export const scenarioMaxIdLength = 100;
/** The longest short text (title, party name, value unit, verifier, a fact's text), in characters. */
export const scenarioMaxNameLength = 200;
/**
 * The longest prose (description, an assumption or source, a measure's text, source and note, a red line's
 * stated text and source), in characters.
 */
export const scenarioMaxTextLength = 2000;
/** The most entries in a scenario's `assumptions` and in its `sources`. */
export const scenarioMaxListEntries = 50;
/** The most `facts` a measure may carry. */
export const scenarioMaxFacts = 20;
/**
 * The most days any day figure may be (durations, verification and reversal days, lags, deadlines): ten
 * years, the JCPOA's own horizon to Termination Day. It also bounds the model's big-M constants.
 */
export const scenarioMaxDays = 3650;
/** The largest value, exposure limit or allowance, in the scenario's value unit. */
export const scenarioMaxValue = 1_000_000;
/** The largest objective weight. */
export const scenarioMaxWeight = 1000;
/** The deepest a scenario's JSON may nest (the root object is level 1; a valid scenario needs 4). */
export const scenarioMaxJsonDepth = 8;
/** The largest scenario (or plan) file `lockstep plan` reads, in bytes. */
export const scenarioMaxFileBytes = 1_048_576;

/** Every scenario limit, by the name the core's `ScenarioLimits` gives it. */
export const scenarioLimits = {
  phaseCount: scenarioMaxPhaseCount,
  parties: scenarioMaxParties,
  measures: scenarioMaxMeasures,
  relations: scenarioMaxRelations,
  redLines: scenarioMaxRedLines,
  idLength: scenarioMaxIdLength,
  nameLength: scenarioMaxNameLength,
  textLength: scenarioMaxTextLength,
  listEntries: scenarioMaxListEntries,
  facts: scenarioMaxFacts,
  days: scenarioMaxDays,
  value: scenarioMaxValue,
  weight: scenarioMaxWeight,
  jsonDepth: scenarioMaxJsonDepth,
  fileBytes: scenarioMaxFileBytes,
} as const;
