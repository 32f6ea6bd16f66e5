import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runMain } from '../run-main.testing.ts';

const run = (...argv: string[]) => runMain(argv);
const dataDir = mkdtempSync(join(tmpdir(), 'lockstep-plan-init-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

const shipped = (name: string) => new URL(`../../../../scenarios/${name}`, import.meta.url).pathname;
const economicsTitle =
  'JCPOA 2021 on sourced economics: the IAEA figures of May 2021, US relief valued by oil exports restored and assets released';

interface Measure {
  id: string;
  party: string;
  kind: string;
  value: number;
  assumed?: string[];
  source?: string;
  note?: string;
  facts?: Record<string, number | string>;
}

describe('lockstep plan init --relief-basis', () => {
  it('rebuilds scenarios/jcpoa-2021-economics.json from the shipped data, and explains its basis', async () => {
    const out = join(dataDir, 'economics.json');
    const init = await run(
      'plan',
      'init',
      '--as-of',
      '2021-05-22',
      '--snapshot',
      'ofac-sdn-2021-04-25',
      '--relief-basis',
      'economics',
      '--title',
      economicsTitle,
      '--out',
      out,
      '--data-dir',
      dataDir,
    );
    expect(init.stderr).not.toContain('Error');
    expect(init.code).toBe(0);
    const built = JSON.parse(readFileSync(out, 'utf8'));
    expect(built).toEqual(JSON.parse(readFileSync(shipped('jcpoa-2021-economics.json'), 'utf8')));
    expect(built.valueBasis).toMatchObject({
      id: 'economics',
      party: 'us',
      label: 'US relief valued by sourced economics: oil exports restored, assets released',
    });

    // The economics values sum to the side's 100 points; each traces to figures or is a labelled assumption.
    const relief = (s: { measures: Measure[] }) =>
      s.measures.filter((m) => m.party === 'us' && m.kind === 'sanctions-relief');
    const us = relief(built);
    expect(us.reduce((sum, m) => sum + m.value, 0)).toBeCloseTo(100, 6);
    for (const m of us) {
      if (m.assumed!.includes('value')) expect(m.note).toContain('Value assumed: no sourced figure');
      else {
        expect(m.note).toContain('Value from sourced economics');
        expect(m.source).toContain('data/sequencing/relief-economics-2021.json');
        expect(m.facts!.sourcedUsdBn).toBeGreaterThan(0);
      }
    }

    // What the data imply: the oil sector and the Central Bank (in the entities under IRAN) and the oil
    // companies under IFCA and EO 13846 weigh more than their designations; the vessels (no owner on the list,
    // so no figure) weigh less.
    const designations = JSON.parse(readFileSync(shipped('jcpoa-2021.json'), 'utf8'));
    const value = (s: { measures: Measure[] }, id: string) => s.measures.find((m) => m.id === id)!.value;
    const entity = built.measures.find((m: Measure) => m.id === 'us-lift-iran-entity') as Measure;
    expect(entity.facts).toMatchObject({ assetsReleasedUsdBn: 20, assetsReleasedDesignations: 1 });
    expect(entity.facts!.oilExportsRestoredNames).toContain('NATIONAL IRANIAN OIL COMPANY');
    for (const id of ['us-lift-iran-entity', 'us-lift-ifca']) {
      expect(value(built, id)).toBeGreaterThan(value(designations, id));
    }
    expect(value(built, 'us-lift-iran-vessel')).toBeLessThan(value(designations, 'us-lift-iran-vessel'));
    expect(relief(designations).map((m) => m.id)).toEqual(us.map((m) => m.id));

    const explained = await run('plan', 'explain', out, '--json', '--data-dir', dataDir);
    expect(explained.code).toBe(0);
    const explanation = JSON.parse(explained.stdout);
    expect(explanation.valueBasis).toBe(
      'US relief valued by sourced economics: oil exports restored, assets released',
    );
    const text = await run('plan', 'explain', out, '--data-dir', dataDir);
    expect(text.stdout).toContain('Value basis: US relief valued by sourced economics');
  }, 120_000);

  it('refuses an unknown basis naming the flag and what is accepted (exit 2)', async () => {
    const bad = await run('plan', 'init', '--relief-basis', 'dollars', '--data-dir', dataDir);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--relief-basis');
    expect(bad.stderr).toMatch(/designations, economics/);
    expect(bad.stdout).toBe('');
  });
});
