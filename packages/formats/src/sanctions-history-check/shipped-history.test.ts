import { createReadStream, readFileSync } from 'node:fs';
import {
  assessPosition,
  buildDesignationHistory,
  classifyEntityDesignations,
  type DesignationHistory,
  isIranRelated,
  jcpoaMilestones,
  mayHaveHappenedOn,
  type OfacSnapshot,
  positionGap,
  sanctionedEntities,
} from '@lockstep/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { sanctionsDataRoot } from '../ofac/testing/sanctions-data.ts';
import { catalogueRenames, readProgramCatalogue } from '../sanctions-catalogue/program-catalogue-json.ts';
import { readSanctionsPositions } from '../sanctions-catalogue/sanctions-positions-json.ts';
import { readShippedChangeLog, readShippedSnapshots, shippedSnapshots } from './shipped-snapshots.ts';

const open = (path: string) => createReadStream(new URL(path, sanctionsDataRoot));
const shipped = (name: string) => readFileSync(new URL(name, sanctionsDataRoot), 'utf8');
const catalogue = readProgramCatalogue(shipped('programs.json'), 'data/sanctions/programs.json');
const [us, iran] = readSanctionsPositions(
  shipped('positions.json'),
  'data/sanctions/positions.json',
  catalogue,
);

let snapshots: OfacSnapshot[];
let history: DesignationHistory;
const byLabel = (label: string) => snapshots.find((snapshot) => snapshot.label === label)!;

beforeAll(async () => {
  snapshots = await readShippedSnapshots(open);
  history = buildDesignationHistory(snapshots, {
    changeLog: await readShippedChangeLog(open),
    renames: catalogueRenames(catalogue),
  });
});

describe('the designation history of the shipped OFAC lists', () => {
  it('replaying the 2021-2024 change log onto the 2021-08-18 list gives the 2023-12-28 list, then the 2024-05-03 list, exactly', () => {
    expect(byLabel('2023-12-28').entries).toHaveLength(13_821);
    expect(history.discrepancies).toEqual([]);
  });

  it('dates every snapshot event between the right snapshot dates', () => {
    const latest = new Set(shippedSnapshots.map((snapshot) => snapshot.date));
    const earliest = new Set(shippedSnapshots.map((snapshot) => snapshot.earliestDate ?? snapshot.date));
    let checked = 0;
    for (const entry of history.entries.values()) {
      for (const event of entry.events) {
        if (event.dating.basis === 'change-log') {
          expect(event.dating.by >= '2021-08-18' && event.dating.by <= '2024-05-03').toBe(true);
          continue;
        }
        if (event.dating.basis === 'listing-date') {
          expect(event.dating.by <= '2020-03-17').toBe(true);
          continue;
        }
        checked++;
        expect(latest.has(event.dating.by)).toBe(true);
        if (event.dating.after !== undefined) {
          expect(earliest.has(event.dating.after)).toBe(true);
          expect(event.dating.after < event.dating.by).toBe(true);
        }
      }
    }
    expect(checked).toBeGreaterThan(10_000);
  });

  it("dates the consolidated listings by the advanced list's own days where the snapshots allow them", () => {
    const dated = [...history.entries.values()].flatMap((entry) =>
      entry.events.filter((event) => event.dating.basis === 'listing-date'),
    );
    const advanced = byLabel('2020-03-17-consolidated-advanced').entries;
    expect(advanced).toHaveLength(375);
    // The 78 NS-PLC parties were on the 2018 list already (dated only "by 2018-04-06"): now 2006-04-12.
    const plc = advanced.filter(
      (entry) => entry.list.kind === 'consolidated' && entry.list.subList === 'ns-plc',
    );
    expect(plc).toHaveLength(78);
    for (const entry of plc) {
      const listed = history.entries.get(entry.entryNumber)!.events.find((event) => event.kind === 'listed');
      expect(listed?.dating).toMatchObject({ after: '2006-04-11', by: '2006-04-12', basis: 'listing-date' });
      expect(listed?.dating.evidence).toBe(
        'listed on 2006-04-12 as the 2020-03-17-consolidated-advanced list gives it (its Created EntryEvent)',
      );
    }
    // Every party but one: the Bank of Kunlun, on the 2018 list as 561List, whose CAPTA listing (2019-03-14)
    // came later. Five FSE-SY parties on the SDN list since 2015-01 are dated by their SDN listing, 2014-12-17.
    expect(dated).toHaveLength(374);
    const kunlun = history.entries.get(15268)!.events.find((event) => event.kind === 'listed');
    expect(kunlun?.dating).toMatchObject({ by: '2018-04-06', basis: 'snapshots' });
    const bektas = history.entries.get(17526)!.events.find((event) => event.kind === 'listed');
    expect(bektas).toMatchObject({
      list: { kind: 'sdn' },
      dating: { by: '2014-12-17', basis: 'listing-date' },
    });
  });

  it('entries under EO13622 and EO13645 in 2015 are gone by 2019, in an interval that holds Implementation Day', () => {
    const revoked = byLabel('2015-01').entries.filter(
      (entry) => entry.programs.includes('EO13622') || entry.programs.includes('EO13645'),
    );
    expect(revoked).toHaveLength(32);
    for (const entry of revoked) {
      const gone = history.entries
        .get(entry.entryNumber)!
        .events.find((event) => event.kind === 'delisted' || event.kind === 'program-removed');
      expect(gone, `entry ${entry.entryNumber}`).toBeDefined();
      expect(mayHaveHappenedOn(gone!.dating, jcpoaMilestones.implementationDay)).toBe(true);
    }
  });

  it('the 264 E.O. 13599 List entries left the SDN list by 2018-04-06 and came back: 249 under their number, 14 by linking', () => {
    const eo13599 = byLabel('2018-04-consolidated').entries.filter(
      (entry) => entry.list.kind === 'consolidated' && entry.list.subList === 'eo13599',
    );
    expect(eo13599).toHaveLength(264);
    const events = (number: number) => history.entries.get(number)!.events;
    const movedOut = eo13599.filter((entry) =>
      events(entry.entryNumber).some(
        (event) =>
          event.kind === 'moved' &&
          event.fromList?.kind === 'sdn' &&
          event.dating.after === '2015-01-01' &&
          event.dating.by === '2018-04-06',
      ),
    );
    expect(movedOut).toHaveLength(264);
    const movedBack = eo13599.filter((entry) =>
      events(entry.entryNumber).some(
        (event) => event.kind === 'moved' && event.list.kind === 'sdn' && event.dating.by === '2019-01-04',
      ),
    );
    expect(movedBack).toHaveLength(249);
    const linked = new Set(history.links.map((link) => link.from));
    expect(eo13599.filter((entry) => linked.has(entry.entryNumber))).toHaveLength(14);
  });

  it('links 220 Iran-related parties re-listed under new numbers in the 2019-01 list (November 2018)', () => {
    const list2019 = new Map(byLabel('2019-01').entries.map((entry) => [entry.entryNumber, entry] as const));
    const relisted = history.links.filter(
      (link) => link.snapshot === '2019-01' && isIranRelated(catalogue, list2019.get(link.to)!.programs),
    );
    expect(relisted).toHaveLength(220);
    // New numbers above the highest of the 2018-04-06 list: created after it.
    expect(relisted.filter((link) => link.to > 23577).length).toBeGreaterThanOrEqual(219);
    const mellat = relisted.find((link) => list2019.get(link.to)!.name === 'BANK MELLAT');
    expect(mellat).toMatchObject({ from: 10571, to: 25019 });
  });
});

