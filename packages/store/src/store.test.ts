import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isoDate, kgU, type OfacEntry, partialDate, type StockpileReport } from '@lockstep/core';
import { afterAll, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import type { Database } from './database.ts';
import { DatasetRepository, type NewDataset } from './dataset-repository.ts';
import { insertRows } from './insert-rows.ts';
import { type Migration, migrate, shippedMigrations } from './migrate.ts';
import { NuclearRepository } from './nuclear-repository.ts';
import { openPgliteDatabase } from './pglite-database.ts';
import { openPostgresDatabase } from './postgres-database.ts';
import { SanctionsRepository } from './sanctions-repository.ts';
import { pgliteEngine, postgresEngine } from './testing/engines.ts';

const hash = (char: string) => char.repeat(64);

function dataset(name: string, overrides: Partial<NewDataset> = {}): NewDataset {
  return {
    name,
    title: `Title of ${name}`,
    domain: 'sanctions',
    source: 'OFAC',
    date: partialDate('2019-01'),
    dateBasis: 'inferred',
    provenance: 'sanctions/PROVENANCE.md',
    sha256: hash('a'),
    rowCount: 2,
    files: [
      {
        path: `${name}/sdn.csv`,
        format: 'ofac-csv',
        role: 'primary',
        sha256: hash('b'),
        bytes: 10,
        rowCount: 2,
      },
      {
        path: `${name}/alt.csv`,
        format: 'ofac-csv',
        role: 'aliases',
        sha256: hash('c'),
        bytes: 5,
        rowCount: 1,
      },
    ],
    ...overrides,
  };
}

const engines = [pgliteEngine, postgresEngine(inject('postgresUrl'), inject('postgresSetupError'))];

describe.each(engines)('store on $name', (engine) => {
  let db: Database;
  beforeAll(async () => {
    db = await engine.open();
  }, 60_000);
  afterAll(async () => {
    if (db) await engine.dispose(db);
  });
  beforeEach(async () => {
    await engine.reset(db);
  });

  it('applies every migration once; a second run applies nothing', async () => {
    const first = await migrate(db);
    expect(first.applied).toEqual(shippedMigrations().map((m) => m.version));
    const second = await migrate(db);
    expect(second.applied).toEqual([]);
    expect(second.schemaVersion).toBe(first.schemaVersion);
  });

  it('refuses a database written by a newer schema, and leaves it unchanged', async () => {
    await migrate(db);
    await db.query("INSERT INTO lockstep_migrations (version, name, sha256) VALUES (9999, 'future', 'x')");
    await expect(migrate(db)).rejects.toThrow(/schema version 9999, newer than this Lockstep knows/);
    const rows = await db.query<{ version: number }>('SELECT version FROM lockstep_migrations ORDER BY 1');
    expect(rows.map((r) => r.version)).toEqual([...shippedMigrations().map((m) => m.version), 9999]);
  });

  it('refuses a migration edited after it was applied', async () => {
    await migrate(db);
    const edited: Migration[] = shippedMigrations().map((m, i) =>
      i === 0 ? { ...m, sha256: hash('f') } : m,
    );
    await expect(migrate(db, edited)).rejects.toThrow(/was edited after it was applied.*add a new one/);
  });

  it('records datasets and lists the newest version of each, with its files in order', async () => {
    await migrate(db);
    const repo = new DatasetRepository(db);
    await repo.add(dataset('ofac-sdn-2019-01'));
    await repo.add(dataset('jcpoa-limits', { domain: 'nuclear', date: partialDate('2015-07-14') }));
    await repo.add(dataset('ofac-sdn-2019-01', { sha256: hash('d'), rowCount: 3 }));
    expect(await repo.has('ofac-sdn-2019-01', hash('d'))).toBe(true);
    expect(await repo.has('ofac-sdn-2019-01', hash('e'))).toBe(false);

    const all = await repo.listLatest();
    expect(all.map((d) => [d.name, d.rowCount])).toEqual([
      ['jcpoa-limits', 2],
      ['ofac-sdn-2019-01', 3],
    ]);
    expect(all[1]!.files.map((f) => f.role)).toEqual(['primary', 'aliases']);
    expect(Number.isNaN(Date.parse(all[1]!.loadedAt))).toBe(false);

    const nuclear = await repo.listLatest({ domain: 'nuclear' });
    expect(nuclear.map((d) => d.name)).toEqual(['jcpoa-limits']);
  });

  it('keeps nothing of a dataset whose transaction fails part-way', async () => {
    await migrate(db);
    const broken = dataset('ofac-sdn-2015-01', {
      files: [
        { path: 'x', format: 'ofac-csv', role: 'primary', sha256: 'not a hash', bytes: 1, rowCount: 1 },
      ],
    });
    await expect(db.transaction((tx) => new DatasetRepository(tx).add(broken))).rejects.toThrow();
    expect(await new DatasetRepository(db).listLatest()).toEqual([]);
  });

  it('inserts more rows than one statement can carry, in batches, all or nothing', async () => {
    await db.exec('CREATE TABLE wide (a integer, b text, c double precision)');
    const rows = Array.from({ length: 30_000 }, (_, i) => [i, `row ${i}`, i / 7]);
    await insertRows(db, 'wide', ['a', 'b', 'c'], rows);
    const [count] = await db.query<{ n: number }>('SELECT count(*)::int AS n, max(a) AS m FROM wide');
    expect(count!.n).toBe(30_000);
    const failing = [...rows, [1, 'x', 'not a number']];
    await expect(db.transaction((tx) => insertRows(tx, 'wide', ['a', 'b', 'c'], failing))).rejects.toThrow();
    const [after] = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM wide');
    expect(after!.n).toBe(30_000);
  });

  it('stores the nuclear series with their source rows and reads back the newest version of each', async () => {
    await migrate(db);
    const datasets = new DatasetRepository(db);
    const nuclear = new NuclearRepository(db);
    const file = 'nuclear/iaea-enriched-uranium-stockpile.csv';
    const stockpileSpec = (sha: string) =>
      dataset('iaea-enriched-uranium-stockpile', {
        domain: 'nuclear',
        sha256: hash(sha),
        files: [
          { path: file, format: 'csv-header', role: 'primary', sha256: hash(sha), bytes: 1, rowCount: 1 },
        ],
      });
    const report = (line: number, asOf: string, sixty: number | null): StockpileReport => ({
      asOf: isoDate(asOf),
      totalKgU: null,
      byLevel: {
        'up-to-2pct': null,
        'up-to-5pct': null,
        'up-to-20pct': kgU(0),
        'up-to-60pct': sixty === null ? null : kgU(sixty),
      },
      sourceRow: {
        dataset: 'iaea-enriched-uranium-stockpile',
        file,
        line,
        source: 'IAEA via AP',
        note: null,
      },
    });
    const first = await datasets.add(stockpileSpec('1'));
    await nuclear.addStockpileReports(first, [report(2, '2025-05-17', 408.6)]);
    const second = await datasets.add(stockpileSpec('2'));
    await nuclear.addStockpileReports(second, [
      report(2, '2025-05-17', 408.6),
      report(3, '2025-08-01', null),
    ]);

    const { stockpile, limits, events } = await nuclear.latest();
    expect(limits).toEqual([]);
    expect(events).toEqual([]);
    expect(stockpile).toEqual([report(2, '2025-05-17', 408.6), report(3, '2025-08-01', null)]);
  });

  it('stores OFAC entries and the change log, and gives them back as they were', async () => {
    await migrate(db);
    const datasets = new DatasetRepository(db);
    const sanctions = new SanctionsRepository(db);
    const id = await datasets.add(dataset('ofac-sdn-2019-01'));
    const entries: OfacEntry[] = [
      {
        entryNumber: 9647,
        name: 'BANK SEPAH',
        type: 'entity',
        programs: ['IRAN', 'NPWMD', 'IFSR'],
        list: { kind: 'sdn' },
        remarks: 'Additional Sanctions Information - Subject to Secondary Sanctions.',
        aliases: [{ type: 'a.k.a.', name: 'SEPAH BANK', strength: 'strong' }],
        addresses: [{ street: 'Imam Khomeini Square', locality: 'Tehran', country: 'Iran' }],
      },
      {
        entryNumber: 36,
        name: 'AEROCARIBBEAN AIRLINES',
        type: 'entity',
        programs: ['CUBA'],
        list: { kind: 'sdn' },
        aliases: [],
        addresses: [],
      },
    ];
    await sanctions.addEntries(id, entries);
    const changesId = await datasets.add(
      dataset('ofac-daily-changes-x', { date: partialDate('2024-05-03') }),
    );
    await sanctions.addChanges(changesId, [
      {
        kind: 'programs-changed',
        date: isoDate('2022-01-05'),
        entryNumber: 9647,
        name: 'BANK SEPAH',
        programs: ['IRAN'],
        previousPrograms: ['IRAN', 'NPWMD'],
      },
      { kind: 'added', date: isoDate('2021-08-20'), entryNumber: 33051, name: 'X', programs: ['GLOMAG'] },
    ]);
    expect(await sanctions.snapshots()).toEqual([
      { dataset: 'ofac-sdn-2019-01', date: '2019-01', entryCount: 2 },
    ]);
    expect(await sanctions.entries('ofac-sdn-2019-01')).toEqual([entries[1], entries[0]]);
    const changes = await sanctions.changes();
    expect(changes.map((c) => c.date)).toEqual(['2021-08-20', '2022-01-05']);
    expect(changes[1]!.previousPrograms).toEqual(['IRAN', 'NPWMD']);
  });

  it('rejects the same dataset version twice', async () => {
    await migrate(db);
    const repo = new DatasetRepository(db);
    await repo.add(dataset('ofac-sdn-2021-08-18'));
    await expect(repo.add(dataset('ofac-sdn-2021-08-18'))).rejects.toThrow();
  });
});

describe('opening a store', () => {
  it('names the host of an unreachable DATABASE_URL, never its password', async () => {
    const error = await openPostgresDatabase('postgres://analyst:s3cret@127.0.0.1:1/lockstep').catch(
      (e) => e,
    );
    expect(error.message).toMatch(/^cannot reach the PostgreSQL server at 127\.0\.0\.1:1\/lockstep \(/);
    expect(error.message).not.toContain('s3cret');
  });

  it('says what a DATABASE_URL must look like when it is not one', async () => {
    await expect(openPostgresDatabase('mysql://x@y/z')).rejects.toThrow(
      /expected postgres:\/\/user:password@host/,
    );
  });

  it('refuses a data directory that another running process holds', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lockstep-lock-'));
    try {
      // The parent of this test process is alive, so its pid in the lock file marks the directory as in use.
      const { writeFileSync } = await import('node:fs');
      writeFileSync(join(dir, 'lockstep.pid'), String(process.ppid));
      await expect(openPgliteDatabase(dir)).rejects.toThrow(
        new RegExp(`in use by another Lockstep process \\(pid ${process.ppid}\\)`),
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
