import {
  AsOfQuery,
  BreakoutQuery,
  BreakoutResult,
  CapacityResult,
  ClassifyQuery,
  ClassifyResult,
  ComplianceResult,
  DatasetList,
  DatasetListQuery,
  defaultPositions,
  EntityQuery,
  EntityResult,
  EntitySearchQuery,
  EntitySearchResult,
  entitySearchQueryMaxChars,
  GapQuery,
  GapResult,
  HistoryResult,
  IaeaReports,
  MatchQuery,
  MatchResponse,
  NuclearHistory,
  NuclearHistoryQuery,
  NuclearOverview,
  NuclearOverviewQuery,
  PlanCheckInput,
  PlanCheckResult,
  PlanExplainInput,
  PlanExplanation,
  PlanInitInput,
  PlanSolveInput,
  PlanSolveResult,
  ProgrammeEvents,
  ProjectionQuery,
  ProjectionResult,
  PublishedEstimates,
  PublishedRecordQuery,
  planDefaults,
  SanctionsExport,
  SanctionsExportQuery,
  SanctionsImportInput,
  SanctionsImportResult,
  SanctionsPositionList,
  SanctionsSnapshotList,
  ScenarioJson,
  ScreeningFileInput,
  ScreeningRequest,
  ScreeningResult,
  StepsQuery,
  StepsResult,
  SwuQuery,
  SwuResult,
  screeningDefaults,
} from '@lockstep/contract';
import { DatasetRepository, NuclearRepository } from '@lockstep/store';
import { z } from 'zod';
import { conflictOperations } from './conflict/conflict-operations.ts';
import { iaeaReports } from './nuclear/iaea-reports.ts';
import {
  breakout,
  capacity,
  compliance,
  nuclearHistory,
  overview,
  programmeEvents,
  projection,
  publishedEstimates,
  separativeWork,
  steps,
} from './nuclear/nuclear-analysis.ts';
import { type CliOption, operation } from './operation.ts';
import { checkPlanFile, explainScenarioFile } from './plans/plan-check.ts';
import { initPlan } from './plans/plan-init.ts';
import { planJobOperations } from './plans/plan-job-operations.ts';
import { solvePlan } from './plans/plan-operations.ts';
import { matchEntities } from './sanctions/match-api.ts';
import { classify, entity, gap, history, positions } from './sanctions/sanctions-analysis.ts';
import {
  exportSnapshot,
  importList,
  listSnapshots,
  searchSnapshot,
} from './sanctions/sanctions-operations.ts';
import { screenFile, screenRequest } from './sanctions/screening.ts';
import { searchTimeBudgetMs } from './sanctions/search-time-budget.ts';
import { talksOperations } from './talks/talks-operations.ts';

export * from './operation.ts';

const scenarioFileHelp = 'scenario JSON (see packages/formats/src/scenario/scenario.schema.json)';

/** What the search routes accept and how long they may take, for their API description. */
const searchLimits =
  `\`q\` is one name or alias of 1 to ${entitySearchQueryMaxChars} characters (400 naming \`query.q\` otherwise). ` +
  `The search runs within a ${searchTimeBudgetMs / 1000} s budget; a search that does not finish in it is refused ` +
  'with 503 (code `timeout`) rather than answered in part, since a partial screening answer could miss a match.';
const snapshotFlag: CliOption = { flags: '--snapshot <dataset>', field: 'snapshot' };
const limitFlag: CliOption = { flags: '--limit <n>', field: 'limit' };

/** The assumption flags every stored-data nuclear command takes, onto `NuclearAssumptions`. */
const assumptionFlags: readonly CliOption[] = [
  { flags: '--sq <convention>', field: 'sq', description: 'significant quantity: u235 (IAEA) or wgu' },
  { flags: '--tails <percent>', field: 'tailsPercent' },
  { flags: '--setup-months <months>', field: 'setUpMonths' },
  { flags: '--capacity-point <point>', field: 'capacityPoint', description: 'point of each capacity range' },
  {
    flags: '--capacity <type=low:high>',
    field: 'machineCapacities',
    parse: 'machine-capacity',
    description: 'per-machine SWU/yr for a machine type (repeatable)',
  },
  { flags: '--seed <n>', field: 'seed' },
  { flags: '--samples <n>', field: 'samples' },
];

