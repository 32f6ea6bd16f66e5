import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type IsoDate, isoDate } from '../units.ts';
import {
  addDays,
  changeLogDating,
  type EventDating,
  happenedBefore,
  happenedBeforeEvent,
  happenedOnOrAfter,
  mayHaveHappenedOn,
} from './event-dating.ts';
import { jcpoaMilestones } from './jcpoa-milestones.ts';

const between = (after: string | undefined, by: string): EventDating => ({
  ...(after !== undefined && { after: isoDate(after) }),
  by: isoDate(by),
  basis: 'snapshots',
  evidence: 'test',
});

describe('event dating', () => {
  it('states the JCPOA milestones as real calendar days, in order', () => {
    const days = Object.values(jcpoaMilestones);
    for (const day of days) expect(isoDate(day)).toBe(day);
    expect(days).toEqual([...days].sort());
    expect(jcpoaMilestones.implementationDay).toBe('2016-01-16');
    expect(jcpoaMilestones.usWithdrawal).toBe('2018-05-08');
    expect(jcpoaMilestones.secondReimposition).toBe('2018-11-05');
  });

  it('decides a date only when the whole interval lies on one side of it', () => {
    const withdrawal = jcpoaMilestones.usWithdrawal;
    // First seen 2019-01, after the 2018-04-06 list: may predate the withdrawal.
    expect(happenedOnOrAfter(between('2018-04-06', '2019-01-04'), withdrawal)).toBe('undetermined');
    expect(happenedOnOrAfter(between('2019-01-04', '2021-08-18'), withdrawal)).toBe('yes');
    // Absent from the 2018-05-07 copy, present on 2018-05-08: it happened on the 8th.
    expect(happenedOnOrAfter(between('2018-05-07', '2018-05-08'), withdrawal)).toBe('yes');
    expect(happenedOnOrAfter(between(undefined, '2015-01-31'), withdrawal)).toBe('no');
    expect(happenedBefore(between(undefined, '2015-01-31'), withdrawal)).toBe('yes');
    expect(mayHaveHappenedOn(between('2015-01-01', '2018-04-06'), jcpoaMilestones.implementationDay)).toBe(
      true,
    );
    expect(mayHaveHappenedOn(between('2016-01-16', '2018-04-06'), jcpoaMilestones.implementationDay)).toBe(
      false,
    );
  });

  it('dates a change-log day to that day or the one before', () => {
    const dating = changeLogDating(isoDate('2021-03-01'));
    expect(dating).toMatchObject({ after: '2021-02-27', by: '2021-03-01', basis: 'change-log' });
    expect(addDays(isoDate('2020-03-01'), -1)).toBe('2020-02-29');
  });

  it('never says yes to both "before" and "on or after" a date', () => {
    const day = fc.integer({ min: 0, max: 4000 }).map((n) => addDays(isoDate('2014-01-01'), n));
    fc.assert(
      fc.property(day, day, day, (a: IsoDate, b: IsoDate, date: IsoDate) => {
        const [after, by] = a < b ? [a, b] : [b, a];
        const dating = between(after, by);
        const onOrAfter = happenedOnOrAfter(dating, date);
        const before = happenedBefore(dating, date);
        expect([onOrAfter, before].filter((v) => v === 'yes').length).toBeLessThanOrEqual(1);
        expect(onOrAfter === 'undetermined').toBe(before === 'undetermined');
        const earlier = between(undefined, after);
        expect(happenedBeforeEvent(earlier, dating)).toBe('yes');
      }),
    );
  });
});
