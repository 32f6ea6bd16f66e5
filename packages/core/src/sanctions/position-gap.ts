import type { DesignationClassification } from './classify-designations.ts';
import type { PositionAssessment } from './position-assessment.ts';
import type { SanctionsCategory } from './sanctions-position.ts';

/** One designation two positions put in different categories, with each side's rule and reason. */
export interface GapItem {
  readonly entryNumber: number;
  readonly name: string;
  readonly program: string;
  /** The classification under the first position; absent when the party is outside its scope. */
  readonly first?: DesignationClassification;
  /** The classification under the second position; absent when the party is outside its scope. */
  readonly second?: DesignationClassification;
}

/** The gap between two positions, designation by designation: what each needs a decision on. */
export interface PositionGap {
  readonly first: string;
  readonly second: string;
  /** Designations classified differently (or in one scope only), by entry number then tag. */
  readonly items: readonly GapItem[];
  /** How many designations move from one category to the other, e.g. `keep -> lift: 212`. */
  readonly moves: Readonly<Record<string, number>>;
  /** Parties relieved under one position and not the other. */
  readonly relievedOnlyByFirst: readonly number[];
  readonly relievedOnlyBySecond: readonly number[];
}

/** Compares two assessments of the same parties, designation by designation. */
export function positionGap(first: PositionAssessment, second: PositionAssessment): PositionGap {
  const key = (c: DesignationClassification) => `${c.designation.entryNumber}\u0000${c.designation.program}`;
  const firstBy = new Map(first.reliefs.flatMap((r) => r.classifications).map((c) => [key(c), c] as const));
  const secondBy = new Map(second.reliefs.flatMap((r) => r.classifications).map((c) => [key(c), c] as const));
  const items: GapItem[] = [];
  const moves: Record<string, number> = {};
  const side = (c: DesignationClassification | undefined): SanctionsCategory | 'out of scope' =>
    c?.category ?? 'out of scope';
  for (const k of new Set([...firstBy.keys(), ...secondBy.keys()])) {
    const a = firstBy.get(k);
    const b = secondBy.get(k);
    if (a?.category === b?.category) continue;
    const designation = (a ?? b)!.designation;
    items.push({
      entryNumber: designation.entryNumber,
      name: designation.name,
      program: designation.program,
      ...(a && { first: a }),
      ...(b && { second: b }),
    });
    const move = `${side(a)} -> ${side(b)}`;
    moves[move] = (moves[move] ?? 0) + 1;
  }
  items.sort((x, y) => x.entryNumber - y.entryNumber || x.program.localeCompare(y.program));
  const relieved = (assessment: PositionAssessment) =>
    new Set(assessment.reliefs.filter((r) => r.relieved).map((r) => r.entity.entryNumber));
  const a = relieved(first);
  const b = relieved(second);
  return {
    first: first.position.id,
    second: second.position.id,
    items,
    moves,
    relievedOnlyByFirst: [...a].filter((n) => !b.has(n)).sort((x, y) => x - y),
    relievedOnlyBySecond: [...b].filter((n) => !a.has(n)).sort((x, y) => x - y),
  };
}
