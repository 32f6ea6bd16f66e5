import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  benefitUsdBn,
  type EconomicFigure,
  groupRelief,
  type LiftedDesignation,
  type NuclearStepFact,
  type ReliefEconomics,
  scenarioFromData,
} from './scenario-from-data.ts';
import { roomyScenarioLimits } from './testing/roomy-limits.ts';
import { validateScenario } from './validate-scenario.ts';

function lifted(program: string, count: number, partyType = 'entity', from = 0): LiftedDesignation[] {
  return Array.from({ length: count }, (_, i) => ({
    program,
    rule: 'restored-jcpoa-relief',
    reason: 'inconsistent with the JCPOA',
    partyType: i % 2 === 0 ? partyType : 'vessel',
    entryNumber: from + i,
  }));
}

const steps: NuclearStepFact[] = [
  {
    id: 'ship-out-20pct',
    kind: 'ship-out',
    action: 'Ship out 62.8 kg U up to 20 %',
    restores: ['stockpile'],
    marginalInFullSet: 6,
    gainAlone: 0.75,
    sources: [{ dataset: 'iaea', file: 'nuclear/stock.csv', line: 12 }],
  },
  {
    id: 'remove-ir-2m',
    kind: 'remove-machines',
    action: 'Remove 522 IR-2m',
    restores: ['advanced-centrifuges'],
    marginalInFullSet: 3,
    gainAlone: 0.5,
    sources: [],
  },
  {
    id: 'restore-monitoring',
    kind: 'restore-monitoring',
    action: 'Restore monitoring',
    restores: ['additional-protocol'],
    marginalInFullSet: 0,
    gainAlone: 0,
    sources: [],
  },
];

describe('groupRelief', () => {
  it('splits a large program by kind of party, folds small groups, and keeps every designation', () => {
    const input = [
      ...lifted('IRAN', 300),
      ...lifted('IFCA', 20, 'entity', 1000),
      ...lifted('ISA', 3, 'entity', 2000),
    ];
    const groups = groupRelief(input);
    expect(groups.map((g) => [g.id, g.designations, g.statutory])).toEqual([
      ['us-lift-iran-entity', 150, false],
      ['us-lift-iran-vessel', 150, false],
      ['us-lift-ifca', 20, true],
      ['us-lift-other', 3, true],
    ]);
    expect(groups[0]!.text).toBe(
      'Lift the 150 designations of entities under IRAN (150 parties; restored-jcpoa-relief)',
    );
  });

  it('never loses or double-counts a designation', () => {
    const designation = fc.record({
      program: fc.constantFrom('IRAN', 'IFCA', 'ISA', 'NPWMD', 'IRAN-EO13846'),
      rule: fc.constantFrom('a', 'b'),
      reason: fc.constant('r'),
      partyType: fc.constantFrom('entity', 'vessel', 'aircraft', 'individual'),
      entryNumber: fc.nat(5000),
    });
    fc.assert(
      fc.property(fc.array(designation, { maxLength: 600 }), (input) => {
        const groups = groupRelief(input);
        expect(groups.reduce((sum, g) => sum + g.designations, 0)).toBe(input.length);
        expect(new Set(groups.map((g) => g.id)).size).toBe(groups.length);
      }),
    );
  });
});

