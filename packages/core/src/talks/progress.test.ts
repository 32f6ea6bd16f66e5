import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addClause,
  type ClauseStatus,
  emptyText,
  expertGroups,
  type NegotiatingText,
  proposeAlternative,
  setClauseStatus,
} from './negotiating-text.ts';
import { progress, progressHistory } from './progress.ts';
import { coordinator, unwrap } from './testing/actors.ts';

const day = (n: number) => new Date(Date.UTC(2021, 3, 6 + n, 12)).toISOString();

/** A text with one clause per entry of `plan`: its weight and the status it reaches on day 10 + index. */
function textWith(
  group: NegotiatingText['group'],
  plan: readonly { readonly weight: number; readonly status: ClauseStatus }[],
): NegotiatingText {
  let text = emptyText(group);
  plan.forEach(({ weight, status }, i) => {
    const clauseId = `${group}-${i}`;
    text = unwrap(
      addClause(text, coordinator, {
        id: clauseId,
        title: 't',
        weight,
        expectedVersion: text.version,
        at: day(i),
      }),
    );
    text = unwrap(
      proposeAlternative(text, coordinator, {
        clauseId,
        id: 'a',
        text: 'x',
        proposer: 'coordinator',
        expectedVersion: 1,
        at: day(i),
      }),
    );
    if (status !== 'open') {
      text = unwrap(
        setClauseStatus(text, coordinator, { clauseId, to: status, expectedVersion: 2, at: day(10 + i) }),
      );
    }
  });
  return text;
}

describe('progress', () => {
  it('counts agreed clauses per group and overall, plain and weighted', () => {
    const sanctions = textWith('sanctions-lifting', [
      { weight: 3, status: 'agreed' },
      { weight: 1, status: 'agreed-ad-referendum' },
    ]);
    const nuclear = textWith('nuclear-implementation', [
      { weight: 1, status: 'agreed' },
      { weight: 1, status: 'open' },
      { weight: 2, status: 'open' },
    ]);
    const result = progress([sanctions, nuclear, emptyText('sequencing')]);
    expect(result.groups.map((g) => [g.group, g.agreed, g.total, g.share, g.weightedShare])).toEqual([
      ['sanctions-lifting', 1, 2, 0.5, 0.75],
      ['nuclear-implementation', 1, 3, 1 / 3, 0.25],
      ['sequencing', 0, 0, 0, 0],
    ]);
    expect(result.groups[0]!.provisionalShare).toBe(1);
    expect(result.overall).toMatchObject({
      total: 5,
      agreed: 2,
      adReferendum: 1,
      share: 0.4,
      weightedShare: 0.5,
    });
  });

  it('gives progress as it stood at an earlier instant, and over time', () => {
    const text = textWith('sequencing', [
      { weight: 1, status: 'agreed' },
      { weight: 1, status: 'agreed' },
    ]);
    expect(progress([text], day(5)).overall).toMatchObject({ total: 2, agreed: 0 });
    expect(progress([text], day(10)).overall).toMatchObject({ total: 2, agreed: 1 });
    expect(progress([text], day(0)).overall).toMatchObject({ total: 1, agreed: 0 });
    expect(progressHistory([text]).map((p) => [p.at, p.progress.overall.share])).toEqual([
      [day(0), 0],
      [day(1), 0],
      [day(10), 0.5],
      [day(11), 1],
    ]);
  });

  it('stays between 0 and 1 and equals agreed / total', () => {
    const clause = fc.record({
      weight: fc.integer({ min: 1, max: 10 }),
      status: fc.constantFrom<ClauseStatus>('open', 'agreed-ad-referendum', 'agreed'),
    });
    fc.assert(
      fc.property(fc.tuple(...expertGroups.map(() => fc.array(clause, { maxLength: 6 }))), (plans) => {
        const texts = expertGroups.map((group, i) => textWith(group, plans[i]!));
        const { groups, overall } = progress(texts);
        for (const figures of [...groups, overall]) {
          for (const share of [figures.share, figures.provisionalShare, figures.weightedShare]) {
            expect(share).toBeGreaterThanOrEqual(0);
            expect(share).toBeLessThanOrEqual(1);
          }
          expect(figures.share).toBe(figures.total === 0 ? 0 : figures.agreed / figures.total);
        }
        const all = plans.flat();
        expect(overall.agreed).toBe(all.filter((c) => c.status === 'agreed').length);
        expect(overall.total).toBe(all.length);
      }),
      { numRuns: 100 },
    );
  });
});
