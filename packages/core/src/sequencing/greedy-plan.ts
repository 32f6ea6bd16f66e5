import { checkPlan } from './check-plan.ts';
import { type PlanScore, scorePlan } from './plan-objective.ts';
import { type GreedyStep, redLineModule } from './red-lines/index.ts';
import { relationOrder, relationsFrom } from './relation-order.ts';
import type { SequencingMeasure, SequencingScenario } from './scenario.ts';
import { anchorOffset, earliestSchedule, type ScheduledMeasure } from './schedule.ts';

/** A plan the greedy baseline found, with its score under the scenario's objective. */
export interface GreedyPlan {
  readonly schedule: readonly ScheduledMeasure[];
  readonly score: PlanScore;
}

/**
 * A simple greedy baseline for the sequencing MILP: fills the phases one at a time. A measure may join the
 * current phase once every measure it waits for is in an earlier phase (or in this one, when the relation
 * has no offset); of those, it adds the first, in order of preference, for which every max-exposure and
 * other-starts-first red line still holds after the phase, or else the first pair of two parties' measures
 * that keeps them (an exchange). When nothing more fits, it moves to the next phase. It runs twice, preferring
 * first the longest remaining chain of relations, then the lowest largest exposure once added (each order
 * breaking the other's ties), and keeps the better plan. A plan gets the earliest days its phases allow and
 * must pass `checkPlan` (deadlines, same-phase and all-after-theirs are only checked there). Returns
 * `undefined` when neither run places every measure in a plan that passes: no plan found, which does not
 * mean none exists.
 */
export function greedyPlan(scenario: SequencingScenario): GreedyPlan | undefined {
  let best: GreedyPlan | undefined;
  for (const order of ['chain', 'exposure'] as const) {
    const phaseOf = greedyPhases(scenario, order);
    const schedule = phaseOf && earliestSchedule(scenario, phaseOf);
    if (!schedule || checkPlan(scenario, schedule).length > 0) continue;
    const score = scorePlan(scenario, schedule);
    if (!best || score.objective < best.score.objective) best = { schedule, score };
  }
  return best;
}

/** Which candidate the greedy prefers first: the longest chain of relations, or the lowest exposure. */
type Order = 'chain' | 'exposure';

/** What the greedy looks up while it fills phases. */
interface Context {
  readonly scenario: SequencingScenario;
  /** Each measure's relations it waits on: the measure waited for, and whether the offset is positive. */
  readonly waitsOn: ReadonlyMap<string, readonly { before: string; strict: boolean }[]>;
  readonly tails: ReadonlyMap<string, number>;
  readonly order: Order;
  readonly phaseOf: Map<string, number>;
  /** Value delivered so far, by party. */
  readonly delivered: Map<string, number>;
}

/** The phase of every measure the greedy chose, or `undefined` when it could not place them all. */
function greedyPhases(scenario: SequencingScenario, order: Order): Map<string, number> | undefined {
  const { measures, phaseCount } = scenario;
  const byId = new Map(measures.map((m) => [m.id, m]));
  const waitsOn = new Map(measures.map((m) => [m.id, [] as { before: string; strict: boolean }[]]));
  for (const r of scenario.relations) {
    const strict = anchorOffset(byId.get(r.before)!, r.anchor) + r.lagDays > 0;
    waitsOn.get(r.after)!.push({ before: r.before, strict });
  }
  const context: Context = {
    scenario,
    waitsOn,
    tails: chainTails(scenario),
    order,
    phaseOf: new Map(),
    delivered: new Map(scenario.parties.map((party) => [party.id, 0])),
  };
  for (let phase = 0; phase < phaseCount && context.phaseOf.size < measures.length; phase++) {
    while (fillOne(context, phase));
  }
  return context.phaseOf.size === measures.length ? context.phaseOf : undefined;
}

/**
 * Adds the best ready measure that keeps the red lines after `phase`, or, when none does alone, the best
 * ready pair of two parties' measures exchanged in the same phase. Returns false when nothing fits.
 */