describe('positions on the 2021-08-18 list', () => {
  it("lifts the Central Bank of Iran's re-imposed IRAN listing and finds its 2019 terrorism labels difficult", () => {
    const entities = sanctionedEntities(byLabel('2021-08-18'), history);
    const cbi = entities.find((entity) => entity.entryNumber === 4632)!;
    expect(cbi.implementationDayExit?.how).toContain('moved to the E.O. 13599 List');
    const classified = classifyEntityDesignations(us!, catalogue, cbi);
    expect(classified.map((c) => [c.designation.program, c.category, c.rule])).toEqual([
      ['IRAN', 'lift', 'restored-jcpoa-relief'],
      ['SDGT', 'difficult', 'layered-after-withdrawal'],
      ['IRGC', 'difficult', 'layered-after-withdrawal'],
      ['IFSR', 'difficult', 'ifsr-follows-designation'],
    ]);
  });

  it('gives the totals analysts quote for us-2021 and iran-2021, and the gap between them', () => {
    const entities = sanctionedEntities(byLabel('2021-08-18'), history);
    const usTotals = assessPosition(us!, catalogue, entities);
    const iranTotals = assessPosition(iran!, catalogue, entities);
    expect(usTotals.totals).toEqual({
      entities: 1789,
      designations: 3285,
      byCategory: { lift: 851, keep: 1720, difficult: 714 },
      entitiesRelieved: 640,
      entitiesPartlyRelieved: 173,
      layeredEntities: 172,
      layeredLeftSanctioned: 152,
      layeredPartlyRelieved: 38,
      uncertain: 287,
      unknownPrograms: [],
    });
    expect(iranTotals.totals).toMatchObject({
      byCategory: { lift: 2523, keep: 762, difficult: 0 },
      entitiesRelieved: 1444,
    });
    const gap = positionGap(usTotals, iranTotals);
    expect(gap.moves).toEqual({ 'difficult -> lift': 714, 'keep -> lift': 958 });
    expect(gap.items).toHaveLength(1672);
  });
});
