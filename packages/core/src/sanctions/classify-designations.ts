import type { IsoDate } from '../units.ts';
import {
  type Determination,
  describeDating,
  happenedBefore,
  happenedBeforeEvent,
  happenedOnOrAfter,
} from './event-dating.ts';
import { catalogueProgram, isIranRelated, type ProgramCatalogue } from './program-catalogue.ts';
import type { Designation, SanctionedEntity } from './sanctioned-entity.ts';
import type {
  DesignationSelector,
  PositionRule,
  SanctionsCategory,
  SanctionsPosition,
} from './sanctions-position.ts';

/** A rule passed over because a date condition was undetermined. */
export interface SkippedRule {
  readonly rule: string;
  readonly why: string;
}

/**
 * How a position classifies one designation: the category, the rule that decided it with its reason, and
 * the facts each of its conditions looked at, so an analyst can disagree with a specific reason.
 */
export interface DesignationClassification {
  readonly entityId: string;
  readonly designation: Designation;
  readonly category: SanctionsCategory;
  /** The id of the deciding rule. */
  readonly rule: string;
  readonly reason: string;
  /** One line per condition of the deciding rule, with the facts and their sources. */
  readonly evidence: readonly string[];
  /** The deciding rule matched although a date condition was undetermined (its `whenUndetermined: match`). */
  readonly uncertain: boolean;
  /** Earlier rules passed over because a date condition was undetermined. */
  readonly skipped: readonly SkippedRule[];
  /** The catalogue does not know the tag: the designation is still classified (by rules on tags or the last rule). */
  readonly unknownProgram: boolean;
}

interface Check {
  readonly value: Determination;
  readonly evidence: string;
}

const strictness: Readonly<Record<SanctionsCategory, number>> = { lift: 0, difficult: 1, keep: 2 };

/** Whether a position speaks about a party: within its scope. */
export function inPositionScope(
  position: SanctionsPosition,
  catalogue: ProgramCatalogue,
  entity: SanctionedEntity,
): boolean {
  return (
    position.scope === 'all' ||
    isIranRelated(
      catalogue,
      entity.designations.map((designation) => designation.program),
    )
  );
}

/**
 * Classifies every designation of a party under a position: the first rule whose conditions hold decides.
 * A `follow` rule takes the strictest category of the party's other designations it names that a
 * non-follow rule decided; with none, the search goes on to the next rule.
 */
export function classifyEntityDesignations(
  position: SanctionsPosition,
  catalogue: ProgramCatalogue,
  entity: SanctionedEntity,
): DesignationClassification[] {
  const decided = new Map<Designation, DesignationClassification>();
  const pending: { designation: Designation; from: number; skipped: SkippedRule[] }[] = [];
  for (const designation of entity.designations) {
    const skipped: SkippedRule[] = [];
    const found = firstMatch(position.rules, 0, catalogue, entity, designation, skipped);
    if (found.rule.follow) pending.push({ designation, from: found.index, skipped });
    else decided.set(designation, classification(entity, designation, found, skipped, catalogue));
  }
  for (const item of pending) {
    let from = item.from;
    for (;;) {
      const found = firstMatch(position.rules, from, catalogue, entity, item.designation, item.skipped);
      if (!found.rule.follow) {
        decided.set(
          item.designation,
          classification(entity, item.designation, found, item.skipped, catalogue),
        );
        break;
      }
      const followed = [...decided.values()].filter(
        (other) =>
          other.designation !== item.designation &&
          found.rule.follow!.some((selector) => selects(selector, catalogue, other.designation.program)),
      );
      if (followed.length > 0) {
        const strictest = followed.reduce((a, b) =>
          strictness[b.category] > strictness[a.category] ? b : a,
        );
        decided.set(item.designation, {
          ...classification(entity, item.designation, found, item.skipped, catalogue, strictest.category),
          evidence: [
            ...found.evidence,
            ...followed.map(
              (other) => `follows ${other.designation.program}: ${other.category} by rule ${other.rule}`,
            ),
          ],
          uncertain: found.uncertain || strictest.uncertain,
        });
        break;
      }
      item.skipped.push({ rule: found.rule.id, why: 'no designation of the party it follows was decided' });
      from = found.index + 1;
    }
  }
  return entity.designations.map((designation) => decided.get(designation)!);
}

interface Match {
  readonly rule: PositionRule;
  readonly index: number;
  readonly evidence: readonly string[];
  readonly uncertain: boolean;
}

function firstMatch(
  rules: readonly PositionRule[],
  from: number,
  catalogue: ProgramCatalogue,
  entity: SanctionedEntity,
  designation: Designation,
  skipped: SkippedRule[],
): Match {
  for (let index = from; index < rules.length; index++) {
    const rule = rules[index]!;
    const checks = checkRule(rule, catalogue, entity, designation);
    if (checks.some((check) => check.value === 'no')) continue;
    const undetermined = checks.filter((check) => check.value === 'undetermined');
    if (undetermined.length > 0 && rule.whenUndetermined !== 'match') {
      skipped.push({ rule: rule.id, why: undetermined.map((check) => check.evidence).join('; ') });
      continue;
    }
    return {
      rule,
      index,
      evidence: checks.map((check) => check.evidence),
      uncertain: undetermined.length > 0,
    };
  }
  // Positions end with a rule without conditions; a position that does not is refused by its reader.
  throw new RangeError(
    `no rule of the position decides ${designation.program} on entry ${designation.entryNumber}`,
  );
}

