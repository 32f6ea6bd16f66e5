import type { DesignationClassification } from './classify-designations.ts';
import { catalogueProgram, type ProgramCatalogue } from './program-catalogue.ts';
import { isLayered } from './program-grounds.ts';
import type { SanctionedEntity } from './sanctioned-entity.ts';
import type { SanctionsBasis } from './sanctions-basis.ts';

/** A party's designations of one basis. */
export interface BasisGroup {
  /** `unknown` for tags the catalogue lacks. */
  readonly basis: SanctionsBasis | 'unknown';
  readonly programs: readonly string[];
}

/**
 * What a position gives one party. It is effectively relieved only if every designation is lifted: a party
 * still designated under one program stays blocked.
 */
export interface EntityRelief {
  readonly entity: SanctionedEntity;
  readonly classifications: readonly DesignationClassification[];
  readonly byBasis: readonly BasisGroup[];
  /** Sanctioned on nuclear grounds and under another label at once (see `isLayered`). */
  readonly layered: boolean;
  /** Every designation is lifted. */
  readonly relieved: boolean;
  /** Some designations are lifted, but not all: the party gets no real relief. */
  readonly partlyRelieved: boolean;
  /** The designations not lifted, which block its relief. */
  readonly blockedBy: readonly DesignationClassification[];
}

/** A party's relief under a position, from the classification of each of its designations. */
export function entityRelief(
  catalogue: ProgramCatalogue,
  entity: SanctionedEntity,
  classifications: readonly DesignationClassification[],
): EntityRelief {
  const groups = new Map<SanctionsBasis | 'unknown', string[]>();
  for (const { program } of entity.designations) {
    const basis = catalogueProgram(catalogue, program)?.basis ?? 'unknown';
    const group = groups.get(basis);
    if (group) group.push(program);
    else groups.set(basis, [program]);
  }
  const blockedBy = classifications.filter((classification) => classification.category !== 'lift');
  const lifted = classifications.length - blockedBy.length;
  return {
    entity,
    classifications,
    byBasis: [...groups].map(([basis, programs]) => ({ basis, programs })),
    layered: isLayered(
      catalogue,
      entity.designations.map((designation) => designation.program),
    ),
    relieved: blockedBy.length === 0,
    partlyRelieved: lifted > 0 && blockedBy.length > 0,
    blockedBy,
  };
}
