import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isoDate } from '../units.ts';
import { classifyEntityDesignations } from './classify-designations.ts';
import { buildDesignationHistory } from './designation-history.ts';
import { assessPosition } from './position-assessment.ts';
import { positionGap } from './position-gap.ts';
import { sanctionedEntities } from './sanctioned-entity.ts';
import type { SanctionsCategory, SanctionsPosition } from './sanctions-position.ts';
import { entry, eo13599List, snapshot, testCatalogue } from './testing/sanctions-fixtures.ts';

const catalogue = testCatalogue();
const nuclearGrounds = [
  { bases: ['nuclear' as const] },
  { jcpoa: ['relieved-on-implementation-day' as const, 'reimposes-relief' as const] },
];

/** A cut-down us-2021: the shape of data/sanctions/positions.json. */
const us: SanctionsPosition = {
  id: 'us-test',
  label: 'US test',
  name: 'US',
  holder: 'United States',
  date: isoDate('2021-04-21'),
  description: 'test',
  sources: [],
  scope: 'iran-related',
  rules: [
    {
      id: 'ifsr-follows',
      reason: 'IFSR follows',
      when: { programs: ['IFSR'] },
      follow: [{ programs: ['NPWMD', 'SDGT', 'IRGC'] }],
    },
    {
      id: 'layered-after-withdrawal',
      reason: 'layering',
      category: 'difficult',
      whenUndetermined: 'match',
      when: {
        bases: ['terrorism', 'human-rights'],
        imposedOnOrAfter: isoDate('2018-05-08'),
        priorDesignation: nuclearGrounds,
      },
    },
    {
      id: 'restored-relief',
      reason: 'JCPOA relief',
      category: 'lift',
      when: { jcpoa: ['relieved-on-implementation-day', 'reimposes-relief'] },
    },
    { id: 'non-nuclear', reason: 'kept', category: 'keep', when: {} },
  ],
};
const iran: SanctionsPosition = {
  ...us,
  id: 'iran-test',
  rules: [
    {
      id: 'since-2017',
      reason: 'since 2017',
      category: 'lift',
      whenUndetermined: 'match',
      when: { imposedOnOrAfter: isoDate('2017-01-01') },
    },
    { id: 'kept', reason: 'pre-2017', category: 'keep', when: {} },
  ],
};

// The Central Bank of Iran in miniature: IRAN in 2015, on the E.O. 13599 List in 2018, back on the SDN list
// with IRAN, then SDGT and IRGC added after 2019; a human-rights abuser listed in 2015; a drug lord.
const snapshots = [
  snapshot('2015', '2015-01-31', [
    entry(4632, 'CBI', ['IRAN']),
    entry(50, 'ABUSER', ['IRAN-HR']),
    entry(60, 'CARTEL', ['SDNTK']),
  ]),
  snapshot(
    '2018-cons',
    '2018-04-06',
    [entry(4632, 'CBI', ['IRAN'], { list: eo13599List })],
    ['consolidated'],
  ),
  snapshot('2019', '2019-01-04', [
    entry(4632, 'CBI', ['IRAN']),
    entry(50, 'ABUSER', ['IRAN-HR']),
    entry(60, 'CARTEL', ['SDNTK']),
  ]),
  snapshot('2021', '2021-08-18', [
    entry(4632, 'CBI', ['IRAN', 'SDGT', 'IRGC', 'IFSR']),
    entry(50, 'ABUSER', ['IRAN-HR']),
    entry(60, 'CARTEL', ['SDNTK']),
    entry(30000, 'OIL TRADER', ['IRAN-EO13846']),
  ]),
];
const history = buildDesignationHistory(snapshots);
const entities = sanctionedEntities(snapshots[3]!, history);

