import { defaultPositions } from '@lockstep/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InputError } from '../input-error.ts';
import { Workbench } from '../workbench.ts';

let workbench: Workbench;
beforeAll(async () => {
  workbench = await Workbench.open({ inMemory: true });
}, 120_000);
afterAll(() => workbench?.close());

describe('sanctions analyses on the stored snapshots', () => {
  it('builds the history across all eight snapshots and the change log, which replays without discrepancy', async () => {
    const history = await workbench.call('sanctions.history', {});
    expect(history.snapshots.map((s) => s.label)).toEqual([
      'ofac-sdn-2015-01',
      'ofac-consolidated-2018-04-06',
      'ofac-sdn-2019-01',
      'ofac-consolidated-advanced-2020-03-17',
      'ofac-sdn-2021-04-25',
      'ofac-sdn-2021-08-18',
      'ofac-sdn-2023-12-28',
      'ofac-sdn-2024-05-03',
    ]);
    expect(history.snapshots[2]).toMatchObject({ earliestDate: '2018-12-19', date: '2019-01-04' });
    expect(history.snapshots[4]).toMatchObject({ earliestDate: '2021-04-15', date: '2021-04-25' });
    expect(history.discrepancies).toBe(0);
    expect(history.relistingLinks.length).toBeGreaterThan(100);
    expect(history.relistingLinks.every((l) => l.evidence.length > 0 && l.confidence > 0)).toBe(true);
  }, 60_000);

  it('classifies every Iran-related designation under us-2021 with a rule and evidence, and sums the relief', async () => {
    const result = await workbench.call('sanctions.classify', { position: 'us-2021', limit: 100000 });
    const { totals } = result;
    expect(totals.byCategory.lift + totals.byCategory.keep + totals.byCategory.difficult).toBe(
      totals.designations,
    );
    expect(result.entities).toHaveLength(totals.entities);
    // Effectively relieved means every designation lifted: check it against the classifications themselves.
    for (const entity of result.entities) {
      expect(entity.relieved).toBe(entity.classifications.every((c) => c.category === 'lift'));
      for (const c of entity.classifications) {
        expect(c.rule).toMatch(/\S/);
        expect(c.reason).toMatch(/\S/);
      }
    }
    expect(result.entities.filter((e) => e.relieved)).toHaveLength(totals.entitiesRelieved);
    const cbi = result.entities.find((e) => e.entryNumber === 4632)!;
    expect(cbi).toMatchObject({ layered: true, relieved: false });
    expect(cbi.classifications.find((c) => c.program === 'SDGT')?.category).toBe('difficult');
  }, 60_000);

  it('finds the gap between the US and Iranian positions, designation by designation', async () => {
    const gap = await workbench.call('sanctions.gap', { first: 'us-2021', second: 'iran-2021', limit: 5 });
    expect(gap.designations).toBe(Object.values(gap.moves).reduce((a, b) => a + b, 0));
    expect(gap.byProgram.reduce((sum, p) => sum + p.designations, 0)).toBe(gap.designations);
    expect(gap.items).toHaveLength(5);
    expect(gap.relievedOnlyBySecond).toBeGreaterThan(gap.relievedOnlyByFirst);
  }, 60_000);

  it('gives a party’s designations, timeline across snapshots and category under each position', async () => {
    const { matches } = await workbench.call('sanctions.entity', {
      q: 'Bank Markazi Jomhouri Islami Iran',
      limit: 1,
    });
    const cbi = matches[0]!;
    expect(cbi.entryNumber).toBe(4632);
    // Not on the 2020 consolidated (non-SDN) list: back on the SDN list since November 2018.
    expect(cbi.timeline.map((t) => t.programs !== null)).toEqual([
      true,
      true,
      true,
      false,
      true,
      true,
      true,
      true,
    ]);
    expect(cbi.pastDesignations.map((d) => d.how)).toContain('moved to the E.O. 13599 List');
    expect(cbi.positions.map((p) => p.position).sort()).toEqual(['iran-2021', 'us-2021']);
  });

  it('serves the positions with their labels, the categories they assign and the default of each comparison', async () => {
    const served = await workbench.call('sanctions.positions', {});
    expect(served.categories.map((c) => c.id)).toEqual(['lift', 'keep', 'difficult']);
    expect(served.positions.map((p) => [p.id, p.label, p.holder])).toEqual([
      ['us-2021', 'United States 2021', 'United States'],
      ['iran-2021', 'Iran 2021', 'Iran'],
    ]);
    const [us, iran] = served.positions;
    expect(us!.categories.map((c) => c.id)).toEqual(['lift', 'keep', 'difficult']);
    expect(iran!.categories.map((c) => c.id)).toEqual(['lift', 'keep']);
    expect(us!.categories[0]!.label).toBe(served.categories[0]!.label);
    expect(served.defaults).toEqual(defaultPositions);
    // Every default names a position of the file, so a comparison never starts from an unknown one.
    const ids = served.positions.map((p) => p.id);
    for (const id of Object.values(served.defaults)) expect(ids).toContain(id);
  });

  it('names the known positions when asked for another', async () => {
    const error = await workbench.call('sanctions.classify', { position: 'eu-2021' }).catch((e) => e);
    expect(error).toBeInstanceOf(InputError);
    expect(error.message).toBe('position: no position "eu-2021"; known: us-2021, iran-2021');
  });
});