describe('scenarioFromData', () => {
  const scenario = scenarioFromData({
    title: 'Test',
    nuclearAsOf: '2021-05-22',
    breakoutNow: 1.4,
    breakoutFullSet: 13.6,
    steps,
    snapshot: 'ofac-sdn-2021-08-18',
    position: 'us-2021',
    relief: groupRelief([...lifted('IRAN', 40), ...lifted('IFCA', 10, 'entity', 500)]),
    redLines: [{ id: 'us-half', party: 'us', kind: 'max-exposure', share: 0.5 }],
    phaseCount: 4,
    datasets: ['iaea (2021-05-22)'],
  });

  it('gives each side 100 points, derived from breakout months for Iran and marked as assumed otherwise', () => {
    const points = (party: string) =>
      scenario.measures.filter((m) => m.party === party).reduce((sum, m) => sum + m.value, 0);
    expect(points('iran')).toBeCloseTo(100, 6);
    expect(points('us')).toBeCloseTo(100, 6);
    const byId = new Map(scenario.measures.map((m) => [m.id, m]));
    // 90 points left after the 10 assumed for monitoring, shared 6:3 by breakout months.
    expect(byId.get('ship-out-20pct')!.value).toBe(60);
    expect(byId.get('remove-ir-2m')!.value).toBe(30);
    expect(byId.get('ship-out-20pct')!.assumed).not.toContain('value');
    expect(byId.get('restore-monitoring')!.assumed).toContain('value');
    expect(byId.get('ship-out-20pct')!.facts).toMatchObject({ breakoutMonthsInFullReturn: 6 });
    expect(byId.get('ship-out-20pct')!.source).toContain('nuclear/stock.csv line 12');
    for (const m of scenario.measures.filter((x) => x.kind === 'sanctions-relief')) {
      expect(m.assumed).toContain('value');
      expect(m.note).toBeTruthy();
    }
  });

  it('puts the congressional review before statutory relief only, and is a valid scenario', () => {
    expect(scenario.relations).toEqual([
      { before: 'us-congressional-review', after: 'us-lift-ifca', anchor: 'complete', lagDays: 0 },
    ]);
    expect(validateScenario(JSON.parse(JSON.stringify(scenario)), roomyScenarioLimits)).toEqual(scenario);
  });
});

