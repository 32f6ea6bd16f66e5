import type { ConflictAnalysisResult, StabilityDefinitionName, StatesByDefinition } from '@lockstep/contract';

/** The four definitions in the order the literature gives them, with their names. */
export const definitions: readonly {
  readonly id: StabilityDefinitionName;
  readonly name: string;
  readonly long: string;
}[] = [
  { id: 'nash', name: 'Nash', long: 'Nash: no side gains by moving' },
  { id: 'gmr', name: 'GMR', long: 'general metarationality: every gain is deterred by some sanction' },
  { id: 'smr', name: 'SMR', long: 'symmetric metarationality: deterred even after a counter-move' },
  { id: 'seq', name: 'SEQ', long: 'sequential stability: deterred by sanctions the others gain by' },
];

const palette = ['#2b6cb0', '#2f855a', '#b7791f', '#805ad5', '#c53030', '#319795', '#d53f8c', '#4a5568'];

/** The colour of DM number `index` (model order): the US and Iran keep the workbench's colours when first. */
export function dmColour(index: number): string {
  return palette[index % palette.length]!;
}

/** "state 3 (NYYN)". */
export function stateLabel(analysis: ConflictAnalysisResult, id: number): string {
  const state = analysis.states[id - 1];
  return state ? `state ${id} (${state.yn})` : `state ${id}`;
}

/** The options taken in a state, by name, or "no option taken". */
export function optionsTaken(analysis: ConflictAnalysisResult, id: number): string {
  const state = analysis.states[id - 1];
  if (!state) return '';
  const taken = analysis.options
    .filter((option) => state.yn[option.bit] === 'Y')
    .map((option) => option.name);
  return taken.length === 0 ? 'no option taken' : taken.join(', ');
}

/** What changed in the equilibria between two analyses, per definition, in words; none when nothing did. */
export function equilibriaChanges(before: StatesByDefinition, after: StatesByDefinition): string[] {
  return definitions.flatMap(({ id, name }) => {
    const appeared = after[id].filter((s) => !before[id].includes(s));
    const vanished = before[id].filter((s) => !after[id].includes(s));
    if (appeared.length === 0 && vanished.length === 0) return [];
    const parts = [
      ...(appeared.length > 0 ? [`state ${appeared.join(', ')} became an equilibrium`] : []),
      ...(vanished.length > 0 ? [`state ${vanished.join(', ')} is no longer one`] : []),
    ];
    return [`${name}: ${parts.join('; ')}`];
  });
}
