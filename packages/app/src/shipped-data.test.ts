import { cpSync, mkdtempSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Database, migrate, NuclearRepository, openPgliteDatabase } from '@lockstep/store';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { inspectDataset, loadShippedData, readShippedManifest, shippedDataDir } from './shipped-data.ts';

describe('the shipped datasets', () => {
  const manifest = readShippedManifest();
  const byName = (name: string) => manifest.find((d) => d.name === name)!;

  it.each([
    // Entry counts stated in data/sanctions/PROVENANCE.md.
    ['ofac-sdn-2015-01', 5876],
    ['ofac-sdn-2019-01', 7379],
    ['ofac-sdn-2021-04-25', 8890],
    ['ofac-sdn-2021-08-18', 9083],
    ['ofac-sdn-2023-12-28', 13821],
    ['ofac-sdn-2024-05-03', 14965],
    ['ofac-consolidated-2018-04-06', 639],
    ['ofac-consolidated-advanced-2020-03-17', 375],
  ])('%s holds the %i entries its provenance states', async (name, entries) => {
    const dataset = await inspectDataset(shippedDataDir, byName(name));
    expect(dataset.rowCount).toBe(entries);
  });

  it('counts the consolidated XML and CSV forms of the 2018 list alike', async () => {
    const dataset = await inspectDataset(shippedDataDir, byName('ofac-consolidated-2018-04-06'));
    const xml = dataset.files.find((f) => f.format === 'ofac-xml')!;
    expect(xml.rowCount).toBe(dataset.rowCount);
  });

  it('dates each nuclear series by its latest row', async () => {
    for (const [name, file] of [
      ['iaea-enriched-uranium-stockpile', 'nuclear/iaea-enriched-uranium-stockpile.csv'],
      ['centrifuge-events', 'nuclear/centrifuge-events.csv'],
      ['iaea-centrifuges', 'nuclear/iaea-centrifuges.csv'],
      ['published-breakout-estimates', 'nuclear/published-breakout-estimates.csv'],
      ['programme-events', 'nuclear/events.csv'],
    ] as const) {
      const dates = readFileSync(join(shippedDataDir, file), 'utf8')
        .trim()
        .split('\n')
        .slice(1)
        .map((line) => line.slice(0, 10));
      expect(byName(name).date).toBe(dates.sort().at(-1));
    }
  });
});

