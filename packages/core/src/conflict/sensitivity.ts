import { analyzeConflict, rankingOf, type StatesByDefinition } from './analyze-conflict.ts';
import { type CompiledConflict, compileConflict } from './compile-conflict.ts';
import { ConflictInputError } from './conflict-input-error.ts';
import type {
  CoalitionChainRule,
  ConflictModel,
  ConflictPreference,
  StabilityDefinition,
} from './conflict-model.ts';
import { stabilityDefinitionNames, stabilityDefinitions } from './stability-flags.ts';

/**
 * One change to one DM's preference:
 * - `swap-statements`: statements `first` and `second` (0-based) of a DM whose preference is given by statements
 *   trade places (so trade importance).
 * - `move-state`: the state moves `by` half-steps in the DM's ranking, up (more preferred) when positive: each
 *   step either ties it with the next group of equally preferred states or places it alone just past that
 *   group. The DM's preference becomes an explicit ranking.
 */
export type PreferenceChange =
  | { readonly kind: 'swap-statements'; readonly dm: string; readonly first: number; readonly second: number }
  | { readonly kind: 'move-state'; readonly dm: string; readonly state: number; readonly by: number };

/** Equilibria that appear or vanish, per definition. */
export interface EquilibriumShift {
  readonly appear: StatesByDefinition;
  readonly vanish: StatesByDefinition;
}

/** The result of `preferenceChangeEffect`: plain JSON. */
export interface PreferenceChangeEffect extends EquilibriumShift {
  readonly change: PreferenceChange;
  /** The change in words. */
  readonly description: string;
  readonly before: StatesByDefinition;
  readonly after: StatesByDefinition;
  /** The DM's ranking after the change, most preferred first, ties as inner lists. */
  readonly rankingAfter: number[][];
  /** The model with the change made. */
  readonly model: ConflictModel;
}

/** Options of the sensitivity functions. */
export interface SensitivityOptions {
  /** Coalition rule for sanctions; default `standard`. */
  readonly chain?: CoalitionChainRule | undefined;
}

const isCompiled = (input: CompiledConflict | ConflictModel): input is CompiledConflict => 'ranks' in input;

/**
 * The ranking after moving state `stateId` by `by` half-steps (positive: more preferred). Positions are slots
 * between and on the groups of the ranking without the state: slot 2g joins group g, slot 2g + 1 sits alone
 * between groups g and g + 1, slot −1 alone above all; the state starts on its own group's slot (or the gap it
 * leaves) and moves `by` slots towards the top, stopping at either end.
 */
export function moveInRanking(
  ranking: readonly (readonly number[])[],
  stateId: number,
  by: number,
): number[][] {
  const at = ranking.findIndex((group) => group.includes(stateId));
  if (at < 0) throw new ConflictInputError('change.state', `state ${stateId} is not in the ranking`);
  const without = ranking.map((group) => group.filter((id) => id !== stateId));
  const alone = without[at]!.length === 0;
  const groups = without.filter((group) => group.length > 0);
  const startSlot = alone ? 2 * at - 1 : 2 * at;
  const slot = Math.max(-1, Math.min(2 * groups.length - 1, startSlot - by));
  if (slot % 2 === 0) {
    const g = slot / 2;
    return groups.map((group, k) => (k === g ? [...group, stateId].sort((a, b) => a - b) : [...group]));
  }
  const after = (slot + 1) / 2;
  return [
    ...groups.slice(0, after).map((group) => [...group]),
    [stateId],
    ...groups.slice(after).map((group) => [...group]),
  ];
}

function dmPreference(model: ConflictModel, dm: string): ConflictPreference {
  const preference = model.preferences[dm];
  if (preference === undefined) {
    throw new ConflictInputError(
      'change.dm',
      `unknown DM '${dm}'; known DMs: ${model.decisionMakers.map((d) => d.id).join(', ')}`,
    );
  }
  return preference;
}

