import { z } from 'zod';

/**
 * The conflict analysis (Graph Model for Conflict Resolution, GMCR): its requests and answers. A conflict is
 * posted as written in Lockstep's conflict format (`conflict.schema.json` in `@lockstep/formats`) or as a GMCR+
 * save file (`.gmcr`); the core checks it (`validateConflict`, `compileConflict`), so a bad one is refused naming
 * its field (`body.model.options[2].dm`).
 */

/** The largest request body the conflict routes accept (bytes): a conflict file of 20 options is far smaller. */
export const conflictBodyLimitBytes = 1_048_576;

/**
 * The most states an analysis lists its moves for (`moves: true`): the page draws them; beyond this a graph is
 * unreadable and the answer would be large.
 */
export const conflictMaxStatesWithMoves = 1024;

/** The coalition rules for sanctions by more than one opponent. */
export const ConflictChainRule = z
  .enum(['standard', 'gmcr-plus'])
  .describe(
    'How opponents sanction together: standard (the published definition: any sequence of their moves in which no DM moves twice in a row) or gmcr-plus (GMCR+’s rule: each opponent moves at most once); default standard',
  );
export type ConflictChainRule = z.infer<typeof ConflictChainRule>;

/** The four stability definitions. */
export const StabilityDefinitionName = z
  .enum(['nash', 'gmr', 'smr', 'seq'])
  .describe(
    'Nash, GMR (general metarationality), SMR (symmetric metarationality) or SEQ (sequential stability)',
  );
export type StabilityDefinitionName = z.infer<typeof StabilityDefinitionName>;

/** Where a DM, option or statement comes from. */
export const ConflictSourceJson = z
  .object({
    quote: z.string().describe('The public words it rests on, quoted'),
    report: z.string().describe('The report that carries them: outlet, date, document'),
  })
  .meta({ id: 'ConflictSource' });
export type ConflictSourceJson = z.infer<typeof ConflictSourceJson>;

/** What in the rest of the workbench an option stands for. */
export const ConflictReferenceJson = z
  .object({
    kind: z.enum(['red-line', 'nuclear-step', 'sanctions-step']),
    id: z.string().describe('A sequencing red line id (data/sequencing/), or a nuclear or sanctions step id'),
  })
  .meta({ id: 'ConflictReference' });
export type ConflictReferenceJson = z.infer<typeof ConflictReferenceJson>;

/** A statement or condition as a file writes it: its text alone, or with its source. */
export const ConflictStatementJson = z.union([
  z.string(),
  z.object({ text: z.string(), source: ConflictSourceJson.optional() }),
]);
export type ConflictStatementJson = z.infer<typeof ConflictStatementJson>;

/** A DM's preference as a file writes it: exactly one of the three forms. */
export const ConflictPreferenceJson = z
  .object({
    statements: z
      .array(ConflictStatementJson)
      .optional()
      .describe(
        'Option prioritisation, most important first: `opt`, `-opt`, `&`, `|`, `A IF B`, `A IFF B`, parentheses',
      ),
    ranking: z
      .array(z.union([z.number().int(), z.array(z.number().int())]))
      .optional()
      .describe('State numbers, most preferred first; an inner list holds states preferred equally'),
    payoffs: z
      .record(z.string(), z.number())
      .optional()
      .describe('A number per state number, higher preferred'),
  })
  .meta({ id: 'ConflictPreference' });
export type ConflictPreferenceJson = z.infer<typeof ConflictPreferenceJson>;

/** A conflict file in Lockstep's format, as written (the shipped models are served so). */
export const ConflictFileJson = z
  .object({
    $schema: z.string().optional(),
    id: z.string(),
    title: z.string(),
    description: z.string().optional(),
    decisionMakers: z
      .array(z.object({ id: z.string(), name: z.string(), source: ConflictSourceJson.optional() }))
      .describe('In order: the DM order sets the state numbering'),
    options: z.array(
      z.object({
        id: z.string(),
        name: z.string(),
        dm: z.string().describe('The owner’s DM id'),
        reversibility: z
          .enum(['both', 'fwd', 'back'])
          .optional()
          .describe('both (default), fwd (only taken, N→Y) or back (only withdrawn, Y→N)'),
        source: ConflictSourceJson.optional(),
        refersTo: z.array(ConflictReferenceJson).optional(),
      }),
    ),
    infeasible: z.array(ConflictStatementJson).optional().describe('Conditions that make a state infeasible'),
    preferences: z.record(z.string(), ConflictPreferenceJson).describe('One per DM id'),
    statusQuo: z.number().int().optional().describe('The state the analysis starts from'),
    notAnalysed: z.array(z.string()).optional(),
  })
  .meta({ id: 'ConflictFile' });
