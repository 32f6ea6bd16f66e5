import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, inject, it } from 'vitest';

const bin = new URL('../packages/cli/bin/lockstep.js', import.meta.url).pathname;
const list = new URL('../data/sanctions/ofac/2024-05-03/sdn.csv', import.meta.url).pathname;
const entries = 14965;
const imported = 'ofac-sdn-crash-test';

/** Where a `lockstep` process keeps its store: its arguments and environment. */
interface Store {
  readonly args: readonly string[];
  readonly env: NodeJS.ProcessEnv;
}

/** Starts `lockstep ARGS` on the store, collecting its output. */
function start(store: Store, args: readonly string[]) {
  const child = spawn(process.execPath, [bin, ...args, ...store.args], {
    env: { ...process.env, DATABASE_URL: '', LOCKSTEP_DATA_DIR: '', ...store.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output = { stdout: '', stderr: '' };
  child.stdout!.on('data', (chunk: Buffer) => {
    output.stdout += chunk.toString();
  });
  child.stderr!.on('data', (chunk: Buffer) => {
    output.stderr += chunk.toString();
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  return { child, output, exited };
}

/** Runs `lockstep ARGS` to its end. */
async function run(store: Store, args: readonly string[]) {
  const process = start(store, args);
  const { code } = await process.exited;
  return { code, ...process.output };
}

/** Resolves when the child's stderr matches `pattern`; fails if it exits first. */
function waitForStderr(child: ChildProcess, output: { stderr: string }, pattern: RegExp): Promise<void> {
  return new Promise((resolve, reject) => {
    const check = () => {
      if (pattern.test(output.stderr)) {
        child.stderr!.off('data', check);
        resolve();
      }
    };
    child.stderr!.on('data', check);
    child.once('exit', () => reject(new Error(`exited before ${pattern}; stderr: ${output.stderr}`)));
  });
}

/** The catalogue and the stored snapshots, read by a new process (a restart of the store). */
async function storeState(store: Store) {
  const datasets = await run(store, ['data', 'list', '--json']);
  expect(datasets.code, datasets.stderr).toBe(0);
  const snapshots = await run(store, ['sanctions', 'snapshots', '--json']);
  expect(snapshots.code, snapshots.stderr).toBe(0);
  return {
    datasets: JSON.parse(datasets.stdout).datasets as { name: string }[],
    snapshots: JSON.parse(snapshots.stdout).snapshots as { dataset: string; entryCount: number }[],
  };
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

const importArgs = ['sanctions', 'import', list, '--as-of', '2024-05-04', '--name', imported];

/**
 * Kills (SIGKILL) a `lockstep sanctions import` of the 2024 SDN list while it stores its 14,965 entries
 * (`inTransaction` resolves once the storing transaction is under way), restarts on the same store, and
 * checks that the store holds the whole import or none of it (then the catalogue is exactly as before),
 * and that the import then runs to its end.
 */
async function killDuringImport(store: Store, inTransaction: () => Promise<void>): Promise<void> {
  const before = await storeState(store);
  expect(before.datasets.map((d) => d.name)).not.toContain(imported);

  const importing = start(store, importArgs);
  await waitForStderr(importing.child, importing.output, /Storing 14,965 entries as .* in one transaction/);
  await inTransaction();
  importing.child.kill('SIGKILL');
  const killed = await importing.exited;
  expect(killed.signal, 'the import had finished before the kill').toBe('SIGKILL');
  expect(importing.output.stdout).toBe('');

  const after = await storeState(store);
  const snapshot = after.snapshots.find((s) => s.dataset === imported);
  if (snapshot === undefined) {
    // None of it: the catalogue and the snapshots are exactly as they were.
    expect(after).toEqual(before);
  } else {
    // All of it.
    expect(snapshot.entryCount).toBe(entries);
    expect(after.snapshots.filter((s) => s.dataset !== imported)).toEqual(before.snapshots);
  }

  // The store takes the import again and completes it (or finds it done, if all of it was there).
  const again = await run(store, importArgs);
  expect(again.code, again.stderr).toBe(0);
  expect(again.stdout).toMatch(
    snapshot === undefined
      ? `Imported 14,965 entries as ${imported} `
      : `${imported} (2024-05-04) was already imported from these exact files: nothing changed.`,
  );
}

describe('a sanctions import killed with SIGKILL', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'lockstep-e2e-import-crash-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('leaves the embedded store (PGlite) with all of it or none of it', async () => {
    // Storing takes about five seconds on the embedded store: a second in, the transaction is under way.
    await killDuringImport({ args: ['--data-dir', dataDir], env: {} }, () => delay(1000));
  }, 300_000);

  it('leaves a PostgreSQL store with all of it or none of it', async () => {
    const clusterUrl = inject('postgresUrl');
    if (!clusterUrl)
      throw new Error(inject('postgresSetupError') ?? 'no PostgreSQL test cluster was started');
    const database = `lockstep_crash_${randomBytes(6).toString('hex')}`;
    const admin = new pg.Client({ connectionString: clusterUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${database}`);
    const url = new URL(clusterUrl);
    url.pathname = `/${database}`;
    try {
      // The server shows the import's open transaction inserting entries: the kill lands inside it.
      const inserting = async () => {
        for (const started = Date.now(); Date.now() - started < 60_000; await delay(5)) {
          const { rows } = await admin.query(
            `SELECT 1 FROM pg_stat_activity
             WHERE datname = $1 AND xact_start IS NOT NULL AND query LIKE 'INSERT INTO sanctions_entries%'`,
            [database],
          );
          if (rows.length > 0) return;
        }
        throw new Error('the import never inserted entries');
      };
      await killDuringImport({ args: [], env: { DATABASE_URL: url.toString() } }, inserting);
    } finally {
      await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
      await admin.end();
    }
  }, 300_000);
});
