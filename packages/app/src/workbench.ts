import { resolve } from 'node:path';
import { type Database, DatasetRepository, openStore } from '@lockstep/store';
import type { z } from 'zod';
import { InputError } from './input-error.ts';
import type { CallContext, Operation, OperationContext } from './operation.ts';
import { type OperationInput, type OperationName, type OperationOutput, operations } from './operations.ts';
import type { EntityPackContent } from './sanctions/entity-pack.ts';
import { entityPackContent } from './sanctions/sanctions-analysis.ts';
import { searchTimeBudgetMs } from './sanctions/search-time-budget.ts';
import { loadShippedData, type ShippedDataReport, shippedDataDir } from './shipped-data.ts';
import { AuditSigner, auditSigningPlaces } from './talks/audit-signing.ts';
import { callerOf } from './talks/talks-operations.ts';
import { TalksService } from './talks/talks-service.ts';

/** Where the workbench keeps its data. */
export interface WorkbenchOptions {
  /** The embedded store's directory; default `./.lockstep` or LOCKSTEP_DATA_DIR. */
  readonly dataDir?: string | undefined;
  /** A PostgreSQL server to use instead of the embedded store. */
  readonly databaseUrl?: string | undefined;
  /** A read replica of that server for read-only operations; default DATABASE_READ_URL (only with a server). */
  readonly databaseReadUrl?: string | undefined;
  /** Keep the embedded store in memory, ignoring the environment (tests). */
  readonly inMemory?: boolean | undefined;
  /** The data folder to load shipped datasets from (tests point it elsewhere). */
  readonly shippedDataDir?: string | undefined;
  /** Skip loading the shipped datasets (tests of parts that do not read them, such as the talks). */
  readonly withoutShippedData?: boolean | undefined;
  /** Told of slow first-use work such as loading the shipped data. */
  readonly onProgress?: ((message: string) => void) | undefined;
  /** How long one sanctions search may run, in milliseconds (default `searchTimeBudgetMs`, 2 s). */
  readonly searchTimeBudgetMs?: number | undefined;
  /**
   * Where what must live outside the database is kept (the audit signing key and its checkpoints): default
   * the embedded store's data directory, or LOCKSTEP_STATE_DIR (else `./.lockstep`) with a PostgreSQL server;
   * none for an in-memory store unless given.
   */
  readonly stateDir?: string | undefined;
}

/** The state directory for a resolved store (see `WorkbenchOptions.stateDir`), if there is one. */
export function resolveStateDir(
  options: Pick<WorkbenchOptions, 'stateDir' | 'inMemory'>,
  store: { databaseUrl?: string; dataDir?: string },
  env: NodeJS.ProcessEnv = process.env,
): string | undefined {
  if (options.stateDir) return resolve(options.stateDir);
  if (options.inMemory) return undefined;
  if (store.dataDir) return store.dataDir;
  return resolve(env.LOCKSTEP_STATE_DIR || '.lockstep');
}

/**
 * Resolves the store from options and environment: DATABASE_URL selects a PostgreSQL server, otherwise
 * the embedded store lives in --data-dir, LOCKSTEP_DATA_DIR or ./.lockstep. Naming both is refused.
 */
export function resolveStore(
  options: Pick<WorkbenchOptions, 'dataDir' | 'databaseUrl' | 'databaseReadUrl' | 'inMemory'>,
  env: NodeJS.ProcessEnv = process.env,
): { databaseUrl?: string; databaseReadUrl?: string; dataDir?: string } {
  if (options.inMemory) return {};
  const databaseUrl = options.databaseUrl ?? (env.DATABASE_URL || undefined);
  const databaseReadUrl = options.databaseReadUrl ?? (env.DATABASE_READ_URL || undefined);
  if (databaseReadUrl && !databaseUrl) {
    throw new InputError(
      'DATABASE_READ_URL is set without DATABASE_URL: a read replica serves beside a PostgreSQL primary; set DATABASE_URL too, or unset DATABASE_READ_URL',
      'databaseReadUrl',
    );
  }
  if (databaseUrl && options.dataDir) {
    throw new InputError(
      'both --data-dir and DATABASE_URL are set: unset DATABASE_URL to use a data directory, or drop --data-dir',
      'dataDir',
    );
  }
  if (databaseUrl) return { databaseUrl, ...(databaseReadUrl ? { databaseReadUrl } : {}) };
  return { dataDir: resolve(options.dataDir ?? (env.LOCKSTEP_DATA_DIR || '.lockstep')) };
}

