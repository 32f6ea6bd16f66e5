import {
  AsOfQuery,
  BreakoutQuery,
  BreakoutResult,
  ClassifyQuery,
  ClassifyResult,
  ComplianceResult,
  DatasetList,
  DatasetListQuery,
  EntityQuery,
  EntityResult,
  EntitySearchQuery,
  EntitySearchResult,
  GapQuery,
  GapResult,
  Health,
  HistoryResult,
  NuclearOverview,
  NuclearOverviewQuery,
  PlanCheckInput,
  PlanCheckResult,
  PlanExplainInput,
  PlanExplanation,
  PlanInitInput,
  PlanSolveInput,
  PlanSolveResult,
  ProjectionQuery,
  ProjectionResult,
  SanctionsExport,
  SanctionsExportQuery,
  SanctionsImportInput,
  SanctionsImportResult,
  SanctionsPositionList,
  SanctionsSnapshotList,
  ScenarioJson,
  StepsQuery,
  StepsResult,
  SwuQuery,
  SwuResult,
} from '@lockstep/contract';
import { type Database, DatasetRepository, NuclearRepository } from '@lockstep/store';
import { z } from 'zod';
import {
  breakout,
  compliance,
  overview,
  projection,
  separativeWork,
  steps,
} from './nuclear/nuclear-analysis.ts';
import { checkPlanFile, explainScenarioFile } from './plans/plan-check.ts';
import { initPlan } from './plans/plan-init.ts';
import { solvePlan } from './plans/plan-operations.ts';
import { classify, entity, gap, history, positions } from './sanctions/sanctions-analysis.ts';
import {
  exportSnapshot,
  importList,
  listSnapshots,
  searchSnapshot,
} from './sanctions/sanctions-operations.ts';
import { lockstepVersion } from './version.ts';

/** A part of the stored data, for cache invalidation: results that read a topic go stale when it is written. */
export type DataTopic = 'datasets' | 'nuclear' | 'sanctions';

/** What every operation runs against. */
export interface OperationContext {
  readonly db: Database;
  readonly schemaVersion: number;
  /**
   * A value derived from stored data and kept for this workbench's life, such as a search index. `key` must
   * name everything the value depends on (a dataset version id, not just a name), so it never goes stale.
   */
  memo<T>(key: string, build: () => Promise<T>): Promise<T>;
  /** Told of slow work (an import), for progress output. */
  readonly progress: (message: string) => void;
  /** How long one sanctions search may run, in milliseconds (`searchTimeBudgetMs` unless a test sets it). */
  readonly searchTimeBudgetMs: number;
}

/**
 * One thing a user can ask Lockstep for. The server and the CLI both dispatch through these, so a use case
 * is written once; input is validated against `input` before `run` sees it.
 */
export interface Operation<In extends z.ZodType, Out extends z.ZodType> {
  readonly summary: string;
  /**
   * The stored data the result depends on. A read-only operation that names them may be answered from
   * the workbench's cache until an operation that `writes` one of them runs.
   */
  readonly reads?: readonly DataTopic[];
  /** The stored data this operation changes: cached results that read them are dropped. */
  readonly writes?: readonly DataTopic[];
  readonly input: In;
  readonly output: Out;
  run(context: OperationContext, input: z.output<In>): Promise<z.input<Out>>;
}

function operation<In extends z.ZodType, Out extends z.ZodType>(op: Operation<In, Out>): Operation<In, Out> {
  return op;
}