describe('scenarioFromData on the economics basis', () => {
  const named = (program: string, names: string[], partyType = 'entity', from = 0): LiftedDesignation[] =>
    names.map((name, i) => ({
      program,
      rule: 'restored-jcpoa-relief',
      reason: 'inconsistent with the JCPOA',
      partyType,
      entryNumber: from + i,
      name,
    }));
  const figure = (id: string, value: number, unit: string): EconomicFigure => ({
    id,
    value,
    unit,
    publisher: 'Publisher',
    date: '2021-01-01',
    title: 'Title',
    url: 'https://example.org/',
    quote: 'quote',
    usedFor: 'test',
  });
  const economics: ReliefEconomics = {
    file: 'relief-economics.json',
    figures: [
      figure('before', 2.5, 'million barrels per day'),
      figure('now', 0.5, 'million barrels per day'),
      figure('price', 50, 'USD per barrel'),
      figure('assets', 20, 'USD bn'),
    ],
    benefits: [
      {
        id: 'oil-exports-restored',
        label: 'oil exports restored',
        kind: 'exports-restored',
        figures: { before: 'before', now: 'now', price: 'price' },
        years: 1,
        matches: ['\\bOIL\\b', 'TANKER'],
        matchNote: 'oil matched by name.',
      },
      {
        id: 'assets-released',
        label: 'assets released',
        kind: 'assets-released',
        figures: { amount: 'assets' },
        matches: ['CENTRAL BANK'],
        matchNote: 'assets to the central bank.',
      },
    ],
    unsourcedShare: 0.25,
    unsourcedNote: 'a quarter assumed.',
  };
  // 150 entities (3 oil, 1 central bank), 100 vessels (no names matched), 10 IFCA entities (1 oil).
  const relief = groupRelief([
    ...named('IRAN', [
      'NATIONAL IRANIAN OIL COMPANY',
      'IRANIAN OIL COMPANY (U.K.) LIMITED',
      'NATIONAL IRANIAN TANKER COMPANY',
      'CENTRAL BANK OF IRAN',
      ...Array.from({ length: 146 }, (_, i) => `BANK ${i}`),
    ]),
    ...named(
      'IRAN',
      Array.from({ length: 100 }, (_, i) => `SHIP ${i}`),
      'vessel',
      1000,
    ),
    ...named(
      'IFCA',
      ['NATIONAL IRANIAN OIL COMPANY', ...Array.from({ length: 9 }, (_, i) => `PORT ${i}`)],
      'entity',
      200,
    ),
  ]);
  const input = {
    title: 'Test',
    nuclearAsOf: '2021-05-22',
    breakoutNow: 1.4,
    breakoutFullSet: 13.6,
    steps,
    snapshot: 'ofac-sdn-2021-04-25',
    position: 'us-2021',
    relief,
    redLines: [],
    phaseCount: 4,
    datasets: ['iaea (2021-05-22)'],
  };
  const byDesignations = scenarioFromData(input);
  const byEconomics = scenarioFromData({ ...input, reliefBasis: 'economics', economics });
  const us = (s: typeof byEconomics) =>
    s.measures.filter((m) => m.party === 'us' && m.kind === 'sanctions-relief');
  const value = (s: typeof byEconomics, id: string) => s.measures.find((m) => m.id === id)!.value;

  it('works out each benefit in USD bn from its figures', () => {
    // (2.5 - 0.5) million b/d x 365 x 50 USD = 36.5 USD bn.
    expect(benefitUsdBn(economics.benefits[0]!, economics.figures).usdBn).toBe(36.5);
    expect(benefitUsdBn(economics.benefits[1]!, economics.figures).usdBn).toBe(20);
    expect(() =>
      benefitUsdBn({ ...economics.benefits[1]!, figures: { amount: 'missing' } }, economics.figures),
    ).toThrow('missing');
  });

  it('sums to the side’s 100 points, and labels the basis', () => {
    expect(us(byEconomics).reduce((sum, m) => sum + m.value, 0)).toBeCloseTo(100, 6);
    expect(byEconomics.valueBasis).toEqual({
      id: 'economics',
      party: 'us',
      label: 'US relief valued by sourced economics: oil exports restored, assets released',
      source: 'relief-economics.json',
    });
    expect(byDesignations.valueBasis).toBeUndefined();
    expect(byEconomics.assumptions!.join(' ')).toContain('sourced economics');
    expect(validateScenario(JSON.parse(JSON.stringify(byEconomics)), roomyScenarioLimits)).toEqual(
      byEconomics,
    );
  });

  it('traces every US value to a figure or a labelled assumption', () => {
    for (const m of us(byEconomics)) {
      if (m.assumed!.includes('value')) {
        expect(m.note).toContain('Value assumed: no sourced figure');
        expect(m.source).toContain('no sourced figure');
      } else {
        expect(m.note).toContain('Value from sourced economics');
        expect(m.source).toMatch(/sourced economics \(relief-economics\.json\): (before|assets)/);
        expect(m.facts!.sourcedUsdBn).toBeGreaterThan(0);
      }
    }
    // Oil: 3 of the 4 matching designations in the entity measure, 1 in IFCA; assets: all to the entities.
    const entity = byEconomics.measures.find((m) => m.id === 'us-lift-iran-entity')!;
    expect(entity.facts).toMatchObject({
      oilExportsRestoredUsdBn: 27.4,
      oilExportsRestoredDesignations: 3,
      assetsReleasedUsdBn: 20,
      assetsReleasedNames: 'CENTRAL BANK OF IRAN',
    });
    // 75 sourced points shared 47.4 : 9.1 by USD bn; 25 assumed points to the vessels alone.
    expect(value(byEconomics, 'us-lift-iran-entity')).toBeCloseTo((75 * 47.375) / 56.5, 0);
    expect(value(byEconomics, 'us-lift-iran-vessel')).toBe(25);
  });

  it('weighs oil and the central bank more than the designation count does, the vessels less', () => {
    expect(value(byEconomics, 'us-lift-iran-entity')).toBeGreaterThan(
      value(byDesignations, 'us-lift-iran-entity'),
    );
    expect(value(byEconomics, 'us-lift-ifca')).toBeGreaterThan(value(byDesignations, 'us-lift-ifca'));
    expect(value(byEconomics, 'us-lift-iran-vessel')).toBeLessThan(
      value(byDesignations, 'us-lift-iran-vessel'),
    );
  });

  it('gives all 100 points by designations when no figure matches, and needs the figures', () => {
    const none = scenarioFromData({
      ...input,
      reliefBasis: 'economics',
      economics: { ...economics, benefits: economics.benefits.map((b) => ({ ...b, matches: ['NOTHING'] })) },
    });
    expect(us(none).map((m) => m.value)).toEqual(us(byDesignations).map((m) => m.value));
    expect(us(none).every((m) => m.assumed!.includes('value'))).toBe(true);
    expect(() => scenarioFromData({ ...input, reliefBasis: 'economics' })).toThrow('sourced figures');
  });
});
