import type { SqlExecutor } from '@lockstep/store';

/** A dataset's rows, parsed and checked before the load transaction, ready to store under its version id. */
export type PreparedImport = (tx: SqlExecutor, datasetId: number) => Promise<void>;
