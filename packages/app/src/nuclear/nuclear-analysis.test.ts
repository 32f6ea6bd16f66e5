import { NuclearRepository } from '@lockstep/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InputError } from '../input-error.ts';
import { Workbench } from '../workbench.ts';

let workbench: Workbench;
beforeAll(async () => {
  workbench = await Workbench.open({ inMemory: true });
}, 120_000);
afterAll(() => workbench?.close());

describe('nuclear operations on the stored data', () => {
  it('imports the three nuclear series with the shipped data, row for row', async () => {
    const [counts] = await workbench.db.query<{ limits: number; reports: number; events: number }>(
      `SELECT (SELECT count(*)::int FROM jcpoa_limits) AS limits, (SELECT count(*)::int FROM stockpile_reports) AS reports,
              (SELECT count(*)::int FROM centrifuge_events) AS events`,
    );
    expect(counts).toEqual({ limits: 10, reports: 31, events: 11 });
  });

  it('counts the plants per IAEA report: the JCPOA years at the cap, complete; 2020 carried and partial, never empty', async () => {
    const jcpoa = await workbench.call('nuclear.capacity', { asOf: '2017-06-01' });
    expect(jcpoa.coverage).toMatchObject({ verdict: 'complete', missing: [] });
    expect(jcpoa.sites.map((s) => [s.site, s.state, s.status])).toEqual([
      ['Natanz FEP', 'current', 'within-jcpoa-caps'],
      ['Natanz PFEP', 'current', 'within-jcpoa-caps'],
      ['Fordow FFEP', 'current', 'within-jcpoa-caps'],
    ]);
    expect(jcpoa.sites[0]!.machines).toEqual([
      expect.objectContaining({ machineType: 'IR-1', enriching: 5060, bound: 'upper' }),
    ]);
    expect(jcpoa.sites[0]!.machines[0]!.source).toMatchObject({ file: 'nuclear/iaea-centrifuges.csv' });

    // After Iran's 2019 steps the reports reached here give no per-plant counts: the last ones are carried.
    const august2020 = await workbench.call('nuclear.capacity', { asOf: '2020-08-25' });
    expect(august2020.coverage.verdict).toBe('partial');
    expect(august2020.enriching).toBeGreaterThanOrEqual(5060);
    expect(august2020.coverage.missing[0]).toMatch(
      /^Natanz FEP: not counted by the reports since 2019-07-01/,
    );
    expect(august2020.capacitySwuPerYear.low).toBeGreaterThan(0);

    const before = await workbench.call('nuclear.capacity', { asOf: '2015-06-01' });
    expect(before).toMatchObject({ enriching: 0, coverage: { verdict: 'none' } });
  });

  it('lists the published estimates with their figures in months, convention and words, and the dated events', async () => {
    const { estimates } = await workbench.call('nuclear.estimates', {});
    expect(estimates).toHaveLength(28);
    expect(estimates.every((e) => e.source.file === 'nuclear/published-breakout-estimates.csv')).toBe(true);
    const kahl = estimates.find((e) => e.date === '2023-02-28')!;
    expect(kahl).toMatchObject({ low: 12, unit: 'days', sqConvention: 'not stated' });
    expect(kahl.monthsLow).toBeCloseTo(12 / 30.4375, 6);
    // A statement without a number keeps its words and has no figure.
    const vague = estimates.find((e) => e.date === '2021-02-01')!;
    expect(vague).toMatchObject({ low: null, high: null, monthsLow: null });
    expect(vague.quote).toContain('a few months');
    const in2021 = await workbench.call('nuclear.estimates', { from: '2021-01-01', to: '2021-12-31' });
    expect(in2021.estimates.map((e) => e.date.slice(0, 4))).toEqual(
      Array(in2021.estimates.length).fill('2021'),
    );

    const { events } = await workbench.call('nuclear.events', { from: '2021-01-01', to: '2021-04-30' });
    expect(events.map((e) => [e.date, e.kind])).toContainEqual(['2021-04-16', 'iran-step']);
    expect(events.find((e) => e.date === '2021-02-23')!.event).toMatch(/Additional Protocol/);
    await expect(workbench.call('nuclear.events', { from: '2022-01-01', to: '2021-01-01' })).rejects.toThrow(
      /^to: 2021-01-01 is before from 2022-01-01/,
    );
  });

  it('assesses the stockpile limit on the latest report as a breach, citing its row', async () => {
    const { asOf, limits } = await workbench.call('nuclear.compliance', {});
    expect(asOf).toBe('2025-05-17');
    const stockpile = limits.find((l) => l.id === 'stockpile')!;
    expect(stockpile).toMatchObject({ limit: 202.8, actual: 9247.6, status: 'breach' });
    expect(stockpile.excess).toBeCloseTo(9044.8, 6);
    expect(stockpile.source).toMatchObject({ file: 'nuclear/iaea-enriched-uranium-stockpile.csv', line: 24 });
    const heavyWater = limits.find((l) => l.id === 'heavy-water')!;
    // Not verified since Iran ended the IAEA's access: unknown, with the last verified figure and both rows.
    expect(heavyWater).toMatchObject({
      status: 'unknown',
      actual: 128.5,
      excess: null,
      figureAsOf: '2020-09-04',
    });
    expect(heavyWater.reason).toMatch(/the IAEA has not verified the heavy water stock .* since 2020-09-04/);
    expect(heavyWater.sources.map((s) => s.file)).toEqual([
      'nuclear/iaea-heavy-water.csv',
      'nuclear/iaea-heavy-water.csv',
    ]);
  });

  it('was within the stockpile cap in February 2017, from the figure then reported', async () => {
    const { limits } = await workbench.call('nuclear.compliance', { asOf: '2017-03-01' });
    expect(limits.find((l) => l.id === 'stockpile')).toMatchObject({
      status: 'within',
      actual: 101.7,
      excess: 0,
    });
  });

  it('refuses a date before the data, naming the field and the first date', async () => {
    const error = await workbench.call('nuclear.compliance', { asOf: '2010-01-01' }).catch((e) => e);
    expect(error).toBeInstanceOf(InputError);
    expect(error.field).toBe('asOf');
    expect(error.message).toContain('2017-02-18');
  });

  it('gives breakout on the stored data as a seeded Monte Carlo with its sources and assumptions', async () => {
    const first = await workbench.call('nuclear.breakout', { sq: 'wgu', seed: 7, samples: 5000 });
    const again = await workbench.call('nuclear.breakout', { sq: 'wgu', seed: 7, samples: 5000 });
    expect(again).toEqual(first);
    expect(first.sq).toBe('wgu');
    const range = first.monthsRange!;
    expect(range.p5).toBeLessThanOrEqual(range.p50);
    expect(range.p50).toBeLessThanOrEqual(range.p95);
    // 408.6 kg at 60 % on hand: one SQ takes weeks, not months, at any capacity in the data.
    expect(first.months!).toBeGreaterThan(0.02);
    expect(first.months!).toBeLessThan(0.5);
    expect(first.sources[0]).toMatchObject({ line: 24 });
    expect(first.assumptions.map((a) => a.name)).toEqual(
      expect.arrayContaining(['machines counted in capacity']),
    );
  });

  it('gives one deterministic breakout figure for explicit stocks and a single capacity', async () => {
    const result = await workbench.call('nuclear.breakout', {
      stock: [
        { assayPercent: 60, kgU: 408.6 },
        { assayPercent: 20, kgU: 0 },
        { assayPercent: 4.5, kgU: 8000 },
      ],
      capacitySwuPerYear: 20000,
      tailsPercent: 0.3,
      sq: 'wgu',
    });
    expect(result.monthsRange).toBeNull();
    expect(result.months).toBeCloseTo(((result.swu ?? 0) / 20000) * 12, 9);
  });

  it('needs both stocks and capacity for explicit inputs, and says which is missing', async () => {
    const error = await workbench.call('nuclear.breakout', { capacitySwuPerYear: 1000 }).catch((e) => e);
    expect(error.field).toBe('stock');
  });

  it('names the caller’s parameter when the assays of an enrichment job are impossible', async () => {
    const error = await workbench
      .call('nuclear.swu', { feedPercent: 0.711, productPercent: 0.5, tailsPercent: 0.3, productKg: 1 })
      .catch((e) => e);
    expect(error).toBeInstanceOf(InputError);
    expect(error.field).toBe('productPercent');
  });

  it('lists steps back with stable ids that do not depend on the order of computation', async () => {
    const a = await workbench.call('nuclear.steps', {});
    const b = await workbench.call('nuclear.steps', { asOf: '2025-05-17', capacityPoint: 'high' });
    expect(a.steps.map((s) => s.id)).toContain('ship-out-60pct');
    expect(new Set(a.steps.map((s) => s.id)).size).toBe(a.steps.length);
    expect(b.steps.map((s) => s.id).sort()).toEqual(a.steps.map((s) => s.id).sort());
    expect(a.breakoutFullSet!).toBeGreaterThan(a.breakoutNow!);
  });

  it('projects month by month to the end date and states the re-installation assumption', async () => {
    const result = await workbench.call('nuclear.project', { until: '2026-05-17', reinstallationMonths: 3 });
    expect(result.months[0]!.date).toBe('2025-05-17');
    expect(result.months.at(-1)!.date <= '2026-05-17').toBe(true);
    expect(result.assumptions).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          name: 're-installation time',
          value: 3,
          basis: expect.stringMatching(/^given by the user/),
        }),
      ]),
    );
    expect(result.assumptions.filter((a) => a.name === 're-installation time')).toHaveLength(1);
    const error = await workbench.call('nuclear.project', { until: '2020-01-01' }).catch((e) => e);
    expect(error.field).toBe('until');
  });

  it('never shows breakout rising between two reports while neither the stock nor the capacity fell', async () => {
    const { breakoutHistory, stockpile } = await workbench.call('nuclear.overview', {});
    const total = new Map(stockpile.map((r) => [r.asOf, r.totalKgU]));
    const points = breakoutHistory.filter((p) => p.months !== null);
    expect(points.length).toBeGreaterThan(15);
    let checked = 0;
    for (let i = 1; i < points.length; i++) {
      const [before, after] = [points[i - 1]!, points[i]!];
      const [c0, c1] = await Promise.all(
        [before, after].map((p) => workbench.call('nuclear.capacity', { asOf: p.asOf })),
      );
      const stockFell = (total.get(after.asOf) ?? 0) < (total.get(before.asOf) ?? 0);
      const capacityFell = c1!.capacitySwuPerYear.low < c0!.capacitySwuPerYear.low;
      if (stockFell || capacityFell) continue;
      checked++;
      expect(after.months!, `${before.asOf} → ${after.asOf}`).toBeLessThanOrEqual(before.months! * 1.0001);
    }
    expect(checked).toBeGreaterThan(10);
  });

  it('tracks the published record: about a year under the JCPOA, months in 2020, weeks by 2022', async () => {
    const at = async (asOf: string) => (await workbench.call('nuclear.breakout', { asOf })).months!;
    expect(await at('2017-06-01')).toBeGreaterThan(9); // "at least a year" was the deal's aim
    const august2020 = await at('2020-08-25');
    expect(august2020).toBeGreaterThan(2); // the Institute: about 3.5 months (2020-09-04)
    expect(august2020).toBeLessThan(6);
    expect(await at('2022-11-30')).toBeLessThan(0.75); // the Institute: 2-3 weeks by March 2022
  });

  it('gives the history report by report, with the estimates published until the next report', async () => {
    const { reports, estimatesBefore, samples } = await workbench.call('nuclear.history', {
      from: '2021-01-01',
      to: '2021-12-31',
      samples: 500,
    });
    expect(samples).toBe(500);
    // Every IAEA report of 2021, quarterly and interim, by its date.
    expect(reports.map((r) => r.asOf)).toEqual([
      '2021-01-04',
      '2021-02-10',
      '2021-02-23',
      '2021-03-08',
      '2021-03-15',
      '2021-03-31',
      '2021-04-17',
      '2021-04-21',
      '2021-05-31',
      '2021-08-16',
      '2021-09-07',
      '2021-11-17',
      '2021-12-01',
    ]);
    const byName = (name: string) => reports.find((r) => r.report.report === name)!;
    const february = byName('GOV/2021/10');
    expect(february.stockpile).toMatchObject({ asOf: '2021-02-16', fromThisReport: true, totalKgU: 2967.8 });
    // An interim report with no stockpile total shows the latest before it, and says so.
    expect(byName('IAEA report of 2021-03-08').stockpile).toMatchObject({
      asOf: '2021-02-16',
      fromThisReport: false,
    });
    const may = byName('IAEA quarterly report of 2021-05-31');
    expect(may.stockpile?.source.file).toBe('nuclear/iaea-enriched-uranium-stockpile.csv');
    expect(may.stockpile?.asOf).toBe('2021-05-22');
    expect(may.coverage).toBe('partial');
    expect(may.coverageMissing.length).toBeGreaterThan(0);
    expect(may.breakout.p5!).toBeLessThanOrEqual(may.breakout.p50!);
    expect(may.breakout.p50!).toBeLessThanOrEqual(may.breakout.p95!);
    expect(may.breaches).toEqual(
      expect.arrayContaining(['enrichment-level', 'uranium-metal', 'additional-protocol']),
    );
    // Heavy water: within on the last verified figure in February; not verified from May 2021.
    expect(february.unknown).not.toContain('heavy-water');
    expect(may.unknown).toContain('heavy-water');
    // An estimate sits with the latest report on or before it; none outside the range asked.
    expect(reports[0]!.estimates.map((e) => e.date)).toEqual(['2021-02-01']);
    expect(byName('IAEA report of 2021-02-10').estimates.map((e) => e.date)).toEqual(['2021-02-16']);
    expect(may.estimates.map((e) => e.date)).toEqual(['2021-06-07', '2021-06-07']);
    expect(byName('GOV/2021/39').estimates.map((e) => e.date)).toEqual([
      '2021-09-13',
      '2021-09-15',
      '2021-09-22',
    ]);
    expect(estimatesBefore).toEqual([]);
  });

  it('starts at Implementation Day: no breakout figure before the first stockpile total, and says why', async () => {
    const { reports } = await workbench.call('nuclear.history', { to: '2017-03-01', samples: 200 });
    expect(reports[0]).toMatchObject({
      asOf: '2016-01-16',
      report: { report: 'GOV/INF/2016/1' },
      stockpile: null,
      machinesEnriching: 5060,
      coverage: 'complete',
      breakout: {
        p50: null,
        unreachableReason: 'no IAEA stockpile total on or before 2016-01-16 in the data',
      },
    });
    // Heavy water above its cap before the February 2016 shipment: a breach the IAEA reported.
    expect(reports.find((r) => r.asOf === '2016-02-26')?.breaches).toContain('heavy-water');
    expect(reports.at(-1)).toMatchObject({ asOf: '2017-02-24', stockpile: { totalKgU: 101.7 } });
    expect(reports.at(-1)!.breakout.p50!).toBeGreaterThan(9);
  });

  it('assesses heavy water, uranium metal and the Additional Protocol per report, each from its row', async () => {
    const at = async (asOf: string) => {
      const { limits } = await workbench.call('nuclear.compliance', { asOf });
      const pick = (id: string) => limits.find((l) => l.id === id)!;
      return {
        water: pick('heavy-water'),
        metal: pick('uranium-metal'),
        protocol: pick('additional-protocol'),
      };
    };
    const jcpoa = await at('2017-03-01');
    expect(jcpoa.water).toMatchObject({ status: 'within', actual: 124.2, figureAsOf: '2017-02-24' });
    expect(jcpoa.water.source).toMatchObject({ file: 'nuclear/iaea-heavy-water.csv', line: 7 });
    expect(jcpoa.protocol).toMatchObject({ status: 'within', actual: 1 });
    // Before Iran's first uranium metal the data has no figure: unknown, never zero.
    expect(jcpoa.metal).toMatchObject({ status: 'unknown', actual: null });
    expect(jcpoa.metal.reason).toMatch(/the first is of 2021-02-08/);

    const late2019 = await at('2019-12-01');
    expect(late2019.water).toMatchObject({ status: 'breach', actual: 131.5 });
    expect(late2019.water.excess).toBeCloseTo(1.5, 6);

    const march2021 = await at('2021-03-01');
    expect(march2021.metal).toMatchObject({ status: 'breach', actual: 0.0036 });
    expect(march2021.protocol).toMatchObject({ status: 'breach', actual: 0 });
    expect(march2021.protocol.reason).toMatch(/not applied from 2021-02-23/);
    // The February 2021 report gave no heavy water figure: the earlier one stands, and the caveat says so.
    expect(march2021.water).toMatchObject({ status: 'within', actual: 128.5 });
    expect(march2021.water.caveats.join(' ')).toMatch(/GOV\/2021\/10 .* gives no figure/);
  });

  it('lists every IAEA report with the figures it gives, each from its row', async () => {
    const { reports } = await workbench.call('nuclear.reports', {});
    expect(reports).toHaveLength(68);
    expect(reports[0]).toMatchObject({ report: 'GOV/INF/2016/1', date: '2016-01-16', kind: 'interim' });
    const feb2021 = reports.find((r) => r.report === 'GOV/2021/10')!;
    expect(feb2021.figures.map((f) => [f.what, f.text])).toEqual(
      expect.arrayContaining([
        ['uranium metal', '0.0036 kg U'],
        ['heavy water', 'not reported'],
        ['enriched uranium stockpile', '2,967.8 kg U (verified 2021-02-16)'],
      ]),
    );
    expect(feb2021.figures.find((f) => f.what === 'enriched uranium stockpile')?.matchedBy).toBe('date');
    const ranged = await workbench.call('nuclear.reports', { from: '2021-01-01', to: '2021-06-30' });
    expect(ranged.reports.map((r) => r.date)).toEqual([
      '2021-01-04',
      '2021-02-10',
      '2021-02-23',
      '2021-03-08',
      '2021-03-15',
      '2021-03-31',
      '2021-04-17',
      '2021-04-21',
      '2021-05-31',
    ]);
    await expect(workbench.call('nuclear.reports', { from: '2022-01-01', to: '2021-01-01' })).rejects.toThrow(
      /to: 2021-01-01 is before from 2022-01-01/,
    );
  });

  it('ties every per-report row to a report of the list, so no figure is lost from the report picker', async () => {
    const series = await new NuclearRepository(workbench.db).latest();
    const known = new Set(series.reports.map((r) => r.report));
    const orphans = [...series.census, ...series.heavyWater, ...series.uraniumMetal]
      .filter((row) => !known.has(row.report))
      .map((row) => `${row.sourceRow.file} line ${row.sourceRow.line}: ${row.report}`);
    expect(orphans).toEqual([]);
  });

  it('recomputes the page data under edited assumptions (what-if)', async () => {
    const base = await workbench.call('nuclear.overview', {});
    const faster = await workbench.call('nuclear.overview', {
      machineCapacities: { 'IR-6': { low: 20, high: 20 }, 'IR-1': { low: 2, high: 2 } },
    });
    expect(base.breakoutHistory.length).toBeGreaterThan(10);
    // August 2019, after the first steps beyond the limits: the machines counted are the last per-plant
    // counts (the JCPOA cap at Natanz), so breakout is months, as published then, not "unreachable".
    const early = base.breakoutHistory.find((p) => p.asOf === '2019-08-19')!;
    expect(early.unreachableReason).toBeNull();
    expect(early.months!).toBeGreaterThan(6);
    expect(early.months!).toBeLessThan(14);
    expect(faster.breakout.months!).toBeLessThan(base.breakout.months!);
    expect(faster.machineCapacities.find((c) => c.machineType === 'IR-6')).toMatchObject({
      low: 20,
      source: 'given by the user',
    });
  });
});
