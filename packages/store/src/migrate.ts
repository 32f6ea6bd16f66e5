import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { type Database, StoreError } from './database.ts';

/** A forward-only schema change, from `migrations/NNNN_name.sql`. */
export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly sql: string;
  readonly sha256: string;
}

const migrationsDir = new URL('../migrations/', import.meta.url);
const fileNamePattern = /^(\d{4})_([a-z0-9_]+)\.sql$/;

/** The migrations this build knows, in version order. */
export function shippedMigrations(): Migration[] {
  return readdirSync(migrationsDir)
    .filter((file) => file.endsWith('.sql'))
    .map((file) => {
      const match = fileNamePattern.exec(file);
      if (!match) throw new StoreError(`migration file ${file} is not named NNNN_name.sql`);
      const sql = readFileSync(new URL(file, migrationsDir), 'utf8');
      return {
        version: Number(match[1]),
        name: match[2]!,
        sql,
        sha256: createHash('sha256').update(sql).digest('hex'),
      };
    })
    .sort((a, b) => a.version - b.version);
}

/** What `migrate` did. */
export interface MigrationReport {
  readonly applied: readonly number[];
  readonly schemaVersion: number;
}

// Any fixed number: every Lockstep process migrating the same server waits on the same lock.
const migrationLockKey = 727_2021;

/**
 * Brings the schema up to date, in one transaction under an advisory lock so that concurrent starts on one
 * PostgreSQL server do not race. Refuses, and changes nothing, when the database was written by a newer
 * Lockstep or when an applied migration's file has since been edited (migrations are forward-only).
 */
export async function migrate(db: Database, migrations = shippedMigrations()): Promise<MigrationReport> {
  return db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [migrationLockKey]);
    await tx.exec(`CREATE TABLE IF NOT EXISTS lockstep_migrations (
      version integer PRIMARY KEY,
      name text NOT NULL,
      sha256 text NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now()
    )`);
    const applied = await tx.query<{ version: number; sha256: string }>(
      'SELECT version, sha256 FROM lockstep_migrations ORDER BY version',
    );
    const known = new Map(migrations.map((m) => [m.version, m]));
    const newest = migrations.at(-1)?.version ?? 0;
    for (const row of applied) {
      const migration = known.get(row.version);
      if (!migration) {
        throw new StoreError(
          `the database at ${db.location} has schema version ${applied.at(-1)?.version}, newer than this Lockstep knows (${newest}); upgrade Lockstep or use another data directory, it was left unchanged`,
        );
      }
      if (migration.sha256 !== row.sha256) {
        throw new StoreError(
          `migration ${migration.version}_${migration.name} was edited after it was applied to ${db.location}; migrations are forward-only, so add a new one instead`,
        );
      }
    }
    const done = new Set(applied.map((row) => row.version));
    const pending = migrations.filter((m) => !done.has(m.version));
    for (const migration of pending) {
      await tx.exec(migration.sql);
      await tx.query('INSERT INTO lockstep_migrations (version, name, sha256) VALUES ($1, $2, $3)', [
        migration.version,
        migration.name,
        migration.sha256,
      ]);
    }
    return { applied: pending.map((m) => m.version), schemaVersion: newest };
  });
}