function fillOne(context: Context, phase: number): boolean {
  const { scenario, phaseOf } = context;
  const candidates = scenario.measures
    .filter((m) => !phaseOf.has(m.id) && ready(context, m, phase))
    .sort((a, b) => preference(context, a, b));
  for (const m of candidates) {
    if (holds(context, [m], phase)) {
      place(context, [m], phase);
      return true;
    }
  }
  for (const m of candidates) {
    const partner = candidates.find((n) => n.party !== m.party && holds(context, [m, n], phase));
    if (partner) {
      place(context, [m, partner], phase);
      return true;
    }
  }
  return false;
}

function place(context: Context, added: readonly SequencingMeasure[], phase: number): void {
  for (const m of added) {
    context.phaseOf.set(m.id, phase);
    context.delivered.set(m.party, (context.delivered.get(m.party) ?? 0) + m.value);
  }
}

/** Every relation the measure waits on is met by a measure already placed before (or in) `phase`. */
function ready(context: Context, measure: SequencingMeasure, phase: number): boolean {
  return context.waitsOn.get(measure.id)!.every(({ before, strict }) => {
    const at = context.phaseOf.get(before);
    return at !== undefined && (at < phase || (at === phase && !strict));
  });
}

/** Delivered value by party once `measure` is added. */
function withValue(delivered: ReadonlyMap<string, number>, measure: SequencingMeasure): Map<string, number> {
  const next = new Map(delivered);
  next.set(measure.party, (next.get(measure.party) ?? 0) + measure.value);
  return next;
}

/** Party's exposure given the value each party has delivered so far. */
function exposureOf(delivered: ReadonlyMap<string, number>, party: string): number {
  let received = 0;
  for (const [other, value] of delivered) if (other !== party) received += value;
  return (delivered.get(party) ?? 0) - received;
}

/**
 * Every red line holds after `phase` with `added` placed in it, as far as a fill can tell: what only the
 * whole plan shows is left to `checkPlan`.
 */
function holds(context: Context, added: readonly SequencingMeasure[], phase: number): boolean {
  const { scenario, phaseOf } = context;
  let delivered: ReadonlyMap<string, number> = context.delivered;
  for (const m of added) delivered = withValue(delivered, m);
  const step: GreedyStep = {
    scenario,
    phase,
    added,
    phaseOf,
    delivered,
    exposure: (party: string) => exposureOf(delivered, party),
  };
  return scenario.redLines.every((redLine) => redLineModule(redLine.kind).holdsWhileFilling(redLine, step));
}

/** Orders candidates by the context's order: by chain then exposure, or by exposure then chain. */
function preference(context: Context, a: SequencingMeasure, b: SequencingMeasure): number {
  const chain = context.tails.get(b.id)! - context.tails.get(a.id)!;
  const worst = (m: SequencingMeasure) => {
    const next = withValue(context.delivered, m);
    return Math.max(...context.scenario.parties.map((party) => exposureOf(next, party.id)));
  };
  const exposure = worst(a) - worst(b);
  return context.order === 'chain' ? chain || exposure : exposure || chain;
}

/**
 * Days from each measure's start to the end of the longest chain of relations through it: measures are
 * taken in reverse relation order (`relationOrder`), so one pass settles every tail however long the chain.
 */
function chainTails(scenario: SequencingScenario): Map<string, number> {
  const byId = new Map(scenario.measures.map((m) => [m.id, m]));
  const tails = new Map(scenario.measures.map((m) => [m.id, m.durationDays]));
  const from = relationsFrom(scenario.relations);
  const order = relationOrder(
    scenario.measures.map((m) => m.id),
    scenario.relations,
  );
  for (let k = order.length - 1; k >= 0; k--) {
    const id = order[k]!;
    for (const r of from.get(id) ?? []) {
      const through = anchorOffset(byId.get(id)!, r.anchor) + r.lagDays + tails.get(r.after)!;
      if (through > tails.get(id)!) tails.set(id, through);
    }
  }
  return tails;
}
