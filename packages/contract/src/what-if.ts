import { z } from 'zod';
import { scenarioMaxIdLength, scenarioMaxRedLines } from './scenario-limits.ts';

/** The field of a red line that holds its one value, by kind; kinds without one have none. */
export type RedLineValueField = 'limit' | 'share' | 'allowance' | 'byDay';

/** The measure figures a what-if may change (`MEASURE_ID.durationDays`, `MEASURE_ID.value`). */
export const whatIfMeasureFields = ['durationDays', 'value'] as const;
export type WhatIfMeasureField = (typeof whatIfMeasureFields)[number];

/**
 * A red line's one value, by kind: a max-exposure red line's `limit` or `share` (whichever it has), an
 * other-starts-first red line's `allowance`, a deadline's `byDay`; all-after-theirs and same-phase have none.
 */
export function redLineValueField(redLine: {
  readonly kind: string;
  readonly limit?: number | undefined;
}): RedLineValueField | undefined {
  switch (redLine.kind) {
    case 'max-exposure':
      return redLine.limit !== undefined ? 'limit' : 'share';
    case 'other-starts-first':
      return 'allowance';
    case 'deadline':
      return 'byDay';
    default:
      return undefined;
  }
}

/** What-if changes to a scenario before it is solved, checked or explained. */
export const WhatIf = z
  .object({
    without: z
      .array(z.string().min(1).max(scenarioMaxIdLength))
      .max(scenarioMaxRedLines)
      .readonly()
      .optional()
      .describe('Red line ids to switch off (drop from the scenario)'),
    set: z
      .record(
        z
          .string()
          .min(1)
          .max(scenarioMaxIdLength + 20),
        z.number(),
      )
      .optional()
      .describe(
        'New figures: a red line id → its one value (a max-exposure red line’s limit or share, an other-starts-first red line’s allowance, a deadline’s byDay), or `MEASURE_ID.durationDays` / `MEASURE_ID.value` → that measure’s figure. Held to the same ranges as the scenario file',
      ),
    starts: z
      .enum(['phase', 'staggered'])
      .optional()
      .describe(
        'When a phase’s measures start: all on its first day (phase), or each on a day the plan chooses within the phase (staggered)',
      ),
  })
  .meta({ id: 'WhatIf' });
export type WhatIf = z.infer<typeof WhatIf>;

/** One change a what-if made, with its words. */
export const WhatIfChange = z
  .object({
    change: z
      .enum(['without', 'red-line', 'measure', 'starts'])
      .describe(
        '`without`: a red line switched off; `red-line`: its value set; `measure`: a figure set; `starts`: when a phase’s measures start',
      ),
    id: z.string().describe('The red line or measure id'),
    field: z.string().optional().describe('The field set (`allowance`, `durationDays`, …)'),
    from: z.number().optional().describe('The figure in the scenario'),
    to: z.number().optional().describe('The figure used'),
    text: z
      .string()
      .describe('In words: `Without red line us-exposure-half`, `us-x allowance 99 → 80 points`'),
  })
  .meta({ id: 'WhatIfChange' });
export type WhatIfChange = z.infer<typeof WhatIfChange>;

/** The most measures a what-if error lists by name before saying how many more there are. */
const listedMeasures = 12;

/** The parts of a scenario a what-if reads and changes (a scenario file's JSON, or the checked scenario). */
export interface WhatIfScenario {
  readonly valueUnit?: string;
  readonly starts?: 'phase' | 'staggered' | undefined;
  readonly measures: readonly {
    readonly id: string;
    readonly durationDays: number;
    readonly value: number;
  }[];
  readonly redLines?:
    | readonly {
        readonly id: string;
        readonly kind: string;
        readonly limit?: number | undefined;
        readonly share?: number | undefined;
        readonly allowance?: number | undefined;
        readonly byDay?: number | undefined;
      }[]
    | undefined;
}

/** How the caller names the two parts of a what-if in errors: `--without` on the CLI, `whatIf.without` in the API. */
export interface WhatIfNames {
  readonly without: string;
  readonly set: string;
}

/** A what-if that names something the scenario lacks, or sets what cannot be set; `field` is the caller's name. */
export class WhatIfError extends Error {
  override name = 'WhatIfError';
  constructor(
    message: string,
    /** `names.without` or `names.set`. */
    readonly field: string,
  ) {
    super(message);
  }
}

/** Where a change landed in the changed scenario (`redLines[2].allowance`), for range errors found later. */
export interface WhatIfPlace {
  readonly path: string;
  /** The entry as the user gave it: `--set us-x=80`. */
  readonly given: string;
  readonly field: string;
}

function measureList(scenario: WhatIfScenario): string {
  const ids = scenario.measures.map((m) => m.id);
  const shown = ids.slice(0, listedMeasures).join(', ');
  return ids.length > listedMeasures ? `${shown} and ${ids.length - listedMeasures} more` : shown;
}

function redLineList(scenario: WhatIfScenario): string {
  const ids = (scenario.redLines ?? []).map((r) => r.id);
  return ids.length > 0 ? ids.join(', ') : 'none';
}

const unitWords = (field: string, valueUnit: string | undefined): string =>
  field === 'durationDays' || field === 'byDay'
    ? ' days'
    : field === 'share'
      ? ' of its total'
      : valueUnit
        ? ` ${valueUnit}`
        : '';

/**
 * The scenario with a what-if applied: red lines in `without` dropped, values in `set` written into their
 * red line's value field or the measure's figure. Returns the changed scenario, each change in words, and
 * where each set figure landed (so that a range error of the scenario check can name the entry). Throws a
 * `WhatIfError` naming the entry and what is accepted for an unknown id, a red line without a value, or a
 * red line both dropped and set. Ranges are the scenario check's, applied to the result by the caller.
 * Pure and in the contract so that every front end can apply a what-if the same way (the web imports only
 * the contract).
 */