function classification(
  entity: SanctionedEntity,
  designation: Designation,
  found: Match,
  skipped: readonly SkippedRule[],
  catalogue: ProgramCatalogue,
  category: SanctionsCategory | undefined = found.rule.category,
): DesignationClassification {
  const unknownProgram = catalogueProgram(catalogue, designation.program) === undefined;
  return {
    entityId: entity.id,
    designation,
    category: category!,
    rule: found.rule.id,
    reason: found.rule.reason,
    evidence: [
      ...found.evidence,
      ...(unknownProgram ? [`tag ${designation.program} is not in the program catalogue`] : []),
    ],
    uncertain: found.uncertain,
    skipped: [...skipped],
    unknownProgram,
  };
}

function checkRule(
  rule: PositionRule,
  catalogue: ProgramCatalogue,
  entity: SanctionedEntity,
  designation: Designation,
): Check[] {
  const { when } = rule;
  const tag = designation.program;
  const program = catalogueProgram(catalogue, tag);
  const checks: Check[] = [];
  if (when.programs) {
    const value = when.programs.includes(tag);
    checks.push({
      value: yesNo(value),
      evidence: `tag ${tag} is ${value ? '' : 'not '}one of ${when.programs.join(', ')}`,
    });
  }
  if (when.bases) {
    checks.push(
      program
        ? {
            value: yesNo(when.bases.includes(program.basis)),
            evidence: `${tag} has basis ${program.basis} (source: ${program.basisSource})`,
          }
        : { value: 'no', evidence: `${tag} has no basis: not in the catalogue` },
    );
  }
  if (when.jcpoa) {
    checks.push(
      program
        ? {
            value: yesNo(when.jcpoa.includes(program.jcpoa)),
            evidence: `${tag} stands to the JCPOA as ${program.jcpoa} (source: ${program.jcpoaSource})`,
          }
        : { value: 'no', evidence: `${tag} has no JCPOA relation: not in the catalogue` },
    );
  }
  if (when.imposedOnOrAfter !== undefined) {
    checks.push(dateCheck(designation, when.imposedOnOrAfter, 'on or after'));
  }
  if (when.imposedBefore !== undefined) {
    checks.push(dateCheck(designation, when.imposedBefore, 'before'));
  }
  if (when.priorDesignation) checks.push(priorCheck(when.priorDesignation, catalogue, entity, designation));
  if (when.coDesignation) {
    const others = entity.designations.filter(
      (other) =>
        other.program !== tag &&
        when.coDesignation!.some((selector) => selects(selector, catalogue, other.program)),
    );
    checks.push({
      value: yesNo(others.length > 0),
      evidence:
        others.length > 0
          ? `the party is also designated under ${others.map((other) => other.program).join(', ')}`
          : 'the party holds no other designation the rule names',
    });
  }
  if (when.returnedAfterImplementationDay !== undefined) {
    const exit = entity.implementationDayExit;
    checks.push({
      value: yesNo((exit !== undefined) === when.returnedAfterImplementationDay),
      evidence: exit
        ? `entry ${exit.entryNumber} left the SDN list across Implementation Day (${exit.how}) and the party is listed again`
        : 'the party did not leave the SDN list across Implementation Day and come back',
    });
  }
  return checks;
}

function dateCheck(designation: Designation, date: IsoDate, relation: 'on or after' | 'before'): Check {
  const imposed = designation.imposed;
  if (!imposed)
    return {
      value: 'undetermined',
      evidence: `no history dates ${designation.program} on entry ${designation.entryNumber}`,
    };
  const value = relation === 'before' ? happenedBefore(imposed, date) : happenedOnOrAfter(imposed, date);
  return {
    value,
    evidence: `${designation.program} imposed ${describeDating(imposed)}: ${value === 'undetermined' ? 'may or may not be' : value === 'yes' ? 'is' : 'is not'} ${relation} ${date}`,
  };
}

function priorCheck(
  selectors: readonly DesignationSelector[],
  catalogue: ProgramCatalogue,
  entity: SanctionedEntity,
  designation: Designation,
): Check {
  const candidates = [
    ...entity.designations
      .filter((other) => other.program !== designation.program)
      .map((other) => ({
        entryNumber: other.entryNumber,
        program: other.program,
        dating: other.imposed,
        note: 'held now',
      })),
    ...entity.pastDesignations.map((past) => ({
      entryNumber: past.entryNumber,
      program: past.program,
      dating: past.imposed ?? past.ended,
      note: `held earlier, ended: ${past.how}`,
    })),
  ].filter((candidate) => selectors.some((selector) => selects(selector, catalogue, candidate.program)));
  let best: Determination = 'no';
  let evidence = 'the party held no earlier designation the rule names';
  for (const candidate of candidates) {
    const value: Determination =
      candidate.dating && designation.imposed
        ? happenedBeforeEvent(candidate.dating, designation.imposed)
        : 'undetermined';
    if (value === 'yes' || (value === 'undetermined' && best === 'no')) {
      best = value;
      evidence = `${candidate.program} on entry ${candidate.entryNumber} (${candidate.note}), imposed ${
        candidate.dating ? describeDating(candidate.dating) : 'at an unknown date'
      }: ${value === 'yes' ? 'before' : 'perhaps before'} ${designation.program}`;
    }
    if (best === 'yes') break;
  }
  return { value: best, evidence };
}

/** Whether a selector picks a tag, as the catalogue describes it. */
export function selects(selector: DesignationSelector, catalogue: ProgramCatalogue, tag: string): boolean {
  const program = catalogueProgram(catalogue, tag);
  if (selector.programs && !selector.programs.includes(tag)) return false;
  if (selector.bases && !(program && selector.bases.includes(program.basis))) return false;
  if (selector.jcpoa && !(program && selector.jcpoa.includes(program.jcpoa))) return false;
  return true;
}

function yesNo(value: boolean): Determination {
  return value ? 'yes' : 'no';
}