export type ConflictFileJson = z.infer<typeof ConflictFileJson>;

/** A conflict in a request: Lockstep's format or a GMCR+ save file, exactly one. */
export const ConflictModelInput = z.object({
  model: z
    .record(z.string(), z.unknown())
    .optional()
    .describe(
      'The conflict in Lockstep’s format (conflict.schema.json in @lockstep/formats; GET /api/conflicts/{id} gives one); give this or `gmcr`',
    ),
  gmcr: z
    .union([z.string(), z.record(z.string(), z.unknown())])
    .optional()
    .describe('A GMCR+ save file (.gmcr): its text, or its JSON; give this or `model`'),
});
export type ConflictModelInput = z.infer<typeof ConflictModelInput>;

const chainField = ConflictChainRule.optional();

/** `POST /api/conflicts/analysis`. */
export const ConflictAnalysisRequest = ConflictModelInput.extend({
  chain: chainField,
  moves: z
    .boolean()
    .optional()
    .describe(
      `List every unilateral move with whether it improves things for its mover (for drawing the graph; at most ${conflictMaxStatesWithMoves} states)`,
    ),
}).meta({ id: 'ConflictAnalysisRequest' });
export type ConflictAnalysisRequest = z.infer<typeof ConflictAnalysisRequest>;

/** `GET /api/conflicts/{id}` and the analysis of a shipped model. */
export const ShippedConflictParams = z.object({
  id: z
    .string()
    .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'expected a conflict id: letters, digits, `.`, `_`, `-`')
    .describe('The shipped model’s id (its file name in conflicts/ without `.json`)'),
});
export type ShippedConflictParams = z.infer<typeof ShippedConflictParams>;

/** `GET /api/conflicts/{id}/analysis`. */
export const ShippedConflictAnalysisQuery = ShippedConflictParams.extend({ chain: chainField });
export type ShippedConflictAnalysisQuery = z.infer<typeof ShippedConflictAnalysisQuery>;

/** `lockstep conflict analyze FILE`. */
export const ConflictAnalyzeFileInput = z.object({
  path: z.string().describe('A conflict file: Lockstep’s .json format or a GMCR+ .gmcr file'),
  chain: chainField,
  moves: z.boolean().optional().describe('list every unilateral move'),
});
export type ConflictAnalyzeFileInput = z.infer<typeof ConflictAnalyzeFileInput>;

const stateNumber = z.number().int().min(1);

/** `POST /api/conflicts/explanation`. */
export const ConflictExplainRequest = ConflictModelInput.extend({
  state: stateNumber.describe('The state to explain (GMCR+ numbering, from 1)'),
  dm: z.string().optional().describe('Explain for this DM id only (default every DM)'),
  chain: chainField,
}).meta({ id: 'ConflictExplainRequest' });
export type ConflictExplainRequest = z.infer<typeof ConflictExplainRequest>;

/** `lockstep conflict explain FILE --state N`. */
export const ConflictExplainFileInput = z.object({
  path: ConflictAnalyzeFileInput.shape.path,
  state: stateNumber.describe('the state to explain (GMCR+ numbering, from 1)'),
  dm: z.string().optional().describe('explain for this DM id only (default every DM)'),
  chain: chainField,
});
export type ConflictExplainFileInput = z.infer<typeof ConflictExplainFileInput>;

/** `POST /api/conflicts/paths`. */
export const ConflictPathsRequest = ConflictModelInput.extend({
  from: stateNumber
    .optional()
    .describe('The status quo the paths start from (default the model’s `statusQuo`)'),
  definition: StabilityDefinitionName.optional().describe(
    'The equilibria the paths lead to: those under this definition (default seq)',
  ),
  chain: chainField,
}).meta({ id: 'ConflictPathsRequest' });
export type ConflictPathsRequest = z.infer<typeof ConflictPathsRequest>;

/** `lockstep conflict paths FILE --from N`. */
export const ConflictPathsFileInput = z.object({
  path: ConflictAnalyzeFileInput.shape.path,
  from: stateNumber.optional().describe('the status quo (default the model’s statusQuo)'),
  definition: StabilityDefinitionName.optional().describe(
    'paths to the equilibria under this definition (default seq)',
  ),
  chain: chainField,
});
export type ConflictPathsFileInput = z.infer<typeof ConflictPathsFileInput>;

