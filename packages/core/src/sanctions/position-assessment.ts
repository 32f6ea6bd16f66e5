import { classifyEntityDesignations, inPositionScope } from './classify-designations.ts';
import { type EntityRelief, entityRelief } from './effective-relief.ts';
import { type ProgramCatalogue, unknownProgramTags } from './program-catalogue.ts';
import type { SanctionedEntity } from './sanctioned-entity.ts';
import type { SanctionsCategory, SanctionsPosition } from './sanctions-position.ts';

/** The totals of a position over the parties in its scope. */
export interface PositionTotals {
  /** Parties in scope. */
  readonly entities: number;
  readonly designations: number;
  /** Designations per category. */
  readonly byCategory: Readonly<Record<SanctionsCategory, number>>;
  /** Parties whose every designation is lifted. */
  readonly entitiesRelieved: number;
  /** Parties with some designations lifted and some not: no real relief. */
  readonly entitiesPartlyRelieved: number;
  readonly layeredEntities: number;
  /** Layered parties not effectively relieved. */
  readonly layeredLeftSanctioned: number;
  /** Layered parties with some designation lifted that stay sanctioned by another. */
  readonly layeredPartlyRelieved: number;
  /** Designations decided by a rule whose date condition was undetermined. */
  readonly uncertain: number;
  /** Tags of parties in scope that the catalogue does not know. */
  readonly unknownPrograms: readonly string[];
}

/** A position applied to the parties of a snapshot. */
export interface PositionAssessment {
  readonly position: SanctionsPosition;
  /** One per party in scope, in the order given. */
  readonly reliefs: readonly EntityRelief[];
  readonly totals: PositionTotals;
}

/** Classifies every designation of the parties in a position's scope and sums up the relief it gives. */
export function assessPosition(
  position: SanctionsPosition,
  catalogue: ProgramCatalogue,
  entities: readonly SanctionedEntity[],
): PositionAssessment {
  const reliefs = entities
    .filter((entity) => inPositionScope(position, catalogue, entity))
    .map((entity) =>
      entityRelief(catalogue, entity, classifyEntityDesignations(position, catalogue, entity)),
    );
  const byCategory: Record<SanctionsCategory, number> = { lift: 0, keep: 0, difficult: 0 };
  let uncertain = 0;
  for (const relief of reliefs) {
    for (const classification of relief.classifications) {
      byCategory[classification.category]++;
      if (classification.uncertain) uncertain++;
    }
  }
  const count = (test: (relief: EntityRelief) => boolean) => reliefs.filter(test).length;
  return {
    position,
    reliefs,
    totals: {
      entities: reliefs.length,
      designations: byCategory.lift + byCategory.keep + byCategory.difficult,
      byCategory,
      entitiesRelieved: count((relief) => relief.relieved),
      entitiesPartlyRelieved: count((relief) => relief.partlyRelieved),
      layeredEntities: count((relief) => relief.layered),
      layeredLeftSanctioned: count((relief) => relief.layered && !relief.relieved),
      layeredPartlyRelieved: count((relief) => relief.layered && relief.partlyRelieved),
      uncertain,
      unknownPrograms: unknownProgramTags(
        catalogue,
        reliefs.flatMap((relief) => relief.entity.designations.map((designation) => designation.program)),
      ),
    },
  };
}
