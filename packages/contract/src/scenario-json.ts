import { z } from 'zod';
import {
  scenarioMaxDays,
  scenarioMaxFacts,
  scenarioMaxIdLength,
  scenarioMaxJsonDepth,
  scenarioMaxListEntries,
  scenarioMaxMeasures,
  scenarioMaxNameLength,
  scenarioMaxParties,
  scenarioMaxPhaseCount,
  scenarioMaxRedLines,
  scenarioMaxRelations,
  scenarioMaxTextLength,
  scenarioMaxValue,
  scenarioMaxWeight,
} from './scenario-limits.ts';

const count = (n: number) => n.toLocaleString('en');

/** A value as an error shows it: short values whole, long texts and lists by their size. */
function shown(value: unknown): string {
  if (typeof value === 'string')
    return value.length > 40 ? `a text of ${count(value.length)} characters` : JSON.stringify(value);
  if (Array.isArray(value)) return `a list of ${count(value.length)} entries`;
  if (value === null) return 'null';
  if (typeof value === 'object') return 'an object';
  return String(value);
}

/** An error message naming the value given and what is accepted (the field is named by the server). */
function accepting(accepted: string) {
  return {
    error: (issue: { readonly input?: unknown }) =>
      issue.input === undefined
        ? `missing: expected ${accepted}`
        : `${shown(issue.input)} is not accepted: expected ${accepted}`,
  };
}

function text(max: number, what: string) {
  return z
    .string(accepting(`${what}: a non-empty text of at most ${count(max)} characters`))
    .min(1)
    .max(max);
}

/** `a, b or c`. */
function alternatives(words: readonly string[]): string {
  return `${words.slice(0, -1).join(', ')} or ${words.at(-1)}`;
}

const id = () => text(scenarioMaxIdLength, 'an id');
const name = (what: string) => text(scenarioMaxNameLength, what);
const prose = (what: string) => text(scenarioMaxTextLength, what);

function days(what: string) {
  return z
    .number(accepting(`${what}: a number of days from 0 to ${count(scenarioMaxDays)}`))
    .min(0)
    .max(scenarioMaxDays);
}

function amount(what: string) {
  return z
    .number(accepting(`${what}: a number from 0 to ${count(scenarioMaxValue)} in the value unit`))
    .min(0)
    .max(scenarioMaxValue);
}

function weight() {
  return z
    .number(accepting(`an objective weight from 0 to ${count(scenarioMaxWeight)}`))
    .min(0)
    .max(scenarioMaxWeight);
}

function list<T extends z.ZodType>(item: T, max: number, what: string, min = 0) {
  const size = min > 0 ? `from ${min} to ${count(max)}` : `at most ${count(max)}`;
  return z
    .array(item, accepting(`a list of ${size} ${what}`))
    .min(min)
    .max(max)
    .readonly();
}

const PartyJson = z.object({ id: id(), name: name('a party name') });

const MeasureJson = z.object({
  id: id(),
  party: id(),
  kind: z.string().describe('sanctions-relief, nuclear-step, verification or legal-step'),
  text: prose('what the measure is'),
  durationDays: days('days from start to completion'),
  value: amount('the benefit to the other side'),
  reversalDays: days('days to reverse it').optional(),
  verifiedBy: name('who verifies it').optional(),
  verificationDays: days('days from completion to verification').optional(),
  source: prose('where it comes from').optional(),
  // The four fields whose figures may be assumptions: durationDays, value, reversalDays, verificationDays.
  assumed: list(z.string(), 4, 'field names').optional(),
  facts: z
    .record(
      z.string().max(scenarioMaxIdLength),
      z.union([z.number(), z.string().max(scenarioMaxNameLength)]),
      accepting(
        `facts: at most ${scenarioMaxFacts} named numbers or texts (names up to ${scenarioMaxIdLength} characters, texts up to ${scenarioMaxNameLength})`,
      ),
    )
    .refine((facts) => Object.keys(facts).length <= scenarioMaxFacts, {
      error: (issue) =>
        `${count(Object.keys(issue.input as object).length)} facts is too many: expected at most ${scenarioMaxFacts}`,
    })
    .meta({ maxProperties: scenarioMaxFacts })
    .optional(),
  note: prose('how the figures were chosen').optional(),
});

const RelationJson = z.object({
  before: id(),
  after: id(),
  anchor: z.string().optional().describe('start, complete (the default) or verified'),
  lagDays: days('the lag').optional(),
});

/**
 * The red line kinds a scenario may use. The core checks a red line's kind and its fields by kind; the list is
 * here too so that the API's schema (and /api/openapi.json) names them, and a test holds it to the core's.
 */
export const scenarioRedLineKinds = [
  'max-exposure',
  'other-starts-first',
  'all-after-theirs',
  'deadline',
  'same-phase',
] as const;

/** A red line of a scenario: one side's condition on the order of the measures. */
export const RedLineJson = z.object({
  id: id(),
  party: id(),
  kind: z.string().describe(alternatives(scenarioRedLineKinds)),
  text: prose('the red line as stated').optional(),
  source: prose('where it was stated').optional(),
  limit: amount('the exposure limit').optional(),
  share: z.number(accepting('a share from 0 to 1')).min(0).max(1).optional(),
  allowance: amount('the allowance').optional(),
  measures: list(id(), scenarioMaxMeasures, 'measure ids').optional(),
  byDay: days('the deadline').optional(),
  anchor: z.string().optional().describe('complete (the default) or verified'),
});

const ObjectiveJson = z.object({
  durationWeight: weight().optional(),
  exposureWeight: weight().optional(),
  imbalanceWeight: weight().optional(),
});

