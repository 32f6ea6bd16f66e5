import {
  type ConflictAnalysisResult,
  type ConflictChainRule,
  type ConflictMoveView,
  conflictMaxStatesWithMoves,
  type StabilityDefinitionName,
} from '@lockstep/contract';
import {
  analyzeConflict,
  type CompiledConflict,
  type ConflictAnalysis,
  describeState,
  improvingMoves,
  listInWords,
} from '@lockstep/core';
import { InputError } from '../input-error.ts';
import { type ConflictRead, compileRead } from './conflict-input.ts';
import { statusQuoPathsView } from './conflict-paths.ts';

/** The definitions' names as the literature writes them. */
export const definitionNames: Record<StabilityDefinitionName, string> = {
  nash: 'Nash',
  gmr: 'GMR',
  smr: 'SMR',
  seq: 'SEQ',
};

const definitions = ['nash', 'gmr', 'smr', 'seq'] as const;

/** What an analysis is asked for beyond the conflict. */
export interface AnalysisOptions {
  readonly chain?: ConflictChainRule | undefined;
  /** List every unilateral move (the page's graph). */
  readonly moves?: boolean | undefined;
}

/** Every unilateral move of every DM, with whether it improves things for its mover. */
export function movesOf(compiled: CompiledConflict): ConflictMoveView[] {
  const improving = improvingMoves(compiled);
  const moves: ConflictMoveView[] = [];
  compiled.moves.forEach((graph, d) => {
    const dm = compiled.decisionMakers[d]!.id;
    for (let s = 0; s < compiled.states.length; s++) {
      for (let e = graph.offsets[s]!; e < graph.offsets[s + 1]!; e++) {
        moves.push({ dm, from: s + 1, to: graph.targets[e]! + 1, improving: improving[d]![e] === 1 });
      }
    }
  });
  return moves;
}

/** The equilibria, and the status quo's standing, in sentences a negotiator reads. */
export function analysisSentences(compiled: CompiledConflict, analysis: ConflictAnalysis): string[] {
  // A few states are described by the options taken; a long list only by number.
  const stateWords = (ids: readonly number[]) =>
    ids.length <= 4
      ? listInWords(ids.map((id) => describeState(compiled, compiled.states[id - 1]!)))
      : `states ${listInWords(ids.map(String))}`;
  const sentences = definitions.map((definition) => {
    const ids = analysis.equilibria[definition];
    const name = definitionNames[definition];
    if (ids.length === 0) return `Under ${name} no state is stable for every side.`;
    return `Under ${name} ${ids.length === 1 ? 'one state is' : `${ids.length} states are`} stable for every side: ${stateWords(ids)}.`;
  });
  const statusQuo = compiled.model.statusQuo;
  if (statusQuo !== undefined && statusQuo >= 1 && statusQuo <= compiled.states.length) {
    const described = describeState(compiled, compiled.states[statusQuo - 1]!);
    const under = definitions.filter((definition) => analysis.equilibria[definition].includes(statusQuo));
    const unstableFor = (definition: StabilityDefinitionName) =>
      analysis.decisionMakers.filter((dm) => !dm.stable[definition].includes(statusQuo)).map((dm) => dm.name);
    sentences.push(
      under.length === 0
        ? `The status quo, ${described}, is not an equilibrium under any definition: under SEQ ${listInWords(unstableFor('seq'))} would move.`
        : `The status quo, ${described}, holds under ${listInWords(under.map((d) => definitionNames[d]))}${
            under.length < definitions.length
              ? `; not under ${listInWords(
                  definitions.filter((d) => !under.includes(d)).map((d) => definitionNames[d]),
                )}, where ${listInWords(unstableFor(definitions.find((d) => !under.includes(d))!))} would move`
              : ''
          }.`,
    );
  }
  return sentences;
}

/**
 * The analysis of a conflict as the API, CLI and page show it: the options (numbering order) with their sources
 * and references, the states, the equilibria and each DM's stable states per definition, each DM's ranking and
 * statements, the status quo's paths to the SEQ equilibria (when the model names one), and, when asked, every
 * unilateral move.
 */
export function analyzeRead(read: ConflictRead, options: AnalysisOptions = {}): ConflictAnalysisResult {
  const compiled = compileRead(read);
  const chain = options.chain ?? 'standard';
  if (options.moves && compiled.states.length > conflictMaxStatesWithMoves) {
    throw new InputError(
      `moves: the conflict has ${compiled.states.length.toLocaleString('en')} states; moves are listed for at most ${conflictMaxStatesWithMoves.toLocaleString('en')}`,
      'moves',
    );
  }
  const analysis = analyzeConflict(compiled, { chain });
  const { model } = compiled;
  const optionById = new Map(model.options.map((option) => [option.id, option]));
  const statusQuo = model.statusQuo;
  if (statusQuo !== undefined && statusQuo > compiled.states.length) {
    const { field, message } = read.at('statusQuo');
    throw new InputError(
      message(`state ${statusQuo} does not exist; the conflict has states 1 to ${compiled.states.length}`),
      field,
    );
  }
  const hasStatusQuo = statusQuo !== undefined;
  return {
    conflict: {
      id: model.id,
      title: model.title,
      ...(model.description !== undefined && { description: model.description }),
      notAnalysed: [...(model.notAnalysed ?? [])],
    },
    chain,
    options: compiled.options.map((option) => {
      const written = optionById.get(option.id);
      return {
        id: option.id,
        name: option.name,
        dm: option.dm,
        bit: option.bit,
        reversibility: option.reversibility,
        ...(written?.source && { source: written.source }),
        ...(written?.refersTo && { refersTo: [...written.refersTo] }),
      };
    }),
    states: analysis.states,
    equilibria: analysis.equilibria,
    stable: analysis.stable,
    rankings: analysis.rankings,
    decisionMakers: analysis.decisionMakers.map((dm, d) => {
      const written = model.decisionMakers[d]!;
      const preference = model.preferences[dm.id]!;
      return {
        id: dm.id,
        name: dm.name,
        ...(written.source && { source: written.source }),
        preferenceKind: preference.kind,
        statements:
          preference.kind === 'statements'
            ? preference.statements.map((statement) => ({
                text: statement.text,
                ...(statement.source && { source: statement.source }),
              }))
            : [],
        stable: dm.stable,
        ranking: dm.ranking,
      };
    }),
    ...(hasStatusQuo && {
      statusQuo,
      statusQuoPaths: statusQuoPathsView(compiled, statusQuo, { chain, definition: 'seq' }),
    }),
    ...(options.moves && { moves: movesOf(compiled) }),
    sentences: analysisSentences(compiled, analysis),
  };
}
