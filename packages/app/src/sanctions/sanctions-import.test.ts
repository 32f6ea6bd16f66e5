import { createReadStream } from 'node:fs';
import { join } from 'node:path';
import type { OfacEntry } from '@lockstep/core';
import { readLegacyOfacList } from '@lockstep/formats';
import { SanctionsRepository } from '@lockstep/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shippedDataDir } from '../shipped-data.ts';
import { Workbench } from '../workbench.ts';

let workbench: Workbench;
let repo: SanctionsRepository;
beforeAll(async () => {
  workbench = await Workbench.open({ inMemory: true });
  repo = new SanctionsRepository(workbench.db);
}, 120_000);
afterAll(() => workbench?.close());

describe('the shipped OFAC lists in the store', () => {
  it('holds every snapshot with the entry count its provenance states, oldest first', async () => {
    expect(await repo.snapshots()).toEqual([
      { dataset: 'ofac-sdn-2015-01', date: '2015-01', entryCount: 5876 },
      { dataset: 'ofac-consolidated-2018-04-06', date: '2018-04-06', entryCount: 639 },
      { dataset: 'ofac-sdn-2019-01', date: '2019-01', entryCount: 7379 },
      { dataset: 'ofac-consolidated-advanced-2020-03-17', date: '2020-03-17', entryCount: 375 },
      { dataset: 'ofac-sdn-2021-04-25', date: '2021-04-25', entryCount: 8890 },
      { dataset: 'ofac-sdn-2021-08-18', date: '2021-08-18', entryCount: 9083 },
      { dataset: 'ofac-sdn-2023-12-28', date: '2023-12-28', entryCount: 13821 },
      { dataset: 'ofac-sdn-2024-05-03', date: '2024-05-03', entryCount: 14965 },
    ]);
  });

  it('gives back the 2019 list exactly as parsed: aliases, addresses and remarks continued', async () => {
    const dir = join(shippedDataDir, 'sanctions/ofac/2019-01');
    const source = (name: string) => ({ chunks: createReadStream(join(dir, name)), file: name });
    const parsed: OfacEntry[] = [];
    for await (const entry of readLegacyOfacList({
      primary: source('sdn.csv'),
      aliases: source('alt.csv'),
      addresses: source('add.csv'),
      comments: source('sdn_comments.csv'),
    })) {
      parsed.push(entry);
    }
    const stored = await repo.entries('ofac-sdn-2019-01');
    expect(stored).toHaveLength(parsed.length);
    const byNumber = new Map(stored.map((e) => [e.entryNumber, e]));
    for (const entry of parsed) expect(byNumber.get(entry.entryNumber)).toEqual(entry);
    // Entry 12300's remarks run past OFAC's 1,000-character cut and continue in sdn_comments.csv.
    expect(byNumber.get(12300)!.remarks!.length).toBeGreaterThan(1000);
  });

  it('keeps the listing dates of the 2020 advanced consolidated list: one entry per party', async () => {
    const stored = await repo.entries('ofac-consolidated-advanced-2020-03-17');
    expect(stored).toHaveLength(375);
    expect(stored.every((entry) => entry.designationDate !== undefined)).toBe(true);
    expect(stored.find((entry) => entry.entryNumber === 18299)).toMatchObject({
      name: 'ROSNEFT TRADING S.A.',
      list: { kind: 'consolidated', subList: 'ssi' },
      designationDate: '2015-07-30',
      listings: [
        { list: 'Consolidated List', date: '2015-07-30' },
        { list: 'SDN List', date: '2020-02-18' },
        { list: 'Sectoral Sanctions Identifications List', date: '2015-07-30' },
      ],
    });
  });

  it('holds the daily change log in order, dated by day', async () => {
    const changes = await repo.changes();
    expect(changes).toHaveLength(8016);
    expect(changes[0]).toMatchObject({ date: '2021-08-20', kind: 'added', entryNumber: 33051 });
    expect(changes.filter((c) => c.kind === 'programs-changed').every((c) => c.previousPrograms)).toBe(true);
  });
});