/**
 * How long a data stamp read from a PostgreSQL store is trusted: a cached answer may be this much behind an
 * import made through another server (this server's own writes invalidate at once).
 */
export const dataStampMaxAgeMs = 1_000;

/**
 * Whether an operation may be answered from a read replica, a moment behind the primary: it reads stored
 * data (datasets, nuclear series, sanctions lists), writes none, and is neither a talks operation nor a plan
 * job's (those must see their own writes and others' at once).
 */
export function readsFromReplica(
  op: Pick<Operation, 'reads' | 'writes' | 'policy' | 'job' | 'tag'>,
): boolean {
  return (
    (op.reads?.length ?? 0) > 0 &&
    (op.writes?.length ?? 0) === 0 &&
    op.policy === undefined &&
    op.job === undefined &&
    op.tag !== 'talks'
  );
}

function describeIssue(issue: z.core.$ZodIssue): { field: string | undefined; message: string } {
  const field = issue.path.length > 0 ? issue.path.join('.') : undefined;
  return { field, message: field ? `${field}: ${issue.message}` : issue.message };
}

/**
 * An open workbench: its store, with the shipped data loaded, and the operations to call on it.
 *
 * Results of read-only operations that name what they `read` are cached. The embedded store's data directory
 * is locked to this process, so every write passes through `call` and invalidates exactly. A PostgreSQL
 * server may be shared by several Lockstep servers, whose imports this one does not see: there each cached
 * answer carries the data stamp it was computed under (`DatasetRepository.dataStamp`, which every import
 * changes, read at most once per `dataStampMaxAgeMs`), and is used only while the stamp is unchanged.
 */
export class Workbench {
  private readonly cache = new Map<
    string,
    { topics: readonly string[]; result: Promise<unknown>; stamp: string | undefined }
  >();
  /** The data stamp last read from each database (primary, replica), and when. */
  private readonly stamps = new Map<Database, { stamp: Promise<string>; readAt: number }>();
  private lastStamp: string | undefined;
  /** The talks: accounts, papers and relays, the texts, rounds and the audit log (each call checks the caller). */
  readonly talks: TalksService;

  private constructor(
    readonly db: Database,
    /** The read replica's pool (DATABASE_READ_URL), which serves the operations `readsFromReplica` names. */
    readonly readDb: Database | undefined,
    private readonly context: OperationContext,
    /** What opening did to the shipped data. */
    readonly shippedData: ShippedDataReport,
    /** Where the audit signing key and checkpoints are kept, if anywhere. */
    readonly stateDir: string | undefined,
  ) {
    this.talks = context.talks;
  }

  /** Opens the store, applies migrations and loads the shipped datasets not yet loaded. */
  static async open(options: WorkbenchOptions = {}): Promise<Workbench> {
    const location = resolveStore(options);
    const { db, readDb, migrations } = await openStore(location);
    try {
      if (migrations.applied.length > 0) {
        options.onProgress?.(`Initialising the store at ${db.location} with the shipped data (first use)...`);
      }
      const shipped = options.withoutShippedData
        ? { loaded: [], unchanged: [] }
        : await loadShippedData(db, options.shippedDataDir ?? shippedDataDir);
      const memos = new Map<string, Promise<unknown>>();
      const stateDir = resolveStateDir(options, location);
      const context: OperationContext = {
        talks: new TalksService(db, {
          auditSigner: stateDir ? new AuditSigner(auditSigningPlaces(stateDir)) : undefined,
        }),
        db,
        schemaVersion: migrations.schemaVersion,
        memo<T>(key: string, build: () => Promise<T>) {
          let value = memos.get(key);
          if (value === undefined) {
            value = build();
            memos.set(key, value);
            value.catch(() => memos.delete(key));
          }
          return value as Promise<T>; // the key names what was built, and every caller of a key builds the same type
        },
        progress: (message) => options.onProgress?.(message),
        searchTimeBudgetMs: options.searchTimeBudgetMs ?? searchTimeBudgetMs,
      };
      return new Workbench(db, readDb, context, shipped, stateDir);
    } catch (error) {
      await readDb?.close();
      await db.close();
      throw error;
    }
  }