describe('classifying designations under a position', () => {
  it('puts the terrorism labels layered on the central bank after the withdrawal in the difficult category, with reasons', () => {
    const cbi = entities.find((entity) => entity.entryNumber === 4632)!;
    expect(cbi.implementationDayExit?.how).toContain('moved to the E.O. 13599 List');
    const classified = classifyEntityDesignations(us, catalogue, cbi);
    expect(classified.map((c) => [c.designation.program, c.category, c.rule])).toEqual([
      ['IRAN', 'lift', 'restored-relief'],
      ['SDGT', 'difficult', 'layered-after-withdrawal'],
      ['IRGC', 'difficult', 'layered-after-withdrawal'],
      ['IFSR', 'difficult', 'ifsr-follows'],
    ]);
    const sdgt = classified[1]!;
    expect(sdgt.evidence).toEqual([
      'SDGT has basis terrorism (source: test)',
      'SDGT imposed after 2019-01-04 and on or before 2021-08-18 (between the 2019 and 2021 snapshots): is on or after 2018-05-08',
      'IRAN on entry 4632 (held now), imposed after 2018-04-06 and on or before 2019-01-04 (between the 2018-cons and 2019 snapshots): before SDGT',
    ]);
    expect(sdgt.uncertain).toBe(false);
    expect(classified[3]!.evidence).toContain('follows SDGT: difficult by rule layered-after-withdrawal');
  });

  it('keeps a human-rights designation made before the withdrawal and leaves other countries out of scope', () => {
    const assessment = assessPosition(us, catalogue, entities);
    expect(assessment.reliefs.map((relief) => relief.entity.entryNumber)).toEqual([4632, 50, 30000]);
    const abuser = assessment.reliefs.find((relief) => relief.entity.entryNumber === 50)!;
    expect(abuser.classifications[0]).toMatchObject({ category: 'keep', rule: 'non-nuclear' });
  });

  it('relieves a party only when every designation is lifted, and counts the layered ones left sanctioned', () => {
    const { totals, reliefs } = assessPosition(us, catalogue, entities);
    expect(totals).toMatchObject({
      entities: 3,
      designations: 6,
      byCategory: { lift: 2, keep: 1, difficult: 3 },
      entitiesRelieved: 1,
      entitiesPartlyRelieved: 1,
      layeredEntities: 1,
      layeredLeftSanctioned: 1,
      layeredPartlyRelieved: 1,
      unknownPrograms: [],
    });
    const cbi = reliefs.find((relief) => relief.entity.entryNumber === 4632)!;
    expect(cbi.blockedBy.map((c) => c.designation.program)).toEqual(['SDGT', 'IRGC', 'IFSR']);
    expect(cbi.byBasis).toEqual([
      { basis: 'sectoral-economic', programs: ['IRAN'] },
      { basis: 'terrorism', programs: ['SDGT', 'IRGC'] },
      { basis: 'other', programs: ['IFSR'] },
    ]);
  });

  it('classifies a tag the catalogue does not know and reports it', () => {
    const [entity] = sanctionedEntities(snapshot('x', '2021-08-18', [entry(1, 'X', ['IRAN', 'IRAN-NEW'])]));
    const classified = classifyEntityDesignations(us, catalogue, entity!);
    expect(classified[1]).toMatchObject({ category: 'keep', unknownProgram: true });
    expect(assessPosition(us, catalogue, [entity!]).totals.unknownPrograms).toEqual(['IRAN-NEW']);
  });

  it('marks a designation decided on an undetermined date as uncertain, and records skipped rules', () => {
    const undated = sanctionedEntities(snapshot('x', '2021-08-18', [entry(1, 'X', ['IRAN', 'SDGT'])]))[0]!;
    const [, sdgt] = classifyEntityDesignations(us, catalogue, undated);
    expect(sdgt).toMatchObject({ category: 'difficult', uncertain: true });
    const strict: SanctionsPosition = {
      ...us,
      rules: us.rules.map((rule) => ({ ...rule, whenUndetermined: 'skip' as const })),
    };
    const [, skipped] = classifyEntityDesignations(strict, catalogue, undated);
    expect(skipped).toMatchObject({ category: 'keep', rule: 'non-nuclear' });
    expect(skipped!.skipped[0]).toMatchObject({ rule: 'layered-after-withdrawal' });
  });

  it('lists the gap between two positions designation by designation', () => {
    const gap = positionGap(
      assessPosition(us, catalogue, entities),
      assessPosition(iran, catalogue, entities),
    );
    expect(
      gap.items.map((item) => [item.entryNumber, item.program, item.first?.category, item.second?.category]),
    ).toEqual(
      [
        [4632, 'IFSR', 'difficult', 'lift'],
        [4632, 'SDGT', 'difficult', 'lift'],
        [4632, 'IRGC', 'difficult', 'lift'],
      ].sort((a, b) => String(a[1]).localeCompare(String(b[1]))),
    );
    expect(gap.moves).toEqual({ 'difficult -> lift': 3 });
    expect(gap.relievedOnlyBySecond).toEqual([4632]);
  });

  it('a party is effectively relieved if and only if every one of its designations is lifted', () => {
    const tags = ['IRAN', 'SDGT', 'IRGC', 'NPWMD', 'IRAN-HR', 'IRAN-EO13846'];
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom<SanctionsCategory>('lift', 'keep', 'difficult'), {
          minLength: tags.length,
          maxLength: tags.length,
        }),
        fc.array(fc.uniqueArray(fc.constantFrom(...tags), { minLength: 1, maxLength: 4 }), {
          minLength: 1,
          maxLength: 8,
        }),
        (categories, parties) => {
          const position: SanctionsPosition = {
            ...us,
            rules: [
              ...tags.map((tag, i) => ({
                id: `r${i}`,
                reason: tag,
                category: categories[i]!,
                when: { programs: [tag] },
              })),
              { id: 'rest', reason: 'rest', category: 'keep' as const, when: {} },
            ],
          };
          const snap = snapshot(
            's',
            '2021-08-18',
            parties.map((programs, i) =>
              entry(
                i + 1,
                `P${i}`,
                [...programs, 'IFSR'].filter((t, j, a) => a.indexOf(t) === j),
              ),
            ),
          );
          const { reliefs, totals } = assessPosition(position, catalogue, sanctionedEntities(snap));
          for (const relief of reliefs) {
            expect(relief.relieved).toBe(relief.classifications.every((c) => c.category === 'lift'));
            expect(relief.blockedBy.length).toBe(
              relief.classifications.filter((c) => c.category !== 'lift').length,
            );
          }
          expect(totals.designations).toBe(reliefs.reduce((n, r) => n + r.entity.designations.length, 0));
        },
      ),
    );
  });
});
