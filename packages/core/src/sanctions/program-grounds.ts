import type { JcpoaRelation } from './jcpoa-relation.ts';
import { catalogueProgram, type ProgramCatalogue } from './program-catalogue.ts';
import type { SanctionsBasis } from './sanctions-basis.ts';

/**
 * On what grounds a tag sanctions, for layering:
 * - `nuclear`: basis nuclear or proliferation, or a program the JCPOA relieved, revoked or that re-imposes
 *   that relief (IRAN, IRAN-EO13846, EO13622...);
 * - `other-label`: terrorism, human rights, missiles and arms, cyber, election interference, or another
 *   basis under a non-nuclear or post-withdrawal program (IRGC, SDGT, IRAN-EO13876...);
 * - `marker`: a tag that marks the consequences of another designation rather than grounds of its own
 *   (IFSR: CISADA secondary sanctions for a WMD or terrorism designation, OFAC FAQ 172), or a program about
 *   another country;
 * - `unknown`: not in the catalogue.
 */
export type ProgramGrounds = 'nuclear' | 'other-label' | 'marker' | 'unknown';

const nuclearBases: readonly SanctionsBasis[] = ['nuclear', 'proliferation'];
const nuclearRelations: readonly JcpoaRelation[] = [
  'revoked-on-implementation-day',
  'relieved-on-implementation-day',
  'reimposes-relief',
];
const otherLabelBases: readonly SanctionsBasis[] = [
  'terrorism',
  'human-rights',
  'missile-arms',
  'cyber',
  'election-interference',
];

/** The grounds of a tag as the catalogue describes it (see {@link ProgramGrounds}). */
export function programGrounds(catalogue: ProgramCatalogue, tag: string): ProgramGrounds {
  const program = catalogueProgram(catalogue, tag);
  if (!program) return 'unknown';
  if (nuclearBases.includes(program.basis) || nuclearRelations.includes(program.jcpoa)) return 'nuclear';
  if (otherLabelBases.includes(program.basis)) return 'other-label';
  if (program.jcpoa === 'created-after-withdrawal' || program.jcpoa === 'non-nuclear') return 'other-label';
  return 'marker';
}

/**
 * Whether a party with these tags is layered: sanctioned on nuclear grounds and under another label at
 * once, so that lifting the nuclear designations alone leaves it sanctioned.
 */
export function isLayered(catalogue: ProgramCatalogue, programs: readonly string[]): boolean {
  const grounds = programs.map((tag) => programGrounds(catalogue, tag));
  return grounds.includes('nuclear') && grounds.includes('other-label');
}