/** The projection's growth assumption for advanced machines, repeatable per type. */
const growthFlag: CliOption = {
  flags: '--growth <type=per-month>',
  field: 'advancedMachineGrowth',
  parse: 'machine-growth',
  description:
    'advanced machines added each month after the last IAEA count, e.g. IR-6=50 (repeatable; default none)',
};

/** The registry of operations, by name. */
/** The what-if flags of plan solve, check and explain: red lines switched off, values set, when measures start. */
const whatIfOptions: readonly CliOption[] = [
  {
    flags: '--without <red-line-id>',
    field: 'without',
    parse: 'repeatable',
    description: 'switch a red line off (repeatable)',
  },
  {
    flags: '--set <id=value>',
    field: 'set',
    parse: 'assignments',
    description:
      'set a red line’s value (RED_LINE_ID=VALUE: a max-exposure limit or share, an other-starts-first allowance, a deadline’s byDay) or a measure’s figure (MEASURE_ID.durationDays=DAYS, MEASURE_ID.value=VALUE); repeatable',
    accepts:
      'RED_LINE_ID=VALUE or MEASURE_ID.durationDays=DAYS (or MEASURE_ID.value=VALUE), e.g. us-not-everything-first=80',
  },
  {
    flags: '--starts <phase|staggered>',
    field: 'starts',
    description:
      'when a phase’s measures start: all on its first day (phase), or each when its relations allow (staggered: a wait delays only the measure that waits)',
  },
];

