import { planTolerance } from './plan-tolerance.ts';
import type { PlanViolation } from './plan-violation.ts';
import { redLineModule } from './red-lines/index.ts';
import type { RedLine, SequencingScenario } from './scenario.ts';
import { anchorOffset, type ScheduledMeasure } from './schedule.ts';

/**
 * Checks a plan against every constraint of the scenario, independently of how the plan was made: each
 * measure placed once in a phase, days consistent with durations, phases in order (no measure starts before
 * every measure of the earlier phases is complete; under phase starts, a phase's measures start on one day),
 * every relation's lag, and
 * every red line (or only those in `redLines`, when given). Returns every violation; an empty list means the
 * plan is valid.
 */
export function checkPlan(
  scenario: SequencingScenario,
  schedule: readonly ScheduledMeasure[],
  redLines: readonly RedLine[] = scenario.redLines,
): PlanViolation[] {
  const violations: PlanViolation[] = [];
  const byId = new Map(scenario.measures.map((m) => [m.id, m]));
  const at = new Map<string, ScheduledMeasure>();
  for (const entry of schedule) {
    const measure = byId.get(entry.measure);
    if (!measure) {
      violations.push(assignment([entry.measure], `"${entry.measure}" is not a measure of the scenario`));
    } else if (at.has(entry.measure)) {
      violations.push(assignment([entry.measure], `"${entry.measure}" is placed more than once`));
    } else if (!Number.isInteger(entry.phase) || entry.phase < 0 || entry.phase >= scenario.phaseCount) {
      violations.push(
        assignment(
          [entry.measure],
          `"${entry.measure}" is in phase ${entry.phase}; phases are 0 to ${scenario.phaseCount - 1}`,
        ),
      );
    } else {
      at.set(entry.measure, entry);
      const complete = entry.startDay + measure.durationDays;
      if (
        entry.startDay < -planTolerance ||
        Math.abs(entry.completeDay - complete) > planTolerance ||
        Math.abs(entry.verifiedDay - complete - measure.verificationDays) > planTolerance
      ) {
        violations.push({
          constraint: 'days',
          measures: [measure.id],
          message: `"${measure.id}" starts on day ${entry.startDay}, complete ${entry.completeDay}, verified ${entry.verifiedDay}; with ${measure.durationDays} days and ${measure.verificationDays} to verify it should be complete on ${complete}`,
        });
      }
    }
  }
  for (const measure of scenario.measures) {
    if (!at.has(measure.id) && !schedule.some((s) => s.measure === measure.id)) {
      violations.push(assignment([measure.id], `"${measure.id}" is not placed in any phase`));
    }
  }
  const placed = [...at.values()];
  // Under staggered starts a measure may start after its phase's first day; the phase order still holds.
  const staggered = scenario.starts === 'staggered';
  for (const a of placed) {
    for (const b of placed) {
      if (
        !staggered &&
        a.phase === b.phase &&
        a.measure < b.measure &&
        Math.abs(a.startDay - b.startDay) > planTolerance
      ) {
        violations.push({
          constraint: 'phase-order',
          measures: [a.measure, b.measure],
          message: `"${a.measure}" and "${b.measure}" are both in phase ${a.phase} but start on days ${a.startDay} and ${b.startDay}`,
        });
      }
      if (a.phase < b.phase && b.startDay < a.completeDay - planTolerance) {
        violations.push({
          constraint: 'phase-order',
          measures: [a.measure, b.measure],
          message: `"${b.measure}" (phase ${b.phase}) starts on day ${b.startDay}, before "${a.measure}" (phase ${a.phase}) is complete on day ${a.completeDay}`,
        });
      }
    }
  }
  for (const relation of scenario.relations) {
    const before = at.get(relation.before);
    const after = at.get(relation.after);
    if (!before || !after) continue;
    const wait = anchorOffset(byId.get(relation.before)!, relation.anchor) + relation.lagDays;
    if (staggered && wait > 0 && after.phase <= before.phase) {
      violations.push({
        constraint: 'relation',
        measures: [relation.before, relation.after],
        message: `"${relation.after}" (phase ${after.phase}) waits for "${relation.before}" (phase ${before.phase}); a measure that waits for another must be in a later phase`,
      });
      continue;
    }
    const from = before.startDay + anchorOffset(byId.get(relation.before)!, relation.anchor);
    if (after.startDay < from + relation.lagDays - planTolerance) {
      violations.push({
        constraint: 'relation',
        measures: [relation.before, relation.after],
        message: `"${relation.after}" starts on day ${after.startDay}; it must wait ${relation.lagDays} days after "${relation.before}" is ${anchorWord(relation.anchor)} (day ${from})`,
      });
    }
  }
  if (at.size === scenario.measures.length) {
    for (const redLine of redLines) violations.push(...redLineViolations(scenario, at, redLine));
  }
  return violations;
}

function redLineViolations(
  scenario: SequencingScenario,
  at: ReadonlyMap<string, ScheduledMeasure>,
  redLine: RedLine,
): PlanViolation[] {
  const own = scenario.measures.filter((m) => m.party === redLine.party);
  const others = scenario.measures.filter((m) => m.party !== redLine.party);
  const phaseOf = new Map([...at].map(([id, s]) => [id, s.phase]));
  const crossed = (measures: readonly string[], message: string): PlanViolation => ({
    constraint: 'red-line',
    redLine: redLine.id,
    measures,
    message: `red line "${redLine.id}" of ${redLine.party}: ${message}`,
  });
  return redLineModule(redLine.kind).check(redLine, { scenario, at, phaseOf, own, others, crossed });
}

function assignment(measures: string[], message: string): PlanViolation {
  return { constraint: 'assignment', measures, message };
}

function anchorWord(anchor: 'start' | 'complete' | 'verified'): string {
  return anchor === 'start' ? 'started' : anchor;
}
