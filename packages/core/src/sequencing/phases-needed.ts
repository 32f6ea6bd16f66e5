import type { RedLine, SequencingScenario } from './scenario.ts';

/** How many phases an optimal plan needs at most, and why (see `phasesNeeded`). */
export interface PhasesNeeded {
  /** Some optimal plan has at most this many non-empty phases (never more than the scenario's count). */
  readonly phases: number;
  /** The argument in words, with the scenario's own figures. */
  readonly reason: string;
}

/**
 * An upper bound on the phases an optimal plan needs, from merging phases. Take an optimal plan with as few
 * non-empty phases as any optimal plan has. Where a phase holds no measure that waits for another (the
 * `after` of any relation), merging it into the phase before it changes nothing for the worse: its measures
 * start earlier or on the same day and every later phase no later (every constraint they had is kept or
 * relaxed), so the duration does not grow; one exposure checkpoint goes, so no peak rises; and each kind of
 * red line still holds (exposure, allowance and deadlines are only easier; a same-phase pair stays
 * together), except all-after-theirs at the one boundary where its party's first measures follow the other
 * parties' last. Each peak's fall can raise the imbalance by as much, which the objective does not pay for
 * while its weight is at most the exposure weight. So in that plan every phase after the first holds a
 * measure that waits or opens an all-after-theirs party's measures: at most 1 + (measures that wait) +
 * (all-after-theirs red lines) phases, and the same bound holds for feasibility (any plan merges down to
 * it). `undefined` when the argument does not hold (the imbalance weighs more than exposure with two or
 * more parties) or when it allows no fewer phases than the scenario has.
 */
export function phasesNeeded(scenario: SequencingScenario): PhasesNeeded | undefined {
  const rule = mergeRule(scenario);
  if (!rule) return undefined;
  const waiting = rule.waiting.size;
  const allAfterTheirs = rule.afterTheirs.length;
  const phases = 1 + waiting + allAfterTheirs;
  if (phases >= scenario.phaseCount) return undefined;
  const opening =
    allAfterTheirs === 0
      ? ''
      : `, or is where ${allAfterTheirs === 1 ? 'an all-after-theirs red line’s party starts' : `one of ${allAfterTheirs} all-after-theirs red lines’ parties starts`}`;
  return {
    phases,
    reason: `only ${waiting} ${waiting === 1 ? 'measure waits' : 'measures wait'} for another; a phase none of them is in${allAfterTheirs === 0 ? '' : ' (and that opens no all-after-theirs party)'} merges into the one before it at no cost, so an optimal plan needs a waiting measure in every phase after the first${opening}`,
  };
}

/**
 * What decides a merge: the measures that wait (the `after` of any relation) and the party of each
 * all-after-theirs red line; `undefined` when merging may cost something (the imbalance weighs more than
 * exposure, with two or more parties).
 */
function mergeRule(
  scenario: SequencingScenario,
): { readonly waiting: ReadonlySet<string>; readonly afterTheirs: readonly string[] } | undefined {
  const { exposureWeight, imbalanceWeight } = scenario.objective;
  if (imbalanceWeight > exposureWeight && scenario.parties.length > 1) return undefined;
  return {
    waiting: new Set(scenario.relations.map((r) => r.after)),
    afterTheirs: scenario.redLines.filter((r) => opensAPhase(r)).map((r) => r.party),
  };
}

/** Whether a red line can keep two phases apart when no measure waits: all-after-theirs, at one boundary. */
function opensAPhase(redLine: RedLine): boolean {
  switch (redLine.kind) {
    case 'all-after-theirs':
      return true;
    case 'max-exposure':
    case 'other-starts-first':
    case 'deadline':
    case 'same-phase':
      return false;
  }
}

/**
 * A plan's phases merged as `phasesNeeded` argues: each phase that holds no measure that waits, and that
 * does not open an all-after-theirs party's measures, joins the phase before it. The plan that results is
 * no worse, keeps every red line the plan kept, and has at most `phasesNeeded`'s phases (the phases given
 * are returned unchanged when the argument does not hold). A start plan with more phases becomes one that
 * fits a model of that many phases.
 */
export function mergePhases(
  scenario: SequencingScenario,
  phaseOf: ReadonlyMap<string, number>,
): Map<string, number> {
  const rule = mergeRule(scenario);
  if (!rule) return new Map(phaseOf);
  const { waiting, afterTheirs } = rule;
  const byPhase = new Map<number, string[]>();
  for (const [id, phase] of phaseOf) byPhase.set(phase, [...(byPhase.get(phase) ?? []), id]);
  const partyOf = new Map(scenario.measures.map((m) => [m.id, m.party]));
  const merged = new Map<string, number>();
  let group = -1;
  let groupParties = new Set<string>();
  for (const phase of [...byPhase.keys()].sort((a, b) => a - b)) {
    const ids = byPhase.get(phase)!;
    const parties = new Set(ids.map((id) => partyOf.get(id)!));
    const opens = afterTheirs.some(
      (party) => parties.has(party) && [...groupParties].some((other) => other !== party),
    );
    if (group < 0 || ids.some((id) => waiting.has(id)) || opens) {
      group++;
      groupParties = new Set();
    }
    for (const id of ids) merged.set(id, group);
    for (const party of parties) groupParties.add(party);
  }
  return merged;
}
