import {
  ConflictAnalysisRequest,
  ConflictAnalysisResult,
  ConflictAnalyzeFileInput,
  ConflictChangesFileInput,
  ConflictChangesRequest,
  ConflictChangesResult,
  ConflictConversion,
  ConflictConvertFileInput,
  ConflictConvertFileResult,
  ConflictConvertRequest,
  ConflictExplainFileInput,
  ConflictExplainRequest,
  ConflictExplanation,
  ConflictPathsFileInput,
  ConflictPathsRequest,
  ConflictPathsResult,
  conflictBodyLimitBytes,
  ShippedConflict,
  ShippedConflictAnalysisQuery,
  ShippedConflictList,
  ShippedConflictParams,
} from '@lockstep/contract';
import { z } from 'zod';
import { InputError, NotFoundError } from '../input-error.ts';
import { type CliOption, operation } from '../operation.ts';
import { analyzeRead } from './conflict-analysis.ts';
import { changesView } from './conflict-changes.ts';
import { convertFile, convertRead } from './conflict-convert.ts';
import { explainView } from './conflict-explain.ts';
import { compileRead, conflictFromFile, conflictFromRequest } from './conflict-input.ts';
import { statusQuoPathsView } from './conflict-paths.ts';
import { listShippedConflicts, readShippedConflict } from './shipped-conflicts.ts';

const fileArgument = {
  name: 'file',
  field: 'path',
  description:
    'a conflict file: Lockstep’s JSON format (packages/formats/src/conflict/conflict.schema.json) or a GMCR+ .gmcr file',
};
const chainFlag: CliOption = { flags: '--chain <rule>', field: 'chain' };

/** What a posted conflict may be, for the routes' descriptions. */
const postedConflict =
  'The conflict is `model` (Lockstep’s format: conflict.schema.json in @lockstep/formats; `GET /api/conflicts/{id}` gives one) or `gmcr` (a GMCR+ save file, its text or JSON). ' +
  'A bad one is a 400 naming the field: `body.model.options[2].dm` for an unknown owner, `body.model.preferences.iran.statements[1]` with the place in the string for a statement that does not parse, `body.model.preferences.us.ranking` for a ranking that misses a state, `body.gmcr` for a file that is not a GMCR+ one.';

const post = (path: string, description: string) =>
  ({
    method: 'POST',
    path,
    description: `${description} ${postedConflict}`,
    bodyLimit: conflictBodyLimitBytes,
    errors: [413],
  }) as const;

/** The shipped model with this id, or a 404 listing the shipped ones. */
function shipped(id: string) {
  const found = readShippedConflict(id);
  if (found) return found;
  const known = listShippedConflicts().map((c) => c.id);
  throw new NotFoundError(`no shipped conflict ${id}; the shipped ones are ${known.join(', ') || 'none'}`);
}

/**
 * The conflict analysis (GMCR): the shipped models, and analysis, explanation, status quo paths, what would
 * have to change, and conversion of a posted conflict (API) or a file (CLI).
 */
