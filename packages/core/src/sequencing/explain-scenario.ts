import { criticalPath } from './critical-path.ts';
import { totalDelivered } from './exposure.ts';
import { redLineModule } from './red-lines/index.ts';
import type { RedLine, SequencingScenario } from './scenario.ts';
import { buildSequencingModel } from './sequencing-model.ts';

/** A red line in words, with its figure resolved in the scenario's value unit. */
export interface RedLineExplained {
  readonly id: string;
  readonly party: string;
  readonly kind: RedLine['kind'];
  /** What the model enforces, in one sentence with the numbers. */
  readonly rule: string;
  /** The party's statement, and where it was made, when the scenario gives them. */
  readonly text?: string;
  readonly source?: string;
}

/** A scenario in words: what each side gives, what waits for what, the red lines and the model's size. */
export interface ScenarioExplanation {
  readonly title: string;
  readonly valueUnit: string;
  /** What a party's values rest on, in words, when the scenario says (`valueBasis.label`). */
  readonly valueBasis?: string;
  readonly phaseCount: number;
  readonly parties: readonly {
    readonly id: string;
    readonly name: string;
    readonly measures: number;
    /** Everything the party delivers, in the value unit. */
    readonly totalValue: number;
    /** Its measures whose figures are partly assumptions. */
    readonly measuresWithAssumptions: number;
  }[];
  /** Each relation as a sentence. */
  readonly relations: readonly string[];
  readonly redLines: readonly RedLineExplained[];
  /**
   * The shortest any plan can be, from the relations alone (their lags, durations and verification), and the
   * chain of measures that sets it: phases can only make a plan longer.
   */
  readonly criticalPath: { readonly days: number; readonly measures: readonly string[] };
  /** The MILP `plan solve` builds. */
  readonly model: { readonly variables: number; readonly binaries: number; readonly constraints: number };
  readonly assumptions: readonly string[];
  readonly sources: readonly string[];
}

/** Explains a scenario (see `ScenarioExplanation`); pure, no solve. */
export function explainScenario(scenario: SequencingScenario): ScenarioExplanation {
  const byId = new Map(scenario.measures.map((m) => [m.id, m]));
  const unit = scenario.valueUnit;
  const partyName = new Map(scenario.parties.map((p) => [p.id, p.name]));
  const built = buildSequencingModel(scenario).model;
  return {
    title: scenario.title,
    valueUnit: unit,
    ...(scenario.valueBasis ? { valueBasis: scenario.valueBasis.label } : {}),
    phaseCount: scenario.phaseCount,
    parties: scenario.parties.map((p) => {
      const own = scenario.measures.filter((m) => m.party === p.id);
      return {
        id: p.id,
        name: p.name,
        measures: own.length,
        totalValue: totalDelivered(scenario, p.id),
        measuresWithAssumptions: own.filter((m) => (m.assumed?.length ?? 0) > 0).length,
      };
    }),
    relations: scenario.relations.map((r) => {
      const before = byId.get(r.before)!;
      const anchor =
        r.anchor === 'start'
          ? 'has started'
          : r.anchor === 'complete'
            ? `is complete (${before.durationDays} days after it starts)`
            : `is verified (${before.durationDays + before.verificationDays} days after it starts)`;
      const lag = r.lagDays > 0 ? `at least ${r.lagDays} days after` : 'once';
      return `${r.after} starts ${lag} ${r.before} ${anchor}`;
    }),
    redLines: scenario.redLines.map((r) => ({
      id: r.id,
      party: r.party,
      kind: r.kind,
      rule: ruleOf(scenario, r, partyName.get(r.party) ?? r.party, unit),
      ...(r.text === undefined ? {} : { text: r.text }),
      ...(r.source === undefined ? {} : { source: r.source }),
    })),
    criticalPath: criticalPath(scenario),
    model: {
      variables: built.variables.length,
      binaries: built.variables.filter((v) => v.type === 'binary').length,
      constraints: built.constraints.length,
    },
    // The value basis leads the assumptions, so that every reader of them (the CLI's text, the web) sees it.
    assumptions: [
      ...(scenario.valueBasis ? [`Value basis: ${scenario.valueBasis.label}.`] : []),
      ...(scenario.assumptions ?? []),
    ],
    sources: [...(scenario.sources ?? [])],
  };
}

function ruleOf(scenario: SequencingScenario, r: RedLine, name: string, unit: string): string {
  const format = (value: number) => `${Math.round(value * 100) / 100} ${unit}`;
  return redLineModule(r.kind).explain(r, { scenario, name, format });
}