export const operations = {
  'datasets.list': operation({
    summary: 'The loaded datasets: source, list or report date, file hashes and record counts',
    reads: ['datasets'],
    tag: 'data',
    http: { method: 'GET', path: '/datasets' },
    cli: {
      command: 'data list',
      description: 'the loaded datasets with their sources, dates, file hashes and record counts',
      options: [{ flags: '--domain <domain>', field: 'domain', description: 'only one domain' }],
    },
    input: DatasetListQuery,
    output: DatasetList,
    async run({ db }, input) {
      return { datasets: await new DatasetRepository(db).listLatest(input) };
    },
  }),
  'nuclear.swu': operation({
    summary: 'Separative work, feed and tails for one enrichment job',
    tag: 'nuclear',
    http: { method: 'POST', path: '/nuclear/swu' },
    cli: {
      command: 'nuclear swu',
      options: [
        { flags: '--feed <percent>', field: 'feedPercent', required: true },
        { flags: '--product <percent>', field: 'productPercent', required: true },
        { flags: '--tails <percent>', field: 'tailsPercent', required: true },
        { flags: '--product-kg <kg>', field: 'productKg', required: true },
      ],
    },
    input: SwuQuery,
    output: SwuResult,
    async run(_context, input) {
      return separativeWork(input);
    },
  }),
  'nuclear.compliance': operation({
    summary: 'Every JCPOA limit on a date: latest figure, limit, excess, status and source row',
    reads: ['nuclear'],
    tag: 'nuclear',
    http: { method: 'GET', path: '/nuclear/compliance' },
    cli: {
      command: 'nuclear compliance',
      options: [
        {
          flags: '--as-of <date>',
          field: 'asOf',
          description: 'date of the assessment (default: the latest IAEA report)',
        },
      ],
    },
    input: AsOfQuery,
    output: ComplianceResult,
    async run({ db }, input) {
      return compliance(await new NuclearRepository(db).latest(), input.asOf);
    },
  }),
  'nuclear.capacity': operation({
    summary:
      'The enrichment plants on a date as the IAEA counted them: machines enriching per plant and type, whether the count is complete, and the capacity they give',
    reads: ['nuclear'],
    tag: 'nuclear',
    http: { method: 'GET', path: '/nuclear/capacity' },
    cli: {
      command: 'nuclear capacity',
      options: [
        {
          flags: '--as-of <date>',
          field: 'asOf',
          description: 'date of the count (default: the latest IAEA report)',
        },
      ],
    },
    input: AsOfQuery,
    output: CapacityResult,
    async run({ db }, input) {
      return capacity(await new NuclearRepository(db).latest(), input);
    },
  }),
  'nuclear.estimates': operation({
    summary:
      'Published breakout estimates (the Institute, the Arms Control Association, US officials), each with its figures in months, its significant-quantity convention and its source',
    reads: ['nuclear'],
    tag: 'nuclear',
    http: { method: 'GET', path: '/nuclear/estimates' },
    cli: {
      command: 'nuclear estimates',
      options: [
        { flags: '--from <date>', field: 'from' },
        { flags: '--to <date>', field: 'to' },
      ],
    },
    input: PublishedRecordQuery,
    output: PublishedEstimates,
    async run({ db }, input) {
      return publishedEstimates(await new NuclearRepository(db).latest(), input);
    },
  }),
  'nuclear.events': operation({
    summary:
      "The dated events that explain the curves: the agreement, each side's steps, IAEA findings, incidents",
    reads: ['nuclear'],
    tag: 'nuclear',
    http: { method: 'GET', path: '/nuclear/events' },
    cli: {
      command: 'nuclear events',
      options: [
        { flags: '--from <date>', field: 'from' },
        { flags: '--to <date>', field: 'to' },
      ],
    },
    input: PublishedRecordQuery,
    output: ProgrammeEvents,
    async run({ db }, input) {
      return programmeEvents(await new NuclearRepository(db).latest(), input);
    },
  }),
  'nuclear.reports': operation({
    summary: "The IAEA's reports on Iran since 2016, each with the figures it gives and their rows",
    reads: ['nuclear'],
    tag: 'nuclear',
    http: { method: 'GET', path: '/nuclear/reports' },
    cli: {
      command: 'nuclear reports',
      description: "the IAEA's reports on Iran, each with the figures it gives",
      options: [
        { flags: '--from <date>', field: 'from' },
        { flags: '--to <date>', field: 'to' },
      ],
    },
    input: PublishedRecordQuery,
    output: IaeaReports,
    async run({ db }, input) {
      return iaeaReports(await new NuclearRepository(db).latest(), input);
    },
  }),
  'nuclear.breakout': operation({
    summary: 'Time to one significant quantity of 90 % uranium, with every assumption',
    reads: ['nuclear'],
    tag: 'nuclear',
    http: { method: 'POST', path: '/nuclear/breakout' },
    cli: {
      command: 'nuclear breakout',
      description:
        'time to one significant quantity of 90 % uranium, on the stored data or on explicit inputs',
      options: [
        {
          flags: '--as-of <date>',
          field: 'asOf',
          description: 'date of the stored data to use (default: the latest IAEA report)',
        },
        {
          flags: '--stock <list>',
          field: 'stock',
          parse: 'stock-list',
          description: 'explicit stocks: ASSAY=KG pairs, e.g. 60=408.6,20=0,4.5=8000',
        },
        {
          flags: '--capacity-swu <swu>',
          field: 'capacitySwuPerYear',
          description: 'explicit capacity, SWU/yr (with --stock)',
        },
        ...assumptionFlags,
      ],
    },
    input: BreakoutQuery,
    output: BreakoutResult,
    async run({ db }, input) {
      return breakout(await new NuclearRepository(db).latest(), input);
    },
  }),
  'nuclear.history': operation({
    summary:
      'Every IAEA report: stockpile, machines enriching and whether the count is complete, breakout p5/p50/p95, limits in breach, and the estimates published beside it',
    reads: ['nuclear'],
    tag: 'nuclear',
    http: { method: 'POST', path: '/nuclear/history' },
    cli: {
      command: 'nuclear history',
      options: [
        { flags: '--from <date>', field: 'from' },
        { flags: '--to <date>', field: 'to' },
        ...assumptionFlags,
      ],
    },
    input: NuclearHistoryQuery,
    output: NuclearHistory,
    async run({ db }, input) {
      return nuclearHistory(await new NuclearRepository(db).latest(), input);
    },
  }),
  'nuclear.steps': operation({
    summary: 'The steps back to each JCPOA limit and the breakout time each restores',
    reads: ['nuclear'],
    tag: 'nuclear',
    http: { method: 'POST', path: '/nuclear/steps' },
    cli: {
      command: 'nuclear steps',
      options: [
        {
          flags: '--as-of <date>',
          field: 'asOf',
          description: 'date of the state to step back from (default: the latest IAEA report)',
        },
        ...assumptionFlags,
      ],
    },
    input: StepsQuery,
    output: StepsResult,
    async run({ db }, input) {
      return steps(await new NuclearRepository(db).latest(), input);
    },
  }),
  'nuclear.project': operation({
    summary: 'Stockpile and breakout projected by month, and when a full return stops restoring the goal',
    reads: ['nuclear'],
    tag: 'nuclear',
    http: { method: 'POST', path: '/nuclear/projection' },
    cli: {
      command: 'nuclear project',
      options: [
        { flags: '--until <date>', field: 'until', required: true },
        { flags: '--from <date>', field: 'from' },
        { flags: '--k <reports>', field: 'trendReports' },
        { flags: '--reinstall-months <months>', field: 'reinstallationMonths' },
        { flags: '--goal-months <months>', field: 'goalMonths' },
        growthFlag,
        ...assumptionFlags,
      ],
    },
    input: ProjectionQuery,
    output: ProjectionResult,
    async run({ db }, input) {
      return projection(await new NuclearRepository(db).latest(), input);
    },
  }),
  'nuclear.overview': operation({
    summary: 'Everything the Nuclear page shows, under one set of assumptions',
    reads: ['nuclear'],
    tag: 'nuclear',
    http: [
      {
        method: 'GET',
        path: '/nuclear/overview',
        input: AsOfQuery,
        summary: 'Everything the Nuclear page shows, under the default assumptions',
      },
      {
        method: 'POST',
        path: '/nuclear/overview',
        summary: 'Everything the Nuclear page shows, under the assumptions in the body (what-if)',
      },
    ],
    input: NuclearOverviewQuery,
    output: NuclearOverview,
    async run({ db }, input) {
      return overview(await new NuclearRepository(db).latest(), input);
    },
  }),
  'sanctions.snapshots': operation({
    summary: 'The stored OFAC list snapshots, oldest first, with their entry counts',
    reads: ['sanctions'],
    tag: 'sanctions',
    http: { method: 'GET', path: '/sanctions/snapshots' },
    cli: { command: 'sanctions snapshots', description: 'the stored list snapshots, oldest first' },
    input: z.object({}),
    output: SanctionsSnapshotList,
    run: (context) => listSnapshots(context),
  }),
  'sanctions.search': operation({
    summary: 'Entries whose name or alias matches, tolerant of transliteration and word order, with reasons',
    reads: ['sanctions'],
    tag: 'sanctions',
    http: { method: 'GET', path: '/sanctions/search', description: searchLimits, errors: [503] },
    input: EntitySearchQuery,
    output: EntitySearchResult,
    run: (context, input) => searchSnapshot(context, input),
  }),
  'sanctions.screen': operation({
    summary:
      'Screen a batch of names: each with its best candidates, scored, with where the matched name comes from and why',
    tag: 'sanctions',
    http: {
      method: 'POST',
      path: '/sanctions/screen',
      description:
        `Up to ${screeningDefaults.maxRowsPerRequest} rows, each a \`name\` (1 to ${entitySearchQueryMaxChars} characters, no control characters) with an optional \`type\` ` +
        '(only candidates of that SDN type), `country` and `birthDate` (each moves a candidate’s score a little when the entry agrees or disagrees, said in `why`). ' +
        `More rows is a 400 naming \`body.rows\`; a body over 256 KiB a 413. The batch runs within ${(2 * searchTimeBudgetMs) / 1000} s or is refused with 503. ` +
        'Files: `lockstep sanctions screen names.csv`.',
      errors: [413, 503],
      bodyLimit: 256 * 1024,
    },
    input: ScreeningRequest,
    output: ScreeningResult,
    run: (context, input) => screenRequest(context, input),
  }),
  'sanctions.screen-file': operation({
    summary: 'Screen the names of a CSV file (name, type, country, birth_date) against a snapshot',
    tag: 'sanctions',
    cli: {
      command: 'sanctions screen',
      description: `screen a CSV file of names (header: name, and optionally type, country, birth_date; UTF-8; at most ${screeningDefaults.maxFileRows.toLocaleString('en')} rows): each row's best candidates, scored, with where the name comes from and why`,
      arguments: [{ name: 'file', field: 'path', description: 'CSV file of names with a header line' }],
      options: [
        snapshotFlag,
        {
          flags: '--threshold <score>',
          field: 'threshold',
          description: `lowest score of a candidate, 0 to 1 (default ${screeningDefaults.threshold})`,
        },
        {
          flags: '--limit <n>',
          field: 'limit',
          description: `most candidates per name (default ${screeningDefaults.limit})`,
        },
        { flags: '--csv', description: 'print CSV: one line per candidate (formula-safe)' },
        {
          flags: '--skip-bad-rows',
          field: 'skipBadRows',
          value: true,
          description: 'report bad rows (line and reason) and screen the rest, instead of refusing the file',
        },
      ],
    },
    input: ScreeningFileInput,
    output: ScreeningResult,
    run: (context, input) => screenFile(context, input),
  }),
  'sanctions.match': operation({
    summary: 'yente-compatible matching: query-by-example entities scored against a stored snapshot',
    tag: 'sanctions',
    http: {
      method: 'POST',
      path: '/match/:dataset',
      query: ['limit', 'threshold'],
      description:
        'The request and answer of yente’s `POST /match/{dataset}` (OpenSanctions): `dataset` is a stored snapshot or `default` (the newest SDN list); ' +
        '`queries` maps keys of your choosing to `{schema, properties}` examples (Person, Company, Organization, LegalEntity, Vessel, Airplane or Thing; ' +
        'properties `name` (required), `birthDate`, `country`/`nationality`/`jurisdiction`, `imoNumber`, `registrationNumber`, `idNumber`, `passportNumber`). ' +
        `Query parameters \`limit\` (default ${screeningDefaults.matchLimit}) and \`threshold\` (default ${screeningDefaults.matchThreshold}). ` +
        `At most ${screeningDefaults.matchMaxQueries} queries; a bad name is a 400 naming \`body.queries.<key>.properties.name\`. ` +
        'Each result has yente’s fields and `explanations`, Lockstep’s reasons.',
      errors: [413, 503],
      bodyLimit: 256 * 1024,
    },
    input: MatchQuery,
    output: MatchResponse,
    run: (context, input) => matchEntities(context, input),
  }),
  'sanctions.history': operation({
    summary: 'The designation history across the stored snapshots: events, re-listing links, replay checks',
    reads: ['sanctions'],
    tag: 'sanctions',
    http: { method: 'GET', path: '/sanctions/history' },
    cli: { command: 'sanctions history' },
    input: z.object({}),
    output: HistoryResult,
    run: (context) => history(context),
  }),
  'sanctions.entity': operation({
    summary: 'Matches for a name with their designations, history, timeline and category under each position',
    reads: ['sanctions'],
    tag: 'sanctions',
    http: { method: 'GET', path: '/sanctions/entity', description: searchLimits, errors: [503] },
    cli: {
      command: 'sanctions entity',
      description:
        'find parties by name or alias (any spelling), with designations, history and category per position',
      arguments: [
        {
          name: 'query',
          field: 'q',
          variadic: 'join',
          description: `a name in any spelling, e.g. Muhammad Jawad Zareef (at most ${entitySearchQueryMaxChars} characters; the search answers within ${searchTimeBudgetMs / 1000} s or exits 1)`,
        },
      ],
      options: [
        snapshotFlag,
        limitFlag,
        { flags: '--min-score <score>', field: 'minScore', description: 'the floor, 0 to 1' },
        { flags: '--type <type>', field: 'type', description: 'only individual, entity, vessel or aircraft' },
        {
          flags: '--program <tag>',
          field: 'program',
          description: 'only entries under this program, e.g. IRGC',
        },
      ],
    },
    input: EntityQuery,
    output: EntityResult,
    run: (context, input) => entity(context, input),
  }),
  'sanctions.classify': operation({
    summary:
      'A position applied to every designation in its scope: category, rule and evidence; relief totals',
    reads: ['sanctions'],
    tag: 'sanctions',
    http: { method: 'GET', path: '/sanctions/classify' },
    cli: {
      command: 'sanctions classify',
      options: [
        {
          flags: '--position <id>',
          field: 'position',
          required: true,
          description: 'a position id (lockstep sanctions positions lists them)',
        },
        snapshotFlag,
        limitFlag,
      ],
    },
    input: ClassifyQuery,
    output: ClassifyResult,
    run: (context, input) => classify(context, input),
  }),
  'sanctions.positions': operation({
    summary:
      'The positions of data/sanctions/positions.json: label, holder, categories they assign; category labels; defaults',
    tag: 'sanctions',
    input: z.object({}),
    output: SanctionsPositionList,
    http: { method: 'GET', path: '/sanctions/positions' },
    cli: {
      command: 'sanctions positions',
      description:
        'the positions of data/sanctions/positions.json: label, holder, categories they assign, and each comparison’s default',
    },
    run: (context) => positions(context),
  }),
  'sanctions.gap': operation({
    summary: 'Where two positions differ, designation by designation, grouped by program and basis',
    reads: ['sanctions'],
    tag: 'sanctions',
    http: { method: 'GET', path: '/sanctions/gap' },
    cli: {
      command: 'sanctions gap',
      options: [
        {
          flags: '--positions <a,b>',
          field: 'first,second',
          parse: 'list',
          description: 'the two positions',
          default: `${defaultPositions.gapFirst},${defaultPositions.gapSecond}`,
          accepts: `two position ids, e.g. ${defaultPositions.gapFirst},${defaultPositions.gapSecond}`,
        },
        snapshotFlag,
        limitFlag,
      ],
    },
    input: GapQuery,
    output: GapResult,
    run: (context, input) => gap(context, input),
  }),
  'plan.solve': operation({
    summary:
      'Solve a sequencing scenario file: the optimal phased plan, or the red lines that conflict and their cost',
    tag: 'plans',
    cli: {
      command: 'plan solve',
      description:
        'solve a scenario file: the optimal plan, or which red lines conflict and what relaxing each costs',
      arguments: [{ name: 'file', field: 'path', description: scenarioFileHelp }],
      options: [
        {
          flags: '--time-limit <seconds>',
          field: 'timeLimitSeconds',
          description: `time limit for the whole answer (default ${planDefaults.solveTimeLimitSeconds})`,
        },
        ...whatIfOptions,
      ],
    },
    input: PlanSolveInput,
    output: PlanSolveResult,
    run: (_context, input) => solvePlan(input),
  }),
  'plan.init': operation({
    summary: `A sequencing scenario from the stored data: Iran’s steps back, US relief grouped from the ${defaultPositions.planRelief} “lift”, the stated red lines`,
    reads: ['nuclear', 'sanctions', 'datasets'],
    tag: 'plans',
    cli: {
      command: 'plan init',
      description: `build a scenario from the stored data: Iran’s steps back, US relief grouped from ${defaultPositions.planRelief} “lift”, the stated red lines`,
      options: [
        { flags: '--as-of <date>', field: 'nuclearAsOf' },
        { flags: '--snapshot <dataset>', field: 'snapshot' },
        { flags: '--phases <n>', field: 'phaseCount' },
        { flags: '--title <text>', field: 'title' },
        { flags: '--relief-basis <basis>', field: 'reliefBasis' },
        { flags: '--out <file>', description: 'write the scenario to this file instead of stdout' },
        { flags: '--json', description: 'with --out: print a JSON summary' },
      ],
      json: false,
    },
    input: PlanInitInput,
    output: ScenarioJson,
    run: async (context, input) => ({ ...(await initPlan(context, input)) }),
  }),
  'plan.check': operation({
    summary: 'Check a plan file against a scenario file, constraint by constraint, and score it',
    tag: 'plans',
    cli: {
      command: 'plan check',
      description:
        'check a plan file against a scenario, constraint by constraint (exit 1 when it breaks any)',
      arguments: [
        { name: 'file', field: 'path', description: 'scenario JSON' },
        {
          name: 'plan',
          field: 'planPath',
          description:
            'plan JSON: plan solve --json output, {"measures":[{measure, phase, startDay?}]} or {"phases":[[ids]]}',
        },
      ],
      options: whatIfOptions,
    },
    input: PlanCheckInput,
    output: PlanCheckResult,
    async run(_context, input) {
      return checkPlanFile(input);
    },
  }),
  'plan.explain': operation({
    summary:
      'A scenario file in words: totals, relations, red lines with their figures, critical path, model size',
    tag: 'plans',
    cli: {
      command: 'plan explain',
      arguments: [{ name: 'file', field: 'path', description: scenarioFileHelp }],
      options: [
        {
          flags: '--lp',
          field: 'includeLp',
          value: true,
          description: 'print the MILP in LP format (as HiGHS is given it) instead',
        },
        ...whatIfOptions,
      ],
    },
    input: PlanExplainInput,
    output: PlanExplanation,
    async run(_context, input) {
      return explainScenarioFile(input);
    },
  }),
  'sanctions.export': operation({
    summary: 'One snapshot’s entries as CSV (a row per entry) or JSON',
    reads: ['sanctions'],
    tag: 'sanctions',
    http: {
      method: 'GET',
      path: '/sanctions/export',
      download: true,
      summary:
        'One snapshot’s entries as a CSV (a row per entry) or JSON download (400 ApiError on bad input)',
      description:
        'The CSV is formula-safe (OWASP, CSV injection): a text cell that begins with `=`, `+`, `-`, `@`, a tab ' +
        'or a carriage return, and is not wholly a plain number such as `-12.5`, is written with a single quote ' +
        "before it (`'=HYPERLINK(...)`), so a spreadsheet shows it as text and never runs it. The JSON is as stored.",
    },
    cli: {
      command: 'sanctions export',
      description:
        "write one snapshot’s entries to stdout as CSV (a row per entry; a text cell starting with = + - @, a tab or CR gets a leading ' so spreadsheets never run it) or JSON",
      options: [
        { flags: '--format <format>', field: 'format', description: 'csv or json', default: 'csv' },
        snapshotFlag,
      ],
      json: false,
    },
    input: SanctionsExportQuery,
    output: SanctionsExport,
    run: (context, input) => exportSnapshot(context, input),
  }),
  'sanctions.import': operation({
    summary:
      'Import one OFAC list (legacy CSV or .pip files, legacy XML, sdn_advanced.xml or FollowTheMoney JSON lines)',
    writes: ['sanctions', 'datasets'],
    tag: 'sanctions',
    cli: {
      command: 'sanctions import',
      description:
        'import one OFAC list (sdn/alt/add/sdn_comments .csv or .pip, sdn.xml, sdn_advanced.xml, FollowTheMoney .json lines) as a snapshot',
      arguments: [
        {
          name: 'paths',
          field: 'paths',
          variadic: 'list',
          description: "the list's files, or the folder that holds them",
        },
      ],
      options: [
        { flags: '--as-of <date>', field: 'asOf' },
        {
          flags: '--name <name>',
          field: 'name',
          description: 'dataset name (default ofac-sdn-DATE or ofac-consolidated-DATE)',
        },
      ],
    },
    input: SanctionsImportInput,
    output: SanctionsImportResult,
    run: (context, input) => importList(context, input),
  }),
  ...planJobOperations,
  ...talksOperations,
  ...conflictOperations,
};

/** The name of an operation in the registry. */
export type OperationName = keyof typeof operations;
/** The validated input an operation takes. */
export type OperationInput<N extends OperationName> = z.input<(typeof operations)[N]['input']>;
/** The result an operation returns. */
export type OperationOutput<N extends OperationName> = z.output<(typeof operations)[N]['output']>;