/** `POST /api/conflicts/changes`. */
export const ConflictChangesRequest = ConflictModelInput.extend({
  target: stateNumber.describe('The state that should become an equilibrium (e.g. mutual return)'),
  definition: StabilityDefinitionName.optional().describe('Under this definition (default seq)'),
  chain: chainField,
}).meta({ id: 'ConflictChangesRequest' });
export type ConflictChangesRequest = z.infer<typeof ConflictChangesRequest>;

/** `lockstep conflict changes FILE --target N`. */
export const ConflictChangesFileInput = z.object({
  path: ConflictAnalyzeFileInput.shape.path,
  target: stateNumber.describe('the state that should become an equilibrium'),
  definition: StabilityDefinitionName.optional().describe('under this definition (default seq)'),
  chain: chainField,
});
export type ConflictChangesFileInput = z.infer<typeof ConflictChangesFileInput>;

/** The formats a conflict converts between. */
export const ConflictFileFormat = z
  .enum(['json', 'gmcr'])
  .describe('json (Lockstep’s format) or gmcr (a GMCR+ save file)');
export type ConflictFileFormat = z.infer<typeof ConflictFileFormat>;

/** `POST /api/conflicts/conversion`. */
export const ConflictConvertRequest = ConflictModelInput.extend({
  to: ConflictFileFormat,
}).meta({ id: 'ConflictConvertRequest' });
export type ConflictConvertRequest = z.infer<typeof ConflictConvertRequest>;

/** `lockstep conflict convert IN OUT`. */
export const ConflictConvertFileInput = z.object({
  path: z.string().describe('The conflict file to read: .json (Lockstep’s format) or .gmcr'),
  outPath: z.string().describe('The file to write; its extension (.json or .gmcr) says the format'),
});
export type ConflictConvertFileInput = z.infer<typeof ConflictConvertFileInput>;

/** A feasible state. */
export const ConflictStateJson = z
  .object({
    id: z.number().int().describe('State number (GMCR+ numbering: feasible states by decimal, from 1)'),
    yn: z.string().describe('Y/N per option in numbering order, option 0 first'),
    decimal: z.number().int().describe('Sum of 2^k over the taken options k'),
  })
  .meta({ id: 'ConflictState' });
export type ConflictStateJson = z.infer<typeof ConflictStateJson>;

/** State ids per definition. */
export const StatesByDefinition = z
  .object({
    nash: z.array(z.number().int()),
    gmr: z.array(z.number().int()),
    smr: z.array(z.number().int()),
    seq: z.array(z.number().int()),
  })
  .meta({ id: 'StatesByDefinition' });
export type StatesByDefinition = z.infer<typeof StatesByDefinition>;

/** A statement of a DM's preference, as the analysis read it. */
const PreferenceStatementView = z.object({
  text: z.string(),
  source: ConflictSourceJson.optional(),
});

/** One DM in an analysis. */
export const ConflictDecisionMakerView = z
  .object({
    id: z.string(),
    name: z.string(),
    source: ConflictSourceJson.optional(),
    preferenceKind: z.enum(['statements', 'ranking', 'payoffs']),
    statements: z
      .array(PreferenceStatementView)
      .describe('Its preference statements, most important first (empty for a ranking or payoffs)'),
    stable: StatesByDefinition.describe('The states stable for this DM, per definition'),
    ranking: z
      .array(z.array(z.number().int()))
      .describe('Its ranking of the states, most preferred first, ties in one list'),
  })
  .meta({ id: 'ConflictDecisionMakerView' });
export type ConflictDecisionMakerView = z.infer<typeof ConflictDecisionMakerView>;

/** One option, in numbering order. */
export const ConflictOptionView = z
  .object({
    id: z.string(),
    name: z.string(),
    dm: z.string(),
    bit: z.number().int().describe('Its place in numbering order: worth 2^bit in a state’s decimal'),
    reversibility: z.enum(['both', 'fwd', 'back']),
    source: ConflictSourceJson.optional(),
    refersTo: z.array(ConflictReferenceJson).optional(),
  })
  .meta({ id: 'ConflictOptionView' });
export type ConflictOptionView = z.infer<typeof ConflictOptionView>;

/** One unilateral move. */
export const ConflictMoveView = z.object({
  dm: z.string(),
  from: z.number().int(),
  to: z.number().int(),
  improving: z.boolean().describe('The mover prefers where it goes to where it was'),
});
export type ConflictMoveView = z.infer<typeof ConflictMoveView>;

