import type { Category, RegisterEntity } from './categories.ts';

/** The register's filters; the empty string means "any". */
export interface RegisterFilters {
  readonly program: string;
  readonly basis: string;
  readonly category: '' | Category;
  readonly layered: '' | 'yes' | 'no';
  readonly relief: '' | 'relieved' | 'partly' | 'none';
  readonly name: string;
}

export const noFilters: RegisterFilters = {
  program: '',
  basis: '',
  category: '',
  layered: '',
  relief: '',
  name: '',
};

/** The programs and bases present in the register, sorted, for the filter menus. */
export function optionsOf(entities: readonly RegisterEntity[]) {
  const programs = new Set<string>();
  const bases = new Set<string>();
  for (const entity of entities) {
    for (const group of entity.byBasis) {
      bases.add(group.basis);
      for (const program of group.programs) programs.add(program);
    }
  }
  return { programs: [...programs].sort(), bases: [...bases].sort() };
}

/** `relieved`, `partly` or `none`. */
export function reliefOf(entity: RegisterEntity): 'relieved' | 'partly' | 'none' {
  return entity.relieved ? 'relieved' : entity.partlyRelieved ? 'partly' : 'none';
}

/**
 * The parties the filters keep. With a program chosen, the category filter asks about that program's
 * designation; without one, about any of the party's designations.
 */
export function applyFilters(
  entities: readonly RegisterEntity[],
  filters: RegisterFilters,
): readonly RegisterEntity[] {
  const name = filters.name.trim().toLowerCase();
  return entities.filter((entity) => {
    if (filters.program && !entity.classifications.some((c) => c.program === filters.program)) return false;
    if (filters.basis && !entity.byBasis.some((group) => group.basis === filters.basis)) return false;
    if (filters.category) {
      const designations = filters.program
        ? entity.classifications.filter((c) => c.program === filters.program)
        : entity.classifications;
      if (!designations.some((c) => c.category === filters.category)) return false;
    }
    if (filters.layered && entity.layered !== (filters.layered === 'yes')) return false;
    if (filters.relief && reliefOf(entity) !== filters.relief) return false;
    if (
      name &&
      !entity.name.toLowerCase().includes(name) &&
      String(entity.entryNumber) !== name.replace(/^#/, '')
    )
      return false;
    return true;
  });
}