/** The model with one preference change made, and the change in words. */
export function applyPreferenceChange(
  compiled: CompiledConflict,
  change: PreferenceChange,
): { model: ConflictModel; description: string } {
  const model = compiled.model;
  const preference = dmPreference(model, change.dm);
  const dm = compiled.decisionMakers.find((d) => d.id === change.dm)!;
  if (change.kind === 'swap-statements') {
    if (preference.kind !== 'statements') {
      throw new ConflictInputError(
        `preferences.${change.dm}`,
        `${dm.name}'s preference is a ${preference.kind}, not statements; swap statements only in a statement preference`,
      );
    }
    const { first, second } = change;
    const count = preference.statements.length;
    for (const [field, index] of [
      ['first', first],
      ['second', second],
    ] as const) {
      if (!Number.isInteger(index) || index < 0 || index >= count) {
        throw new ConflictInputError(
          `change.${field}`,
          `statement ${index} does not exist; accepted are 0 to ${count - 1}`,
        );
      }
    }
    const statements = [...preference.statements];
    [statements[first], statements[second]] = [statements[second]!, statements[first]!];
    return {
      model: {
        ...model,
        preferences: { ...model.preferences, [change.dm]: { kind: 'statements', statements } },
      },
      description: `${dm.name} swaps the priority of "${preference.statements[first]!.text}" (now ${second + 1}.) and "${preference.statements[second]!.text}" (now ${first + 1}.)`,
    };
  }
  const count = compiled.states.length;
  if (!Number.isInteger(change.state) || change.state < 1 || change.state > count) {
    throw new ConflictInputError(
      'change.state',
      `state ${change.state} does not exist; accepted are 1 to ${count}`,
    );
  }
  if (!Number.isInteger(change.by) || change.by === 0) {
    throw new ConflictInputError(
      'change.by',
      `${change.by}; expected a whole number of half-steps other than 0`,
    );
  }
  const ranking = moveInRanking(rankingOf(compiled, dm.index), change.state, change.by);
  const direction = change.by > 0 ? 'up' : 'down';
  const steps = Math.abs(change.by);
  return {
    model: { ...model, preferences: { ...model.preferences, [change.dm]: { kind: 'ranking', ranking } } },
    description: `${dm.name} ranks state ${change.state} ${steps} half-step${steps === 1 ? '' : 's'} ${direction}`,
  };
}

function shift(before: StatesByDefinition, after: StatesByDefinition): EquilibriumShift {
  const appear: StatesByDefinition = { nash: [], gmr: [], smr: [], seq: [] };
  const vanish: StatesByDefinition = { nash: [], gmr: [], smr: [], seq: [] };
  for (const definition of stabilityDefinitions) {
    appear[definition] = after[definition].filter((id) => !before[definition].includes(id));
    vanish[definition] = before[definition].filter((id) => !after[definition].includes(id));
  }
  return { appear, vanish };
}

/**
 * What one change to one DM's preference does to the equilibria: which appear and which vanish, per definition,
 * with the equilibria before and after and the changed model. Accepts a model or a compiled conflict.
 */
export function preferenceChangeEffect(
  input: CompiledConflict | ConflictModel,
  change: PreferenceChange,
  options: SensitivityOptions = {},
): PreferenceChangeEffect {
  const compiled = isCompiled(input) ? input : compileConflict(input);
  const before = analyzeConflict(compiled, options).equilibria;
  const { model, description } = applyPreferenceChange(compiled, change);
  const changed = compileConflict(model);
  const after = analyzeConflict(changed, options).equilibria;
  const dm = changed.decisionMakers.find((d) => d.id === change.dm)!;
  return {
    change,
    description,
    before,
    after,
    ...shift(before, after),
    rankingAfter: rankingOf(changed, dm.index),
    model,
  };
}

/** A single change that makes the target an equilibrium. */
export interface StabilisingChange {
  readonly dm: string;
  readonly change: PreferenceChange;
  readonly description: string;
  /** Equilibria under the definition after the change. */
  readonly equilibriaAfter: number[];
  /** Equilibria under the definition that the change removes. */
  readonly vanish: number[];
}

/** The result of `changesThatStabilise`: plain JSON. */
export interface StabilisingChanges {
  readonly target: number;
  readonly definition: StabilityDefinition;
  /** Whether the target already is an equilibrium (then no change is needed and none is listed). */
  readonly alreadyEquilibrium: boolean;
  /** How many candidate changes were tried. */
  readonly tried: number;
  /** Per DM, the target's verdict now: the DMs for whom it is not yet stable. */
  readonly unstableFor: string[];
  readonly changes: StabilisingChange[];
  /** The changes in words, for a negotiator. */
  readonly sentences: string[];
}

/**
 * "What would have to change, and for whom": the single preference changes of one DM that make state
 * `targetStateId` an equilibrium under `definition` (default SEQ). The candidates, per DM, are:
 * - for a DM whose preference is given by statements, every swap of two of its statements;
 * - the target moved up in the DM's ranking by any number of half-steps (up to the top); only the least rise
 *   that works is listed;
 * - every other state the DM ranks at least as high as the target moved down to tie with the target, or to just
 *   below it.
 * Each candidate is applied alone and the conflict re-analysed; those after which the target is an equilibrium
 * are listed, DM by DM in model order, statement swaps first, then by the size of the move.
 */