/** One option changed by a move. */
export const ConflictOptionChange = z.object({
  option: z.string(),
  name: z.string(),
  from: z.enum(['Y', 'N']),
  to: z.enum(['Y', 'N']),
});

/** A move with the options it changes. */
export const ConflictMoveStep = z
  .object({
    dm: z.string().describe('The mover’s DM id (joined by ` + ` for a joint move)'),
    dmName: z.string(),
    from: z.number().int(),
    to: z.number().int(),
    changes: z.array(ConflictOptionChange),
  })
  .meta({ id: 'ConflictMoveStep' });
export type ConflictMoveStep = z.infer<typeof ConflictMoveStep>;

/** A step of an evolution from the status quo: a unilateral improvement, or a joint one by several DMs. */
export const ConflictEvolutionStep = ConflictMoveStep.extend({
  kind: z.enum(['unilateral', 'coalition']),
}).meta({ id: 'ConflictEvolutionStep' });
export type ConflictEvolutionStep = z.infer<typeof ConflictEvolutionStep>;

/** The paths from the status quo to one equilibrium. */
export const ConflictEquilibriumPaths = z
  .object({
    equilibrium: z.number().int(),
    reachable: z.boolean().describe('Whether any path of improvements reaches it'),
    shortest: z.number().int().optional().describe('Steps of the shortest path, when reachable'),
    paths: z
      .array(
        z.object({
          length: z.number().int(),
          steps: z.array(ConflictEvolutionStep),
          sentence: z.string(),
        }),
      )
      .describe('Shortest first, a few at most'),
  })
  .meta({ id: 'ConflictEquilibriumPaths' });
export type ConflictEquilibriumPaths = z.infer<typeof ConflictEquilibriumPaths>;

/** `conflict paths`: how the conflict can evolve from a status quo to each equilibrium. */
export const ConflictPathsResult = z
  .object({
    from: z.number().int(),
    definition: StabilityDefinitionName,
    chain: ConflictChainRule,
    equilibria: z.array(z.number().int()).describe('The equilibria under the definition'),
    coalitionImprovements: z.boolean().describe('Whether joint improvements by several DMs count as steps'),
    note: z.string().optional(),
    toEquilibria: z.array(ConflictEquilibriumPaths),
  })
  .meta({ id: 'ConflictPathsResult' });
export type ConflictPathsResult = z.infer<typeof ConflictPathsResult>;

/** The analysis of a conflict. */
export const ConflictAnalysisResult = z
  .object({
    conflict: z.object({
      id: z.string(),
      title: z.string(),
      description: z.string().optional(),
      notAnalysed: z
        .array(z.string())
        .describe('What the file held that this analysis does not use (GMCR+ misperceptions, coalitions)'),
    }),
    chain: ConflictChainRule,
    options: z.array(ConflictOptionView).describe('In numbering order: grouped by DM in DM order'),
    states: z.array(ConflictStateJson),
    equilibria: StatesByDefinition.describe('States stable for every DM, per definition'),
    stable: z.record(z.string(), StatesByDefinition).describe('Per DM id: the states stable for it'),
    rankings: z.record(z.string(), z.array(z.array(z.number().int()))).describe('Per DM id: its ranking'),
    decisionMakers: z.array(ConflictDecisionMakerView),
    statusQuo: z.number().int().optional(),
    statusQuoPaths: ConflictPathsResult.optional().describe(
      'From the status quo (when the model names one) to each SEQ equilibrium',
    ),
    moves: z.array(ConflictMoveView).optional().describe('Every unilateral move, when asked for'),
    sentences: z.array(z.string()).describe('The equilibria in words'),
  })
  .meta({ id: 'ConflictAnalysisResult' });
export type ConflictAnalysisResult = z.infer<typeof ConflictAnalysisResult>;

const SanctionVerdictView = z.object({
  deterred: z.boolean(),
  sanction: z.array(ConflictMoveStep).describe('A shortest sanction: the opponents’ moves'),
  endsAt: z.number().int().optional(),
  bestCounterMove: z.number().int().optional(),
  reason: z.string(),
});

/** Why a state is or is not stable, per DM. */
export const ConflictExplanation = z
  .object({
    state: ConflictStateJson,
    description: z.string(),
    chain: ConflictChainRule,
    stable: z.record(StabilityDefinitionName, z.boolean()),
    decisionMakers: z.array(
      z.object({
        dm: z.string(),
        name: z.string(),
        stable: z.record(StabilityDefinitionName, z.boolean()),
        improvements: z.array(
          z.object({
            move: ConflictMoveStep,
            gmr: SanctionVerdictView,
            smr: SanctionVerdictView,
            seq: SanctionVerdictView,
          }),
        ),
        sentences: z.array(z.string()),
      }),
    ),
  })
  .meta({ id: 'ConflictExplanation' });