  /** The newest migration applied to the store. */
  get schemaVersion(): number {
    return this.context.schemaVersion;
  }

  /**
   * Validates `input` against the operation's schema and runs it, for the caller `call` names (the signed-in
   * talks caller, the submitter of a background job); results the cache may hold are the same for everyone.
   */
  async call<N extends OperationName>(
    name: N,
    input: OperationInput<N>,
    call: CallContext = {},
  ): Promise<OperationOutput<N>> {
    const op = operations[name];
    const parsed = op.input.safeParse(input);
    if (!parsed.success) {
      const first = describeIssue(parsed.error.issues[0]!);
      throw new InputError(first.message, first.field);
    }
    // The authorization wrapper: a talks operation runs for a signed-in caller the policy allows.
    const policy = (op as Operation).policy;
    if (policy && !call.policyChecked) {
      const id = (parsed.data as { id?: unknown }).id;
      await this.talks.checkRequest(
        callerOf(call),
        policy.action,
        policy.resource ?? 'none',
        typeof id === 'string' ? id : '',
      );
    }
    // The talks the workbench serves (a test may give a server one on another clock).
    const served = this.talks === this.context.talks ? this.context : { ...this.context, talks: this.talks };
    // Reads that may be a moment old go to the read replica, when there is one; everything else to the primary.
    const context = this.readDb && readsFromReplica(op) ? { ...served, db: this.readDb } : served;
    // The registry types `run` per operation; indexing by a generic name widens it, so restore the link.
    const run = op.run as (
      context: OperationContext,
      input: unknown,
      call: CallContext,
    ) => Promise<OperationOutput<N>>;
    const definition: { reads?: readonly string[]; writes?: readonly string[] } = op;
    if (definition.writes) {
      for (const [key, entry] of this.cache) {
        if (entry.topics.some((topic) => definition.writes!.includes(topic))) this.cache.delete(key);
      }
      const written = run(context, parsed.data, call);
      // The next read looks at the stamp again rather than trust one read before this write.
      written.finally(() => this.stamps.clear()).catch(() => undefined);
      return written;
    }
    if (!definition.reads) return run(context, parsed.data, call);
    // Another server may have imported since: on a shared database, the stamp says whether anything changed.
    const stamp = this.db.kind === 'pglite' ? undefined : await this.dataStamp(context.db);
    if (stamp !== this.lastStamp) {
      this.lastStamp = stamp;
      for (const [key, entry] of this.cache) if (entry.stamp !== stamp) this.cache.delete(key);
    }
    const key = `${name}:${JSON.stringify(parsed.data)}`;
    const cached = this.cache.get(key);
    // Cached results are shared between callers, which must treat them as read-only.
    if (cached && cached.stamp === stamp) return cached.result as Promise<OperationOutput<N>>;
    const result = run(context, parsed.data, call);
    this.cache.set(key, { topics: definition.reads, result, stamp });
    result.catch(() => this.cache.delete(key));
    return result;
  }

  /** The data stamp of `db`, read again once it is older than `dataStampMaxAgeMs`. */
  private dataStamp(db: Database): Promise<string> {
    const now = performance.now();
    const known = this.stamps.get(db);
    if (known && now - known.readAt < dataStampMaxAgeMs) return known.stamp;
    const stamp = new DatasetRepository(db).dataStamp();
    this.stamps.set(db, { stamp, readAt: now });
    stamp.catch(() => this.stamps.delete(db));
    return stamp;
  }

  /**
   * What a one-shot `lockstep sanctions entity` on the default list needs, for the command line to keep in
   * the data directory under the store's version (see sanctions/entity-pack.ts).
   */
  entityPackContent(): Promise<EntityPackContent> {
    return entityPackContent(this.context);
  }

  async close(): Promise<void> {
    this.talks.events.close();
    await this.readDb?.close();
    return this.db.close();
  }
}