export function applyWhatIf<S extends WhatIfScenario>(
  scenario: S,
  whatIf: WhatIf,
  names: WhatIfNames,
): { scenario: S; changes: WhatIfChange[]; places: WhatIfPlace[] } {
  const redLines = scenario.redLines ?? [];
  const redLineIndex = new Map(redLines.map((r, i) => [r.id, i]));
  const measureIndex = new Map(scenario.measures.map((m, i) => [m.id, i]));
  const changes: WhatIfChange[] = [];
  const places: WhatIfPlace[] = [];
  const without = new Set<string>();
  for (const id of whatIf.without ?? []) {
    if (!redLineIndex.has(id)) {
      throw new WhatIfError(
        `${names.without} ${id}: the scenario has no red line "${id}"; its red lines are ${redLineList(scenario)}`,
        names.without,
      );
    }
    if (without.has(id)) continue;
    without.add(id);
    changes.push({ change: 'without', id, text: `Without red line ${id}` });
  }
  const redLineValues = new Map<number, { field: RedLineValueField; value: number }>();
  const measureValues = new Map<number, Partial<Record<WhatIfMeasureField, number>>>();
  for (const [key, value] of Object.entries(whatIf.set ?? {})) {
    const given = `${names.set} ${key}=${value}`;
    const r = redLineIndex.get(key);
    if (r !== undefined) {
      const redLine = redLines[r]!;
      if (without.has(key)) {
        throw new WhatIfError(
          `${given}: red line ${key} is also switched off (${names.without} ${key}); give one or the other`,
          names.set,
        );
      }
      const field = redLineValueField(redLine);
      if (field === undefined) {
        throw new WhatIfError(
          `${given}: red line ${key} (${redLine.kind}) has no value to set; it can only be switched off (${names.without} ${key}). Red lines with a value: max-exposure (limit or share), other-starts-first (allowance), deadline (byDay)`,
          names.set,
        );
      }
      redLineValues.set(r, { field, value });
      places.push({ path: `redLines[${r}].${field}`, given, field });
      const from = redLine[field];
      changes.push({
        change: 'red-line',
        id: key,
        field,
        ...(from !== undefined && { from }),
        to: value,
        text: `${key} ${field} ${from ?? '(none)'} → ${value}${unitWords(field, scenario.valueUnit)}`,
      });
      continue;
    }
    const dot = key.lastIndexOf('.');
    const measure = dot > 0 ? key.slice(0, dot) : key;
    const field = dot > 0 ? key.slice(dot + 1) : '';
    const m = measureIndex.get(measure);
    if (m === undefined || !(whatIfMeasureFields as readonly string[]).includes(field)) {
      const what =
        m !== undefined
          ? `measure ${measure} has no figure "${field}" to set; accepted: ${whatIfMeasureFields.map((f) => `${measure}.${f}`).join(', ')}`
          : `"${key}" is neither a red line id (${redLineList(scenario)}) nor MEASURE_ID.durationDays or MEASURE_ID.value of a measure (${measureList(scenario)})`;
      throw new WhatIfError(`${given}: ${what}`, names.set);
    }
    const measureField = field as WhatIfMeasureField;
    measureValues.set(m, { ...measureValues.get(m), [measureField]: value });
    places.push({ path: `measures[${m}].${measureField}`, given, field: measureField });
    const from = scenario.measures[m]![measureField];
    changes.push({
      change: 'measure',
      id: measure,
      field: measureField,
      from,
      to: value,
      text: `measure ${measure} ${measureField === 'durationDays' ? 'duration' : 'value'} ${from} → ${value}${unitWords(measureField, scenario.valueUnit)}`,
    });
  }
  const starts = whatIf.starts;
  if (starts !== undefined && starts !== (scenario.starts ?? 'phase')) {
    changes.push({
      change: 'starts',
      id: 'starts',
      text:
        starts === 'staggered'
          ? 'Staggered starts: a measure that waits for another starts when its wait is over, not its whole phase'
          : 'Phase starts: every measure on its phase’s first day',
    });
  }
  // Removing red lines renumbers those after them: the places of set values follow.
  const kept = redLines.flatMap((r, i) => (without.has(r.id) ? [] : [i]));
  const newIndex = new Map(kept.map((i, n) => [i, n]));
  const renumbered = places.map((place) => {
    const match = /^redLines\[(\d+)\]/.exec(place.path);
    if (!match) return place;
    return { ...place, path: place.path.replace(match[0], `redLines[${newIndex.get(Number(match[1]))}]`) };
  });
  const changed = {
    ...scenario,
    ...(starts !== undefined && { starts }),
    measures: scenario.measures.map((measure, i) => {
      const set = measureValues.get(i);
      return set ? { ...measure, ...set } : measure;
    }),
    ...(scenario.redLines && {
      redLines: kept.map((i) => {
        const set = redLineValues.get(i);
        const redLine = redLines[i]!;
        return set ? { ...redLine, [set.field]: set.value } : redLine;
      }),
    }),
  };
  // The spread keeps every field of S and changes only figures of the types S declares for them.
  return { scenario: changed as S, changes, places: renumbered };
}

/** A what-if with nothing in it changes nothing. */
export function whatIfIsEmpty(whatIf: WhatIf | undefined): boolean {
  return (
    (whatIf?.without?.length ?? 0) === 0 &&
    Object.keys(whatIf?.set ?? {}).length === 0 &&
    whatIf?.starts === undefined
  );
}