/** The registry of operations, by name. */
export const operations = {
  health: operation({
    summary: 'Whether the workbench is up, and which store it runs on',
    input: z.object({}),
    output: Health,
    async run({ db, schemaVersion }) {
      await db.query('SELECT 1');
      return { status: 'ok' as const, version: lockstepVersion, store: { kind: db.kind, schemaVersion } };
    },
  }),
  'datasets.list': operation({
    summary: 'The loaded datasets: source, list or report date, file hashes and record counts',
    reads: ['datasets'],
    input: DatasetListQuery,
    output: DatasetList,
    async run({ db }, input) {
      return { datasets: await new DatasetRepository(db).listLatest(input) };
    },
  }),
  'nuclear.swu': operation({
    summary: 'Separative work, feed and tails for one enrichment job',
    input: SwuQuery,
    output: SwuResult,
    async run(_context, input) {
      return separativeWork(input);
    },
  }),
  'nuclear.compliance': operation({
    summary: 'Every JCPOA limit on a date: latest figure, limit, excess, status and source row',
    reads: ['nuclear'],
    input: AsOfQuery,
    output: ComplianceResult,
    async run({ db }, input) {
      return compliance(await new NuclearRepository(db).latest(), input.asOf);
    },
  }),
  'nuclear.breakout': operation({
    summary: 'Time to one significant quantity of 90 % uranium, with every assumption',
    reads: ['nuclear'],
    input: BreakoutQuery,
    output: BreakoutResult,
    async run({ db }, input) {
      return breakout(await new NuclearRepository(db).latest(), input);
    },
  }),
  'nuclear.steps': operation({
    summary: 'The steps back to each JCPOA limit and the breakout time each restores',
    reads: ['nuclear'],
    input: StepsQuery,
    output: StepsResult,
    async run({ db }, input) {
      return steps(await new NuclearRepository(db).latest(), input);
    },
  }),
  'nuclear.project': operation({
    summary: 'Stockpile and breakout projected by month, and when a full return stops restoring the goal',
    reads: ['nuclear'],
    input: ProjectionQuery,
    output: ProjectionResult,
    async run({ db }, input) {
      return projection(await new NuclearRepository(db).latest(), input);
    },
  }),
  'nuclear.overview': operation({
    summary: 'Everything the Nuclear page shows, under one set of assumptions',
    reads: ['nuclear'],
    input: NuclearOverviewQuery,
    output: NuclearOverview,
    async run({ db }, input) {
      return overview(await new NuclearRepository(db).latest(), input);
    },
  }),
  'sanctions.snapshots': operation({
    summary: 'The stored OFAC list snapshots, oldest first, with their entry counts',
    reads: ['sanctions'],
    input: z.object({}),
    output: SanctionsSnapshotList,
    run: (context) => listSnapshots(context),
  }),
  'sanctions.search': operation({
    summary: 'Entries whose name or alias matches, tolerant of transliteration and word order, with reasons',
    reads: ['sanctions'],
    input: EntitySearchQuery,
    output: EntitySearchResult,
    run: (context, input) => searchSnapshot(context, input),
  }),
  'sanctions.history': operation({
    summary: 'The designation history across the stored snapshots: events, re-listing links, replay checks',
    reads: ['sanctions'],
    input: z.object({}),
    output: HistoryResult,
    run: (context) => history(context),
  }),
  'sanctions.entity': operation({
    summary: 'Matches for a name with their designations, history, timeline and category under each position',
    reads: ['sanctions'],
    input: EntityQuery,
    output: EntityResult,
    run: (context, input) => entity(context, input),
  }),
  'sanctions.classify': operation({
    summary:
      'A position applied to every designation in its scope: category, rule and evidence; relief totals',
    reads: ['sanctions'],
    input: ClassifyQuery,
    output: ClassifyResult,
    run: (context, input) => classify(context, input),
  }),
  'sanctions.positions': operation({
    summary:
      'The positions of data/sanctions/positions.json: label, holder, categories they assign; category labels; defaults',
    input: z.object({}),
    output: SanctionsPositionList,
    run: (context) => positions(context),
  }),
  'sanctions.gap': operation({
    summary: 'Where two positions differ, designation by designation, grouped by program and basis',
    reads: ['sanctions'],
    input: GapQuery,
    output: GapResult,
    run: (context, input) => gap(context, input),
  }),
  'plan.solve': operation({
    summary:
      'Solve a sequencing scenario file: the optimal phased plan, or the red lines that conflict and their cost',
    input: PlanSolveInput,
    output: PlanSolveResult,
    run: (_context, input) => solvePlan(input),
  }),
  'plan.init': operation({
    summary:
      'A sequencing scenario from the stored data: Iran’s steps back, US relief grouped from us-2021 “lift”, the stated red lines',
    reads: ['nuclear', 'sanctions', 'datasets'],
    input: PlanInitInput,
    output: ScenarioJson,
    run: async (context, input) => ({ ...(await initPlan(context, input)) }),
  }),
  'plan.check': operation({
    summary: 'Check a plan file against a scenario file, constraint by constraint, and score it',
    input: PlanCheckInput,
    output: PlanCheckResult,
    async run(_context, input) {
      return checkPlanFile(input);
    },
  }),
  'plan.explain': operation({
    summary:
      'A scenario file in words: totals, relations, red lines with their figures, critical path, model size',
    input: PlanExplainInput,
    output: PlanExplanation,
    async run(_context, input) {
      return explainScenarioFile(input);
    },
  }),
  'sanctions.export': operation({
    summary: 'One snapshot’s entries as CSV (a row per entry) or JSON',
    reads: ['sanctions'],
    input: SanctionsExportQuery,
    output: SanctionsExport,
    run: (context, input) => exportSnapshot(context, input),
  }),
  'sanctions.import': operation({
    summary:
      'Import one OFAC list (legacy CSV or .pip files, legacy XML, sdn_advanced.xml or FollowTheMoney JSON lines)',
    writes: ['sanctions', 'datasets'],
    input: SanctionsImportInput,
    output: SanctionsImportResult,
    run: (context, input) => importList(context, input),
  }),
};

/** The name of an operation in the registry. */
export type OperationName = keyof typeof operations;
/** The validated input an operation takes. */
export type OperationInput<N extends OperationName> = z.input<(typeof operations)[N]['input']>;
/** The result an operation returns. */
export type OperationOutput<N extends OperationName> = z.output<(typeof operations)[N]['output']>;
