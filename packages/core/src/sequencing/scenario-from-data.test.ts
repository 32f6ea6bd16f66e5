import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  groupRelief,
  type LiftedDesignation,
  type NuclearStepFact,
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