export function changesThatStabilise(
  model: ConflictModel,
  targetStateId: number,
  definition: StabilityDefinition = 'seq',
  options: SensitivityOptions = {},
): StabilisingChanges {
  const compiled = compileConflict(model);
  const count = compiled.states.length;
  if (!Number.isInteger(targetStateId) || targetStateId < 1 || targetStateId > count) {
    throw new ConflictInputError(
      'target',
      `state ${targetStateId} does not exist; accepted are 1 to ${count}`,
    );
  }
  const analysis = analyzeConflict(compiled, options);
  const unstableFor = compiled.decisionMakers
    .filter((dm) => !analysis.stable[dm.id]![definition].includes(targetStateId))
    .map((dm) => dm.id);
  if (analysis.equilibria[definition].includes(targetStateId)) {
    return {
      target: targetStateId,
      definition,
      alreadyEquilibrium: true,
      tried: 0,
      unstableFor,
      changes: [],
      sentences: [],
    };
  }
  const candidates: PreferenceChange[] = [];
  for (const dm of compiled.decisionMakers) {
    const preference = model.preferences[dm.id]!;
    if (preference.kind === 'statements') {
      for (let first = 0; first < preference.statements.length; first++) {
        for (let second = first + 1; second < preference.statements.length; second++) {
          candidates.push({ kind: 'swap-statements', dm: dm.id, first, second });
        }
      }
    }
    const ranking = rankingOf(compiled, dm.index);
    const rank = compiled.ranks[dm.index]!;
    const targetGroup = ranking.findIndex((group) => group.includes(targetStateId));
    const alone = ranking[targetGroup]!.length === 1;
    // From its slot the target needs at most 2 × groups above (plus 1 when tied) half-steps to be alone on top.
    const maxUp = 2 * targetGroup + (alone ? 0 : 1);
    for (let by = 1; by <= maxUp; by++)
      candidates.push({ kind: 'move-state', dm: dm.id, state: targetStateId, by });
    for (let s = 0; s < count; s++) {
      if (s === targetStateId - 1 || rank[s]! < rank[targetStateId - 1]!) continue;
      for (const place of ['tie', 'below'] as const) {
        const by = halfStepsTo(ranking, s + 1, targetStateId, place);
        if (by !== 0) candidates.push({ kind: 'move-state', dm: dm.id, state: s + 1, by });
      }
    }
  }
  const changes: StabilisingChange[] = [];
  const targetRaisedFor = new Set<string>();
  for (const change of candidates) {
    // Of the target's rises in one DM's ranking, only the least that works is listed.
    const raisesTarget = change.kind === 'move-state' && change.state === targetStateId;
    if (raisesTarget && targetRaisedFor.has(change.dm)) continue;
    const { model: changedModel, description } = applyPreferenceChange(compiled, change);
    const after = analyzeConflict(compileConflict(changedModel), options).equilibria[definition];
    if (!after.includes(targetStateId)) continue;
    if (raisesTarget) targetRaisedFor.add(change.dm);
    changes.push({
      dm: change.dm,
      change,
      description,
      equilibriaAfter: after,
      vanish: analysis.equilibria[definition].filter((id) => !after.includes(id)),
    });
  }
  const names = new Map(compiled.decisionMakers.map((dm) => [dm.id, dm.name]));
  const sentences = changes.map(
    (change) =>
      `If ${change.description}, state ${targetStateId} becomes a ${stabilityDefinitionNames[definition]} equilibrium${change.vanish.length > 0 ? ` (and ${change.vanish.map((id) => `state ${id}`).join(', ')} no longer ${change.vanish.length === 1 ? 'is one' : 'are'})` : ''}.`,
  );
  if (changes.length === 0) {
    sentences.push(
      `No single change to one DM's preference among the ${candidates.length} tried makes state ${targetStateId} a ${stabilityDefinitionNames[definition]} equilibrium; it is not stable for ${unstableFor.map((id) => names.get(id)).join(', ')}.`,
    );
  }
  return {
    target: targetStateId,
    definition,
    alreadyEquilibrium: false,
    tried: candidates.length,
    unstableFor,
    changes,
    sentences,
  };
}

/** Half-steps (positive up) that move state `stateId` to tie with `anchorId` or to sit alone just below it. */
function halfStepsTo(
  ranking: readonly (readonly number[])[],
  stateId: number,
  anchorId: number,
  place: 'tie' | 'below',
): number {
  const at = ranking.findIndex((group) => group.includes(stateId));
  const without = ranking.map((group) => group.filter((id) => id !== stateId));
  const startSlot = without[at]!.length === 0 ? 2 * at - 1 : 2 * at;
  const groups = without.filter((group) => group.length > 0);
  const anchor = groups.findIndex((group) => group.includes(anchorId));
  const slot = place === 'tie' ? 2 * anchor : 2 * anchor + 1;
  return startSlot - slot;
}