export const conflictOperations = {
  'conflict.models': operation({
    summary: 'The conflict models shipped in conflicts/, with their decision makers and sizes',
    tag: 'conflicts',
    input: z.object({}),
    output: ShippedConflictList,
    http: { method: 'GET', path: '/conflicts' },
    cli: { command: 'conflict models' },
    async run() {
      return { conflicts: listShippedConflicts() };
    },
  }),
  'conflict.model': operation({
    summary: 'One shipped conflict model, as written in its file (sources and references kept)',
    tag: 'conflicts',
    input: ShippedConflictParams,
    output: ShippedConflict,
    http: { method: 'GET', path: '/conflicts/:id', errors: [404] },
    async run(_context, { id }) {
      return shipped(id).shipped;
    },
  }),
  'conflict.model-analysis': operation({
    summary: 'The analysis of a shipped conflict model: states, equilibria, stability per DM, rankings',
    tag: 'conflicts',
    input: ShippedConflictAnalysisQuery,
    output: ConflictAnalysisResult,
    http: { method: 'GET', path: '/conflicts/:id/analysis', errors: [404] },
    async run(_context, { id, chain }) {
      return analyzeRead(shipped(id).read, { chain });
    },
  }),
  'conflict.analyze': operation({
    summary:
      'Analyse a conflict: its states, the equilibria under Nash, GMR, SMR and SEQ, each DM’s stable states and ranking',
    tag: 'conflicts',
    input: ConflictAnalysisRequest,
    output: ConflictAnalysisResult,
    http: post(
      '/conflicts/analysis',
      'States in GMCR+ numbering; `equilibria` and `stable` (per DM id) list state ids per definition; with `moves: true`, every unilateral move and whether it improves things for its mover; with a `statusQuo` in the model, the paths from it to each SEQ equilibrium.',
    ),
    async run(_context, { chain, moves, ...conflict }) {
      return analyzeRead(conflictFromRequest(conflict), { chain, moves });
    },
  }),
  'conflict.analyze-file': operation({
    summary:
      'Analyse a conflict file: states, equilibria under Nash, GMR, SMR and SEQ, stability per DM, rankings',
    tag: 'conflicts',
    input: ConflictAnalyzeFileInput,
    output: ConflictAnalysisResult,
    cli: {
      command: 'conflict analyze',
      description:
        'analyse a conflict file (.json or .gmcr): the tableau of states, the equilibria under Nash, GMR, SMR and SEQ, each side’s stable states and ranking, in words',
      arguments: [fileArgument],
      options: [
        chainFlag,
        { flags: '--moves', field: 'moves', value: true, description: 'list every unilateral move (JSON)' },
      ],
    },
    async run(_context, { path, chain, moves }) {
      return analyzeRead(conflictFromFile(path), { chain, moves });
    },
  }),
  'conflict.explain': operation({
    summary:
      'Why a state is or is not stable for each DM: each improvement it has and the sanction that deters it, or why none does',
    tag: 'conflicts',
    input: ConflictExplainRequest,
    output: ConflictExplanation,
    http: post(
      '/conflicts/explanation',
      '`state` is a state number; `dm` narrows the answer to one DM. An unknown state or DM is a 400 naming `body.state` or `body.dm`.',
    ),
    async run(_context, { state, dm, chain, ...conflict }) {
      return explainView(compileRead(conflictFromRequest(conflict)), state, { dm, chain });
    },
  }),
  'conflict.explain-file': operation({
    summary: 'Why a state of a conflict file is or is not stable for each DM, with the sanctions',
    tag: 'conflicts',
    input: ConflictExplainFileInput,
    output: ConflictExplanation,
    cli: {
      command: 'conflict explain',
      description:
        'why a state is or is not stable for each side under each definition: each move it would gain by and the sanction that deters it',
      arguments: [fileArgument],
      options: [
        { flags: '--state <n>', field: 'state', required: true },
        { flags: '--dm <id>', field: 'dm' },
        chainFlag,
      ],
    },
    async run(_context, { path, state, dm, chain }) {
      return explainView(compileRead(conflictFromFile(path)), state, { dm, chain });
    },
  }),
  'conflict.paths': operation({
    summary: 'How a conflict can evolve from a status quo: the paths of improvements to each equilibrium',
    tag: 'conflicts',
    input: ConflictPathsRequest,
    output: ConflictPathsResult,
    http: post(
      '/conflicts/paths',
      'From `from` (default the model’s `statusQuo`) to each equilibrium under `definition` (default seq): unilateral and joint improvements, shortest paths first.',
    ),
    async run(_context, { from, definition, chain, ...conflict }) {
      const read = conflictFromRequest(conflict);
      return statusQuoPathsView(compileRead(read), startOf(from, read.model.statusQuo), {
        chain: chain ?? 'standard',
        definition: definition ?? 'seq',
      });
    },
  }),
  'conflict.paths-file': operation({
    summary: 'How the conflict of a file can evolve from a status quo to each equilibrium',
    tag: 'conflicts',
    input: ConflictPathsFileInput,
    output: ConflictPathsResult,
    cli: {
      command: 'conflict paths',
      description:
        'how the conflict can evolve from the status quo: the shortest paths of improvements (one side’s, or several sides’ at once) to each equilibrium',
      arguments: [fileArgument],
      options: [
        { flags: '--from <n>', field: 'from' },
        { flags: '--definition <name>', field: 'definition' },
        chainFlag,
      ],
    },
    async run(_context, { path, from, definition, chain }) {
      const read = conflictFromFile(path);
      return statusQuoPathsView(compileRead(read), startOf(from, read.model.statusQuo), {
        chain: chain ?? 'standard',
        definition: definition ?? 'seq',
      });
    },
  }),
  'conflict.changes': operation({
    summary:
      'What would have to change, and for whom: the single preference changes of each DM that make a target state an equilibrium',
    tag: 'conflicts',
    input: ConflictChangesRequest,
    output: ConflictChangesResult,
    http: post(
      '/conflicts/changes',
      '`target` is the state that should become an equilibrium under `definition` (default seq); each change is one DM’s (two statements swapped, or a state moved in its ranking), with the equilibria after it.',
    ),
    async run(_context, { target, definition, chain, ...conflict }) {
      return changesView(conflictFromRequest(conflict), target, definition ?? 'seq', chain ?? 'standard');
    },
  }),
  'conflict.changes-file': operation({
    summary:
      'What would have to change in a conflict file’s preferences for a target state to be an equilibrium',
    tag: 'conflicts',
    input: ConflictChangesFileInput,
    output: ConflictChangesResult,
    cli: {
      command: 'conflict changes',
      description:
        'what would have to change, and for whom: the single preference changes of each side that make --target an equilibrium',
      arguments: [fileArgument],
      options: [
        { flags: '--target <n>', field: 'target', required: true },
        { flags: '--definition <name>', field: 'definition' },
        chainFlag,
      ],
    },
    async run(_context, { path, target, definition, chain }) {
      return changesView(conflictFromFile(path), target, definition ?? 'seq', chain ?? 'standard');
    },
  }),
  'conflict.convert': operation({
    summary: 'A conflict in the other format: Lockstep’s JSON as a GMCR+ .gmcr file, or the reverse',
    tag: 'conflicts',
    input: ConflictConvertRequest,
    output: ConflictConversion,
    http: post(
      '/conflicts/conversion',
      '`to` is json or gmcr; the answer is the file’s text, and what the GMCR+ file held that Lockstep does not analyse.',
    ),
    async run(_context, { to, ...conflict }) {
      return convertRead(conflictFromRequest(conflict), to);
    },
  }),
  'conflict.convert-file': operation({
    summary: 'Convert a conflict file between Lockstep’s JSON format and GMCR+ (.gmcr), by extension',
    tag: 'conflicts',
    input: ConflictConvertFileInput,
    output: ConflictConvertFileResult,
    cli: {
      command: 'conflict convert',
      description:
        'convert a conflict file between Lockstep’s JSON format and a GMCR+ .gmcr file, by the files’ extensions',
      arguments: [
        { name: 'in', field: 'path', description: 'the file to read (.json or .gmcr)' },
        { name: 'out', field: 'outPath', description: 'the file to write (.json or .gmcr)' },
      ],
    },
    async run(_context, input) {
      return convertFile(input);
    },
  }),
};

/** The state paths start from: the one asked for, else the model's status quo. */
function startOf(from: number | undefined, statusQuo: number | undefined): number {
  if (from !== undefined) return from;
  if (statusQuo !== undefined) return statusQuo;
  throw new InputError('from: the model names no statusQuo; give the state the paths start from', 'from');
}
