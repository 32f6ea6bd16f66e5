import { describe, expect, it } from 'vitest';
import { exhaustiveSearch } from './exhaustive-search.ts';
import { smallScenario } from './testing/small-scenario.ts';

describe('exhaustiveSearch', () => {
  it('finds the best plan: ship-out and notify first, then oil with the protocol', () => {
    const best = exhaustiveSearch(smallScenario);
    expect(best?.schedule.map((s) => [s.measure, s.phase, s.startDay])).toEqual([
      ['ship-out', 0, 0],
      ['protocol', 1, 74],
      ['notify', 0, 0],
      ['oil', 1, 74],
    ]);
    // 104 days, Iran's peak exposure 30 - 5 = 25 after phase 0, the US never ahead.
    expect(best?.score).toMatchObject({ durationDays: 104, imbalance: 25, objective: 129 });
    expect(best?.score.exposure.map((c) => c.peak)).toEqual([0, 25]);
  });

  it('returns nothing when the red lines leave no plan', () => {
    expect(
      exhaustiveSearch({
        ...smallScenario,
        redLines: [{ id: 'iran-us-first', party: 'iran', kind: 'all-after-theirs' }],
      }),
    ).toBeUndefined();
  });
});