/**
 * A sequencing scenario as JSON (scenario.schema.json), with the limits of `scenario-limits.ts`: counts,
 * lengths and ranges are checked here, at the edge; ids resolving, kinds, red-line fields by kind and the
 * relations having no cycle are checked by the core when the scenario is read. Fields the format does not
 * have are dropped.
 */
export const ScenarioJson = z
  .looseObject({
    title: name('a title'),
    description: prose('a description').optional(),
    assumptions: list(prose('an assumption'), scenarioMaxListEntries, 'assumptions').optional(),
    sources: list(prose('a source'), scenarioMaxListEntries, 'sources').optional(),
    valueUnit: name('the value unit'),
    valueBasis: z
      .object({
        id: id(),
        party: id(),
        label: prose('the basis in words'),
        source: prose('the data file of its figures').optional(),
      })
      .optional()
      .describe('What a party’s measure values rest on: designations lifted or sourced economics'),
    phaseCount: z
      .number(accepting(`a whole number of phases from 1 to ${scenarioMaxPhaseCount}`))
      .int()
      .min(1)
      .max(scenarioMaxPhaseCount),
    starts: z
      .enum(['phase', 'staggered'], accepting('phase or staggered'))
      .optional()
      .describe('When a phase’s measures start: all on its first day (phase) or each within it (staggered)'),
    parties: list(PartyJson, scenarioMaxParties, 'parties', 1),
    measures: list(MeasureJson, scenarioMaxMeasures, 'measures'),
    relations: list(RelationJson, scenarioMaxRelations, 'relations').optional(),
    redLines: list(RedLineJson, scenarioMaxRedLines, 'red lines').optional(),
    objective: ObjectiveJson.optional(),
  })
  .meta({
    id: 'ScenarioJson',
    description: `A sequencing scenario (see scenario.schema.json), nested at most ${scenarioMaxJsonDepth} levels deep`,
  });
export type ScenarioJson = z.infer<typeof ScenarioJson>;

/**
 * The stated red lines file (data/sequencing/stated-red-lines-2021.json) that `plan init` adds to a scenario:
 * red lines as a scenario has them, each quoting the statement it models and naming its report.
 * `stated-red-lines-2021.schema.json` beside the file is generated from this schema; the red lines' fields
 * by kind are checked with the whole scenario.
 */
export const StatedRedLinesJson = z
  .strictObject(
    {
      $schema: z.string().optional().describe('The JSON Schema of this file, for editors'),
      description: prose('a description').optional(),
      redLines: list(RedLineJson, scenarioMaxRedLines, 'red lines', 1),
    },
    {
      error: (issue) =>
        issue.code === 'unrecognized_keys'
          ? 'unknown field; accepted fields are $schema, description, redLines'
          : accepting('an object with redLines').error(issue),
    },
  )
  .meta({
    title: 'Lockstep stated red lines',
    description:
      "The two sides' stated positions on sequencing, as red lines of the sequencing model. Generated from " +
      'StatedRedLinesJson in packages/contract/src/scenario-json.ts by scripts/generate-json-schemas.ts.',
  });
export type StatedRedLinesJson = z.infer<typeof StatedRedLinesJson>;

/** The value bases `plan init --relief-basis` accepts (the core's `reliefBases`). */
export const planReliefBases = ['designations', 'economics'] as const;

const EconomicFigureJson = z.strictObject({
  id: id(),
  value: z.number().min(0).max(scenarioMaxValue),
  unit: name('the unit'),
  publisher: name('the publisher'),
  date: z.string().regex(/^\d{4}-\d{2}(-\d{2})?$/, 'expected a date as YYYY-MM-DD or YYYY-MM'),
  title: prose('the title'),
  url: z.url(),
  quote: prose('the exact sentence stating the figure'),
  usedFor: prose('what the figure is used for'),
});

const ReliefBenefitJson = z.strictObject({
  id: id(),
  label: name('the benefit in words'),
  kind: z.enum(['exports-restored', 'assets-released'], accepting('exports-restored or assets-released')),
  figures: z.record(z.string(), id()).describe('Figure ids: before, now, price (exports-restored) or amount'),
  years: z.number().min(0).max(100).optional(),
  matches: list(z.string().min(1).max(200), 50, 'name patterns', 1),
  matchNote: prose('why these designations carry the benefit'),
});

/**
 * The sourced economics file (data/sequencing/relief-economics-2021.json) `plan init --relief-basis economics`
 * values US relief on: cited figures, the benefits worked out from them and the designations that carry each,
 * and the assumed share of the measures without a figure. `relief-economics-2021.schema.json` beside the file
 * is generated from this schema.
 */
export const ReliefEconomicsJson = z
  .strictObject({
    $schema: z.string().optional().describe('The JSON Schema of this file, for editors'),
    description: prose('a description').optional(),
    figures: list(EconomicFigureJson, 50, 'figures', 1),
    benefits: list(ReliefBenefitJson, 20, 'benefits', 1),
    unsourced: z.strictObject({
      share: z.number().min(0).max(1),
      note: prose('how the share is derived'),
    }),
  })
  .meta({
    title: 'Lockstep relief economics',
    description:
      'Sourced figures that value US sanctions relief (oil exports restored, assets released), each with its ' +
      'publisher, date, URL and quote. Generated from ReliefEconomicsJson in packages/contract/src/scenario-json.ts ' +
      'by scripts/generate-json-schemas.ts.',
  });
export type ReliefEconomicsJson = z.infer<typeof ReliefEconomicsJson>;
