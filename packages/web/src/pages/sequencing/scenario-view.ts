import {
  type RedLineValueField,
  redLineValueField,
  type ScenarioJson,
  type WhatIfMeasureField,
} from '@lockstep/contract';

/**
 * The parts of a scenario the page shows, as the scenario format defines them (scenario.schema.json). The
 * server checks every scenario it solves; the page only reads these fields, and shows optional ones (`source`,
 * `assumed`, `facts`, `note`, a red line's `text` and `source`) when present.
 */
export interface ScenarioMeasure {
  readonly id: string;
  readonly party: string;
  readonly kind: string;
  readonly text: string;
  readonly durationDays: number;
  readonly value: number;
  readonly reversalDays?: number;
  readonly verifiedBy?: string;
  readonly verificationDays?: number;
  readonly source?: string;
  readonly assumed?: readonly string[];
  readonly facts?: Readonly<Record<string, number | string>>;
  readonly note?: string;
}

/** `after` starts no earlier than `before`'s anchor day (start, complete, verified) plus `lagDays`. */
export interface ScenarioRelation {
  readonly before: string;
  readonly after: string;
  readonly anchor?: string;
  readonly lagDays?: number;
}

export interface ScenarioRedLine {
  readonly id: string;
  readonly party: string;
  readonly kind: string;
  readonly text?: string;
  readonly source?: string;
  readonly limit?: number;
  readonly share?: number;
  readonly allowance?: number;
  readonly byDay?: number;
  readonly anchor?: string;
  readonly measures?: readonly string[];
}

export interface ScenarioView {
  readonly title: string;
  readonly description?: string;
  readonly assumptions?: readonly string[];
  readonly sources?: readonly string[];
  readonly valueUnit: string;
  /** What a party's values rest on, when the scenario says (`plan init --relief-basis economics`). */
  readonly valueBasis?: { readonly id: string; readonly party: string; readonly label: string };
  readonly phaseCount: number;
  /** When a phase's measures start: all on its first day (`phase`, the default) or each within it. */
  readonly starts?: 'phase' | 'staggered';
  readonly parties: readonly { readonly id: string; readonly name: string }[];
  readonly measures: readonly ScenarioMeasure[];
  readonly relations: readonly ScenarioRelation[];
  readonly redLines: readonly ScenarioRedLine[];
}

/** A scenario as the page reads it (the file is the server's, checked when solved). */
export function scenarioView(json: ScenarioJson): ScenarioView {
  return json as unknown as ScenarioView;
}

/** The numeric field of a red line that the page lets the user edit, if it has one (the contract's rule). */
export type RedLineField = RedLineValueField;
export const editableField: (redLine: ScenarioRedLine) => RedLineField | undefined = redLineValueField;

/** The measure figures the page lets the user change as a what-if: those a scenario marks as assumptions. */
export type MeasureField = WhatIfMeasureField;

/**
 * What the user changed: red lines switched off, edited red-line values (as typed) by red line id, and edited
 * measure figures (as typed) by `measureId.field`.
 */
export interface RedLineEdits {
  readonly off: readonly string[];
  readonly values: Readonly<Record<string, string>>;
  readonly measures: Readonly<Record<string, string>>;
  /** Measures the user added, checked by `addedMeasureProblems` before they were added. */
  readonly added: readonly ScenarioMeasure[];
  /** Indexes of the scenario's relations the user removed. */
  readonly removedRelations: readonly number[];
  /** Relations the user added. */
  readonly addedRelations: readonly ScenarioRelation[];
  /** When the user chose when a phase's measures start (else the scenario's own). */
  readonly starts?: 'phase' | 'staggered';
}

export const noEdits: RedLineEdits = {
  off: [],
  values: {},
  measures: {},
  added: [],
  removedRelations: [],
  addedRelations: [],
};