describe('loading the shipped data', () => {
  let db: Database;
  let dataDir: string;
  beforeAll(async () => {
    db = await openPgliteDatabase();
  }, 60_000);
  afterAll(() => db?.close());
  beforeEach(async () => {
    await db.exec('DROP SCHEMA public CASCADE; CREATE SCHEMA public;');
    await migrate(db);
    dataDir = mkdtempSync(join(tmpdir(), 'lockstep-data-'));
    cpSync(join(shippedDataDir, 'nuclear'), join(dataDir, 'nuclear'), { recursive: true });
    const nuclearOnly = readShippedManifest().filter((d) => d.domain === 'nuclear');
    writeFileSync(join(dataDir, 'datasets.json'), JSON.stringify({ datasets: nuclearOnly }));
    return () => rmSync(dataDir, { recursive: true, force: true });
  });

  it('loads every dataset once; a second load loads nothing', async () => {
    const first = await loadShippedData(db, dataDir);
    expect(first.loaded).toEqual([
      'jcpoa-limits',
      'iaea-enriched-uranium-stockpile',
      'centrifuge-events',
      'iaea-centrifuges',
      'published-breakout-estimates',
      'programme-events',
      'iaea-reports',
      'iaea-heavy-water',
      'iaea-uranium-metal',
      'additional-protocol',
    ]);
    const second = await loadShippedData(db, dataDir);
    expect(second).toEqual({ loaded: [], unchanged: first.loaded });
  });

  it('loads a changed file as a new version of its dataset, whose rows then answer', async () => {
    await loadShippedData(db, dataDir);
    const file = join(dataDir, 'nuclear/jcpoa-limits.csv');
    writeFileSync(
      file,
      readFileSync(file, 'utf8').replace(
        'breakout-goal,design goal for breakout time,12,',
        'breakout-goal,design goal for breakout time,18,',
      ),
    );
    const report = await loadShippedData(db, dataDir);
    expect(report.loaded).toEqual(['jcpoa-limits']);
    const versions = await db.query("SELECT 1 FROM datasets WHERE name = 'jcpoa-limits'");
    expect(versions).toHaveLength(2);
    const { limits } = await new NuclearRepository(db).latest();
    expect(limits.find((l) => l.id === 'breakout-goal')?.value).toBe(18);
  });

  it('refuses a malformed data file with its file, line and column, leaving the store as it was', async () => {
    await loadShippedData(db, dataDir);
    const before = await db.query('SELECT name, sha256 FROM datasets ORDER BY id');
    const file = join(dataDir, 'nuclear/iaea-enriched-uranium-stockpile.csv');
    writeFileSync(file, readFileSync(file, 'utf8').replace('2025-05-17,9247.6', '2025-05-17,lots'));
    await expect(loadShippedData(db, dataDir)).rejects.toThrow(
      /iaea-enriched-uranium-stockpile\.csv, line 24.*total_kg_u/,
    );
    expect(await db.query('SELECT name, sha256 FROM datasets ORDER BY id')).toEqual(before);
    const { stockpile } = await new NuclearRepository(db).latest();
    expect(stockpile.at(-1)?.totalKgU).toBe(9247.6);
  });

  it('refuses a heavy water row whose figure contradicts its status, naming the column, and keeps the old figures', async () => {
    await loadShippedData(db, dataDir);
    const before = await db.query('SELECT name, sha256 FROM datasets ORDER BY id');
    const file = join(dataDir, 'nuclear/iaea-heavy-water.csv');
    writeFileSync(
      file,
      readFileSync(file, 'utf8').replace(
        '2019-11-17,IAEA report of 2019-11-18,131.5,reported',
        '2019-11-17,IAEA report of 2019-11-18,131.5,not-verified',
      ),
    );
    await expect(loadShippedData(db, dataDir)).rejects.toThrow(
      /nuclear\/iaea-heavy-water\.csv, line 19, column tonnes: 131\.5 is given but status is not-verified/,
    );
    expect(await db.query('SELECT name, sha256 FROM datasets ORDER BY id')).toEqual(before);
    const { heavyWater } = await new NuclearRepository(db).latest();
    expect(heavyWater.find((r) => r.asOf === '2019-11-17')).toMatchObject({
      amount: 131.5,
      status: 'reported',
    });
  });

  it('loads nothing at all when one file is broken', async () => {
    writeFileSync(join(dataDir, 'nuclear/centrifuge-events.csv'), 'date,site\n2021-01-01,"Fordow\n');
    await expect(loadShippedData(db, dataDir)).rejects.toThrow(
      /centrifuge-events\.csv, line 2: a quoted field opened here is never closed/,
    );
    expect(await db.query('SELECT 1 FROM datasets')).toEqual([]);
  });

  it('refuses an empty, a header-only and an oversized nuclear file, naming it, and loads nothing', async () => {
    const file = join(dataDir, 'nuclear/centrifuge-events.csv');
    const header = readFileSync(file, 'utf8').split('\n')[0]!;
    for (const [content, problem] of [
      ['', 'nuclear/centrifuge-events.csv, line 1: the file is empty (0 bytes)'],
      ['\ufeff \r\n', 'nuclear/centrifuge-events.csv, line 1: the file holds only white space'],
      [`${header}\n`, 'nuclear/centrifuge-events.csv, line 2: the file holds only its header'],
    ] as const) {
      writeFileSync(file, content);
      await expect(loadShippedData(db, dataDir)).rejects.toThrow(problem);
    }
    // 2 MiB of nothing (a sparse file): refused from its size, before a byte of it is read.
    truncateSync(file, 2 * 1024 * 1024);
    await expect(loadShippedData(db, dataDir)).rejects.toThrow(
      'nuclear/centrifuge-events.csv, file size: over 1 MiB (1,048,576 bytes), the most accepted for a nuclear series CSV',
    );
    expect(await db.query('SELECT 1 FROM datasets')).toEqual([]);
  });

  it('reads a nuclear file saved in Windows-1252 or as UTF-8, with its accented text as written', async () => {
    const file = join(dataDir, 'nuclear/jcpoa-limits.csv');
    const original = readFileSync(file, 'utf8');
    const source = original.split('\n')[1]!.split(',').at(-1)!;
    const accented = original.replace(source, `${source} (résumé)`);
    for (const bytes of [
      Buffer.from(accented, 'latin1'),
      Buffer.from(accented, 'utf8'),
      Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(accented, 'utf8')]),
    ]) {
      writeFileSync(file, bytes);
      await loadShippedData(db, dataDir);
      const { limits } = await new NuclearRepository(db).latest();
      expect(limits[0]!.sourceRow.source).toBe(`${source} (résumé)`);
    }
  });
});
