import { mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestDatabase } from '@lockstep/store/testing';
import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import { type Operation, operations } from '../operations.ts';
import { shippedDataDir } from '../shipped-data.ts';
import { readsFromReplica, Workbench } from '../workbench.ts';

// Several Lockstep servers on one PostgreSQL database (issue 18): a read replica for the reads that may be a
// moment old. The replica here is the same database reached through a read-only connection, named apart.
const work = mkdtempSync(join(tmpdir(), 'lockstep-scale-out-'));
const ofac = join(shippedDataDir, 'sanctions/ofac');

/** A folder holding one shipped OFAC file (the 2015 SDN list, the smallest complete one). */
function list2015(name: string): string {
  const dir = join(work, name);
  mkdirSync(dir, { recursive: true });
  symlinkSync(join(ofac, '2015-01/sdn.csv'), join(dir, 'sdn.csv'));
  return dir;
}

/** The same database through a connection that cannot write, named `lockstep-read`. */
function readOnlyUrl(url: string): string {
  const read = new URL(url);
  read.searchParams.set('options', '-c default_transaction_read_only=on');
  read.searchParams.set('application_name', 'lockstep-read');
  return read.toString();
}

let database: { url: string; drop(): Promise<void> };
const open: Workbench[] = [];

async function workbench(options: { readReplica?: boolean } = {}): Promise<Workbench> {
  const opened = await Workbench.open({
    databaseUrl: database.url,
    ...(options.readReplica ? { databaseReadUrl: readOnlyUrl(database.url) } : {}),
    withoutShippedData: true,
    stateDir: work,
  });
  open.push(opened);
  return opened;
}

beforeAll(async () => {
  database = await createTestDatabase(inject('postgresUrl'), inject('postgresSetupError'));
}, 120_000);

afterAll(async () => {
  for (const opened of open) await opened.close();
  await database?.drop();
  rmSync(work, { recursive: true, force: true });
});

describe('a read replica (DATABASE_READ_URL)', () => {
  it('names the read-only operations of stored data, and no talks, job or writing operation', () => {
    const replicated = (Object.entries(operations) as [string, Operation][])
      .filter(([, op]) => readsFromReplica(op))
      .map(([name]) => name);
    expect(replicated).toEqual(
      expect.arrayContaining([
        'datasets.list',
        'sanctions.snapshots',
        'sanctions.search',
        'nuclear.overview',
      ]),
    );
    for (const name of replicated) {
      expect(name).not.toMatch(/^(talks|plan\.jobs)\./);
      expect(name).not.toBe('sanctions.import');
    }
  });

  it('serves read-only operations from the replica and writes from the primary, which the replica refuses', async () => {
    const wb = await workbench({ readReplica: true });
    const replica = wb.readDb!;
    expect(replica.location).toContain('(read replica)');
    expect(await replica.query('SHOW default_transaction_read_only')).toEqual([
      { default_transaction_read_only: 'on' },
    ]);
    await expect(replica.query('CREATE TABLE written_to_replica (a integer)')).rejects.toThrow(/read-only/);
    const onReplica = vi.spyOn(replica, 'query');
    const onReplicaTx = vi.spyOn(replica, 'transaction');
    const onPrimary = vi.spyOn(wb.db, 'query');
    const onPrimaryTx = vi.spyOn(wb.db, 'transaction');

    // A write goes to the primary (on the read-only replica it would fail).
    const imported = await wb.call('sanctions.import', { paths: [list2015('replica')], asOf: '2015-01-31' });
    expect(imported).toMatchObject({ alreadyImported: false });
    expect(onPrimaryTx).toHaveBeenCalled();
    expect(onReplica).not.toHaveBeenCalled();
    expect(onReplicaTx).not.toHaveBeenCalled();

    // Reads of stored data go to the replica, and see what was written.
    onPrimary.mockClear();
    const { snapshots } = await wb.call('sanctions.snapshots', {});
    expect(snapshots.map((s) => s.dataset)).toContain(imported.dataset);
    const { datasets } = await wb.call('datasets.list', {});
    expect(datasets.map((d) => d.name)).toContain(imported.dataset);
    expect(onReplica).toHaveBeenCalled();
    const replicaSql = onReplica.mock.calls.map(([sql]) => sql).join('\n');
    expect(replicaSql).toMatch(/datasets/);

    // The talks read and write on the primary, even with a replica.
    const readsBefore = onReplica.mock.calls.length;
    expect(await wb.talks.accounts.needsAdmin()).toBe(true);
    expect(onReplica.mock.calls.length).toBe(readsBefore);
    expect(onPrimary).toHaveBeenCalled();
  }, 120_000);

  it('is refused without DATABASE_URL', async () => {
    await expect(
      Workbench.open({ dataDir: join(work, 'embedded'), databaseReadUrl: readOnlyUrl(database.url) }),
    ).rejects.toThrow(/DATABASE_READ_URL is set without DATABASE_URL/);
  });
});