export type ConflictExplanation = z.infer<typeof ConflictExplanation>;

/** One change to one DM's preference. */
export const ConflictPreferenceChangeJson = z
  .union([
    z.object({
      kind: z.literal('swap-statements'),
      dm: z.string(),
      first: z.number().int().describe('Statement index, from 0'),
      second: z.number().int(),
    }),
    z.object({
      kind: z.literal('move-state'),
      dm: z.string(),
      state: z.number().int(),
      by: z.number().int().describe('Half-steps up the DM’s ranking (positive: preferred more)'),
    }),
  ])
  .meta({ id: 'ConflictPreferenceChange' });
export type ConflictPreferenceChangeJson = z.infer<typeof ConflictPreferenceChangeJson>;

/** One single preference change that would make the target an equilibrium. */
export const ConflictStabilisingChange = z
  .object({
    dm: z.string(),
    change: ConflictPreferenceChangeJson,
    description: z.string().describe('The change in words'),
    equilibriaAfter: z.array(z.number().int()).describe('The equilibria under the definition after it'),
    vanish: z.array(z.number().int()).describe('Equilibria under the definition the change removes'),
  })
  .meta({ id: 'ConflictStabilisingChange' });
export type ConflictStabilisingChange = z.infer<typeof ConflictStabilisingChange>;

/** `conflict changes`: what would have to change, and for whom. */
export const ConflictChangesResult = z
  .object({
    target: z.number().int(),
    definition: StabilityDefinitionName,
    alreadyEquilibrium: z.boolean().describe('The target already is an equilibrium: no change is needed'),
    tried: z.number().int().describe('How many single changes were tried'),
    unstableFor: z.array(z.string()).describe('The DMs for whom the target is not stable now'),
    changes: z.array(ConflictStabilisingChange),
    sentences: z.array(z.string()),
  })
  .meta({ id: 'ConflictChangesResult' });
export type ConflictChangesResult = z.infer<typeof ConflictChangesResult>;

/** A conversion's result over the API: the file in the other format. */
export const ConflictConversion = z
  .object({
    format: ConflictFileFormat,
    fileName: z.string(),
    text: z.string().describe('The file’s content'),
    notAnalysed: z.array(z.string()),
  })
  .meta({ id: 'ConflictConversion' });
export type ConflictConversion = z.infer<typeof ConflictConversion>;

/** `lockstep conflict convert`'s result: what was written. */
export const ConflictConvertFileResult = z.object({
  from: z.string(),
  to: z.string(),
  format: ConflictFileFormat,
  decisionMakers: z.number().int(),
  options: z.number().int(),
  notCarried: z
    .array(z.string())
    .describe('What the written format cannot hold, said so it is not lost silently'),
  notAnalysed: z
    .array(z.string())
    .describe('What the file read held that Lockstep does not analyse (GMCR+ misperceptions, coalitions)'),
});
export type ConflictConvertFileResult = z.infer<typeof ConflictConvertFileResult>;

/** A shipped model, summarised. */
export const ShippedConflictSummary = z
  .object({
    id: z.string().describe('The file name without `.json`; `GET /api/conflicts/{id}` gives the model'),
    file: z.string().describe('The file, relative to the repository root (`conflicts/jcpoa-2021.json`)'),
    title: z.string(),
    description: z.string().optional(),
    decisionMakers: z.array(z.object({ id: z.string(), name: z.string() })),
    options: z.number().int(),
    states: z.number().int().optional().describe('Feasible states, when the model is valid'),
    problem: z.string().optional().describe('Why the file is not a valid model, when it is not'),
  })
  .meta({ id: 'ShippedConflictSummary' });
export type ShippedConflictSummary = z.infer<typeof ShippedConflictSummary>;

export const ShippedConflictList = z
  .object({ conflicts: z.array(ShippedConflictSummary) })
  .meta({ id: 'ShippedConflictList' });
export type ShippedConflictList = z.infer<typeof ShippedConflictList>;

/** A shipped model as written, with its summary. */
export const ShippedConflict = z
  .object({ summary: ShippedConflictSummary, model: ConflictFileJson })
  .meta({ id: 'ShippedConflict' });
export type ShippedConflict = z.infer<typeof ShippedConflict>;