/** The key of a measure figure in `RedLineEdits.measures`. */
export function measureKey(measure: string, field: MeasureField): string {
  return `${measure}.${field}`;
}

/** The edited value of a red line as a number, or `undefined` when the text is not a number. */
export function editedNumber(text: string): number | undefined {
  if (text.trim() === '') return undefined;
  const value = Number(text);
  return Number.isFinite(value) ? value : undefined;
}

/**
 * The scenario with the edits applied (the JSON submitted for a solve): switched-off red lines removed,
 * edited values set. Fields the page does not know are passed through as they are.
 */
export function applyEdits(scenario: ScenarioJson, edits: RedLineEdits): ScenarioJson {
  const view = scenarioView(scenario);
  const redLines = view.redLines
    .filter((r) => !edits.off.includes(r.id))
    .map((r) => {
      const text = edits.values[r.id];
      const field = editableField(r);
      if (text === undefined || field === undefined) return r;
      const value = editedNumber(text);
      return value === undefined ? r : { ...r, [field]: value };
    });
  const measures = view.measures.map((m) => {
    let edited = m;
    for (const field of ['durationDays', 'value'] as const) {
      const text = edits.measures[measureKey(m.id, field)];
      const value = text === undefined ? undefined : editedNumber(text);
      if (value !== undefined) edited = { ...edited, [field]: value };
    }
    return edited;
  });
  const relations = [
    ...view.relations.filter((_, index) => !edits.removedRelations.includes(index)),
    ...edits.addedRelations,
  ];
  // The scenario's own fields, with the page's edits over them; the server checks the result.
  return {
    ...scenario,
    ...(edits.starts && { starts: edits.starts }),
    measures: [...measures, ...edits.added],
    relations,
    redLines,
  } as ScenarioJson;
}

/** The edits in words, for the status line: `iran-exposure-40 off; us-exposure-half share 0.4 (was 0.5)`. */
export function describeEdits(scenario: ScenarioView, edits: RedLineEdits): string[] {
  const measures = scenario.measures.flatMap((m) =>
    (['durationDays', 'value'] as const).flatMap((field) => {
      const text = edits.measures[measureKey(m.id, field)];
      const value = text === undefined ? undefined : editedNumber(text);
      if (value === undefined || value === m[field]) return [];
      return [`${m.id} ${field === 'value' ? 'value' : 'duration'} ${value} (was ${m[field]})`];
    }),
  );
  const added = edits.added.map((m) => `${m.id} added`);
  const removed = edits.removedRelations.flatMap((index) => {
    const r = scenario.relations[index];
    return r ? [`relation ${relationWords(r)} removed`] : [];
  });
  const addedRelations = edits.addedRelations.map((r) => `relation ${relationWords(r)} added`);
  const starts =
    edits.starts && edits.starts !== (scenario.starts ?? 'phase')
      ? [
          edits.starts === 'staggered'
            ? 'staggered starts within phases'
            : 'every measure on its phase’s first day',
        ]
      : [];
  return [
    ...starts,
    ...measures,
    ...added,
    ...removed,
    ...addedRelations,
    ...redLinesDescribed(scenario, edits),
  ];
}

/** A relation in words: `a → b (verified + 30 d)`. */
export function relationWords(r: ScenarioRelation): string {
  const lag = r.lagDays ? ` + ${r.lagDays} d` : '';
  return `${r.before} → ${r.after} (${r.anchor ?? 'complete'}${lag})`;
}

function redLinesDescribed(scenario: ScenarioView, edits: RedLineEdits): string[] {
  return scenario.redLines.flatMap((r) => {
    if (edits.off.includes(r.id)) return [`${r.id} switched off`];
    const field = editableField(r);
    const text = edits.values[r.id];
    if (field === undefined || text === undefined) return [];
    const value = editedNumber(text);
    if (value === undefined || value === r[field]) return [];
    return [`${r.id} ${field} ${value} (was ${r[field]})`];
  });
}