describe('two servers importing the same OFAC list at once', () => {
  it('import it once, with no duplicate, and both answer the same', async () => {
    const [a, b] = [await workbench(), await workbench()];
    const [fromA, fromB] = await Promise.all([
      a.call('sanctions.import', { paths: [list2015('at-once-a')], asOf: '2015-01-30' }),
      b.call('sanctions.import', { paths: [list2015('at-once-b')], asOf: '2015-01-30' }),
    ]);
    // One stored it; the other waited for it and found it.
    expect([fromA.alreadyImported, fromB.alreadyImported].sort()).toEqual([false, true]);
    const { alreadyImported: _a, files: _fa, ...sameA } = fromA;
    const { alreadyImported: _b, files: _fb, ...sameB } = fromB;
    expect(sameA).toEqual(sameB);
    expect(fromA.files.map((f) => f.sha256)).toEqual(fromB.files.map((f) => f.sha256));
    const [rows] = await a.db.query<{ versions: string; entries: string }>(
      `SELECT count(DISTINCT d.id)::text AS versions, count(e.*)::text AS entries
         FROM datasets d LEFT JOIN sanctions_entries e ON e.dataset_id = d.id WHERE d.name = $1`,
      [fromA.dataset],
    );
    expect(rows).toEqual({ versions: '1', entries: String(fromA.entries) });
    const [listA, listB] = [await a.call('sanctions.snapshots', {}), await b.call('sanctions.snapshots', {})];
    expect(listA).toEqual(listB);
    expect(listA.snapshots.filter((s) => s.dataset === fromA.dataset)).toHaveLength(1);
  }, 120_000);
});

describe("a server's cached answers when another server imports", () => {
  it('are answered again once the data stamp shows the import, within a second', async () => {
    const [a, b] = [await workbench(), await workbench()];
    const before = await a.call('datasets.list', {});
    const snapshotsBefore = await a.call('sanctions.snapshots', {});
    // Cached on PostgreSQL too: the same answer while nothing was imported.
    expect(await a.call('datasets.list', {})).toBe(before);
    const imported = await b.call('sanctions.import', { paths: [list2015('elsewhere')], asOf: '2015-01-29' });
    expect(imported.alreadyImported).toBe(false);
    await new Promise((done) => setTimeout(done, 1_100));
    const after = await a.call('datasets.list', {});
    expect(after).not.toBe(before);
    expect(after.datasets.map((d) => d.name).sort()).toEqual(
      [...before.datasets.map((d) => d.name), imported.dataset].sort(),
    );
    const snapshotsAfter = await a.call('sanctions.snapshots', {});
    expect(snapshotsAfter.snapshots.length).toBe(snapshotsBefore.snapshots.length + 1);
    // And its own import invalidates at once, as before.
    const own = await a.call('sanctions.import', { paths: [list2015('own')], asOf: '2015-01-28' });
    expect((await a.call('datasets.list', {})).datasets.map((d) => d.name)).toContain(own.dataset);
  }, 120_000);
});
