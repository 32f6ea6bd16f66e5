import type { IsoDate } from '../units.ts';
import type { JcpoaRelation } from './jcpoa-relation.ts';
import type { SanctionsBasis } from './sanctions-basis.ts';

/** Where a fact of the catalogue comes from: a legal text, an OFAC notice or FAQ, or the shipped files. */
export interface SanctionsSource {
  /** The key facts cite, e.g. `eo13716`. */
  readonly id: string;
  readonly title: string;
  /** Where to read it, when a stable address is known. */
  readonly url?: string;
  /** The date of the text or notice. */
  readonly date?: IsoDate;
}

/** A legal authority of a program, e.g. `E.O. 13599` signed 2012-02-05. */
export interface ProgramAuthority {
  /** As lawyers cite it: `E.O. 13224`, `31 C.F.R. part 561`, `CAATSA § 104`. */
  readonly citation: string;
  /** When it was signed or enacted. */
  readonly date?: IsoDate;
  /** The id of a {@link SanctionsSource}. */
  readonly source: string;
}

/**
 * One OFAC program tag as the catalogue describes it: the authorities behind it, why it exists, how it
 * stands to the JCPOA, and the source of each of these facts.
 */
export interface ProgramDefinition {
  /** The tag exactly as OFAC prints it, e.g. `IRAN-EO13846` or `CAATSA - IRAN`. */
  readonly tag: string;
  /** What the tag stands for, e.g. `Reimposing Certain Sanctions With Respect to Iran`. */
  readonly name: string;
  /**
   * Whether the program is about Iran. Global programs used against Iran (SDGT, NPWMD, CYBER2) are
   * `false`: an entry counts as Iran-related through its Iran tags (IFSR accompanies most Iranian NPWMD
   * and SDGT designations).
   */
  readonly iranRelated: boolean;
  readonly authorities: readonly ProgramAuthority[];
  readonly basis: SanctionsBasis;
  /** Why this basis, where it needs saying. */
  readonly basisNote?: string;
  /** The id of the source of the basis. */
  readonly basisSource: string;
  readonly jcpoa: JcpoaRelation;
  /** What happened to the program around the JCPOA, with dates. */
  readonly jcpoaNote?: string;
  /** The id of the source of the JCPOA relation. */
  readonly jcpoaSource: string;
  /**
   * The tag OFAC later printed for the same program (`ILLICIT-DRUGS-EO` became `ILLICIT-DRUGS-EO14059`):
   * a change from one to the other is a renaming, not a new designation.
   */
  readonly renamedTo?: string;
}

/** The program catalogue: sources and programs, looked up by id and tag. */
export interface ProgramCatalogue {
  readonly sources: ReadonlyMap<string, SanctionsSource>;
  readonly programs: ReadonlyMap<string, ProgramDefinition>;
}

/** A catalogue problem found by {@link programCatalogue}. */
export class ProgramCatalogueError extends Error {
  override name = 'ProgramCatalogueError';
}

/**
 * Builds the catalogue from its sources and programs. Fails naming the tag when a tag is given twice, when
 * a fact cites a source that is not given, or when `renamedTo` names a tag the catalogue lacks.
 */
export function programCatalogue(
  sources: readonly SanctionsSource[],
  programs: readonly ProgramDefinition[],
): ProgramCatalogue {
  const sourceMap = new Map<string, SanctionsSource>();
  for (const source of sources) {
    if (sourceMap.has(source.id)) throw new ProgramCatalogueError(`source "${source.id}" is given twice`);
    sourceMap.set(source.id, source);
  }
  const programMap = new Map<string, ProgramDefinition>();
  for (const program of programs) {
    if (programMap.has(program.tag)) throw new ProgramCatalogueError(`tag "${program.tag}" is given twice`);
    const cited = [program.basisSource, program.jcpoaSource, ...program.authorities.map((a) => a.source)];
    const missing = cited.find((id) => !sourceMap.has(id));
    if (missing !== undefined) {
      throw new ProgramCatalogueError(`tag "${program.tag}" cites source "${missing}", which is not given`);
    }
    programMap.set(program.tag, program);
  }
  for (const program of programs) {
    if (program.renamedTo !== undefined && !programMap.has(program.renamedTo)) {
      throw new ProgramCatalogueError(
        `tag "${program.tag}" is renamed to "${program.renamedTo}", which the catalogue lacks`,
      );
    }
  }
  return { sources: sourceMap, programs: programMap };
}

/** The definition of a tag, or `undefined` when the catalogue does not know it. */
export function catalogueProgram(catalogue: ProgramCatalogue, tag: string): ProgramDefinition | undefined {
  return catalogue.programs.get(tag);
}

/**
 * The tags the catalogue does not know, each once, in the order first given. Callers report these; no
 * classification ever drops a designation because its tag is unknown.
 */
export function unknownProgramTags(catalogue: ProgramCatalogue, tags: Iterable<string>): string[] {
  const unknown = new Set<string>();
  for (const tag of tags) if (!catalogue.programs.has(tag)) unknown.add(tag);
  return [...unknown];
}

/** Whether an entry with these tags is Iran-related: at least one tag's program is about Iran. */
export function isIranRelated(catalogue: ProgramCatalogue, programs: readonly string[]): boolean {
  return programs.some((tag) => catalogue.programs.get(tag)?.iranRelated === true);
}
