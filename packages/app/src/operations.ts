import { DatasetList, DatasetListQuery, Health } from '@lockstep/contract';
import { type Database, DatasetRepository } from '@lockstep/store';
import { z } from 'zod';
import { lockstepVersion } from './version.ts';

/** A part of the stored data, for cache invalidation: results that read a topic go stale when it is written. */
export type DataTopic = 'datasets';

/** What every operation runs against. */
export interface OperationContext {
  readonly db: Database;
  readonly schemaVersion: number;
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
};

/** The name of an operation in the registry. */
export type OperationName = keyof typeof operations;
/** The validated input an operation takes. */
export type OperationInput<N extends OperationName> = z.input<(typeof operations)[N]['input']>;
/** The result an operation returns. */
export type OperationOutput<N extends OperationName> = z.output<(typeof operations)[N]['output']>;
