import { scenarioMaxDays, scenarioMaxValue } from '@lockstep/contract';
import type { ScenarioMeasure, ScenarioRelation, ScenarioView } from './scenario-view.ts';

/** The kinds of measure a scenario may have (the core's `measureKinds`). */
export const measureKinds = ['sanctions-relief', 'nuclear-step', 'verification', 'legal-step'] as const;
/** The anchors a relation may count from (the core's relation anchors). */
export const relationAnchors = ['start', 'complete', 'verified'] as const;

/** A measure as typed in the form: every field text. */
export interface MeasureForm {
  readonly id: string;
  readonly party: string;
  readonly kind: string;
  readonly text: string;
  readonly durationDays: string;
  readonly value: string;
  readonly reversalDays: string;
}

const idPattern = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

function within(text: string, what: string, max: number, unit: string): string | undefined {
  const value = Number(text);
  if (text.trim() === '' || !Number.isFinite(value) || value < 0 || value > max) {
    return `${what}: expected a number of ${unit} from 0 to ${max}, got ${JSON.stringify(text)}`;
  }
  return undefined;
}

function days(text: string, what: string, optional: boolean): string | undefined {
  if (optional && text.trim() === '') return undefined;
  return within(text, what, scenarioMaxDays, 'days');
}

/**
 * What is wrong with a measure typed in the form, by field, in the scenario validator's words; empty when it
 * may be added. Ids must be new among the scenario's measures and those already added.
 */
export function addedMeasureProblems(
  form: MeasureForm,
  scenario: ScenarioView,
  added: readonly ScenarioMeasure[],
): Partial<Record<keyof MeasureForm, string>> {
  const problems: Partial<Record<keyof MeasureForm, string>> = {};
  if (!idPattern.test(form.id)) problems.id = 'id: expected letters, digits, `.`, `_`, `-`';
  else if ([...scenario.measures, ...added].some((m) => m.id === form.id)) {
    problems.id = `id: ${form.id} is already a measure`;
  }
  if (!scenario.parties.some((p) => p.id === form.party)) {
    problems.party = `party: expected one of ${scenario.parties.map((p) => p.id).join(', ')}`;
  }
  if (!(measureKinds as readonly string[]).includes(form.kind)) {
    problems.kind = `kind: expected one of ${measureKinds.join(', ')}`;
  }
  if (form.text.trim() === '') problems.text = 'text: say what the measure is';
  const duration = days(form.durationDays, 'durationDays', false);
  if (duration) problems.durationDays = duration;
  const value = within(form.value, 'value', scenarioMaxValue, scenario.valueUnit);
  if (value) problems.value = value;
  const reversal = days(form.reversalDays, 'reversalDays', true);
  if (reversal) problems.reversalDays = reversal;
  return problems;
}

/** The measure a valid form stands for. */
export function measureFromForm(form: MeasureForm): ScenarioMeasure {
  return {
    id: form.id,
    party: form.party,
    kind: form.kind,
    text: form.text.trim(),
    durationDays: Number(form.durationDays),
    value: Number(form.value),
    ...(form.reversalDays.trim() === '' ? {} : { reversalDays: Number(form.reversalDays) }),
  };
}

/** What is wrong with a relation to add, or `undefined`: both measures known and different, lag in days. */
export function relationProblem(
  relation: ScenarioRelation,
  measureIds: readonly string[],
): string | undefined {
  if (!measureIds.includes(relation.before)) return `before: no measure ${relation.before}`;
  if (!measureIds.includes(relation.after)) return `after: no measure ${relation.after}`;
  if (relation.before === relation.after) return 'a measure cannot come after itself';
  return days(String(relation.lagDays ?? 0), 'lagDays', false);
}
